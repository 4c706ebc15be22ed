"""Statistical consultation (Konsultasi Statistik), seed 004: a searchable knowledge base (FAQs and
published answers), consultation threads with messages and attachments, follow-up meetings with an
iCalendar invitation, walk-in and WhatsApp/e-mail consultations logged by the officer."""
from flask_babel import lazy_gettext as _l

from app.core.service import Service

SERVICE = Service(
    name="consultations",
    label=_l("Statistical consultation"),
    models="app.consultations.models",
    procedures=("app.consultations.procedure",),
    screens="app.consultations.screens:register",
    cli="app.consultations.cli:consultations_cli",
    demo="app.consultations.demo:seed_consultations",
    walk_in="app.consultations.walk_in:start",
)
