"""The core's schema, in the order its relationships need: people first (every record refers to them)."""
from app.core.access import people  # noqa: F401
from app.core.documents import attached, numbering  # noqa: F401
from app.core.mail import outbox  # noqa: F401
from app.core.reference import models as reference  # noqa: F401
from app.core.satisfaction import models as satisfaction  # noqa: F401
from app.core.workflow import audit  # noqa: F401
