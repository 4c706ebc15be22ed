"""Use cases of complaints, shared by the public page, the staff screens, the REST API and the CLI."""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.complaints.models import LAPOR, STAFF_CHANNELS, WEBSITE, Complaint
from app.complaints.procedure import (
    CLOSE_AFTER_DAYS,
    COMPLAINTS,
    clean_text,
    closing_day,
    working_days_since_answer,
)
from app.complaints.tracking import new_code, normalise, shown
from app.core.access import roles as r
from app.core.calendar.clock import utcnow
from app.core.calendar.workdays import JAKARTA, jakarta_today
from app.core.documents.attached import attach_upload
from app.core.mail.outbox import queue_mail
from app.core.mail.templates import render_event_mail
from app.core.reference.models import Office
from app.core.values.validation import InvalidValue, parse_id
from app.core.workflow import engine
from app.core.workflow.engine import TransitionError
from app.core.workflow.procedure import find_record_by_number
from app.core.workflow.sla import refresh_clock
from app.extensions import db

BODY_LIMIT = 5000
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
PHONE = re.compile(r"\+?[0-9][0-9 \-]{5,24}")


def _invalid(errors: dict) -> TransitionError:
    return TransitionError(422, _("Some of what you entered is not valid."), errors)


def _text(payload: dict, name: str, limit: int, errors: dict, required: bool = False) -> str:
    raw = payload.get(name)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            errors[name] = _("This field is required.")
        return ""
    try:
        return clean_text(raw, limit)
    except InvalidValue as exc:
        errors[name] = str(exc)
        return ""


def office_by_code(raw) -> Office | None:
    if not isinstance(raw, str) or not raw.strip():
        return None
    return db.session.scalars(select(Office).where(Office.code == raw.strip())).first()


def clean_officer(office_id: int, raw):
    """The staff member of the office a complaint names (username or id); None when left empty."""
    from app.core.access.people import AppUser

    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if not isinstance(raw, (str, int)) or isinstance(raw, bool):
        raise InvalidValue(_("Choose an officer of this office."))
    query = select(AppUser).where(AppUser.office_id == office_id, AppUser.roles.any(AppUser.roles.property.mapper
                                                                                    .class_.name.in_(r.STAFF)))
    user_id = parse_id(raw)
    found = db.session.scalars(query.where(AppUser.id == user_id)).first() if user_id else None
    if found is None and isinstance(raw, str):
        found = db.session.scalars(query.where(AppUser.username == raw.strip())).first()
    if found is None:
        raise InvalidValue(_("Choose an officer of this office."))
    return found


def about(office: Office, raw: str) -> tuple[str, int] | None:
    """(procedure, record id) of the office's request, ticket or letter a complaint names."""
    found = find_record_by_number(office.id, raw)
    if found is None:
        raise InvalidValue(_("%(office)s has no request, ticket or letter with the number %(number)s.",
                             office=office.name, number=raw))
    procedure, record = found
    return procedure.name, record.id


def _common(payload: dict, office: Office | None, errors: dict) -> dict:
    """The fields a complaint has whoever files it."""
    values = {
        "name": _text(payload, "name", 150, errors),
        "email": _text(payload, "email", 200, errors),
        "phone": _text(payload, "phone", 30, errors),
        "body": _text(payload, "body", BODY_LIMIT, errors, required=True),
        "about_number": _text(payload, "about", 80, errors),
    }
    if values["email"] and not EMAIL.fullmatch(values["email"]):
        errors["email"] = _("Enter an e-mail address such as nama@contoh.id.")
    if values["phone"] and not PHONE.fullmatch(values["phone"]):
        errors["phone"] = _("Enter a telephone number of digits, such as 0812 3456 7890.")
    if values["about_number"] and office is not None:
        try:
            values["about_procedure"], values["about_record_id"] = about(office, values["about_number"])
        except InvalidValue as exc:
            errors["about"] = str(exc)
    return values


def _file(office: Office, values: dict, user, role: str, attachment=None) -> Complaint:
    """Files the complaint with a fresh tracking code; the attachment goes with it, in one transaction."""
    for _attempt in range(5):  # 2^50 codes: a collision is all but impossible, but never a 500
        complaint = Complaint(office_id=office.id, tracking_code=new_code(), created_by_id=getattr(user, "id", None),
                              **values)
        try:
            with db.session.begin_nested():
                engine.start(COMPLAINTS, complaint, user, role)
            break
        except IntegrityError as exc:
            refused = str(exc.orig).lower()
            if "lapor" in refused:  # the same ticket recorded meanwhile by a colleague
                raise _invalid({"lapor_id": _("This LAPOR! ticket is already recorded at this office.")})
            if "tracking_code" not in refused:
                raise
    else:
        raise TransitionError(503, _("The complaint could not be filed just now. Please send it again."))
    refresh_clock(complaint, COMPLAINTS)
    if attachment is not None:
        data, filename = attachment
        try:
            attach_upload(COMPLAINTS.name, complaint, "attachment", data, filename, user, role)
        except InvalidValue as exc:
            raise _invalid({"attachment": str(exc)})
    _mail_receipt(complaint)
    return complaint


