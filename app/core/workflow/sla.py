"""The SLA clock: working days counted from the audit trail, in Asia/Jakarta, per office calendar.

The clock starts at the action a procedure marks (requirements complete), pauses while the
record waits on the applicant, resumes when it is the office's turn again and stops when the
service is delivered. Because it is derived from the trail, a holiday added later moves the
due dates of open records: `refresh_open_clocks()` recomputes them.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, or_, select

from app.core.calendar.workdays import Overrides, WorkingCalendar, jakarta_today, to_jakarta_date
from app.core.workflow.audit import history
from app.core.workflow.procedure import PROCEDURES, SLA_PAUSE, SLA_RESTART, SLA_RESUME, SLA_START, SLA_STOP
from app.extensions import db

AT_RISK_DAYS = 2
IDLE, RUNNING, PAUSED, STOPPED = "idle", "running", "paused", "stopped"


# Overrides change a few times a year; each process re-reads them at most this often, and at
# once after a change it made itself (forget_calendars).
CALENDAR_TTL_SECONDS = 60
_calendars: dict[int | None, tuple[float, WorkingCalendar]] = {}


def forget_calendars() -> None:
    _calendars.clear()


def calendar_for(office_id: int | None) -> WorkingCalendar:
    """The national calendar with the admin's overrides for all offices and for this one."""
    from app.core.reference.models import HolidayOverride

    cached = _calendars.get(office_id)
    if cached and time.monotonic() - cached[0] < CALENDAR_TTL_SECONDS:
        return cached[1]
    rows = db.session.scalars(select(HolidayOverride).where(
        or_(HolidayOverride.office_id.is_(None), HolidayOverride.office_id == office_id))).all()
    calendar = _calendar_of(rows)
    _calendars[office_id] = (time.monotonic(), calendar)
    return calendar


def _calendar_of(rows) -> WorkingCalendar:
    return WorkingCalendar(Overrides(
        days_off={row.day: row.name for row in rows if row.is_day_off},
        working_days=frozenset(row.day for row in rows if not row.is_day_off),
    ))


def prime_calendars(office_ids) -> None:
    """Caches the calendars of these offices in one query (a list spanning many offices)."""
    from app.core.reference.models import HolidayOverride

    now = time.monotonic()
    missing = {office_id for office_id in office_ids
               if office_id not in _calendars or now - _calendars[office_id][0] >= CALENDAR_TTL_SECONDS}
    if not missing:
        return
    rows = db.session.scalars(select(HolidayOverride).where(
        or_(HolidayOverride.office_id.is_(None), HolidayOverride.office_id.in_(missing)))).all()
    for office_id in missing:
        _calendars[office_id] = (now, _calendar_of([row for row in rows if row.office_id in (None, office_id)]))


@dataclass(frozen=True)
class Clock:
    state: str = IDLE
    limit: int | None = None
    used: int = 0
    due: date | None = None
    left: int | None = None
    stopped_on: date | None = None

    @property
    def overdue(self) -> bool:
        return self.state == RUNNING and self.left is not None and self.left < 0

    @property
    def at_risk(self) -> bool:
        return self.state == RUNNING and self.left is not None and 0 <= self.left <= AT_RISK_DAYS


def clock_for(record, procedure=None, events=None, today: date | None = None) -> Clock:
    procedure = procedure or next(p for p in PROCEDURES.values() if isinstance(record, p.model))
    limit = procedure.sla_days(record)
    if not limit:
        return Clock()
    calendar = calendar_for(record.office_id)
    events = history(procedure.name, record.id) if events is None else events
    state, used, since, stopped_on = IDLE, 0, None, None
    for event in events:
        action = procedure.actions.get(event.action)
        effect = action.sla if action else (procedure.sla_on_create if event.action == "create" else None)
        if callable(effect):  # decided by where the step led, e.g. invoiced (wait) or paid (Rp0)
            effect = effect(event)
        day = to_jakarta_date(event.at)
        if event.action == "create":
            effect = procedure.sla_on_create
            day = to_jakarta_date(procedure.received_at(record) or event.at)
        if effect == SLA_RESTART:
            state, since, used, stopped_on = RUNNING, day, 0, None
        elif effect == SLA_START and state == IDLE:
            state, since, used = RUNNING, day, 0
        elif effect == SLA_PAUSE and state == RUNNING:
            used += calendar.working_days_between(since, day)
            state = PAUSED
        elif effect == SLA_RESUME and state == PAUSED:
            state, since = RUNNING, day
        elif effect == SLA_STOP and state in (RUNNING, PAUSED):
            if state == RUNNING:
                used += calendar.working_days_between(since, day)
            state, stopped_on = STOPPED, day
    if state == RUNNING:
        due = calendar.add_working_days(since, max(limit - used, 0))
        left = calendar.working_days_between(today or jakarta_today(), due)
        return Clock(state, limit, used, due, left)
    return Clock(state, limit, used, None, limit - used if state == PAUSED else None, stopped_on)


def refresh_clock(record, procedure=None) -> Clock:
    clock = clock_for(record, procedure)
    record.sla_state = clock.state
    record.sla_due_date = clock.due
    return clock


def days_left(record, today: date | None = None) -> int | None:
    """Working days left on a running clock, from the stored due date (cheap for long lists)."""
    if record.sla_state != RUNNING or record.sla_due_date is None:
        return None
    return calendar_for(record.office_id).working_days_between(today or jakarta_today(), record.sla_due_date)


def refresh_open_clocks(office_id: int | None = None) -> int:
    """After the calendar changed: recompute every running or paused clock (of one office, or all)."""
    count = 0
    forget_calendars()
    for procedure in PROCEDURES.values():
        model = procedure.model
        query = select(model).where(model.sla_state.in_((RUNNING, PAUSED)))
        if office_id is not None:
            query = query.where(model.office_id == office_id)
        for record in db.session.scalars(query).all():
            refresh_clock(record, procedure)
            count += 1
    return count


def time_limit_condition(model, flag: str, office_id: int | None):
    """The records of `model` a time-limit flag names: "overdue" (the running clock passed its due
    date) or "at_risk" (at most AT_RISK_DAYS working days left, by the office's calendar)."""
    today = jakarta_today()
    running = model.sla_state == RUNNING
    if flag == "overdue":
        return and_(running, model.sla_due_date < today)
    if flag == "at_risk":
        horizon = calendar_for(office_id).add_working_days(today, AT_RISK_DAYS)
        return and_(running, model.sla_due_date.between(today, horizon))
    return None
