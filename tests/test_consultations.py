"""Statistical consultation (seed 004): the thread from question to rating through the REST API and
the engine — clarification pauses the 3-working-day clock, each message reaches the other side by
mail with a link, a follow-up meeting carries an .ics invitation, idle threads close by themselves,
walk-in and WhatsApp consultations are logged by the officer — and bad input never breaks anything."""
from __future__ import annotations

import datetime as dt
import io
import uuid

import pytest
from icalendar import Calendar
from sqlalchemy import select

from app.consultations.models import Consultation, KnowledgeEntry, Meeting
from app.consultations.procedure import CONSULTATION
from app.core.calendar.workdays import jakarta_today
from app.core.mail.outbox import OutboxMessage
from app.core.satisfaction.models import Rating
from app.core.service import walk_in_starters
from app.core.workflow.audit import AuditEvent
from app.core.workflow.engine import apply
from app.core.workflow.sla import calendar_for, clock_for
from app.extensions import appbuilder, db
from tests.support.mail import mail_text
from tests.support.sign_in import auth_header

PDF = b"%PDF-1.4\n% a table the applicant attaches\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
SCORES = [4, 4, 3, 4, 4, 4, 4, 3, 4]


def user(name):
    return appbuilder.sm.find_user(username=name)


@pytest.fixture(scope="module")
def tokens(app):
    client = app.test_client()
    return {name: auth_header(client, name) for name in
            ("applicant1", "applicant2", "officer-3324", "officer-1904", "officer-3300", "head-3324", "monitor-3300")}


def ask(client, tokens, who="applicant1", **overrides):
    body = {"office": "3324", "subject": f"Data kemiskinan {uuid.uuid4().hex[:6]}",
            "question": "Berapa persentase penduduk miskin Kabupaten Kendal pada Maret 2025?", "topic": "kemiskinan"}
    body.update(overrides)
    return client.post("/api/v1/consultation/", json=body, headers=tokens[who])


def act(client, tokens, pk, action, who, **data):
    return client.post(f"/api/v1/consultation/{pk}/transition/{action}", json=data, headers=tokens[who])


def record(app, pk) -> Consultation:
    with app.app_context():
        found = db.session.get(Consultation, pk)
        db.session.expunge(found)
        return found


def mails(app, pk, event=None) -> list[OutboxMessage]:
    with app.app_context():
        query = select(OutboxMessage).where(OutboxMessage.body_text.contains(f"KONS-{pk:05d}"))
        if event:
            query = query.where(OutboxMessage.event == event)
        return db.session.scalars(query.order_by(OutboxMessage.id)).all()


# --- filing ---------------------------------------------------------------------------------------

def test_applicant_opens_a_consultation_due_in_three_working_days(app, client, tokens):
    response = ask(client, tokens)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["status"] == "open"
    with app.app_context():
        expected = calendar_for(db.session.get(Consultation, body["id"]).office_id).add_working_days(jakarta_today(), 3)
    assert body["due_date"] == expected.isoformat()
    # The question is the thread's first message; the office's officers hear of it, with the link.
    thread = client.get(f"/api/v1/consultation/{body['id']}/messages", headers=tokens["applicant1"]).get_json()
    assert [m["action"] for m in thread["result"]] == ["question"]
    officer_mails = [m for m in mails(app, body["id"]) if m.recipient == "officer-3324@satupintu.local"]
    assert officer_mails and f"/consultationview/show/{body['id']}" in officer_mails[0].body_text


def test_officer_logs_a_whatsapp_consultation_for_a_service_user_found_by_id_number(app, client, tokens):
    response = client.post("/api/v1/consultation/", headers=tokens["officer-3324"], json={
        "applicant": "3374011203850002", "channel": "whatsapp", "subject": "Inflasi Kendal (WhatsApp)",
        "question": "Apakah Kendal punya angka inflasi sendiri?", "topic": "inflasi"})
    assert response.status_code == 201, response.get_json()
    found = record(app, response.get_json()["id"])
    with app.app_context():
        assert (found.channel, found.applicant_id, found.status) == ("whatsapp", user("applicant2").id, "open")
    # The guest hears of it (a record to follow and, later, to rate).
    assert [m.recipient for m in mails(app, found.id)] == ["applicant2@example.org"]


