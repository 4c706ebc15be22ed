"""The procedure engine's rules, on a small test procedure (tests/procedure_fixture.py)."""
from __future__ import annotations

import threading
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.core.mail.outbox import OutboxMessage
from app.core.workflow.audit import AuditEvent, history
from app.core.workflow.engine import TransitionError, apply, available_actions
from app.core.workflow.sla import clock_for
from app.extensions import appbuilder, db
from tests.support.procedure_fixture import TICKET, new_ticket, ticket_table  # noqa: F401

pytestmark = pytest.mark.usefixtures("ticket_table")


def user(name):
    return appbuilder.sm.find_user(username=name)


def test_happy_path_writes_audit_and_notifications(app):
    with app.app_context():
        before = db.session.scalar(select(func.count(OutboxMessage.id)))
        ticket = new_ticket(steps=[("submit", "applicant1", {}), ("verify", "officer-3324", {})])
        assert ticket.status == "verified"
        rows = history("test_ticket", ticket.id)
        assert [(row.action, row.from_state, row.to_state) for row in rows] == [
            ("create", None, "draft"), ("submit", "draft", "submitted"), ("verify", "submitted", "verified")]
        assert rows[-1].actor.username == "officer-3324" and rows[-1].actor_role == "Officer"
        mails = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()[before:]
        recipients = {m.recipient for m in mails}
        assert "officer-3324@satupintu.local" in recipients  # submit notifies the office's officers
        assert "applicant1@example.org" in recipients        # verify notifies the applicant


def test_scope_role_state_fields_guard_codes(app):
    with app.app_context():
        ticket = new_ticket(steps=[("submit", "applicant1", {})])
        with pytest.raises(TransitionError) as err:
            apply(TICKET, ticket.id, "verify", user("officer-1904"), {})
        assert err.value.status == 404
        with pytest.raises(TransitionError) as err:
            apply(TICKET, ticket.id, "verify", user("applicant1"), {})
        assert err.value.status == 403
        with pytest.raises(TransitionError) as err:
            apply(TICKET, ticket.id, "finish", user("officer-3324"), {})
        assert err.value.status == 409
        with pytest.raises(TransitionError) as err:
            apply(TICKET, ticket.id, "return", user("officer-3324"), {"note": "  "})
        assert err.value.status == 422 and "note" in err.value.fields
        apply(TICKET, ticket.id, "verify", user("officer-3324"), {})
        with pytest.raises(TransitionError) as err:
            apply(TICKET, ticket.id, "price", user("officer-3324"), {"amount": "-5"})
        assert err.value.status == 422 and err.value.fields["amount"] == "must be positive"
        apply(TICKET, ticket.id, "price", user("officer-3324"), {"amount": "5000"})
        with pytest.raises(TransitionError) as err:
            apply(TICKET, ticket.id, "approve", user("treasurer-3324"), {})
        assert err.value.status == 409 and "too expensive" in err.value.message
        db.session.refresh(ticket)
        assert ticket.status == "priced"


def test_separation_of_duties(app):
    with app.app_context():
        ticket = new_ticket(steps=[("submit", "applicant1", {}), ("verify", "officer-3324", {}),
                                         ("price", "officer-3324", {"amount": "10"})])
        assert "approve" not in [a.name for a in available_actions(TICKET, ticket, user("officer-3324"))]
        with pytest.raises(TransitionError) as err:
            apply(TICKET, ticket.id, "approve", user("officer-3324"), {})
        assert err.value.status == 409 and err.value.message
        assert apply(TICKET, ticket.id, "approve", user("treasurer-3324"), {}).status == "approved"


def test_stale_version_is_refused(app):
    with app.app_context():
        ticket = new_ticket(steps=[("submit", "applicant1", {})])
        with pytest.raises(TransitionError) as err:
            apply(TICKET, ticket.id, "verify", user("officer-3324"), {}, expected_version=ticket.version - 1)
        assert err.value.status == 409 and "Muat ulang" in err.value.message  # Indonesian by default


