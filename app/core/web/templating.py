"""Jinja helpers shared by every template: Jakarta times, Indonesian dates and rupiah."""
from __future__ import annotations

from app.core.calendar.clock import format_jakarta
from app.core.satisfaction.models import ELEMENT_QUESTIONS, SCALE, scale_words
from app.core.values.formatting import indonesian_date, indonesian_month, rupiah


def register_template_helpers(app) -> None:
    app.jinja_env.filters["jakarta"] = format_jakarta
    app.jinja_env.filters["rupiah"] = rupiah
    app.jinja_env.filters["long_date"] = lambda value: indonesian_date(value) if value else "-"
    app.jinja_env.filters["month_year"] = indonesian_month
    # The rating form explains each IKM element and what 1–4 mean for it, in words.
    app.jinja_env.globals["ikm_questions"] = ELEMENT_QUESTIONS
    app.jinja_env.globals["ikm_scale"] = SCALE
    app.jinja_env.globals["scale_words"] = scale_words
