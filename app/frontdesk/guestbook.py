"""The guest book (buku tamu): who came, for which service, linked to their ticket; and what the
visit led to — a walk-in request of another service, and the visitor's rating."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select, update

from app.core.access import roles as r
from app.core.access.people import AppUser
from app.core.access.visitors import enrol_visitor, find_returning
from app.core.calendar.clock import utcnow
from app.core.reference.models import Office
from app.core.satisfaction.index import clean_comment, ikm_of, parse_scores, store_rating
from app.core.service import walk_in_starters
from app.core.values.validation import InvalidValue, parse_id
from app.core.workflow.audit import record_event
from app.core.workflow.engine import TransitionError, user_roles
from app.core.workflow.procedure import procedure_of
from app.core.workflow.records import CHANNEL_WALK_IN
from app.extensions import db
from app.frontdesk.models import QueueTicket, Visit
from app.frontdesk.procedure import NAME, QUEUE, is_queue_service

PURPOSE_LIMIT = 2000


def _invalid(errors: dict) -> TransitionError:
    return TransitionError(422, _("Some of what you entered is not valid."), errors)


def _not_found() -> TransitionError:
    return TransitionError(404, _("The page or record you are looking for does not exist, or is not yours to see."))


def recorder_role(user) -> str:
    """Who writes in the guest book: an officer, a kiosk device, or (no user) the visitor at the kiosk."""
    if user is None or not getattr(user, "is_authenticated", False):
        return r.PUBLIC
    held = user_roles(user)
    for role in (r.OFFICER, r.KIOSK, r.ADMIN):
        if role in held:
            return role
    raise TransitionError(403, _("Your role may not write in the guest book."))


def _ticket_for(raw, office_id: int | None) -> QueueTicket:
    ticket = db.session.get(QueueTicket, parse_id(raw)) if parse_id(raw) else None
    if ticket is None or (office_id is not None and ticket.office_id != office_id):
        raise _invalid({"ticket": _("There is no such ticket at this office.")})
    if ticket.visit is not None:
        raise _invalid({"ticket": _("This ticket already has its guest-book entry.")})
    if ticket.status in ("no_show", "not_served"):
        raise _invalid({"ticket": _("This ticket is closed.")})
    return ticket


def _purpose(form: dict, errors: dict) -> str:
    raw = form.get("purpose") or ""
    if not isinstance(raw, str):
        errors["purpose"] = _("Enter a text.")
        return ""
    if len(raw) > PURPOSE_LIMIT:
        errors["purpose"] = _("At most %(n)d characters.", n=PURPOSE_LIMIT)
    return raw.strip()


def record_visit(form: dict, user, office: Office | None = None, ticket: QueueTicket | None = None) -> Visit:
    """A guest-book entry. The person is found by `visitor` (an officer's pick), by identity number or
    e-mail (a returning visitor), or enrolled once from the form's details; nothing is stored on any
    refusal. A kiosk (device or public page) writes for its own office only."""
    if not isinstance(form, dict):
        raise _invalid({})
    role = recorder_role(user)
    if role in (r.OFFICER, r.KIOSK):
        office = user.office
    if ticket is None and form.get("ticket") not in (None, ""):
        ticket = _ticket_for(form.get("ticket"), office.id if office is not None else None)
    elif ticket is not None and ticket.visit is not None:
        raise _invalid({"ticket": _("This ticket already has its guest-book entry.")})
    if office is None and ticket is not None:
        office = ticket.office
    if office is None:
        raise _invalid({"office": _("There is no office with this code.")})
    errors: dict = {}
    purpose = _purpose(form, errors)
    service = ticket.service if ticket is not None else form.get("service")
    if not is_queue_service(service):
        errors["service"] = _("Choose one of the front desk's services.")
    person = None
    if role in (r.OFFICER, r.ADMIN) and form.get("visitor") not in (None, ""):
        person = db.session.get(AppUser, parse_id(form.get("visitor")) or 0)
        if person is None or r.APPLICANT not in user_roles(person):
            errors["visitor"] = _("Choose a registered service user.")
    if person is None and "visitor" not in errors:
        number, email = form.get("id_document_number"), form.get("email")
        found = find_returning(number if isinstance(number, str) else "", email if isinstance(email, str) else "")
        person = found.user if found is not None else None
    if errors:
        raise _invalid(errors)
    try:
        if person is None:
            person = enrol_visitor(form, office.id, commit=False)
        visit = Visit(office_id=office.id, applicant_id=person.id, ticket_id=ticket.id if ticket else None,
                      service=service, purpose=purpose, created_by_id=getattr(user, "id", None), created_at=utcnow())
        db.session.add(visit)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return visit


# --- what the visit led to --------------------------------------------------------------------------

def starters() -> dict:
    """name -> (label, start) of every service a visit can lead to (declared as Service.walk_in)."""
    return walk_in_starters()


def start_request(ticket: QueueTicket, starter: str, officer):
    """From a ticket being served, the matching request of another service with the guest-book person
    as applicant; the visit remembers it (ticket → visit → request). Returns the new record."""
    if ticket.status != "serving":
        raise TransitionError(409, _("Start the request while the visitor is being served."))
    visit = ticket.visit
    if visit is None:
        raise TransitionError(409, _("Fill in the guest book for this ticket first."))
    if visit.outcome_record_id is not None:
        raise TransitionError(409, _("This visit already led to a request."))
    found = starters().get(starter)
    if found is None:
        raise _invalid({"service": _("Choose one of the front desk's services.")})
    _label, start = found
    record = start(visit.applicant, officer)
    procedure = procedure_of(record)
    visit.outcome_procedure, visit.outcome_record_id = procedure.name, record.id
    record_event(NAME, ticket, "start_request", officer, r.OFFICER, ticket.status, ticket.status, None,
                 {"procedure": procedure.name, "record": record.id})
    db.session.commit()
    return record


def outcome_url(visit: Visit) -> str | None:
    """Where the officer opens the request the visit led to."""
    from app.core.workflow.procedure import PROCEDURES

    procedure = PROCEDURES.get(visit.outcome_procedure or "")
    if procedure is None or not procedure.staff_path:
        return None
    return f"{procedure.staff_path}{visit.outcome_record_id}"


# --- the visitor's rating, through the one-time link on the ticket ------------------------------------

def ticket_by_token(token) -> QueueTicket | None:
    if not isinstance(token, str) or not 16 <= len(token) <= 64:
        return None
    return db.session.scalars(select(QueueTicket).where(QueueTicket.rating_token == token)).first()


def rating_refusal(ticket: QueueTicket | None) -> str | None:
    """Why this link cannot take a rating now, or None."""
    if ticket is None:
        return _("This rating link is not valid.")
    if ticket.rated_at is not None:
        return _("This visit has already been rated. Thank you!")
    if ticket.status != "done":
        return _("You can rate the service once you have been served.")
    return None


def rate_visit(token, form: dict) -> QueueTicket:
    """Records the nine IKM scores of a served visit, once: the link works a single time."""
    ticket = ticket_by_token(token)
    if ticket is None:
        raise _not_found()
    refusal = rating_refusal(ticket)
    if refusal:
        raise TransitionError(409, refusal)
    errors = {}
    try:
        scores = parse_scores(form.get("scores"))
    except InvalidValue as exc:
        errors["scores"] = str(exc)
    try:
        comment = clean_comment(form.get("comment") or "")
    except InvalidValue as exc:
        errors["comment"] = str(exc)
    if errors:
        raise _invalid(errors)
    try:
        # The link is spent by a compare-and-set: of two submissions at once, one records.
        spent = db.session.execute(update(QueueTicket).where(QueueTicket.id == ticket.id,
                                                             QueueTicket.rated_at.is_(None))
                                   .values(rated_at=utcnow()).execution_options(synchronize_session=False))
        if spent.rowcount != 1:
            raise TransitionError(409, _("This visit has already been rated. Thank you!"))
        visit = ticket.visit
        store_rating(QUEUE.name, ticket.id, ticket.office_id, ticket.service, CHANNEL_WALK_IN, scores, comment,
                     visit.applicant_id if visit else None)
        record_event(NAME, ticket, "rate", None, r.PUBLIC, ticket.status, ticket.status, None,
                     {"ikm": round(ikm_of(scores.values()), 2)})
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    db.session.refresh(ticket)
    return ticket