@pytest.mark.parametrize("field", ["channel", "follow_up_service"])
def test_a_staff_log_with_a_list_for_a_choice_is_refused_not_a_500(client, tokens, field):
    response = client.post("/api/v1/consultation/", headers=tokens["officer-3324"], json={
        "applicant": "3374011203850002", "channel": "walk_in", "subject": "Inflasi", "question": "Berapa?",
        "topic": "inflasi", field: ["whatsapp"]})
    assert response.status_code == 422 and field in response.get_json()["errors"]


# --- the thread -----------------------------------------------------------------------------------

def test_clarification_pauses_the_clock_and_the_reply_with_an_attachment_resumes_it(app, client, tokens):
    pk = ask(client, tokens).get_json()["id"]
    assert act(client, tokens, pk, "ask_clarification", "officer-3324",
               message="Untuk tahun berapa dan tingkat wilayah apa?").get_json() == {"status": "awaiting_applicant"}
    with app.app_context():
        assert clock_for(db.session.get(Consultation, pk), CONSULTATION).state == "paused"
    assert mails(app, pk, "consultations.ask_clarification")[0].recipient == "applicant1@example.org"
    response = client.post(f"/api/v1/consultation/{pk}/transition/reply", headers=tokens["applicant1"],
                           data={"message": "Tahun 2025, per kecamatan. Contoh tabel terlampir.",
                                 "attachment": (io.BytesIO(PDF), "contoh-tabel.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"status": "open"}
    with app.app_context():
        assert clock_for(db.session.get(Consultation, pk), CONSULTATION).state == "running"
    thread = client.get(f"/api/v1/consultation/{pk}/messages", headers=tokens["officer-3324"]).get_json()["result"]
    assert [m["action"] for m in thread] == ["question", "ask_clarification", "reply"]
    attachment = thread[-1]["attachment"]
    assert attachment["filename"] == "contoh-tabel.pdf"
    assert client.get(attachment["download_url"], headers=tokens["officer-3324"]).data == PDF
    # The officers hear of the reply, with the message and the link to the thread.
    reply_mail = [m for m in mails(app, pk, "consultations.reply") if m.recipient == "officer-3324@satupintu.local"]
    assert "Tahun 2025, per kecamatan" in reply_mail[0].body_text
    assert f"/consultationview/show/{pk}" in reply_mail[0].body_text


def test_answer_is_mailed_to_the_applicant_with_the_link(app, client, tokens, smtp_server, send_outbox):
    pk = ask(client, tokens).get_json()["id"]
    assert act(client, tokens, pk, "answer", "officer-3324",
               message="Persentase penduduk miskin Kendal Maret 2025 adalah 9,8 persen.").status_code == 200
    queued = mails(app, pk, "consultations.answer")
    send_outbox(ids=[m.id for m in queued])
    received = [m for m in smtp_server.wait_for("applicant1@example.org")
                if f"KONS-{pk:05d}" in str(m["Subject"])]
    text = mail_text(received[0])
    assert "9,8 persen" in text and f"/myconsultationview/show/{pk}" in text
    with app.app_context():
        assert clock_for(db.session.get(Consultation, pk), CONSULTATION).state == "paused"


def test_video_meeting_invitation_is_an_ics_attached_to_the_mail(app, client, tokens, smtp_server, send_outbox):
    pk = ask(client, tokens).get_json()["id"]
    with app.app_context():
        day = calendar_for(db.session.get(Consultation, pk).office_id).add_working_days(jakarta_today(), 2)
    response = act(client, tokens, pk, "schedule_meeting", "officer-3324", kind="video", day=day.isoformat(),
                   time="13:30", minutes="45", link="https://meet.example.org/pst-kendal",
                   message="Mari kita bahas lewat video.")
    assert response.get_json() == {"status": "awaiting_applicant"}
    queued = mails(app, pk, "consultations.schedule_meeting")
    assert queued[0].attachment_document_id
    send_outbox(ids=[m.id for m in queued])
    received = [m for m in smtp_server.wait_for("applicant1@example.org") if f"KONS-{pk:05d}" in str(m["Subject"])]
    invitation = next(part for part in received[0].iter_attachments() if part.get_filename().endswith(".ics"))
    assert invitation.get_content_type() == "text/calendar"
    event = Calendar.from_ical(invitation.get_content()).walk("VEVENT")[0]
    start = event.decoded("dtstart")
    assert (start.date(), start.strftime("%H:%M"), start.utcoffset().total_seconds()) == (day, "13:30", 7 * 3600)
    assert (event.decoded("dtend") - start).total_seconds() == 45 * 60
    assert str(event["location"]) == "https://meet.example.org/pst-kendal"
    assert "applicant1@example.org" in str(event["attendee"])
    # The applicant asks for another time; then accepts the next proposal.
    assert act(client, tokens, pk, "ask_other_time", "applicant1",
               message="Bisakah pukul 15.00?").get_json() == {"status": "open"}
    assert act(client, tokens, pk, "accept_meeting", "applicant1").status_code == 409  # nothing proposed now
    act(client, tokens, pk, "schedule_meeting", "officer-3324", kind="visit", day=day.isoformat(), time="15:00",
        place="Ruang PST BPS Kabupaten Kendal")
    assert act(client, tokens, pk, "accept_meeting", "applicant1").get_json() == {"status": "answered"}
    with app.app_context():
        statuses = [m.status for m in db.session.scalars(select(Meeting).where(Meeting.consultation_id == pk)
                                                         .order_by(Meeting.id))]
    assert statuses == ["declined", "accepted"]


def test_close_rate_and_publish_the_answer(app, client, tokens):
    pk = ask(client, tokens, subject="Jumlah nelayan Kendal").get_json()["id"]
    act(client, tokens, pk, "answer", "officer-3324", message="Jumlah rumah tangga perikanan tangkap ada di "
        "publikasi Kabupaten Kendal Dalam Angka, bab Perikanan.")
    assert act(client, tokens, pk, "close", "officer-3324").get_json() == {"status": "closed"}
    assert mails(app, pk, "consultations.close")[0].recipient == "applicant1@example.org"
    assert act(client, tokens, pk, "reply", "applicant1", message="Terima kasih").status_code == 409
    assert act(client, tokens, pk, "rate", "applicant1", scores=SCORES, comment="Membantu").get_json() == \
        {"status": "completed"}
    with app.app_context():
        rating = db.session.scalars(select(Rating).where(Rating.procedure == "consultations",
                                                         Rating.record_id == pk)).one()
        assert (rating.service, rating.score_time) == ("consultation", 3)
    response = act(client, tokens, pk, "publish_answer", "officer-3324",
                   title="Jumlah rumah tangga nelayan di Kabupaten Kendal",
                   answer="Jumlah rumah tangga perikanan tangkap ada di Kabupaten Kendal Dalam Angka, bab Perikanan.")
    assert response.get_json() == {"status": "completed"}
    found = client.get("/api/v1/knowledge/?q=penangkapan ikan nelayan&office=3324").get_json()["result"]
    assert found and found[0]["title"] == "Jumlah rumah tangga nelayan di Kabupaten Kendal"


def test_publishing_needs_an_answer_and_a_closed_thread(client, tokens):
    pk = ask(client, tokens).get_json()["id"]
    assert act(client, tokens, pk, "publish_answer", "officer-3324", title="X", answer="Y").status_code == 409
    act(client, tokens, pk, "close", "officer-3324", message="Ditutup atas permintaan pemohon.")
    response = act(client, tokens, pk, "publish_answer", "officer-3324", title="X", answer="Y")
    assert response.status_code == 409 and "menjawab" in response.get_json()["message"]


def test_close_idle_closes_threads_waiting_longer_than_the_office_setting(app, client, tokens):
    waiting = ask(client, tokens).get_json()["id"]
    act(client, tokens, waiting, "answer", "officer-3324", message="Apakah data per kecamatan juga perlu?")
    fresh = ask(client, tokens).get_json()["id"]
    act(client, tokens, fresh, "answer", "officer-3324", message="Sudah kami jawab hari ini.")
    with app.app_context():
        stale = db.session.get(Consultation, waiting)
        # Eight calendar days back holds at least five working days, whatever the week.
        stale.last_message_at -= dt.timedelta(days=8)
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["consultations", "close-idle"])
    assert result.exit_code == 0 and "closed" in result.output
    assert record(app, waiting).status == "closed"
    assert record(app, fresh).status == "answered"
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(
            AuditEvent.procedure == "consultations", AuditEvent.record_id == waiting,
            AuditEvent.action == "close_idle")).one()
        assert event.actor_id is None and event.actor_role == "System"
    notice = mails(app, waiting, "consultations.close_idle")
    assert notice[0].recipient == "applicant1@example.org" and "5 hari kerja" in notice[0].body_text
    # A second run finds nothing more of these to close.
    app.test_cli_runner().invoke(args=["consultations", "close-idle"])
    assert record(app, fresh).status == "answered"


# --- walk-in --------------------------------------------------------------------------------------

def test_front_desk_starts_a_walk_in_log_the_officer_completes(app, as_user):
    with app.app_context():
        label, start = walk_in_starters()["consultations"]
        started = start(user("applicant2"), user("officer-3324"))
        pk = started.id
        assert (started.status, started.channel, started.office.code) == ("open", "walk_in", "3324")
        assert clock_for(started, CONSULTATION).state == "idle"  # served at the desk, no 3-day clock
    officer = as_user("officer-3324")
    page = officer.get(f"/consultationview/show/{pk}")
    assert page.status_code == 200 and 'id="consultation-log"' in page.get_data(as_text=True)
    response = officer.post(f"/consultationview/log/{pk}", data={
        "version": record(app, pk).version, "subject": "Peta wilkerstat Kendal", "topic": "wilayah",
        "question": "Bagaimana memperoleh peta per desa?", "follow_up_service": "sales"}, follow_redirects=True)
    assert "Catatan konsultasi disimpan." in response.get_data(as_text=True)
    logged = record(app, pk)
    assert (logged.subject, logged.follow_up_service) == ("Peta wilkerstat Kendal", "sales")
    assert officer.post(f"/consultationview/act/{pk}/answer",
                        data={"message": "Kami tunjukkan katalog peta.", "version": logged.version}).status_code == 302
    assert record(app, pk).status == "answered"


def test_officer_logs_a_walk_in_answered_and_closed_at_the_desk(app, as_user):
    officer = as_user("officer-3324")
    found = officer.get("/consultations/log/?applicant=applicant1@example.org").get_data(as_text=True)
    assert 'id="guest-found"' in found and "Ayu Lestari" in found
    response = officer.post("/consultations/log/", data={
        "applicant": "applicant1@example.org", "channel": "walk_in", "topic": "pendidikan",
        "subject": "Angka partisipasi sekolah", "question": "Di mana APS Kendal?",
        "answer": "APS ada di Statistik Kesejahteraan Rakyat.", "close": "1"})
    assert response.status_code == 302
    pk = int(response.headers["Location"].rstrip("/").split("/")[-1])
    logged = record(app, pk)
    with app.app_context():
        assert (logged.status, logged.channel, logged.applicant_id) == ("closed", "walk_in", user("applicant1").id)
    missing = officer.post("/consultations/log/", data={"applicant": "nobody@nowhere.example", "channel": "walk_in",
                                                        "topic": "pendidikan", "subject": "x", "question": "y"})
    assert missing.status_code == 200 and "ID atau e-mail ini" in missing.get_data(as_text=True)


# --- who may see and do what ------------------------------------------------------------------------

def test_another_office_and_another_applicant_get_404(client, tokens):
    pk = ask(client, tokens).get_json()["id"]
    assert client.get(f"/api/v1/consultation/{pk}", headers=tokens["officer-1904"]).status_code == 404
    assert act(client, tokens, pk, "answer", "officer-1904", message="Bukan kantor saya").status_code == 404
    assert client.get(f"/api/v1/consultation/{pk}/messages", headers=tokens["applicant2"]).status_code == 404
    assert client.get(f"/api/v1/consultation/{pk}", headers=tokens["monitor-3300"]).status_code == 200
    assert act(client, tokens, pk, "answer", "head-3324", message="x").status_code == 403
    # The applicant writes their own messages online; the officer may not speak for them.
    assert act(client, tokens, pk, "reply", "officer-3324", message="atas nama pemohon").status_code == 403
    act(client, tokens, pk, "answer", "officer-3324", message="Jawaban")
    assert act(client, tokens, pk, "record_reply", "officer-3324", message="atas nama pemohon").status_code == 409


def test_transitions_lists_what_the_caller_may_do(client, tokens):
    pk = ask(client, tokens).get_json()["id"]
    mine = client.get(f"/api/v1/consultation/{pk}/transitions", headers=tokens["officer-3324"]).get_json()
    assert {"answer", "ask_clarification", "schedule_meeting", "close"} <= {a["name"] for a in mine["result"]}
    assert mine["sla"]["state"] == "running"
    theirs = client.get(f"/api/v1/consultation/{pk}/transitions", headers=tokens["applicant1"]).get_json()
    assert [a["name"] for a in theirs["result"]] == ["add_message"]


# --- bad input ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("overrides,field", [
    ({"question": ""}, "question"),
    ({"question": "x" * 100_000}, "question"),
    ({"question": ["a list"]}, "question"),
    ({"subject": "   "}, "subject"),
    ({"topic": "astrologi"}, "topic"),
    ({"office": "9999"}, "office"),
])
def test_bad_questions_are_refused_with_a_message(app, client, tokens, overrides, field):
    with app.app_context():
        before = db.session.query(Consultation).count()
    response = ask(client, tokens, **overrides)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    with app.app_context():
        assert db.session.query(Consultation).count() == before


