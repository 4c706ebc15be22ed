"""Home-page panels: each service may add providers; the core one counts at-risk and overdue work."""
from __future__ import annotations

from typing import Callable

from flask_babel import gettext as _
from sqlalchemy import case, func, select

from app.core.access import roles as r
from app.core.workflow.procedure import PROCEDURES
from app.core.workflow.sla import time_limit_condition
from app.extensions import db

# (user) -> list of {"title", "count", "url", "tone"}; services append theirs at registration.
PANEL_PROVIDERS: list[Callable] = []


def sla_counts(office_id: int) -> dict[str, int]:
    """Running records of an office: overdue (due before today) and at risk (≤ 2 working days left)."""
    counts = {"overdue": 0, "at_risk": 0}
    for procedure in PROCEDURES.values():
        model = procedure.model
        overdue, at_risk = db.session.execute(
            select(*(func.count(case((time_limit_condition(model, flag, office_id), 1)))
                     for flag in ("overdue", "at_risk")))
            .where(model.office_id == office_id)
        ).one()
        counts["overdue"] += overdue
        counts["at_risk"] += at_risk
    return counts


def _office_sla_panels(user) -> list[dict]:
    names = {role.name for role in user.roles}
    if not user.office_id or not names & {r.OFFICER, r.HEAD}:
        return []
    counts = sla_counts(user.office_id)
    return [
        {"title": _("Overdue in my office"), "count": counts["overdue"], "url": None,
         "tone": "danger" if counts["overdue"] else "muted"},
        {"title": _("At risk (≤ 2 working days left)"), "count": counts["at_risk"], "url": None,
         "tone": "warning" if counts["at_risk"] else "muted"},
    ]


def home_panels(user) -> list[dict]:
    panels = _office_sla_panels(user)
    for provider in PANEL_PROVIDERS:
        panels.extend(provider(user) or [])
    return panels
