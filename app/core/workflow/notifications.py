"""Who hears of a transition, and in which language: the applicant, or a role at the office."""
from __future__ import annotations

from flask_babel import force_locale
from sqlalchemy import select

from app.core.mail.outbox import queue_mail
from app.core.mail.templates import render_event_mail
from app.core.workflow.procedure import APPLICANT
from app.extensions import db


def _recipients(record, audience: str) -> list[tuple[str, str, str, bool]]:
    """(e-mail, name, locale, is the applicant) of everyone in an audience."""
    from app.core.access.people import AppUser

    if audience == APPLICANT:
        address = record.applicant_address()
        return [(*address, True)] if address else []
    users = db.session.scalars(select(AppUser).where(
        AppUser.office_id == record.office_id, AppUser.active.is_(True),
        AppUser.roles.any(name=audience))).all()
    return [(user.email, getattr(user, "display_name", None) or user.first_name,
             getattr(user, "locale", None) or "id", False) for user in users if user.email]


def notify(procedure, record, action, audience: str, note: str, new_status: str) -> None:
    for email, name, locale, is_applicant in _recipients(record, audience):
        with force_locale(locale):
            context = {
                "name": name,
                "record_label": procedure.record_label(record),
                "action_label": str(action.label),
                "status_label": procedure.state_label(new_status),
                "note": note,
                "url": procedure.record_url(record, for_applicant=is_applicant),
                "office_name": record.office.name if record.office else "",
            }
            subject, body = render_event_mail(f"{procedure.name}.{action.name}", locale, context)
        queue_mail(email, subject, body, event_name=f"{procedure.name}.{action.name}")
