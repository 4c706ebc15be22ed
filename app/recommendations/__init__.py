"""Recommendation of statistical activities (Rekomendasi Kegiatan Statistik, ROMANTIK), seed 002: the
activity form, its verification, the letter the head of office signs, and the public register."""
from flask_babel import lazy_gettext as _l

from app.core.service import Service

SERVICE = Service(
    name="recommendations",
    label=_l("Recommendation of statistical activities"),
    models="app.recommendations.models",
    procedures=("app.recommendations.procedure",),
    screens="app.recommendations.screens:register",
    walk_in="app.recommendations.walk_in:start_walk_in",
    demo="app.recommendations.demo:seed_recommendations",
)
