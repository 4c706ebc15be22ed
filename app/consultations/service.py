"""Use cases the screens, the REST API and the CLI share: file a consultation (online, or logged by
the officer for a walk-in, WhatsApp or e-mail guest), edit the log, close idle threads.
State changes stay with the engine (app.core.workflow.engine.apply)."""
from __future__ import annotations

from datetime import timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from app.consultations.forms import clean_subject, resolve_office, resolve_topic
from app.consultations.models import (
    CHANNEL_EMAIL,
    CHANNEL_WHATSAPP,
    CHANNELS,
    FOLLOW_UPS,
    Consultation,
    ConsultationSettings,
)
from app.consultations.procedure import CONSULTATION
from app.consultations.thread import clean_message, post
from app.core.access import roles as r
from app.core.access.people import ApplicantProfile, AppUser
from app.core.calendar.clock import utcnow
from app.core.calendar.workdays import jakarta_today, to_jakarta_date
from app.core.values.validation import InvalidValue, is_choice
from app.core.workflow.engine import TransitionError, apply, start, user_roles
from app.core.workflow.notifications import notify
from app.core.workflow.procedure import APPLICANT, Action, Context
from app.core.workflow.records import CHANNEL_ONLINE, CHANNEL_WALK_IN
from app.core.workflow.sla import calendar_for
from app.extensions import db

DEFAULT_IDLE_DAYS = 5
STAFF_CHANNELS = (CHANNEL_WALK_IN, CHANNEL_WHATSAPP, CHANNEL_EMAIL)
# The mail a consultation's filing sends: to the office's officers (online) or to the applicant
# (logged by an officer). Not a procedure step: the record is filed by engine.start.
FILED = Action("create", _l("New consultation"), (), "open", ())


def _invalid(errors: dict) -> TransitionError:
    return TransitionError(422, _("Some of what you entered is not valid."), errors)


def find_applicant(identifier) -> AppUser:
    """A service user's account by ID number (KTP, SIM, passport …), e-mail or username."""
    identifier = identifier.strip() if isinstance(identifier, str) else ""
    if not identifier:
        raise InvalidValue(_("This field is required."))
    user = db.session.scalars(select(AppUser).outerjoin(ApplicantProfile, ApplicantProfile.user_id == AppUser.id)
                              .where(or_(AppUser.username == identifier,
                                         func.lower(AppUser.email) == identifier.lower(),
                                         ApplicantProfile.id_document_number == identifier))).first()
    if user is None:
        raise InvalidValue(_("No service user has this ID number or e-mail. Ask them to register, or look "
                             "them up under Service users."))
    if r.APPLICANT not in user_roles(user):
        raise InvalidValue(_("This account is not a service user's account."))
    return user


def _clean_request(data: dict) -> tuple[dict, dict]:
    values, errors = {}, {}
    for name, clean in (("subject", clean_subject), ("question", clean_message)):
        try:
            values[name] = clean(data.get(name))
        except InvalidValue as exc:
            errors[name] = str(exc)
    topic = resolve_topic(data.get("topic"))
    if topic is None:
        errors["topic"] = _("Choose a topic from the list.")
    values["topic"] = topic
    return values, errors


