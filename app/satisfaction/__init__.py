"""The satisfaction index (IKM, Permen PANRB 14/2017) reported: per office (a monitor's rolled up over its
offices), per service and per period, on screen for the head and the monitor, on a public page per office,
as an export and through the API. It reads every `Rating` row the core stores, whichever way it came."""
from flask_babel import lazy_gettext as _l

from app.core.service import Service

SERVICE = Service(
    name="satisfaction",
    label=_l("Satisfaction index (IKM)"),
    models="app.core.satisfaction.models",
    screens="app.satisfaction.screens:register",
    demo="app.satisfaction.demo:seed_ratings",
)