def test_an_attachment_that_is_not_what_its_name_says_is_refused(app, client, tokens):
    pk = ask(client, tokens).get_json()["id"]
    act(client, tokens, pk, "ask_clarification", "officer-3324", message="Lampirkan contoh tabel.")
    for data, name in ((PNG, "tabel.pdf"), (b"MZ\x90\x00 not a document", "tabel.pdf"), (b"", "kosong.pdf")):
        response = client.post(f"/api/v1/consultation/{pk}/transition/reply", headers=tokens["applicant1"],
                               data={"message": "Terlampir", "attachment": (io.BytesIO(data), name)},
                               content_type="multipart/form-data")
        assert response.status_code == 422, name
        assert response.get_json()["message"]
    assert record(app, pk).status == "awaiting_applicant"
    json_attachment = act(client, tokens, pk, "reply", "applicant1", message="x", attachment="tabel.pdf")
    assert json_attachment.status_code == 422 and "attachment" in json_attachment.get_json()["errors"]


@pytest.mark.parametrize("fields,field", [
    ({"kind": "video", "time": "10:00", "link": "javascript:alert(1)"}, "link"),
    ({"kind": "video", "time": "10:00"}, "link"),
    ({"kind": "visit", "time": "10:00"}, "place"),
    ({"kind": "zoom", "time": "10:00", "link": "https://x.example"}, "kind"),
    ({"kind": {}, "time": "10:00", "link": "https://x.example"}, "kind"),  # an object, not a code
    ({"kind": "video", "time": "25:99", "link": "https://x.example"}, "time"),
    ({"kind": "video", "time": "10:00", "link": "https://x.example", "day": "2020-01-02"}, "day"),
    ({"kind": "video", "time": "10:00", "link": "https://x.example", "day": "besok"}, "day"),
])
def test_bad_meeting_proposals_are_refused(app, client, tokens, fields, field):
    pk = ask(client, tokens).get_json()["id"]
    with app.app_context():
        day = calendar_for(db.session.get(Consultation, pk).office_id).add_working_days(jakarta_today(), 2)
    response = act(client, tokens, pk, "schedule_meeting", "officer-3324", **{"day": day.isoformat(), **fields})
    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert record(app, pk).status == "open"