def create_consultation(data: dict, user, attachment=None) -> Consultation:
    """The caller's new consultation. An applicant asks online at the office they name (`office`: code
    or id); an officer logs one for a guest (`applicant`: ID number, e-mail or username; `channel`:
    walk_in, whatsapp or email) at their own office."""
    if not isinstance(data, dict):
        raise _invalid({})
    roles = user_roles(user)
    values, errors = _clean_request(data)
    if r.APPLICANT in roles:
        role, channel, office, applicant = r.APPLICANT, CHANNEL_ONLINE, resolve_office(data.get("office")), user
        if office is None:
            errors["office"] = _("Choose the office you ask.")
    elif r.OFFICER in roles:
        role, office = r.OFFICER, user.office
        channel = data.get("channel") or CHANNEL_WALK_IN
        if not is_choice(channel, STAFF_CHANNELS):
            errors["channel"] = _("Choose how the consultation came in: walk-in, WhatsApp or e-mail.")
        try:
            applicant = find_applicant(data.get("applicant"))
        except InvalidValue as exc:
            errors["applicant"] = str(exc)
        follow_up = data.get("follow_up_service") or ""
        if not is_choice(follow_up, FOLLOW_UPS) or (follow_up and channel != CHANNEL_WALK_IN):
            errors["follow_up_service"] = _("Choose a service from the list.")
    else:
        raise TransitionError(403, _("Your role may not open a consultation."))
    if errors:
        raise _invalid(errors)
    try:
        record = Consultation(office_id=office.id, applicant_id=applicant.id, channel=channel, created_by_id=user.id,
                              subject=values["subject"], question=values["question"], topic_id=values["topic"].id,
                              follow_up_service="" if role == r.APPLICANT else follow_up, last_message_at=utcnow())
        start(CONSULTATION, record, user, role)
        context = Context(user=user, role=role, values={}, note="", action=None, procedure=CONSULTATION)
        post(record, context, values["question"], attachment, on_behalf=role != r.APPLICANT)
        notify(CONSULTATION, record, FILED, r.OFFICER if role == r.APPLICANT else APPLICANT, values["question"],
               record.status)
        db.session.commit()
    except InvalidValue as exc:
        db.session.rollback()
        raise _invalid({"attachment": str(exc)})
    except BaseException:
        db.session.rollback()
        raise
    return record


def log_consultation(data: dict, user, attachment=None) -> Consultation:
    """The officer's log of a consultation given at the desk or by WhatsApp/e-mail: the question, and
    when already given, the answer (the thread is then answered, and closed when `close` is set)."""
    answer = data.get("answer")
    if answer is not None and not isinstance(answer, str):
        raise _invalid({"answer": _("Enter a text.")})
    try:
        answer = clean_message(answer) if answer and answer.strip() else ""
    except InvalidValue as exc:
        raise _invalid({"answer": str(exc)})
    record = create_consultation(data, user, attachment)
    if answer:
        apply(CONSULTATION, record.id, "answer", user, {"message": answer})
        if data.get("close") in (True, "1", "on", "true"):
            apply(CONSULTATION, record.id, "close", user, {})
    db.session.refresh(record)
    return record


# --- closing threads the applicant left --------------------------------------------------------------

def idle_days(office_id: int) -> int:
    days = db.session.scalar(select(ConsultationSettings.idle_close_days)
                             .where(ConsultationSettings.office_id == office_id))
    return days or DEFAULT_IDLE_DAYS


def idle_for(record, today=None) -> int:
    """Working days since the last message of a thread waiting on its applicant."""
    return calendar_for(record.office_id).working_days_between(to_jakarta_date(record.last_message_at),
                                                               today or jakarta_today())


def close_idle(today=None) -> tuple[int, int]:
    """(closed, checked): threads whose applicant has not answered for the office's N working days
    (default 5) are closed by the system, with a mail to the applicant."""
    # N working days are at least N calendar days: a cheap SQL bound first, then each office's calendar.
    shortest = min([DEFAULT_IDLE_DAYS] + list(db.session.scalars(select(ConsultationSettings.idle_close_days))))
    bound = utcnow() - timedelta(days=max(shortest, 1))
    candidates = db.session.scalars(select(Consultation).where(
        Consultation.status.in_(CONSULTATION.actions["close_idle"].sources),
        Consultation.last_message_at <= bound)).all()
    closed = 0
    for record in candidates:
        days = idle_days(record.office_id)
        if idle_for(record, today) < days:
            continue
        note = _("Closed because we had no response for %(days)d working days. If your question is still open, "
                 "you are welcome to ask again.", days=days)
        try:
            apply(CONSULTATION, record.id, "close_idle", None, {"note": note})
            closed += 1
        except TransitionError:  # answered or closed meanwhile
            db.session.rollback()
    return closed, len(candidates)


def channel_choices() -> list[tuple[str, str]]:
    """How a consultation the officer logs came in."""
    return [(code, str(CHANNELS[code])) for code in STAFF_CHANNELS]
