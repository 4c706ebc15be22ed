"""The spine around the engine: mail outbox through an SMTP outage, numbering under concurrency,
document verification, and the calendar moving open records' due dates."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import delete, select, update

from app.core.calendar.clock import utcnow
from app.core.calendar.workdays import jakarta_today
from app.core.documents import attached as docs
from app.core.documents.numbering import NumberSequence, next_number
from app.core.documents.pdf import DocumentPDF
from app.core.mail.outbox import PENDING, SENT, OutboxMessage
from app.core.reference.models import HolidayOverride, Office
from app.extensions import appbuilder, db
from tests.support.mail import mail_text
from tests.support.procedure_fixture import TICKET, Ticket, new_ticket, ticket_table  # noqa: F401

pytestmark = pytest.mark.usefixtures("ticket_table")


def user(name):
    return appbuilder.sm.find_user(username=name)


def office(code):
    return db.session.scalars(select(Office).where(Office.code == code)).one()


def test_mail_survives_smtp_outage_and_arrives_exactly_once(app, smtp_server, monkeypatch):
    from tests.support.settings import free_port

    mail_state = app.extensions["mail"]
    smtp_server.stop()
    # Nothing listens on the port the app now sends to: the SMTP server is down.
    monkeypatch.setattr(mail_state, "port", free_port())
    with app.app_context():
        ticket = new_ticket(steps=[("submit", "applicant1", {})])
        ticket_id = ticket.id
        from app.core.workflow.engine import apply

        apply(TICKET, ticket.id, "verify", user("officer-3324"), {})  # notifies applicant1
        subject_filter = OutboxMessage.recipient == "applicant1@example.org"
        mail = db.session.scalars(select(OutboxMessage).where(subject_filter).order_by(OutboxMessage.id.desc())).first()
        mail_id = mail.id
        runner = app.test_cli_runner()
        result = runner.invoke(args=["outbox", "send"])
        assert result.exit_code == 0
        db.session.expire_all()
        mail = db.session.get(OutboxMessage, mail_id)
        assert mail.status == PENDING and mail.attempts == 1 and mail.last_error
        assert mail.next_attempt_at > utcnow()  # backed off, not lost
        smtp_server.start()
        monkeypatch.setattr(mail_state, "port", smtp_server.port)
        # Time passes: the retry is due.
        db.session.execute(update(OutboxMessage).where(OutboxMessage.id == mail_id)
                           .values(next_attempt_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
        assert runner.invoke(args=["outbox", "send"]).exit_code == 0
        assert runner.invoke(args=["outbox", "send"]).exit_code == 0
        db.session.expire_all()
        assert db.session.get(OutboxMessage, mail_id).status == SENT
    received = [m for m in smtp_server.to("applicant1@example.org") if f"#{ticket_id}" in str(m["Subject"])]
    assert len(received) == 1
    assert "verified" in mail_text(received[0])


def test_two_hundred_concurrent_numbers_have_no_gap_or_duplicate(app):
    with app.app_context():
        office_id = office("1904").id
        db.session.execute(delete(NumberSequence).where(NumberSequence.kind == "concurrency-test"))
        db.session.commit()
    numbers, errors = [], []
    lock = threading.Lock()

    def worker():
        with app.app_context():
            try:
                for _ in range(25):
                    value = next_number(office_id, 2026, "concurrency-test")
                    db.session.commit()
                    with lock:
                        numbers.append(value)
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(repr(exc))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(numbers) == list(range(1, 201))


def test_a_rolled_back_number_is_reused_not_skipped(app):
    with app.app_context():
        office_id = office("1904").id
        first = next_number(office_id, 2031, "rollback-test")
        db.session.commit()
        next_number(office_id, 2031, "rollback-test")
        db.session.rollback()
        assert next_number(office_id, 2031, "rollback-test") == first + 1
        db.session.commit()


def _render(text):
    def render(token, url):
        pdf = DocumentPDF(office("3324"), "SURAT KETERANGAN UJI", number=text, verify_url=url)
        pdf.add_page()
        pdf.cell(0, 10, text)
        pdf.qr(url, 170, 250, 25)
        return pdf.output_bytes()
    return render


def test_verification_valid_superseded_tampered_unknown(app, client):
    with app.app_context():
        ticket = new_ticket()
        first = docs.issue("test_ticket", ticket, "letter", _render("UJI-001"), "uji.pdf",
                           user("officer-3324"), "Officer", number="UJI-001")
        db.session.commit()
        first_token, first_bytes = first.token, docs.storage.load(first.storage_path)
        second = docs.issue("test_ticket", ticket, "letter", _render("UJI-002"), "uji.pdf",
                            user("officer-3324"), "Officer", number="UJI-002")
        db.session.commit()
        second_token, second_bytes = second.token, docs.storage.load(second.storage_path)
    assert first_bytes.startswith(b"%PDF") and first_token != second_token
    page = client.get(f"/verify/{second_token}", headers={"Accept": "application/json"}).get_json()
    assert page["status"] == "valid" and page["number"] == "UJI-002"
    earlier = client.get(f"/verify/{first_token}", headers={"Accept": "application/json"}).get_json()
    assert earlier["status"] == "superseded"
    html = client.get(f"/verify/{second_token}").get_data(as_text=True)
    assert "BPS Kabupaten Kendal" in html and "UJI-002" in html

    def check(token, data):
        from io import BytesIO

        return client.post(f"/verify/{token}", data={"file": (BytesIO(data), "copy.pdf")},
                           headers={"Accept": "application/json"}).get_json()["identical"]

    assert check(second_token, second_bytes) is True
    tampered = bytearray(second_bytes)
    tampered[len(tampered) // 2] ^= 0x01
    assert check(second_token, bytes(tampered)) is False
    unknown = client.get("/verify/not-a-real-token")
    assert unknown.status_code == 404
    assert "tidak ada" in unknown.get_data(as_text=True).lower()  # the friendly Indonesian 404 page


def test_admin_day_off_moves_an_open_records_due_date(app, as_user):
    with app.app_context():
        ticket = new_ticket(steps=[("submit", "applicant1", {}), ("verify", "officer-3324", {})])
        due = ticket.sla_due_date
        ticket_id = ticket.id
        # A working day between today and the due date becomes a local day off.
        from app.core.workflow.sla import calendar_for

        calendar = calendar_for(office("3324").id)
        day = calendar.add_working_days(jakarta_today(), 1)
        office_id = office("3324").id
    admin = as_user("admin")
    response = admin.post("/holidayoverrideview/add", data={
        "day": day.isoformat(), "name": "Hari jadi Kabupaten Kendal (uji)", "is_day_off": "y",
        "office": str(office_id)}, follow_redirects=False)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with app.app_context():
        moved = db.session.get(Ticket, ticket_id).sla_due_date
        assert moved == calendar_for(office_id).add_working_days(due, 1) or moved > due
        assert moved > due
        db.session.execute(delete(HolidayOverride).where(HolidayOverride.day == day))
        db.session.commit()


def test_calendar_cli_due_date_and_days_off(app):
    runner = app.test_cli_runner()
    # Tue 17 Mar 2026 + 1 working day jumps Nyepi, cuti bersama and Idul Fitri 1447 H to 25 Mar.
    result = runner.invoke(args=["calendar", "due", "--start", "2026-03-17", "--days", "1"])
    assert result.exit_code == 0 and result.output.strip() == "2026-03-25"
    result = runner.invoke(args=["calendar", "holidays", "--year", "2025"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(line.startswith("2025-03-31") for line in lines)  # Idul Fitri 1446 H
    assert any(line.startswith("2025-12-26") for line in lines)  # cuti bersama Natal
    bad = runner.invoke(args=["calendar", "due", "--start", "17-03-2026", "--days", "1"])
    assert bad.exit_code != 0 and "Traceback" not in bad.output


def test_download_is_audited_and_a_lost_file_is_a_404_not_a_500(app):
    from pathlib import Path

    from werkzeug.exceptions import NotFound

    from app.core.workflow.audit import history
    from app.core.workflow.engine import download

    with app.test_request_context():
        ticket = new_ticket()
        doc = docs.issue("test_ticket", ticket, "letter", _render("UJI-DL"), "uji.pdf",
                         user("officer-3324"), "Officer", number="UJI-DL")
        db.session.commit()
        response = download(TICKET, ticket, doc.id, user("applicant1"))
        assert response.status_code == 200
        assert [e.actor_role for e in history("test_ticket", ticket.id) if e.action == "download"] == ["Applicant"]
        Path(app.config["UPLOAD_FOLDER"], doc.storage_path).unlink()
        with pytest.raises(NotFound):
            download(TICKET, ticket, doc.id, user("applicant1"))
        with pytest.raises(NotFound):
            download(TICKET, ticket, doc.id + 10_000, user("applicant1"))