def test_a_meeting_on_a_day_off_is_refused(app, client, tokens):
    pk = ask(client, tokens).get_json()["id"]
    day = jakarta_today()
    while day.weekday() != 6:  # the next Sunday
        day = day.fromordinal(day.toordinal() + 1)
    response = act(client, tokens, pk, "schedule_meeting", "officer-3324", kind="visit", day=day.isoformat(),
                   time="10:00", place="Ruang PST")
    assert response.status_code == 422 and "day" in response.get_json()["errors"]


def test_every_action_of_the_procedure_is_taken_here():
    # The procedure contract: each action name appears in this module's tests.
    source = open(__file__, encoding="utf-8").read()
    assert all(f'"{name}"' in source for name in CONSULTATION.actions)


def test_system_action_is_not_for_people(client, tokens):
    pk = ask(client, tokens).get_json()["id"]
    act(client, tokens, pk, "answer", "officer-3324", message="Jawaban")
    assert act(client, tokens, pk, "close_idle", "officer-3324").status_code == 403


def test_engine_applies_close_idle_for_the_system_only(app, client, tokens):
    pk = ask(client, tokens).get_json()["id"]
    act(client, tokens, pk, "answer", "officer-3324", message="Jawaban")
    with app.app_context():
        assert apply(CONSULTATION, pk, "close_idle", None, {"note": "Tidak ada tanggapan."}).status == "closed"
        assert db.session.scalars(select(KnowledgeEntry).where(KnowledgeEntry.consultation_id == pk)).first() is None


