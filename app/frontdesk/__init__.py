"""Front desk (Buku Tamu, Antrian), SPEC §3.5: the kiosk and its queue numbers, the guest book, the
desks that call and serve, the display board, the one-time rating link and the 10-minute standard."""
from flask_babel import lazy_gettext as _l

from app.core.jobs.registry import Job
from app.core.service import Service

SERVICE = Service(
    name="frontdesk",
    label=_l("Front desk"),
    models="app.frontdesk.models",
    procedures=("app.frontdesk.procedure",),
    screens="app.frontdesk.screens:register",
    cli="app.frontdesk.cli:frontdesk_cli",
    demo="app.frontdesk.demo:seed_frontdesk",
    # Tickets left waiting from earlier days become not served (also done by a day's first ticket).
    jobs=(Job("frontdesk.close_day", "app.frontdesk.queue:close_day", period=60 * 60),),
)
