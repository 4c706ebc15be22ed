"""A small procedure used only by the engine's tests: every rule of the engine, nothing else."""
from __future__ import annotations

import pytest
from flask_appbuilder import Model
from sqlalchemy import Column, Integer, String

from app.core.access import roles as r
from app.core.values.validation import InvalidValue
from app.core.workflow.procedure import (
    APPLICANT,
    SLA_PAUSE,
    SLA_RESUME,
    SLA_START,
    SLA_STOP,
    Action,
    Field,
    Guard,
    Procedure,
    register,
)
from app.core.workflow.records import ProcedureRecord


class Ticket(ProcedureRecord, Model):
    __tablename__ = "test_ticket"
    title = Column(String(100), nullable=False, default="")
    amount = Column(Integer, nullable=False, default=0)


def positive(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InvalidValue("not a number")
    if number <= 0:
        raise InvalidValue("must be positive")
    return number


def set_amount(record, ctx):
    record.amount = ctx.values["amount"]


TICKET = Procedure(
    name="test_ticket", resource="test_ticket", model=Ticket, initial="draft",
    states={"draft": "draft", "submitted": "submitted", "verified": "verified", "returned": "returned",
            "priced": "priced", "approved": "approved", "done": "done"},
    actions=(
        Action("submit", "Submit", ("draft", "returned"), "submitted", (r.APPLICANT, r.OFFICER),
                         notify=(r.OFFICER,), sla=SLA_RESUME),
        Action("verify", "Verify", ("submitted",), "verified", (r.OFFICER,), sla=SLA_START,
                         notify=(APPLICANT,)),
        Action("return", "Return", ("submitted", "verified"), "returned", (r.OFFICER,),
                         fields=(Field("note", "Note", kind="textarea"),), sla=SLA_PAUSE, notify=(APPLICANT,)),
        Action("price", "Price", ("verified",), "priced", (r.OFFICER,),
                        fields=(Field("amount", "Amount", kind="int", clean=positive),), effect=set_amount),
        Action("approve", "Approve", ("priced",), "approved", (r.OFFICER, r.TREASURER),
                          guards=(Guard(lambda t: t.amount < 1000, "too expensive to approve"),),
                          not_by_actor_of=("price",)),
        Action("finish", "Finish", ("approved",), "done", (r.OFFICER,), sla=SLA_STOP),
    ),
    sla_days=lambda record: 10,
)


@pytest.fixture(scope="module")
def ticket_table(app):
    """The test procedure's table exists only while a module that uses it runs."""
    from app.core.workflow.procedure import PROCEDURES
    from app.extensions import db

    with app.app_context():
        Ticket.__table__.create(db.engine, checkfirst=True)
    register(TICKET)
    yield
    PROCEDURES.pop(TICKET.name, None)  # home-page counts must not look for a dropped table
    from sqlalchemy import delete

    from app.core.documents.attached import Document
    from app.core.workflow.audit import AuditEvent

    with app.app_context():
        db.session.remove()
        # Ids restart with the table, so the trail of this module's tickets goes with it.
        db.session.execute(delete(AuditEvent).where(AuditEvent.procedure == "test_ticket"))
        db.session.execute(delete(Document).where(Document.procedure == "test_ticket"))
        db.session.commit()
        Ticket.__table__.drop(db.engine, checkfirst=True)


def new_ticket(office_code="3324", steps=()):
    """A ticket of applicant1 at an office, taken through (action, username, data) steps."""
    from sqlalchemy import select

    from app.core.reference.models import Office
    from app.core.workflow.engine import apply, start
    from app.extensions import appbuilder, db

    find = appbuilder.sm.find_user
    office = db.session.scalars(select(Office).where(Office.code == office_code)).one()
    ticket = Ticket(title="t", office_id=office.id, applicant_id=find(username="applicant1").id)
    start(TICKET, ticket, find(username="applicant1"), "Applicant")
    db.session.commit()
    for action, who, data in steps:
        apply(TICKET, ticket.id, action, find(username=who), data)
    return ticket