def test_worklist_opens_with_its_topic_filter_and_a_walk_in_log_without_topic(app, as_user):
    with app.app_context():
        walk_in_starters()["consultations"][1](user("applicant1"), user("officer-3324"))
    for who, url in (("officer-3324", "/consultationview/list/"), ("admin", "/consultationview/list/"),
                     ("head-3324", "/consultationview/list/"), ("applicant1", "/myconsultationview/list/")):
        assert as_user(who).get(url).status_code == 200, (who, url)


def test_the_officer_records_what_a_whatsapp_guest_replies(app, client, tokens):
    pk = client.post("/api/v1/consultation/", headers=tokens["officer-3324"], json={
        "applicant": "applicant2@example.org", "channel": "whatsapp", "subject": "IPM Kendal (WhatsApp)",
        "question": "Berapa IPM Kendal 2025?", "topic": "pendidikan"}).get_json()["id"]
    act(client, tokens, pk, "ask_clarification", "officer-3324", message="IPM metode baru atau lama?")
    assert act(client, tokens, pk, "record_reply", "officer-3324",
               message="Metode baru, kata tamu lewat WhatsApp.").get_json() == {"status": "open"}
    thread = client.get(f"/api/v1/consultation/{pk}/messages", headers=tokens["officer-3324"]).get_json()["result"]
    # The thread shows it as the guest's words; nobody is mailed about what was said on the phone.
    assert (thread[-1]["author_role"], thread[-1]["author"]) == ("Applicant", "Budi Santoso")
    assert mails(app, pk, "consultations.record_reply") == []


