"""The living demo: `seed-demo` leaves each office with about three months of work made through the
engine — every state of both services, overdue and at-risk work, invoices, payments, receipts, signed
letters, ratings, mails — the same on every run, once."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.core.access.people import AppUser
from app.core.calendar.workdays import jakarta_today, to_jakarta_date
from app.core.documents.attached import Document
from app.core.mail.outbox import SENT, OutboxMessage
from app.core.reference.living import PEOPLE, Replay
from app.core.reference.models import Office
from app.core.satisfaction.models import Rating
from app.core.workflow.audit import AuditEvent
from app.core.workflow.sla import AT_RISK_DAYS, calendar_for
from app.extensions import db
from app.recommendations.models import RecommendationRequest
from app.recommendations.procedure import RECOMMENDATION
from app.sales.models import SalesRequest
from app.sales.procedure import SALES

pytestmark = pytest.mark.usefixtures("app_ctx")

DEMO_PEOPLE = [username for username, *_rest in PEOPLE]


def demo_ids() -> list[int]:
    return list(db.session.scalars(select(AppUser.id).where(AppUser.username.in_(DEMO_PEOPLE + ["applicant1"]))))


def demo_records(model):
    return db.session.scalars(select(model).where(model.applicant_id.in_(demo_ids()))).all()


@pytest.mark.parametrize("procedure", [SALES, RECOMMENDATION], ids=lambda p: p.name)
def test_every_state_of_both_services_is_there_at_every_office_that_sells_it(procedure):
    records = demo_records(procedure.model)
    assert {record.status for record in records} == set(procedure.states)
    offices = {record.office.code for record in records}
    assert offices == {"0000", "3300", "3324", "1904"}


@pytest.mark.parametrize("model", [SalesRequest, RecommendationRequest], ids=["sales", "recommendations"])
def test_some_work_is_overdue_and_some_at_risk(model):
    today = jakarta_today()
    running = [record for record in demo_records(model) if record.sla_state == "running"]
    overdue = [record for record in running if record.sla_due_date < today]
    at_risk = [record for record in running if today <= record.sla_due_date <= calendar_for(
        record.office_id).add_working_days(today, AT_RISK_DAYS)]
    assert len({record.office_id for record in overdue}) == 4
    assert at_risk


def test_three_months_of_history_stamped_when_it_happened_never_in_the_future():
    records = demo_records(SalesRequest)
    oldest = min(record.created_at for record in records)
    assert to_jakarta_date(oldest) <= jakarta_today() - timedelta(days=75)
    ids = [record.id for record in records]
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.procedure == "sales",
                                                         AuditEvent.record_id.in_(ids))
                                .order_by(AuditEvent.record_id, AuditEvent.id)).all()
    by_record: dict[int, list] = {}
    for event in events:
        by_record.setdefault(event.record_id, []).append(event.at)
    now = db.session.scalar(select(func.max(AuditEvent.at)))
    for stamps in by_record.values():
        assert stamps == sorted(stamps)  # each step after the one before
    assert max(stamp for stamps in by_record.values() for stamp in stamps) <= now
    # An office's working hours (08:00–16:00 WIB): nobody acted at night.
    for stamps in by_record.values():
        assert all(1 <= stamp.hour <= 9 for stamp in stamps)


def test_invoices_payments_receipts_letters_ratings_and_mails_are_there():
    sales = demo_records(SalesRequest)
    assert any(record.invoice_number for record in sales)
    paid = [record for record in sales if record.paid_at is not None and record.total > 0]
    assert {record.payment_method for record in paid} >= {"billing", "cash", "transfer"}
    kinds = set(db.session.scalars(select(Document.kind).where(Document.record_id.in_([r.id for r in sales]),
                                                                Document.procedure == "sales")))
    assert {"invoice", "receipt", "sppd", "sample", "product"} <= kinds
    letters = [record for record in demo_records(RecommendationRequest) if record.letter_number]
    assert letters and all(record.signer_name and record.signer_nip for record in letters)
    assert db.session.scalar(select(func.count(Rating.id)).where(Rating.applicant_id.in_(demo_ids()))) >= 8
    # Told at every step: the applicants and the office's staff, the old mails long delivered.
    sent = db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient.like("warga-%"),
                                                          OutboxMessage.status == SENT)).all()
    assert len(sent) > 100 and all(mail.sent_at == mail.created_at for mail in sent)


def test_seed_demo_again_adds_nothing_and_says_the_work_is_there(app):
    before = (db.session.scalar(select(func.count(SalesRequest.id))),
              db.session.scalar(select(func.count(RecommendationRequest.id))),
              db.session.scalar(select(func.count(AuditEvent.id))))
    result = app.test_cli_runner().invoke(args=["satupintu", "seed-demo"])
    assert result.exit_code == 0, result.output
    assert "already there" in result.output
    db.session.expire_all()
    assert before == (db.session.scalar(select(func.count(SalesRequest.id))),
                      db.session.scalar(select(func.count(RecommendationRequest.id))),
                      db.session.scalar(select(func.count(AuditEvent.id))))
    empty = app.test_cli_runner().invoke(args=["satupintu", "seed-demo", "--empty"])
    assert empty.exit_code == 0 and "Living demo" not in empty.output and "applicant1" in empty.output


def test_the_replay_is_the_same_on_every_run():
    office = db.session.scalars(select(Office).where(Office.code == "3324")).one()
    first, second = Replay("sales", office), Replay("sales", office)
    day = first.working_days_ago(10)
    assert [first.moment(day) for _ in range(20)] == [second.moment(day) for _ in range(20)]
