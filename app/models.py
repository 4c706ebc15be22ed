"""Imports every model module so SQLAlchemy and Alembic see the whole schema."""
from app.core import people  # noqa: F401  (first: the user model others refer to)
from app.core import models as core_models  # noqa: F401
from app.core import audit, documents, numbering, outbox  # noqa: F401
from app.sales import models as sales_models  # noqa: F401
from app.satisfaction import models as satisfaction_models  # noqa: F401
from app.recommendations import models as recommendation_models  # noqa: F401