def _mail_receipt(complaint: Complaint) -> None:
    address = complaint.applicant_address()
    if address is None:
        return
    email, name, locale = address
    subject, body = render_event_mail("complaints.received", locale, {
        "name": name, "code": shown(complaint.tracking_code), "office_name": complaint.office.name,
        "due": complaint.sla_due_date.strftime("%d-%m-%Y") if complaint.sla_due_date else "",
        "url": COMPLAINTS.record_url(complaint, for_applicant=True)})
    queue_mail(email, subject, body, event_name="complaints.received")


def file_public(payload: dict, attachment=None) -> Complaint:
    """A complaint from the public page or `POST /api/v1/complaint/public`: no account needed."""
    errors: dict = {}
    office = office_by_code(payload.get("office"))
    if office is None:
        errors["office"] = _("Choose an office from the list.")
    values = _common(payload, office, errors)
    if errors:
        raise _invalid(errors)
    try:
        complaint = _file(office, {**values, "channel": WEBSITE, "received_at": utcnow()}, None, r.PUBLIC,
                          attachment)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return complaint


def parse_received(raw, errors: dict) -> datetime | None:
    """The day (or moment) a complaint reached the office, as given in Jakarta time → naive UTC.
    A day alone counts from the start of that day."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        errors["received_at"] = _("This field is required.")
        return None
    try:
        text = raw.strip() if isinstance(raw, str) else raw
        moment = (datetime.fromisoformat(text) if isinstance(text, str) and "T" in text
                  else datetime.combine(date.fromisoformat(text), time(8, 0)))
    except (TypeError, ValueError):
        errors["received_at"] = _("Enter a date as YYYY-MM-DD.")
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=JAKARTA)
    moment = moment.astimezone(JAKARTA)
    if moment.date() > jakarta_today():
        errors["received_at"] = _("The date received cannot be in the future.")
        return None
    if moment.date() < jakarta_today() - timedelta(days=366):
        errors["received_at"] = _("The date received is more than a year ago.")
        return None
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def record_by_staff(payload: dict, user) -> Complaint:
    """A complaint that reached the office elsewhere, recorded by its handler (`POST /api/v1/complaint/`)."""
    errors: dict = {}
    office = db.session.get(Office, user.office_id) if user.office_id else None
    if engine.role_among(user, (r.ADMIN,)) and payload.get("office"):
        office = office_by_code(payload.get("office"))
    if office is None:
        errors["office"] = _("Choose an office from the list.")
    channel = payload.get("channel")
    if not isinstance(channel, str) or channel not in STAFF_CHANNELS:
        errors["channel"] = _("Choose how the complaint arrived.")
    values = _common(payload, office, errors)
    values["lapor_id"] = _text(payload, "lapor_id", 40, errors, required=channel == LAPOR) or None
    if values["lapor_id"] and channel != LAPOR:
        errors["lapor_id"] = _("Only a complaint that came through LAPOR! has a LAPOR! ticket id.")
    received_at = parse_received(payload.get("received_at"), errors)
    if office is not None and values["lapor_id"] and db.session.scalar(select(Complaint.id).where(
            Complaint.office_id == office.id, Complaint.lapor_id == values["lapor_id"])):
        errors["lapor_id"] = _("This LAPOR! ticket is already recorded at this office.")
    if office is not None and "about_officer" in payload:
        try:
            officer = clean_officer(office.id, payload.get("about_officer"))
            values["about_officer_id"] = officer.id if officer else None
        except InvalidValue as exc:
            errors["about_officer"] = str(exc)
    if errors:
        raise _invalid(errors)
    role = engine.role_among(user, (r.COMPLAINTS, r.ADMIN))
    try:
        complaint = _file(office, {**values, "channel": channel, "received_at": received_at}, user, role)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return complaint


def by_code(raw) -> Complaint | None:
    code = normalise(raw)
    if code is None:
        return None
    return db.session.scalars(select(Complaint).where(Complaint.tracking_code == code)).first()


def public_view(complaint: Complaint) -> dict:
    """What the tracking page and API show: the state of the complaint, never who filed it or what they wrote."""
    answered = complaint.status in ("answered", "closed")
    return {
        "code": shown(complaint.tracking_code),
        "status": complaint.status,
        "status_label": COMPLAINTS.state_label(complaint.status),
        "office": complaint.office.name,
        "received_at": complaint.received_at,
        "due_date": complaint.sla_due_date,
        "answer": complaint.answer if answered else None,
        "answered_at": complaint.answered_at if answered else None,
        "may_reopen": any(action.name == "reopen" for action in engine.available_actions(COMPLAINTS, complaint,
                                                                                         None)),
        "reopen_until": closing_day(complaint) if complaint.status == "answered" else None,
    }


def reopen_by_complainant(complaint: Complaint, note) -> str:
    """The complainant, holding the code, is not satisfied with the answer: back to the handler."""
    outcome = engine.apply(COMPLAINTS, complaint.id, "reopen", None, {"note": note})
    return outcome.status


def close_answered() -> list[str]:
    """Closes every answered complaint whose complainant did not reply within 10 working days."""
    closed = []
    candidates = db.session.scalars(select(Complaint).where(Complaint.status == "answered")
                                    .order_by(Complaint.id)).all()
    for complaint in candidates:
        since = working_days_since_answer(complaint)
        if since is not None and since > CLOSE_AFTER_DAYS:
            engine.apply(COMPLAINTS, complaint.id, "close", None,
                         {"note": _("Closed automatically: no reply within %(days)d working days of the answer.",
                                    days=CLOSE_AFTER_DAYS)})
            closed.append(complaint.label)
    return closed