def test_failed_transition_rolls_back_audit_and_mail(app):
    with app.app_context():
        ticket = new_ticket(steps=[("submit", "applicant1", {}), ("verify", "officer-3324", {})])
        audits = db.session.scalar(select(func.count(AuditEvent.id)))
        mails = db.session.scalar(select(func.count(OutboxMessage.id)))

        def explode(record, ctx):
            raise RuntimeError("disk full")

        original = TICKET.actions["price"]
        TICKET.actions["price"] = type(original)(**{**original.__dict__, "effect": explode, "notify": ("applicant",)})
        try:
            with pytest.raises(RuntimeError):
                apply(TICKET, ticket.id, "price", user("officer-3324"), {"amount": "3"})
        finally:
            TICKET.actions["price"] = original
        db.session.refresh(ticket)
        assert ticket.status == "verified" and ticket.version == 3
        assert db.session.scalar(select(func.count(AuditEvent.id))) == audits
        assert db.session.scalar(select(func.count(OutboxMessage.id))) == mails


def test_twenty_threads_one_winner(app):
    with app.app_context():
        ticket = new_ticket(steps=[("submit", "applicant1", {})])
        ticket_id = ticket.id
    results, barrier = [], threading.Barrier(20)

    def worker():
        with app.app_context():
            barrier.wait()
            try:
                apply(TICKET, ticket_id, "verify", user("officer-3324"), {})
                results.append(200)
            except TransitionError as exc:
                results.append(exc.status)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200] + [409] * 19
    with app.app_context():
        assert [e.action for e in history("test_ticket", ticket_id)].count("verify") == 1


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 3, 0)  # 10:00 WIB


def test_sla_clock_pauses_while_returned_and_follows_holidays(app):
    with app.app_context():
        ticket = new_ticket(steps=[("submit", "applicant1", {}), ("verify", "officer-3324", {}),
                                         ("return", "officer-3324", {"note": "KTP buram"}),
                                         ("submit", "applicant1", {})])
        events = history("test_ticket", ticket.id)
        # Verified Tue 17 Mar 2026, returned Thu 19 Mar (Nyepi: no working day in between counts)
        # resubmitted Wed 25 Mar: 10 working days, of which 1 (18 Mar is cuti bersama) used.
        for event, day in zip(events, [date(2026, 3, 16), date(2026, 3, 16), date(2026, 3, 17),
                                       date(2026, 3, 26), date(2026, 4, 1)]):
            event.at = _at(day)
        clock = clock_for(ticket, TICKET, events, today=date(2026, 4, 1))
        # 17 Mar → 26 Mar: 18–24 Mar are days off, so 1 working day used (25 Mar) + 26 Mar = 2.
        assert clock.state == "running" and clock.used == 2
        assert clock.due == date(2026, 4, 14)  # 8 working days after 1 Apr (3 Apr Good Friday off)
        db.session.rollback()


def test_a_version_that_is_not_a_number_is_stale_not_an_error(app):
    with app.app_context():
        ticket = new_ticket(steps=[("submit", "applicant1", {})])
        with pytest.raises(TransitionError) as err:
            apply(TICKET, ticket.id, "verify", user("officer-3324"), {}, expected_version="abc")
        assert err.value.status == 409
        with pytest.raises(TransitionError) as err:
            apply(TICKET, "not-an-id", "verify", user("officer-3324"), {})
        assert err.value.status == 404


def test_input_of_the_wrong_shape_is_422_not_500(app):
    with app.app_context():
        ticket = new_ticket(steps=[("submit", "applicant1", {})])
        for data in ({"note": ["x"]}, {"note": {"a": 1}}):
            with pytest.raises(TransitionError) as err:
                apply(TICKET, ticket.id, "return", user("officer-3324"), data)
            assert err.value.status == 422 and "note" in err.value.fields
        with pytest.raises(TransitionError) as err:
            apply(TICKET, ticket.id, "verify", user("officer-3324"), {"note": 5})
        assert err.value.status == 422
