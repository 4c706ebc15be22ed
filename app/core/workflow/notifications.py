"""Who hears of a transition, and in which language: the applicant, or a role at the office."""
from __future__ import annotations

from datetime import datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from app.core.access import roles as r
from app.core.calendar.clock import utcnow
from app.core.mail.outbox import queue_mail
from app.core.mail.templates import render_event_mail
from app.core.values.formatting import indonesian_date, indonesian_datetime
from app.core.workflow.procedure import APPLICANT
from app.core.workflow.sla import RUNNING
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


def _steps_for(procedure, record, audience: str) -> str:
    """The steps the audience may take on the record now, as labels (guards aside: the page says why)."""
    role = r.APPLICANT if audience == APPLICANT else audience
    labels = [str(action.label) for action in procedure.actions.values()
              if record.status in action.sources and role in action.roles and action.awaited]
    return ", ".join(labels)


def _next_step(procedure, record, audience: str, is_applicant: bool) -> str:
    if procedure.next_step is not None:
        text = procedure.next_step(record, is_applicant)
        if text or is_applicant:
            return text
    steps = _steps_for(procedure, record, audience)
    return _("Open the record and take the next step: %(steps)s.", steps=steps) if steps else ""


def _deadline(procedure, record, is_applicant: bool) -> str:
    when = procedure.deadline(record, is_applicant) if procedure.deadline is not None else None
    if when is None and not is_applicant and record.sla_state == RUNNING:
        when = record.sla_due_date
    if when is None:
        return ""
    return indonesian_datetime(when) if isinstance(when, datetime) else indonesian_date(when)


def notify(procedure, record, action, audience: str, note: str, new_status: str,
           attachment_document_id: int | None = None) -> None:
    """Mails everyone in `audience` what happened, with the record's link (and a document attached,
    e.g. a meeting's calendar invitation)."""
    for email, name, locale, is_applicant in _recipients(record, audience):
        with force_locale(locale):
            context = {
                "name": name,
                "record_label": procedure.record_label(record),
                "procedure_label": str(procedure.label),
                "action_label": str(action.label),
                "happened": str(action.done or action.label),
                "when": indonesian_datetime(utcnow()),
                "status_label": procedure.state_label(new_status),
                "note": note,
                "next_step": _next_step(procedure, record, audience, is_applicant),
                "deadline": _deadline(procedure, record, is_applicant),
                "url": procedure.record_url(record, for_applicant=is_applicant),
                "office_name": record.office.name if record.office else "",
            }
            subject, body = render_event_mail(f"{procedure.name}.{action.name}", locale, context)
        queue_mail(email, subject, body, event_name=f"{procedure.name}.{action.name}",
                   attachment_document_id=attachment_document_id)
