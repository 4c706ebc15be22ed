"""Home-page panels of the sale: work waiting on the person signed in."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.core.access import roles as r
from app.core.access.scoping import scope_for, visible
from app.core.workflow.engine import user_roles
from app.core.workflow.sla import time_limit_condition
from app.extensions import db
from app.sales.models import SalesRequest


def panels(user) -> list[dict]:
    names = user_roles(user)
    scope = scope_for(user)

    def _count(*conditions) -> int:
        return db.session.scalar(select(func.count(SalesRequest.id)).where(
            visible(SalesRequest, scope), *conditions)) or 0

    result = []
    if user.office_id and r.OFFICER in names:
        office = SalesRequest.office_id == user.office_id
        to_check = _count(office, SalesRequest.status == "submitted")
        at_risk = _count(office, time_limit_condition(SalesRequest, "at_risk", user.office_id))
        overdue = _count(office, time_limit_condition(SalesRequest, "overdue", user.office_id))
        result += [
            {"title": _("Sales requests to check"), "count": to_check, "tone": "primary" if to_check else "muted",
             "url": url_for("SalesRequestView.list", state="submitted")},
            {"title": _("Sales requests at risk"), "count": at_risk, "tone": "warning" if at_risk else "muted",
             "url": url_for("SalesRequestView.list", flag="at_risk")},
            {"title": _("Sales requests overdue"), "count": overdue, "tone": "danger" if overdue else "muted",
             "url": url_for("SalesRequestView.list", flag="overdue")},
        ]
    if user.office_id and r.TREASURER in names:
        waiting = _count(SalesRequest.office_id == user.office_id,
                         SalesRequest.status.in_(("invoiced", "payment_reported")))
        result.append({"title": _("Payments to act on"), "count": waiting, "tone": "primary" if waiting else "muted",
                       "url": url_for("SalesPaymentsView.list")})
    if r.APPLICANT in names:
        mine = _count(SalesRequest.applicant_id == user.id,
                      SalesRequest.status.in_(("draft", "returned", "invoiced", "delivered")))
        result.append({"title": _("Sales requests waiting for you"), "count": mine,
                       "tone": "primary" if mine else "muted", "url": url_for("MySalesRequestView.list")})
    return result