def test_the_applicant_adds_to_the_question_while_the_office_has_it(app, client, tokens):
    pk = ask(client, tokens).get_json()["id"]
    assert act(client, tokens, pk, "add_message", "applicant1",
               message="Sekalian data tahun 2024.").get_json() == {"status": "open"}
    recipients = {m.recipient for m in mails(app, pk, "consultations.add_message")}
    assert "officer-3324@satupintu.local" in recipients and "applicant1@example.org" not in recipients
    with app.app_context():
        assert clock_for(db.session.get(Consultation, pk), CONSULTATION).state == "running"


def test_the_inbox_waits_on_whoever_moves_the_thread_on(app, client, tokens):
    from app.core.workflow import inbox

    def waiting(who, pk):
        with app.app_context():
            items, _total = inbox.page(user(who), 0, inbox.MAX_PAGE_SIZE, ("consultations",))
            return any((item.resource, item.record.id) == ("consultation", pk) for item in items)

    pk = ask(client, tokens).get_json()["id"]
    assert waiting("officer-3324", pk) and not waiting("applicant1", pk) and not waiting("officer-1904", pk)
    act(client, tokens, pk, "ask_clarification", "officer-3324", message="Untuk tahun berapa?")
    assert waiting("applicant1", pk) and not waiting("officer-3324", pk)
    act(client, tokens, pk, "reply", "applicant1", message="2025")
    act(client, tokens, pk, "answer", "officer-3324", message="Ini datanya.")
    act(client, tokens, pk, "close", "officer-3324")
    assert waiting("applicant1", pk) and not waiting("officer-3324", pk)  # the rating
