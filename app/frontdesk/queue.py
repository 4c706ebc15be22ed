"""The queue's use cases: take a number, call the next visitor, close the day, and what the display
board and a ticket say. State changes go through the engine (app.core.workflow.engine)."""
from __future__ import annotations

import secrets
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.core.access import roles as r
from app.core.calendar.clock import utcnow
from app.core.calendar.workdays import jakarta_today, to_jakarta_date
from app.core.documents.numbering import next_daily_number
from app.core.reference.models import Office
from app.core.workflow.engine import TransitionError, apply, start, user_roles
from app.core.workflow.records import CHANNEL_WALK_IN
from app.extensions import db
from app.frontdesk.models import QueueTicket
from app.frontdesk.offices import desk_for, line_for, lines_of, office_by_code
from app.frontdesk.procedure import QUEUE

# How often "Panggil berikutnya" tries again when another desk took the same ticket first (SQLite,
# where there is no SKIP LOCKED and the compare-and-set decides).
CALL_ATTEMPTS = 8
RECENT_CALLS = 6


def _invalid(errors: dict) -> TransitionError:
    return TransitionError(422, _("Some of what you entered is not valid."), errors)


def taker_role(user, office: Office) -> str:
    """The role in which `user` takes a ticket at `office`; the public kiosk page has no user.

    A kiosk device or an officer takes tickets for their own office only (403 elsewhere)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return r.PUBLIC
    held = user_roles(user)
    if r.ADMIN in held:
        return r.ADMIN
    for role in (r.KIOSK, r.OFFICER):
        if role in held:
            if user.office_id != office.id:
                raise TransitionError(403, _("This device takes tickets for its own office only."))
            return role
    raise TransitionError(403, _("Your role may not take queue tickets."))


def take_ticket(office_code, service, user, now: datetime | None = None) -> QueueTicket:
    """A new number for `service` at the office: the next of the office's day for that service,
    never duplicated and never skipped (the counter row is locked until the ticket is committed)."""
    office = office_by_code(office_code) if not isinstance(office_code, Office) else office_code
    if office is None:
        raise _invalid({"office": _("There is no office with this code.")})
    line = line_for(office.id, service)
    if line is None:
        raise _invalid({"service": _("This office's queue does not offer this service.")})
    role = taker_role(user, office)
    now = now or utcnow()
    day = to_jakarta_date(now)
    try:
        seq = next_daily_number(office.id, day, f"queue:{line.service}")
        ticket = QueueTicket(office_id=office.id, service=line.service, day=day, seq=seq,
                             number=f"{line.prefix}-{seq:03d}", channel=CHANNEL_WALK_IN, created_at=now,
                             updated_at=now, recalls=0, rating_token=secrets.token_urlsafe(24),
                             created_by_id=getattr(user, "id", None))
        start(QUEUE, ticket, user if role != r.PUBLIC else None, role)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    if seq == 1 and day == jakarta_today():
        # The day's first number: whatever an earlier day left waiting is closed now (as the cron would).
        close_day(office.id)
    return ticket


def ahead_of(ticket: QueueTicket) -> int:
    """How many visitors wait before this ticket in its queue."""
    return db.session.scalar(select(func.count(QueueTicket.id)).where(
        QueueTicket.office_id == ticket.office_id, QueueTicket.service == ticket.service,
        QueueTicket.day == ticket.day, QueueTicket.status == "waiting",
        (QueueTicket.created_at < ticket.created_at) |
        ((QueueTicket.created_at == ticket.created_at) & (QueueTicket.id < ticket.id)))) or 0


def call_next(user, desk_code, services=None) -> QueueTicket:
    """"Panggil berikutnya": the oldest waiting ticket of `services` (default: all the desk serves)
    goes to the desk. Two desks pressing at once never get the same ticket: on PostgreSQL the row is
    locked with SKIP LOCKED (the other desk takes the next one), and everywhere the engine's
    compare-and-set refuses a second call of the same ticket (we then try the next)."""
    office_id = getattr(user, "office_id", None)
    if r.OFFICER not in user_roles(user) or not office_id:
        raise TransitionError(403, _("Your role may not call visitors."))
    desk = desk_for(office_id, desk_code)
    if desk is None:
        raise _invalid({"desk": _("This office has no desk %(desk)s.", desk=str(desk_code or "")[:10])})
    if services in (None, "", []):
        services = desk.service_codes
    if not isinstance(services, list) or not all(isinstance(s, str) for s in services):
        raise _invalid({"services": _("Send the services as a list.")})
    foreign = [s for s in services if s not in desk.service_codes]
    if foreign:
        raise _invalid({"services": _("Desk %(desk)s does not serve: %(services)s.", desk=desk.code,
                                      services=", ".join(foreign)[:200])})
    postgres = db.engine.dialect.name == "postgresql"
    taken_by_others: list[int] = []
    for _attempt in range(CALL_ATTEMPTS):
        query = (select(QueueTicket.id)
                 .where(QueueTicket.office_id == office_id, QueueTicket.status == "waiting",
                        QueueTicket.service.in_(services), QueueTicket.day == jakarta_today(),
                        QueueTicket.id.not_in(taken_by_others))
                 .order_by(QueueTicket.created_at, QueueTicket.id).limit(1))
        if postgres:
            query = query.with_for_update(skip_locked=True)
        ticket_id = db.session.scalar(query)
        if ticket_id is None:
            db.session.rollback()
            if taken_by_others:
                break
            raise TransitionError(404, _("Nobody is waiting for these services."))
        try:
            return apply(QUEUE, ticket_id, "call", user, {"desk": desk.code}).record
        except TransitionError as exc:
            if exc.status != 409:
                raise
            # Another desk called it a moment before us: the next one in line is ours to try.
            taken_by_others.append(ticket_id)
    raise TransitionError(409, _("Other desks are calling at the same moment. Press again."))


def close_day(office_id: int | None = None) -> tuple[int, int]:
    """(closed, checked): tickets of earlier days still waiting (or called and never served) become
    not served; each through the engine as the system, one transaction each."""
    query = select(QueueTicket.id).where(QueueTicket.status.in_(("waiting", "called")),
                                         QueueTicket.day < jakarta_today())
    if office_id is not None:
        query = query.where(QueueTicket.office_id == office_id)
    ids = db.session.scalars(query.order_by(QueueTicket.id)).all()
    done = 0
    for ticket_id in ids:
        try:
            apply(QUEUE, ticket_id, "close_day", None)
            done += 1
        except TransitionError:  # served or closed meanwhile
            pass
    return done, len(ids)


def current_at_desk(office_id: int, desk_code: str) -> QueueTicket | None:
    """The ticket a desk is attending today (called or being served), latest call first."""
    return db.session.scalars(select(QueueTicket).where(
        QueueTicket.office_id == office_id, QueueTicket.desk == desk_code,
        QueueTicket.status.in_(("called", "serving")), QueueTicket.day == jakarta_today())
        .order_by(QueueTicket.last_called_at.desc())).first()


def waiting_counts(office_id: int, day=None) -> dict[str, int]:
    rows = db.session.execute(select(QueueTicket.service, func.count(QueueTicket.id)).where(
        QueueTicket.office_id == office_id, QueueTicket.day == (day or jakarta_today()),
        QueueTicket.status == "waiting").group_by(QueueTicket.service)).all()
    return {service: count for service, count in rows}


def _iso(value) -> str | None:
    return value.isoformat() + "Z" if value else None


def display_state(office: Office) -> dict:
    """What the board shows: numbers now called and at which desk, the last few called, waiting counts
    per service. Numbers, desks and services only: never a name."""
    today = jakarta_today()
    called = db.session.execute(
        select(QueueTicket.id, QueueTicket.number, QueueTicket.desk, QueueTicket.service, QueueTicket.status,
               QueueTicket.last_called_at, QueueTicket.recalls)
        .where(QueueTicket.office_id == office.id, QueueTicket.day == today,
               QueueTicket.last_called_at.is_not(None))
        .order_by(QueueTicket.last_called_at.desc(), QueueTicket.id.desc()).limit(RECENT_CALLS + 12)).all()
    lines = lines_of(office.id)
    labels = {line.service: str(line.service_label) for line in lines}
    counts = waiting_counts(office.id, today)

    def shown(row) -> dict:
        return {"number": row.number, "desk": row.desk, "service": row.service,
                "service_label": labels.get(row.service, row.service), "status": row.status,
                "called_at": _iso(row.last_called_at)}

    now_called, desks_seen = [], set()
    for row in called:
        if row.status in ("called", "serving") and row.desk not in desks_seen:
            desks_seen.add(row.desk)
            now_called.append(shown(row))
    latest = called[0] if called else None
    return {
        "office": {"code": office.code, "name": office.name},
        "day": today.isoformat(),
        "now": _iso(utcnow()),
        "now_called": sorted(now_called, key=lambda item: item["desk"] or ""),
        "recent": [shown(row) for row in called[:RECENT_CALLS]],
        "waiting": [{"service": line.service, "service_label": labels[line.service], "prefix": line.prefix,
                     "count": counts.get(line.service, 0)} for line in lines],
        # Changes whenever a number is called or called again: the board announces it once.
        "announce": ({"key": f"{latest.id}:{latest.recalls}:{_iso(latest.last_called_at)}",
                      "number": latest.number, "desk": latest.desk} if latest else None),
    }
