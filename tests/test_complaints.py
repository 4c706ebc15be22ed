"""Complaints (SPEC §3.4, issue 12): anyone files one without an account and follows it by its code; staff
record complaints from every other channel (LAPOR! with its ticket id and the day received); the handler
triages, answers, forwards and closes, the complainant reopens within the window, the system closes what
nobody answered back; the head escalates overdue ones; a complaint about an officer is hidden from them."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.complaints import service
from app.complaints.models import Complaint
from app.complaints.tracking import ALPHABET, normalise
from app.core.calendar.clock import utcnow
from app.core.calendar.workdays import jakarta_today
from app.core.mail.outbox import OutboxMessage
from app.core.reference.models import Office
from app.core.workflow.sla import calendar_for
from app.extensions import appbuilder, db
from tests.support.complaints import holiday_span
from tests.support.sign_in import auth_header

BODY = "Petugas tidak hadir di meja konsultasi pada jam layanan."


def public(client, **fields):
    return client.post("/api/v1/complaint/public", json={"office": "3324", "body": BODY, **fields})


def track(client, code):
    return client.get(f"/api/v1/complaint/track/{code}")


def act(client, who, complaint_id, action, **data):
    return client.post(f"/api/v1/complaint/{complaint_id}/transition/{action}", json=data,
                       headers=auth_header(client, who))


def by_code(app, code) -> Complaint:
    with app.app_context():
        complaint = service.by_code(code)
        db.session.expunge(complaint)
        return complaint


def count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Complaint.id)))


def staff_record(client, who="complaints-3324", **fields):
    data = {"channel": "lapor", "lapor_id": f"LPR-{utcnow().timestamp()}", "received_at": jakarta_today().isoformat(),
            "body": BODY, **fields}
    return client.post("/api/v1/complaint/", json=data, headers=auth_header(client, who))


# --- filing without an account, and tracking -------------------------------------------------------

def test_anyone_files_a_complaint_anonymously_and_tracks_it_by_a_short_unguessable_code(app, client):
    response = public(client, about="")
    assert response.status_code == 201, response.get_json()
    code = response.get_json()["tracking_code"]
    assert len(code) == 10 and set(code) <= set(ALPHABET)
    assert code != public(client).get_json()["tracking_code"]

    shown = track(client, code)
    assert shown.status_code == 200
    body = shown.get_json()
    assert body["status"] == "received" and body["answer"] is None
    calendar = calendar_for(by_code(app, code).office_id)
    with app.app_context():
        assert body["due_date"] == calendar.add_working_days(jakarta_today(), 3).isoformat()
    # Read over the phone: lower case, a dash, O for 0 and I/L for 1 still find it.
    spoken = f"{code[:5]}-{code[5:]}".lower().replace("0", "o").replace("1", "l")
    assert track(client, spoken).get_json()["status"] == "received"
    assert by_code(app, code).applicant_id is None and by_code(app, code).channel == "website"


def test_a_tracking_code_already_taken_is_drawn_again(app, client, monkeypatch):
    taken = public(client).get_json()["tracking_code"]
    draws = iter([taken, taken, "7K3QD9ZP2M"])
    monkeypatch.setattr(service, "new_code", lambda: next(draws))
    response = public(client)
    assert response.status_code == 201 and response.get_json()["tracking_code"] == "7K3QD9ZP2M"
    assert track(client, taken).get_json()["status"] == "received"


def test_the_tracking_page_and_api_show_nothing_personal(app, client):
    code = public(client, name="Siti Rahmawati", email="siti.rahma@contoh.id", phone="0812 3456 7890").get_json()[
        "tracking_code"]
    for response in (track(client, code), client.get(f"/complaints/track/{code}")):
        text = response.get_data(as_text=True)
        assert response.status_code == 200
        for personal in ("Siti Rahmawati", "siti.rahma@contoh.id", "0812 3456 7890", BODY):
            assert personal not in text
    assert set(track(client, code).get_json()) == {"status", "status_label", "office", "received_at", "due_date",
                                                   "answer", "answered_at", "may_reopen", "reopen_until"}


def test_an_unknown_or_absurd_tracking_code_is_a_404_with_a_message(client):
    for code in ("ZZZZZZZZZZ", "x" * 1000, "<script>", "%00"):
        response = track(client, code)
        assert response.status_code == 404
        assert "kode pelacakan" in response.get_json()["message"]
        assert client.get(f"/complaints/track/{code}").status_code == 404
    assert normalise("x" * 1000) is None


def test_the_complainant_is_mailed_the_code_in_indonesian_at_each_public_step(app, client):
    code = public(client, name="Budi", email="budi.pengadu@contoh.id").get_json()["tracking_code"]
    complaint = by_code(app, code)
    act(client, "complaints-3324", complaint.id, "triage")
    act(client, "complaints-3324", complaint.id, "answer", message="Sudah kami perbaiki.")
    act(client, "complaints-3324", complaint.id, "close")
    with app.app_context():
        mails = db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == "budi.pengadu@contoh.id")
                                   .order_by(OutboxMessage.id)).all()
        assert [mail.event for mail in mails] == ["complaints.received", "complaints.triage", "complaints.answer",
                                                  "complaints.close"]
        assert f"{code[:5]}-{code[5:]}" in mails[0].body_text and "Yth. Budi" in mails[0].body_text
        assert "telah kami jawab" in mails[2].body_text
        # The link in every mail is the tracking page, and it opens.
        assert all(f"/complaints/track/{code}" in mail.body_text for mail in mails)
    assert client.get(f"/complaints/track/{code}").status_code == 200


def test_a_complaint_without_an_address_sends_no_mail_to_anyone_outside(app, client):
    with app.app_context():
        before = db.session.scalar(select(func.max(OutboxMessage.id))) or 0
    code = public(client).get_json()["tracking_code"]
    act(client, "complaints-3324", by_code(app, code).id, "triage")
    with app.app_context():
        recipients = db.session.scalars(select(OutboxMessage.recipient).where(OutboxMessage.id > before)).all()
        assert all(address.endswith("@satupintu.local") for address in recipients)


# --- what it is about -------------------------------------------------------------------------------

def test_about_must_name_a_record_of_that_office_and_staff_get_a_link(app, client):
    other = staff_record(client, who="complaints-1904", channel="email", lapor_id=None).get_json()["id"]
    own = staff_record(client, channel="email", lapor_id=None).get_json()["id"]
    before = count(app)
    refused = public(client, about=f"ADU-{other:05d}")
    assert refused.status_code == 422
    assert "tidak memiliki" in refused.get_json()["errors"]["about"]
    assert count(app) == before

    code = public(client, about=f"adu {own}").get_json()["tracking_code"]
    complaint = by_code(app, code)
    assert (complaint.about_procedure, complaint.about_record_id) == ("complaints", own)
    page = _signed_in(app, "complaints-3324").get(f"/complaintview/show/{complaint.id}").get_data(as_text=True)
    assert f'href="/complaintview/show/{own}"' in page


def test_about_finds_sales_requests_and_recommendation_requests_by_their_printed_numbers(app, client):
    from app.recommendations import service as recommendations
    from tests.support.recommendation import payload
    from tests.support.sales import new_request

    with app.app_context():
        sale = new_request()
        recommendation = recommendations.create_draft(payload(), appbuilder.sm.find_user(username="applicant1"))
        db.session.commit()
        numbers = {"sales": (sale.id, sale.label),
                   "recommendation": (recommendation.id, f"REK-{recommendation.id:05d}")}
    for procedure, (record_id, number) in numbers.items():
        code = public(client, about=number.lower()).get_json()["tracking_code"]
        complaint = by_code(app, code)
        assert (complaint.about_procedure, complaint.about_record_id) == (procedure, record_id)
        elsewhere = client.post("/api/v1/complaint/public", json={"office": "1904", "body": BODY, "about": number})
        assert elsewhere.status_code == 422 and "about" in elsewhere.get_json()["errors"]
    page = _signed_in(app, "complaints-3324").get(f"/complaintview/show/{complaint.id}").get_data(as_text=True)
    assert f'href="/recommendationview/show/{numbers["recommendation"][0]}"' in page


# --- staff record complaints from other channels ----------------------------------------------------

def test_a_lapor_complaint_recorded_by_staff_counts_from_the_day_received_across_a_holiday(app, client):
    received, holiday, due = holiday_span()
    response = staff_record(client, lapor_id="LPR-2026-0815-001", received_at=received.isoformat(), name="")
    assert response.status_code == 201, response.get_json()
    result = response.get_json()["result"]
    assert result["channel"] == "lapor" and result["lapor_id"] == "LPR-2026-0815-001"
    assert result["sla_due_date"] == due.isoformat()
    assert due > received + timedelta(days=3) or holiday.weekday() == 4  # the holiday moved the due date
    complaint_id = response.get_json()["id"]
    transitions = client.get(f"/api/v1/complaint/{complaint_id}/transitions",
                             headers=auth_header(client, "complaints-3324")).get_json()
    assert transitions["sla"]["due"] == due.isoformat() and transitions["sla"]["working_days_left"] < 0

    # Triage starts the answer phase: 5 working days from the day of triage.
    assert act(client, "complaints-3324", complaint_id, "triage").get_json() == {"status": "in_review"}
    with app.app_context():
        complaint = db.session.get(Complaint, complaint_id)
        assert complaint.sla_due_date == calendar_for(complaint.office_id).add_working_days(jakarta_today(), 5)


def test_a_lapor_ticket_is_recorded_once_per_office(client):
    first = staff_record(client, lapor_id="LPR-DUP-1")
    assert first.status_code == 201
    again = staff_record(client, lapor_id="LPR-DUP-1")
    assert again.status_code == 422
    assert "LAPOR!" in again.get_json()["errors"]["lapor_id"]
    # Another office may hold the same ticket id (a ticket LAPOR! routed to both).
    assert staff_record(client, who="complaints-1904", lapor_id="LPR-DUP-1").status_code == 201


@pytest.mark.parametrize("fields, field", [
    ({"channel": "fax"}, "channel"),
    ({"channel": "lapor", "lapor_id": None}, "lapor_id"),
    ({"channel": "email", "lapor_id": "LPR-1"}, "lapor_id"),
    ({"received_at": "30-11-2026"}, "received_at"),
    ({"received_at": "2999-01-01"}, "received_at"),
    ({"received_at": None}, "received_at"),
    ({"email": "bukan-alamat"}, "email"),
    ({"body": "x" * 1_000_000}, "body"),
    ({"body": ["a list"]}, "body"),
])
def test_bad_input_from_staff_is_a_422_naming_the_field_and_nothing_is_recorded(app, client, fields, field):
    before = count(app)
    response = staff_record(client, **fields)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert count(app) == before


def test_only_the_complaint_handler_records_complaints(client):
    for who in ("officer-3324", "applicant1", "monitor-3300"):
        assert staff_record(client, who=who).status_code == 403


# --- bad input on the public side -------------------------------------------------------------------

def test_a_one_megabyte_complaint_is_refused_with_a_message_and_nothing_is_filed(app, client):
    before = count(app)
    response = public(client, body="x" * 1_000_000)
    assert response.status_code == 422
    assert "5000" in response.get_json()["errors"]["body"]
    assert count(app) == before


def test_script_in_every_field_is_kept_as_text_and_shown_escaped(app, client):
    script = "<script>alert(1)</script>"
    code = public(client, name=script, body=script, phone="0812 1111 2222").get_json()["tracking_code"]
    complaint = by_code(app, code)
    assert complaint.body == script
    act(client, "complaints-3324", complaint.id, "triage")
    act(client, "complaints-3324", complaint.id, "answer", message=script)
    page = client.get(f"/complaints/track/{code}").get_data(as_text=True)
    assert script not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    staff_page = _signed_in(app, "complaints-3324").get(f"/complaintview/show/{complaint.id}").get_data(as_text=True)
    assert script not in staff_page


@pytest.mark.parametrize("payload", [[], "text", {"office": "9999", "body": BODY}, {"office": "3324"},
                                     {"office": "3324", "body": {"a": 1}}])
def test_malformed_public_requests_get_a_message(client, payload):
    response = client.post("/api/v1/complaint/public", json=payload)
    assert response.status_code == 422
    assert response.get_json()["message"]


# --- handling ---------------------------------------------------------------------------------------

def test_the_handler_triages_answers_and_closes_while_tracking_follows(app, client):
    code = public(client).get_json()["tracking_code"]
    complaint_id = by_code(app, code).id
    assert act(client, "complaints-3324", complaint_id, "answer", message="x").status_code == 409
    assert act(client, "complaints-3324", complaint_id, "triage").get_json()["status"] == "in_review"
    assert track(client, code).get_json()["status"] == "in_review"
    empty = act(client, "complaints-3324", complaint_id, "answer", message="  ")
    assert empty.status_code == 422 and "message" in empty.get_json()["errors"]
    assert act(client, "complaints-3324", complaint_id, "answer",
               message="Mohon maaf, jadwal piket telah kami perbaiki.").get_json()["status"] == "answered"
    shown = track(client, code).get_json()
    assert shown["status"] == "answered" and shown["answer"] == "Mohon maaf, jadwal piket telah kami perbaiki."
    assert shown["may_reopen"] is True
    with app.app_context():
        office_id = db.session.get(Complaint, complaint_id).office_id
        assert shown["reopen_until"] == calendar_for(office_id).add_working_days(jakarta_today(), 10).isoformat()
    assert act(client, "complaints-3324", complaint_id, "close").get_json()["status"] == "closed"
    assert track(client, code).get_json()["status"] == "closed"
    # Roles: an officer, an applicant, the head may not handle it.
    other = by_code(app, public(client).get_json()["tracking_code"]).id
    assert act(client, "officer-3324", other, "triage").status_code == 403
    assert act(client, "head-3324", other, "triage").status_code == 403
    assert act(client, "complaints-1904", other, "triage").status_code == 404


def test_the_complainant_reopens_within_the_window_and_not_after(app, client):
    code = public(client).get_json()["tracking_code"]
    complaint_id = by_code(app, code).id
    act(client, "complaints-3324", complaint_id, "triage")
    act(client, "complaints-3324", complaint_id, "answer", message="Sudah diperbaiki.")
    missing = client.post(f"/api/v1/complaint/track/{code}/reopen", json={})
    assert missing.status_code == 422
    reopened = client.post(f"/api/v1/complaint/track/{code}/reopen", json={"note": "Belum, masih sama."})
    assert reopened.get_json() == {"status": "in_review"}
    with app.app_context():
        complaint = db.session.get(Complaint, complaint_id)
        assert complaint.sla_due_date == calendar_for(complaint.office_id).add_working_days(jakarta_today(), 5)
    act(client, "complaints-3324", complaint_id, "answer", message="Kami datangi langsung.")
    with app.app_context():
        complaint = db.session.get(Complaint, complaint_id)
        complaint.answered_at = utcnow() - timedelta(days=30)
        db.session.commit()
    late = client.post(f"/api/v1/complaint/track/{code}/reopen", json={"note": "Masih belum."})
    assert late.status_code == 409 and "10" in late.get_json()["message"]
    assert track(client, code).get_json()["may_reopen"] is False
    # The handler reopens on the complainant's behalf within the window (they called).
    with app.app_context():
        db.session.get(Complaint, complaint_id).answered_at = utcnow()
        db.session.commit()
    assert act(client, "complaints-3324", complaint_id, "reopen", note="Pelapor menelepon.").get_json()["status"] \
        == "in_review"


def test_the_public_page_reopens_too(app, client):
    code = public(client).get_json()["tracking_code"]
    complaint_id = by_code(app, code).id
    act(client, "complaints-3324", complaint_id, "triage")
    act(client, "complaints-3324", complaint_id, "answer", message="Sudah.")
    page = client.get(f"/complaints/track/{code}").get_data(as_text=True)
    assert "complaint-reopen" in page
    response = client.post(f"/complaints/track/{code}/reopen", data={"note": "Belum beres."}, follow_redirects=True)
    assert response.status_code == 200
    assert by_code(app, code).status == "in_review"


def test_the_handlers_inbox_holds_open_complaints_not_answered_ones(app, client):
    waiting = by_code(app, public(client).get_json()["tracking_code"]).id
    answered = by_code(app, public(client).get_json()["tracking_code"]).id
    act(client, "complaints-3324", answered, "triage")
    act(client, "complaints-3324", answered, "answer", message="Sudah dijawab.")
    work = client.get("/api/v1/my_work/?q=(page_size:500)", headers=auth_header(client, "complaints-3324")).get_json()
    ids = {row["id"] for row in work["result"] if row["resource"] == "complaint"}
    assert waiting in ids and answered not in ids


def test_close_answered_closes_after_ten_working_days_and_only_then(app, client):
    old = by_code(app, public(client).get_json()["tracking_code"]).id
    fresh = by_code(app, public(client).get_json()["tracking_code"]).id
    for complaint_id in (old, fresh):
        act(client, "complaints-3324", complaint_id, "triage")
        act(client, "complaints-3324", complaint_id, "answer", message="Terjawab.")
    with app.app_context():
        db.session.get(Complaint, old).answered_at = utcnow() - timedelta(days=20)
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["complaints", "close-answered"])
    assert result.exit_code == 0, result.output
    assert f"ADU-{old:05d}" in result.output and f"ADU-{fresh:05d}" not in result.output
    with app.app_context():
        assert db.session.get(Complaint, old).status == "closed"
        assert db.session.get(Complaint, fresh).status == "answered"
    assert f"ADU-{old:05d}" not in app.test_cli_runner().invoke(args=["complaints", "close-answered"]).output


def test_forward_moves_it_to_the_other_office_and_restarts_the_triage_clock(app, client):
    code = public(client).get_json()["tracking_code"]
    complaint_id = by_code(app, code).id
    same = act(client, "complaints-3324", complaint_id, "forward", office="3324", note="x")
    assert same.status_code == 422
    unknown = act(client, "complaints-3324", complaint_id, "forward", office="0001", note="x")
    assert unknown.status_code == 422 and "office" in unknown.get_json()["errors"]
    import io

    from tests.support.sales import PDF

    uploaded = client.post(f"/api/v1/complaint/{complaint_id}/documents",
                           headers=auth_header(client, "complaints-3324"), content_type="multipart/form-data",
                           data={"kind": "attachment", "file": (io.BytesIO(PDF), "tangkapan-layar.pdf")})
    assert uploaded.status_code == 201
    moved = act(client, "complaints-3324", complaint_id, "forward", office="3300",
                note="Yang dikeluhkan adalah layanan provinsi.")
    assert moved.get_json() == {"status": "received"}
    assert client.get(f"/api/v1/complaint/{complaint_id}", headers=auth_header(client, "complaints-3324")) \
        .status_code == 404
    shown = client.get(f"/api/v1/complaint/{complaint_id}", headers=auth_header(client, "complaints-3300"))
    assert shown.status_code == 200
    with app.app_context():
        assert db.session.get(Office, shown.get_json()["result"]["forwarded_from_id"]).code == "3324"
    assert track(client, code).get_json()["office"].endswith("Jawa Tengah")
    province = auth_header(client, "complaints-3300")
    documents = client.get(f"/api/v1/complaint/{complaint_id}/documents", headers=province).get_json()["result"]
    assert [doc["filename"] for doc in documents] == ["tangkapan-layar.pdf"]
    assert client.get(documents[0]["download_url"], headers=province).data == PDF
    assert act(client, "complaints-3300", complaint_id, "triage").get_json()["status"] == "in_review"


def test_overdue_complaints_reach_the_head_who_escalates_them(app, client):
    received, _holiday, _due = holiday_span()
    overdue = staff_record(client, channel="box", lapor_id=None, received_at=received.isoformat()).get_json()["id"]
    on_time = staff_record(client, channel="box", lapor_id=None).get_json()["id"]
    head = auth_header(client, "head-3324")
    names = lambda pk: [a["name"] for a in client.get(f"/api/v1/complaint/{pk}/transitions",  # noqa: E731
                                                      headers=head).get_json()["result"]]
    assert names(overdue) == ["escalate"] and names(on_time) == []
    # The head's inbox ("Pekerjaan saya") holds the overdue complaint, and not the one still on time.
    work = client.get("/api/v1/my_work/?q=(page_size:500)", headers=head).get_json()["result"]
    mine = {(row["resource"], row["id"]): row for row in work}
    assert ("complaint", overdue) in mine and ("complaint", on_time) not in mine
    assert mine[("complaint", overdue)]["actions"] == ["escalate"] and mine[("complaint", overdue)]["sla_state"] \
        == "overdue"
    refused = act(client, "head-3324", on_time, "escalate", note="Segera.")
    assert refused.status_code == 409
    done = act(client, "head-3324", overdue, "escalate", note="Tangani hari ini dan laporkan kepada saya.")
    assert done.get_json() == {"status": "received"}
    with app.app_context():
        mail = db.session.scalars(select(OutboxMessage).where(OutboxMessage.event == "complaints.escalate")
                                  .order_by(OutboxMessage.id.desc())).first()
        assert mail.recipient == "complaints-3324@satupintu.local" and "laporkan kepada saya" in mail.body_text


def test_a_complaint_about_a_named_officer_is_hidden_from_that_officer(app, client):
    complaint_id = staff_record(client, channel="box", lapor_id=None).get_json()["id"]
    with app.app_context():
        version = db.session.get(Complaint, complaint_id).version
        head_id = appbuilder.sm.find_user(username="head-3324").id
    handler = auth_header(client, "complaints-3324")
    stale = client.put(f"/api/v1/complaint/{complaint_id}", headers=handler,
                       json={"version": version - 1, "about_officer": "head-3324"})
    assert stale.status_code == 409
    named = client.put(f"/api/v1/complaint/{complaint_id}", headers=handler,
                       json={"version": version, "about_officer": "head-3324", "internal_note": "Tentang kepala."})
    assert named.status_code == 200, named.get_json()
    history = client.get(f"/api/v1/complaint/{complaint_id}/history", headers=handler).get_json()["result"]
    assert history[-1]["action"] == "edit"
    with app.app_context():
        assert db.session.get(Complaint, complaint_id).about_officer_id == head_id
    head = auth_header(client, "head-3324")
    assert client.get(f"/api/v1/complaint/{complaint_id}", headers=head).status_code == 404
    ids = [row["id"] for row in client.get("/api/v1/complaint/?q=(page_size:100,order_column:id,order_direction:desc)",
                                           headers=head).get_json()["result"]]
    assert complaint_id not in ids
    assert _signed_in(app, "head-3324").get(f"/complaintview/show/{complaint_id}").status_code == 404
    # The handler and the monitor still see it; an officer of another office is no one to name.
    assert client.get(f"/api/v1/complaint/{complaint_id}", headers=auth_header(client, "complaints-3324")) \
        .status_code == 200
    assert client.get(f"/api/v1/complaint/{complaint_id}", headers=auth_header(client, "monitor-3300")) \
        .status_code == 200
    with app.app_context():
        from app.core.values.validation import InvalidValue

        with pytest.raises(InvalidValue):
            service.clean_officer(db.session.get(Complaint, complaint_id).office_id, "head-1904")


def test_the_internal_note_stays_inside(app, client):
    code = public(client).get_json()["tracking_code"]
    complaint = by_code(app, code)
    handler = _signed_in(app, "complaints-3324")
    response = handler.post(f"/complaintview/note/{complaint.id}",
                            data={"internal_note": "Rahasia: pelapor sering mengeluh.", "about_officer": "",
                                  "version": complaint.version}, follow_redirects=True)
    assert "Catatan internal disimpan" in response.get_data(as_text=True)
    assert by_code(app, code).internal_note == "Rahasia: pelapor sering mengeluh."
    assert "Rahasia" not in client.get(f"/complaints/track/{code}").get_data(as_text=True)
    assert "Rahasia" not in track(client, code).get_data(as_text=True)


# --- screens and spam defence ----------------------------------------------------------------------

def _signed_in(app, username):
    from tests.support.sales import signed_in

    return signed_in(app, username)


def test_the_handler_records_a_complaint_on_the_screen(app):
    handler = _signed_in(app, "complaints-3324")
    page = handler.get("/complaintview/record").get_data(as_text=True)
    assert "LAPOR!" in page and 'name="received_at"' in page
    response = handler.post("/complaintview/record", data={
        "channel": "whatsapp", "received_at": jakarta_today().isoformat(), "body": "Lewat WA: data tidak ada.",
        "name": "", "phone": "0813 2222 3333"}, follow_redirects=True)
    assert response.status_code == 200
    assert "Lewat WA: data tidak ada." in response.get_data(as_text=True)
    bad = handler.post("/complaintview/record", data={"channel": "whatsapp", "received_at": "kemarin",
                                                      "body": "Tetap ada di formulir."})
    assert "Tetap ada di formulir." in bad.get_data(as_text=True) and "YYYY-MM-DD" in bad.get_data(as_text=True)
    worklist = handler.get("/complaintview/list/").get_data(as_text=True)
    assert "WhatsApp" in worklist


def test_the_public_form_files_a_complaint_with_an_attachment(app, client):
    page = client.get("/complaints/3324/new")
    assert page.status_code == 200 and 'name="website"' in page.get_data(as_text=True)
    app.config["SATUPINTU_COMPLAINT_MIN_FILL_SECONDS"] = 0
    try:
        import io
        import re

        from tests.support.sales import PDF

        token = re.search(r'name="started" value="([^"]+)"', page.get_data(as_text=True)).group(1)
        response = client.post("/complaints/3324/new", data={
            "started": token, "body": BODY, "name": "", "attachment": (io.BytesIO(PDF), "bukti.pdf")},
            content_type="multipart/form-data")
        text = response.get_data(as_text=True)
        assert response.status_code == 200 and "tracking-code" in text
        code = re.search(r'id="tracking-code">([0-9A-Z-]+)<', text).group(1)
        with app.app_context():
            from app.core.documents.attached import documents_of

            complaint = service.by_code(code)
            assert [doc.filename for doc in documents_of("complaints", complaint.id)] == ["bukti.pdf"]
    finally:
        app.config["SATUPINTU_COMPLAINT_MIN_FILL_SECONDS"] = 3


def test_robots_are_turned_away_with_a_message_and_what_was_written_stays(app, client):
    import re

    before = count(app)
    page = client.get("/complaints/3324/new").get_data(as_text=True)
    token = re.search(r'name="started" value="([^"]+)"', page).group(1)
    too_fast = client.post("/complaints/3324/new", data={"started": token, "body": "Tulisan saya."})
    assert "terlalu cepat" in too_fast.get_data(as_text=True) and "Tulisan saya." in too_fast.get_data(as_text=True)
    forged = client.post("/complaints/3324/new", data={"started": "forged", "body": "Tulisan saya."})
    assert "tidak dapat diperiksa" in forged.get_data(as_text=True)
    app.config["SATUPINTU_COMPLAINT_MIN_FILL_SECONDS"] = 0
    try:
        honeypot = client.post("/complaints/3324/new", data={"started": token, "body": "Spam", "website": "x.com"})
        assert "tidak dapat diterima" in honeypot.get_data(as_text=True)
    finally:
        app.config["SATUPINTU_COMPLAINT_MIN_FILL_SECONDS"] = 3
    assert count(app) == before
    assert client.get("/complaints/9999/new").status_code == 404


def test_one_address_may_file_only_a_few_complaints_an_hour(app, client):
    headers = {"X-Test-Client": "complainer-198.51.100.7"}
    statuses = [client.post("/api/v1/complaint/public", json={"office": "3324", "body": BODY}, headers=headers)
                .status_code for _ in range(6)]
    assert statuses == [201] * 5 + [429]
    # Someone else is not affected, and tracking is not limited.
    assert public(client).status_code == 201


def test_public_pages_open_without_login(client):
    index = client.get("/complaints/")
    assert index.status_code == 200 and "/complaints/3324/new" in index.get_data(as_text=True)
    assert client.get("/complaints/track").status_code == 200
    assert client.get("/complaints/track?code=abc").status_code == 302


def test_an_admin_records_a_complaint_for_the_office_they_choose(app):
    admin = _signed_in(app, "admin")
    assert 'name="office"' in admin.get("/complaintview/record").get_data(as_text=True)
    response = admin.post("/complaintview/record", data={
        "office": "1904", "channel": "email", "received_at": jakarta_today().isoformat(),
        "body": "Surat pembaca diteruskan oleh admin."})
    assert response.status_code == 302
    with app.app_context():
        complaint = db.session.scalars(select(Complaint).where(Complaint.body == "Surat pembaca diteruskan oleh admin.")
                                       ).one()
        assert complaint.office.code == "1904"


def test_the_monitors_worklist_costs_the_same_statements_for_2_or_12_rows(app):
    from sqlalchemy import event

    monitor = _signed_in(app, "monitor-3300")
    monitor.get("/complaintview/list/")  # the first request of a session reads its permissions
    with app.app_context():
        engine = db.engine
    counts = {}
    for size in (2, 12):
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            page = monitor.get(f"/complaintview/list/?psize_ComplaintView={size}")
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        assert page.status_code == 200 and page.get_data(as_text=True).count("/complaintview/show/") >= size
        counts[size] = len(statements)
    assert counts[2] == counts[12], counts


def test_the_demo_holds_complaints_in_every_state_at_every_office_each_with_its_trail(app_ctx):
    from app.core.workflow.audit import AuditEvent

    demo = db.session.scalars(select(Complaint).where(Complaint.body.like("%[____]"))).all()
    by_office: dict[str, set[str]] = {}
    for complaint in demo:
        by_office.setdefault(complaint.body[-5:-1], set()).add(complaint.status)
    assert set(by_office) == {"0000", "3300", "3324", "1904"}
    for statuses in by_office.values():
        assert {"received", "in_review", "answered", "closed"} <= statuses
    trail = db.session.scalars(select(AuditEvent.record_id).where(AuditEvent.procedure == "complaints",
                                                                 AuditEvent.action == "create")).all()
    assert {complaint.id for complaint in demo} <= set(trail)
    lapor = [complaint for complaint in demo if complaint.channel == "lapor"]
    assert lapor and all(complaint.lapor_id and complaint.sla_due_date for complaint in lapor)
