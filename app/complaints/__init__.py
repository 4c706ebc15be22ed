"""Complaints (Pengaduan, SPEC §3.4): filed by anyone on the public page or recorded by staff from every
other channel (suggestion box, e-mail, WhatsApp, social media, telephone, LAPOR!), triaged, answered and
closed by the office's complaint handler on the LAPOR! practice clock, tracked by an unguessable code."""
from flask_babel import lazy_gettext as _l

from app.core.service import Service

SERVICE = Service(
    name="complaints",
    label=_l("Complaints"),
    models="app.complaints.models",
    procedures=("app.complaints.procedure",),
    screens="app.complaints.screens:register",
    cli="app.complaints.cli:complaints_cli",
    demo="app.complaints.demo:seed_complaints",
)
