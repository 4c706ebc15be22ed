"""Who hears of a transition, and in which language: the applicant, or a role at the office."""
from __future__ import annotations

from flask_babel import force_locale
from sqlalchemy import select

from app.core.mail.templates import render_event_mail
from app.core.mail.outbox import queue_mail
from app.core.workflow.procedure import APPLICANT
from app.extensions import db


def _recipients(record, audience: str) -> list[tuple[object, str]]:
    """(user, path prefix) pairs for an audience."""
    from app.core.access.people import AppUser

    if audience == APPLICANT:
        return [(record.applicant, "applicant")] if record.applicant and record.applicant.email else []
    users = db.session.scalars(select(AppUser).where(
        AppUser.office_id == record.office_id, AppUser.active.is_(True),
        AppUser.roles.any(name=audience))).all()
    return [(user, "staff") for user in users if user.email]


def notify(procedure, record, action, audience: str, note: str, new_status: str) -> None:
    for user, side in _recipients(record, audience):
        locale = getattr(user, "locale", None) or "id"
        with force_locale(locale):
            context = {
                "name": getattr(user, "display_name", None) or user.first_name,
                "record_label": procedure.record_label(record),
                "action_label": str(action.label),
                "status_label": procedure.state_label(new_status),
                "note": note,
                "url": procedure.record_url(record, for_applicant=side == "applicant"),
                "office_name": record.office.name if record.office else "",
            }
            subject, body = render_event_mail(f"{procedure.name}.{action.name}", locale, context)
        queue_mail(user.email, subject, body, event_name=f"{procedure.name}.{action.name}")
