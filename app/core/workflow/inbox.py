""""Pekerjaan saya": the records on which a person can act now, across every service, most urgent first.

Built from the procedures' own data, so a new service appears here by declaring its actions: a
record is in someone's inbox when its state is a source of an action one of their roles may take,
and it is in their scope. Monitors, who take no action, see the overdue work of their offices.
One query (a UNION over the procedures) gives both the page and the count cards, ordered overdue
first, then by due date, then oldest change first; guards and separation of duties are checked
for the page's rows only (they may need the record's documents or trail).
"""
from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, literal, or_, select, union_all
from sqlalchemy.orm import joinedload

from app.core.access import roles as r
from app.core.access.scoping import Scope, scope_for, visible
from app.core.calendar.workdays import jakarta_today
from app.core.documents import attached as documents
from app.core.workflow import audit
from app.core.workflow.procedure import PROCEDURES, Action, Procedure
from app.core.workflow.sla import AT_RISK_DAYS, RUNNING, calendar_for, prime_calendars
from app.extensions import db

MAX_PAGE_SIZE = 500
OVERDUE, AT_RISK, ON_TIME, NO_LIMIT = "overdue", "at_risk", "on_time", "none"
# The step that moves the work on first, a refusal last.
BUTTON_ORDER = {"primary": 0, "default": 1, "danger": 2}


@dataclass
class WorkItem:
    procedure: Procedure
    record: object
    actions: list[Action]
    sla_state: str
    # Why nothing can be done yet when every action waits on something (a guard's reason).
    waiting_for: str = ""

    @property
    def resource(self) -> str:
        return self.procedure.resource

    @property
    def number(self) -> str:
        return self.procedure.record_label(self.record)

    @property
    def due_date(self) -> date | None:
        return self.record.sla_due_date if self.record.sla_state == RUNNING else None

    def url(self, for_applicant: bool) -> str:
        return self.procedure.record_path(self.record, for_applicant)


def _held(user) -> set[str]:
    return {role.name for role in user.roles}


def _waiting(procedure: Procedure, held: set[str]):
    """The records of the procedure that wait on one of these roles: in a source state of an action they
    may take (narrowed by the action's `awaited_when`); None when they take no action in it."""
    model = procedure.model
    mine = [action for action in procedure.actions.values() if action.awaited and set(action.roles) & held]
    plain = {state for action in mine if action.awaited_when is None for state in action.sources}
    clauses = [model.status.in_(sorted(plain))] if plain else []
    clauses += [and_(model.status.in_(action.sources), action.awaited_when(model))
                for action in mine if action.awaited_when is not None]
    return or_(*clauses) if clauses else None


def _rows(procedure: Procedure, user, scope: Scope, held: set[str], today: date):
    """The select of one procedure's rows in the inbox: (procedure name, id, urgency, due, changed)."""
    model = procedure.model
    if r.MONITOR in held and not held & (set(r.STAFF) | {r.APPLICANT, r.ADMIN}):
        condition = and_(model.sla_state == RUNNING, model.sla_due_date < today)
    else:
        condition = _waiting(procedure, held)
        if condition is None:
            return None
    overdue = and_(model.sla_state == RUNNING, model.sla_due_date < today)
    return (select(literal(procedure.name).label("procedure"), model.id.label("id"),
                   case((overdue, 0), else_=1).label("urgency"),
                   case((model.sla_state == RUNNING, model.sla_due_date), else_=None).label("due"),
                   model.updated_at.label("changed"))
            .where(visible(model, scope), condition))


def _inbox_select(user, procedure_names: tuple[str, ...] = ()):
    held, scope, today = _held(user), scope_for(user), jakarta_today()
    parts = [_rows(procedure, user, scope, held, today) for procedure in PROCEDURES.values()
             if not procedure_names or procedure.name in procedure_names]
    parts = [part for part in parts if part is not None]
    if not parts:
        return None
    return union_all(*parts).subquery("inbox") if len(parts) > 1 else parts[0].subquery("inbox")


def count(user, procedure_names: tuple[str, ...] = ()) -> dict[str, int]:
    """The count cards: everything waiting on this person, and how much of it is overdue or at risk."""
    inbox = _inbox_select(user, procedure_names)
    if inbox is None:
        return {"total": 0, OVERDUE: 0, AT_RISK: 0}
    today = jakarta_today()
    horizon = calendar_for(user.office_id).add_working_days(today, AT_RISK_DAYS)
    total, overdue, at_risk = db.session.execute(select(
        func.count(),
        func.count(case((inbox.c.urgency == 0, 1))),
        func.count(case((and_(inbox.c.urgency == 1, inbox.c.due.between(today, horizon)), 1))),
    ).select_from(inbox)).one()
    return {"total": total, OVERDUE: overdue, AT_RISK: at_risk}


def _sla_state(record, today: date) -> str:
    if record.sla_state != RUNNING or record.sla_due_date is None:
        return NO_LIMIT
    if record.sla_due_date < today:
        return OVERDUE
    if record.sla_due_date <= calendar_for(record.office_id).add_working_days(today, AT_RISK_DAYS):
        return AT_RISK
    return ON_TIME


def page(user, page_number: int = 0, page_size: int = 25,
         procedure_names: tuple[str, ...] = ()) -> tuple[list[WorkItem], int]:
    """One page of the inbox and the total, most urgent first."""
    from app.core.workflow.engine import available_actions, waiting_reason

    inbox = _inbox_select(user, procedure_names)
    if inbox is None:
        return [], 0
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    total = db.session.scalar(select(func.count()).select_from(inbox))
    keys = db.session.execute(
        select(inbox.c.procedure, inbox.c.id)
        .order_by(inbox.c.urgency, inbox.c.due.is_(None), inbox.c.due, inbox.c.changed, inbox.c.id)
        .limit(page_size).offset(max(0, int(page_number)) * page_size)).all()
    by_procedure: dict[str, list[int]] = {}
    for name, record_id in keys:
        by_procedure.setdefault(name, []).append(record_id)
    loaded = {}
    for name, ids in by_procedure.items():
        procedure = PROCEDURES[name]
        model = procedure.model
        rows = db.session.scalars(select(model).where(model.id.in_(ids))
                                  .options(joinedload(model.office), *procedure.preload())).unique()
        loaded.update({(name, row.id): row for row in rows})
    prime_calendars({record.office_id for record in loaded.values()})
    today, items = jakarta_today(), []
    with ExitStack() as stack:
        for name, ids in by_procedure.items():
            stack.enter_context(documents.preloaded(name, ids))
            stack.enter_context(audit.preloaded(name, ids))
        for name, record_id in keys:
            procedure, record = PROCEDURES[name], loaded[(name, record_id)]
            actions = sorted((action for action in available_actions(procedure, record, user) if action.awaited),
                             key=lambda action: BUTTON_ORDER.get(action.style, 1))
            items.append(WorkItem(procedure, record, actions, _sla_state(record, today),
                                  "" if actions else waiting_reason(procedure, record, user)))
    return items, total
