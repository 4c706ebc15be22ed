"""Recommendation of statistical activities (seed 002): every step, role and guard, the return and
revision loops, letter numbers under concurrency, the signed letter (QR, PAdES, /verify), the e-mail
with the letter attached, and the public register."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import threading
import uuid
from contextlib import contextmanager

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import func, select

from app.core.calendar.workdays import jakarta_today
from app.core.documents import attached as docs
from app.core.documents import storage
from app.core.documents.numbering import NumberSequence
from app.core.mail.outbox import OutboxMessage
from app.core.reference.models import Office
from app.core.workflow.audit import history
from app.core.workflow.engine import TransitionError, apply, available_actions, edit, edit_role, upload
from app.core.workflow.sla import calendar_for
from app.extensions import appbuilder, db
from app.recommendations import letters, service
from app.recommendations.models import LetterTemplate, RecommendationRequest, SigningCertificate
from app.recommendations.pades import outside_event_loop
from app.recommendations.procedure import RECOMMENDATION
from tests.support.recommendation import payload
from tests.support.sign_in import auth_header

PDF = b"%PDF-1.4\n% a small test file\n"
SCORES = {"requirements": 4, "procedure": 4, "time": 3, "cost": 4, "product": 4, "competence": 4,
          "behaviour": 4, "complaints": 3, "facilities": 4}
OFFICER = {"3324": "officer-3324", "1904": "officer-1904"}
HEAD = {"3324": "head-3324", "1904": "head-1904"}


def user(name):
    return appbuilder.sm.find_user(username=name)


def steps(office: str, through: str):
    path = [
        ("submit", "applicant1", {}),
        ("verify", OFFICER[office], {}),
        ("draft_letter", OFFICER[office], {}),
        ("sign", HEAD[office], {}),
        ("send", OFFICER[office], {}),
        ("rate", "applicant1", {"scores": SCORES, "comment": "Cepat"}),
    ]
    names = [name for name, _who, _data in path]
    return path[: names.index(through) + 1] if through else []


def make_request(app, office="3324", through=None, uploads=True, **fields) -> int:
    """A request of applicant1 at `office`, taken through the happy path up to `through`."""
    with app.app_context():
        record = service.create_draft(payload(office=office, **fields), user("applicant1"))
        if uploads:
            for kind in ("questionnaire", "cover_letter"):
                upload(RECOMMENDATION, record.id, kind, PDF, f"{kind}.pdf", user("applicant1"))
        for action, who, data in steps(office, through):
            apply(RECOMMENDATION, record.id, action, user(who), data)
        return record.id


def status_of(app, record_id) -> str:
    with app.app_context():
        return db.session.get(RecommendationRequest, record_id).status


def post(client, headers, record_id, action, **data):
    return client.post(f"/api/v1/recommendation_request/{record_id}/transition/{action}", json=data, headers=headers)




@pytest.fixture(scope="module")
def tokens(app):
    client = app.test_client()
    return {name: auth_header(client, name) for name in
            ("applicant1", "applicant2", "officer-3324", "officer-1904", "head-3324", "head-1904", "monitor-3300",
             "treasurer-3324")}


# -- the form: online draft, API contract ------------------------------------------------------

def test_applicant_creates_a_draft_through_the_api(client, tokens):
    response = client.post("/api/v1/recommendation_request/", json=payload(), headers=tokens["applicant1"])
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["result"]["status"] == "draft" and body["result"]["channel"] == "online"
    assert body["result"]["office"]["code"] == "3324" and body["result"]["sample_size"] == 400
    record_id = body["id"]
    assert client.get(f"/api/v1/recommendation_request/{record_id}", headers=tokens["applicant1"]).status_code == 200
    assert client.get(f"/api/v1/recommendation_request/{record_id}", headers=tokens["applicant2"]).status_code == 404
    listed = client.get("/api/v1/recommendation_request/", headers=tokens["applicant2"]).get_json()["result"]
    assert record_id not in [row["id"] for row in listed]


@pytest.mark.parametrize("overrides,field", [
    ({"office": "9999"}, "office"),
    ({"title": ""}, "title"),
    ({"activity_type": "poll"}, "activity_type"),
    ({"contact_email": "not-an-address"}, "contact_email"),
    ({"sample_size": "-3"}, "sample_size"),
    ({"start_date": "2026-09-01", "end_date": "2026-08-01"}, "end_date"),
    ({"start_date": "1 Agustus"}, "start_date"),
])
def test_bad_form_input_is_422_with_field_messages(client, tokens, overrides, field):
    response = client.post("/api/v1/recommendation_request/", json=payload(**overrides), headers=tokens["applicant1"])
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


@pytest.mark.parametrize("overrides,field", [
    ({"activity_type": ["survey"]}, "activity_type"),   # was a 500: a list is not hashable
    ({"title": {"text": "Survei"}}, "title"),          # was stored as "{'text': 'Survei'}"
    ({"sample_size": "99999999999999999999"}, "sample_size"),
    ({"start_date": "abc"}, "start_date"),
])
def test_input_of_the_wrong_json_type_is_422_not_500(client, tokens, overrides, field):
    response = client.post("/api/v1/recommendation_request/", json=payload(**overrides), headers=tokens["applicant1"])
    assert response.status_code == 422 and field in response.get_json()["errors"]


def test_a_body_that_is_not_an_object_or_a_walk_in_applicant_that_is_not_text_is_422(client, tokens):
    response = client.post("/api/v1/recommendation_request/", json=[payload()], headers=tokens["applicant1"])
    assert response.status_code == 422  # was a 500: list.get
    response = client.post("/api/v1/recommendation_request/", json=payload(applicant=["applicant2"]),
                           headers=tokens["officer-3324"])
    assert response.status_code == 422 and "applicant" in response.get_json()["errors"]  # was a 500


def test_roles_without_a_part_cannot_file(client, tokens):
    response = client.post("/api/v1/recommendation_request/", json=payload(), headers=tokens["treasurer-3324"])
    assert response.status_code == 403


def test_submit_needs_a_complete_form_and_both_documents(app, client, tokens):
    created = client.post("/api/v1/recommendation_request/", json=payload(method="", funding=""),
                          headers=tokens["applicant1"]).get_json()
    record_id = created["id"]
    response = post(client, tokens["applicant1"], record_id, "submit")
    assert response.status_code == 409 and response.get_json()["message"]
    with app.app_context():
        record = db.session.get(RecommendationRequest, record_id)
        edit(RECOMMENDATION, record.id, "form", user("applicant1"), {**payload(), "title": record.title})
    assert post(client, tokens["applicant1"], record_id, "submit").status_code == 409  # documents still missing
    for kind in ("questionnaire", "cover_letter"):
        response = client.post(f"/api/v1/recommendation_request/{record_id}/documents", headers=tokens["applicant1"],
                               data={"kind": kind, "file": (io.BytesIO(PDF), f"{kind}.pdf")})
        assert response.status_code == 201, response.get_json()
    bad = client.post(f"/api/v1/recommendation_request/{record_id}/documents", headers=tokens["applicant1"],
                      data={"kind": "letter", "file": (io.BytesIO(PDF), "letter.pdf")})
    assert bad.status_code == 422  # the letter is issued by the office, never uploaded
    response = post(client, tokens["applicant1"], record_id, "submit")
    assert response.status_code == 200 and response.get_json() == {"status": "submitted"}
    kinds = {d["kind"] for d in client.get(f"/api/v1/recommendation_request/{record_id}/documents",
                                           headers=tokens["officer-3324"]).get_json()["result"]}
    assert kinds == {"questionnaire", "cover_letter"}


def test_officer_records_a_walk_in_visitors_form(app, client, tokens):
    email = f"tamu-{uuid.uuid4().hex[:6]}@example.org"
    response = client.post("/api/v1/recommendation_request/", headers=tokens["officer-3324"],
                           json=payload(office="1904", applicant=email))
    assert response.status_code == 201, response.get_json()
    result = response.get_json()["result"]
    assert result["channel"] == "walk_in" and result["office"]["code"] == "3324"  # the officer's own office
    record_id = response.get_json()["id"]
    for kind in ("questionnaire", "cover_letter"):
        client.post(f"/api/v1/recommendation_request/{record_id}/documents", headers=tokens["officer-3324"],
                    data={"kind": kind, "file": (io.BytesIO(PDF), f"{kind}.pdf")})
    assert post(client, tokens["officer-3324"], record_id, "submit").status_code == 200
    with app.app_context():
        record = db.session.get(RecommendationRequest, record_id)
        assert record.applicant.email == email and "Applicant" in {r.name for r in record.applicant.roles}
    missing = client.post("/api/v1/recommendation_request/", headers=tokens["officer-3324"], json=payload())
    assert missing.status_code == 422 and "applicant" in missing.get_json()["errors"]
    staff = client.post("/api/v1/recommendation_request/", headers=tokens["officer-3324"],
                        json=payload(applicant="head-3324"))
    assert staff.status_code == 422 and "applicant" in staff.get_json()["errors"]


# -- who may do what: 403 / 404 / 409 / 422 ----------------------------------------------------

def test_every_action_checks_role_scope_state_and_fields(app, client, tokens):
    record_id = make_request(app, through="submit")
    assert post(client, tokens["applicant1"], record_id, "verify").status_code == 403
    assert post(client, tokens["head-3324"], record_id, "verify").status_code == 403
    assert post(client, tokens["officer-1904"], record_id, "verify").status_code == 404
    assert post(client, tokens["applicant2"], record_id, "submit").status_code == 404
    assert post(client, tokens["monitor-3300"], record_id, "verify").status_code == 403
    assert post(client, tokens["officer-3324"], record_id, "draft_letter").status_code == 409
    assert post(client, tokens["officer-3324"], record_id, "send").status_code == 409
    response = post(client, tokens["officer-3324"], record_id, "return", note="  ")
    assert response.status_code == 422 and "note" in response.get_json()["errors"]
    stale = client.post(f"/api/v1/recommendation_request/{record_id}/transition/verify",
                        json={"version": 1}, headers=tokens["officer-3324"])
    assert stale.status_code == 409
    assert post(client, tokens["officer-3324"], record_id, "verify").get_json() == {"status": "verified"}
    assert post(client, tokens["officer-3324"], record_id, "draft_letter", body="not an object").status_code == 422
    assert post(client, tokens["officer-3324"], record_id, "draft_letter",
                body={"preamble": "x"}).status_code == 422
    response = post(client, tokens["officer-3324"], record_id, "draft_letter",
                    body={"conclusion": "Kegiatan ini LAYAK dilaksanakan."})
    assert response.get_json() == {"status": "letter_drafted"}
    with app.app_context():
        record = db.session.get(RecommendationRequest, record_id)
        assert record.conclusion == "Kegiatan ini LAYAK dilaksanakan."
        assert record.title in record.considerations  # the office template, filled in
    assert post(client, tokens["officer-3324"], record_id, "sign").status_code == 403   # officers never sign
    assert post(client, tokens["applicant1"], record_id, "sign").status_code == 403
    assert post(client, tokens["head-1904"], record_id, "sign").status_code == 404      # another office's head
    assert client.get(f"/api/v1/recommendation_request/{record_id}", headers=tokens["head-1904"]).status_code == 404
    response = post(client, tokens["head-3324"], record_id, "request_revision")
    assert response.status_code == 422 and "note" in response.get_json()["errors"]
    listed = client.get(f"/api/v1/recommendation_request/{record_id}/transitions", headers=tokens["head-3324"])
    assert {a["name"] for a in listed.get_json()["result"]} == {"sign", "request_revision"}
    officer_may = client.get(f"/api/v1/recommendation_request/{record_id}/transitions",
                             headers=tokens["officer-3324"]).get_json()["result"]
    assert "sign" not in {a["name"] for a in officer_may}
    assert post(client, tokens["head-3324"], record_id, "sign").get_json() == {"status": "signed"}
    assert post(client, tokens["head-3324"], record_id, "sign").status_code == 409
    assert post(client, tokens["head-3324"], record_id, "send").status_code == 403
    assert post(client, tokens["applicant1"], record_id, "rate", scores=SCORES).status_code == 409
    assert post(client, tokens["officer-3324"], record_id, "send").get_json() == {"status": "sent"}
    response = post(client, tokens["applicant1"], record_id, "rate", scores={"requirements": 9})
    assert response.status_code == 422 and "scores" in response.get_json()["errors"]
    assert post(client, tokens["officer-3324"], record_id, "rate", scores=SCORES).status_code == 403
    assert post(client, tokens["applicant1"], record_id, "rate", scores=SCORES,
                comment="Jelas").get_json() == {"status": "completed"}


def test_letter_parts_and_rating_comment_of_the_wrong_type_are_422_not_500(app, client, tokens):
    record_id = make_request(app, through="verify")
    for value in (5, {"text": "x"}, "x" * 8001):
        response = post(client, tokens["officer-3324"], record_id, "draft_letter", considerations=value)
        assert response.status_code == 422 and "considerations" in response.get_json()["errors"]
    sent = make_request(app, through="send")
    response = post(client, tokens["applicant1"], sent, "rate", scores=SCORES, comment={"text": "Cepat"})
    assert response.status_code == 422 and "comment" in response.get_json()["errors"]
    assert status_of(app, sent) == "sent"


# -- the loops -----------------------------------------------------------------------------------

def test_officer_returns_incomplete_form_and_applicant_fixes_and_resubmits(app, client, tokens):
    record_id = make_request(app, through="submit")
    assert post(client, tokens["officer-3324"], record_id, "return",
                note="Lengkapi metode penarikan sampel").get_json() == {"status": "returned"}
    assert {a["name"] for a in client.get(f"/api/v1/recommendation_request/{record_id}/transitions",
                                          headers=tokens["applicant1"]).get_json()["result"]} == {"submit"}
    with app.app_context():
        record = db.session.get(RecommendationRequest, record_id)
        edit(RECOMMENDATION, record.id, "form", user("applicant1"),
             {**payload(method="PPS sampling, 40 blok sensus"), "title": record.title})
        assert [e.note for e in history("recommendation", record_id) if e.action == "return"] == [
            "Lengkapi metode penarikan sampel"]
        mails = db.session.scalars(select(OutboxMessage).where(OutboxMessage.event == "recommendation.return")).all()
        assert any("Lengkapi metode penarikan sampel" in m.body_text for m in mails)
    assert post(client, tokens["applicant1"], record_id, "submit").get_json() == {"status": "submitted"}
    assert post(client, tokens["officer-3324"], record_id, "verify").get_json() == {"status": "verified"}
    with app.app_context():
        assert db.session.get(RecommendationRequest, record_id).method == "PPS sampling, 40 blok sensus"


def test_who_may_change_the_form_and_when(app):
    draft, submitted, verified = make_request(app), make_request(app, through="submit"), \
        make_request(app, through="verify")
    with app.app_context():
        record = db.session.get(RecommendationRequest, draft)
        assert edit_role(RECOMMENDATION, "form", record, user("applicant1")) == "Applicant"
        # the applicant's own online draft
        assert edit_role(RECOMMENDATION, "form", record, user("officer-3324")) is None
        record = db.session.get(RecommendationRequest, submitted)
        assert edit_role(RECOMMENDATION, "form", record, user("applicant1")) is None
        edit(RECOMMENDATION, record.id, "form", user("officer-3324"), {**payload(), "area": "Kecamatan Patebon"})
        assert db.session.get(RecommendationRequest, submitted).area == "Kecamatan Patebon"
        record = db.session.get(RecommendationRequest, verified)
        for who in ("applicant1", "officer-3324"):
            with pytest.raises(TransitionError) as err:
                edit(RECOMMENDATION, record.id, "form", user(who), payload())
            assert err.value.status == 409


def test_sla_starts_at_verification_pauses_while_returned_and_stops_at_send(app):
    record_id = make_request(app, through="verify")
    with app.app_context():
        record = db.session.get(RecommendationRequest, record_id)
        assert record.sla_state == "running"
        assert record.sla_due_date == calendar_for(record.office_id).add_working_days(jakarta_today(), 30)
        apply(RECOMMENDATION, record_id, "return", user("officer-3324"), {"note": "Jadwal belum jelas"})
        assert db.session.get(RecommendationRequest, record_id).sla_state == "paused"
        apply(RECOMMENDATION, record_id, "submit", user("applicant1"), {})
        assert db.session.get(RecommendationRequest, record_id).sla_state == "running"
        for action, who in (("verify", "officer-3324"), ("draft_letter", "officer-3324"), ("sign", "head-3324"),
                            ("send", "officer-3324")):
            apply(RECOMMENDATION, record_id, action, user(who), {})
        record = db.session.get(RecommendationRequest, record_id)
        assert record.sla_state == "stopped" and RECOMMENDATION.sla_days(record) == 30


def letters_to_sign(head) -> list[int]:
    """The head's inbox narrowed to this service (the "Letters to sign" menu)."""
    from app.core.workflow import inbox

    items, _total = inbox.page(user(head), 0, 500, ("recommendation",))
    return [item.record.id for item in items if "sign" in [a.name for a in item.actions]]


def test_head_requests_a_revision_and_officer_redrafts(app, client, tokens):
    record_id = make_request(app, through="draft_letter")
    with app.app_context():
        assert record_id in letters_to_sign("head-3324")
        assert record_id not in letters_to_sign("head-1904")
    assert post(client, tokens["head-3324"], record_id, "request_revision",
                note="Tambahkan saran tentang metadata").get_json() == {"status": "revision_requested"}
    with app.app_context():
        assert record_id not in letters_to_sign("head-3324")
        mails = db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.event == "recommendation.request_revision")).all()
        assert any(m.recipient == "officer-3324@satupintu.local" and "metadata" in m.body_text for m in mails)
    assert post(client, tokens["head-3324"], record_id, "sign").status_code == 409
    response = post(client, tokens["officer-3324"], record_id, "draft_letter",
                    suggestions="Sampaikan metadata kegiatan kepada BPS Kabupaten Kendal.")
    assert response.get_json() == {"status": "letter_drafted"}
    with app.app_context():
        record = db.session.get(RecommendationRequest, record_id)
        assert record.suggestions == "Sampaikan metadata kegiatan kepada BPS Kabupaten Kendal."
        assert record_id in letters_to_sign("head-3324")
    assert post(client, tokens["head-3324"], record_id, "sign").get_json() == {"status": "signed"}


# -- the signed letter ---------------------------------------------------------------------------

NUMBER = re.compile(r"^B-(\d{3})/33240/HM\.310/(\d{4})$")


def test_signing_numbers_dates_and_issues_a_verifiable_letter(app, client, tokens):
    record_id = make_request(app, through="sign")
    with app.app_context():
        record = db.session.get(RecommendationRequest, record_id)
        match = NUMBER.match(record.letter_number)
        assert match and int(match.group(2)) == record.letter_date.year
        assert record.signer_name and record.signer_nip == user("head-3324").nip
        letter = docs.current_document("recommendation", record_id, "letter")
        assert letter.number == record.letter_number and letter.origin == "issued"
        data = storage.load(letter.storage_path)
        token = letter.token
        issued = [e for e in history("recommendation", record_id) if e.action == "sign"][0]
        assert issued.fields["letter_number"] == record.letter_number and issued.fields["pades"] is False
    assert data.startswith(b"%PDF-") and b"/Keywords (" + record.letter_number.encode() in data
    anonymous = app.test_client()
    page = anonymous.get(f"/verify/{token}")
    assert page.status_code == 200 and record.letter_number in page.get_data(as_text=True)
    same = anonymous.post(f"/verify/{token}", data={"file": (io.BytesIO(data), "surat.pdf")},
                          headers={"Accept": "application/json"}).get_json()
    assert same["status"] == "valid" and same["identical"] is True and same["number"] == record.letter_number
    tampered = bytearray(data)
    tampered[len(tampered) // 2] ^= 0x01
    other = anonymous.post(f"/verify/{token}", data={"file": (io.BytesIO(bytes(tampered)), "surat.pdf")},
                           headers={"Accept": "application/json"}).get_json()
    assert other["identical"] is False
    download = client.get(f"/api/v1/recommendation_request/{record_id}/documents/{letter.id}",
                          headers=tokens["applicant1"])
    assert download.status_code == 200 and download.data == data


@contextmanager
def changed(load, attribute, value):
    """Within the block, the row `load()` returns has `attribute` set to `value` (committed); then restored."""
    row = load()
    saved = getattr(row, attribute)
    setattr(row, attribute, value)
    db.session.commit()
    try:
        yield
    finally:
        setattr(load(), attribute, saved)
        db.session.commit()


def refused_to_sign(record_id, head):
    with pytest.raises(TransitionError) as err:
        apply(RECOMMENDATION, record_id, "sign", user(head), {})
    assert err.value.status == 422
    return err.value


def test_the_head_without_a_nip_cannot_sign(app):
    record_id = make_request(app, office="1904", through="draft_letter")
    with app.app_context():
        with changed(lambda: user("head-1904"), "nip", None):
            refused_to_sign(record_id, "head-1904")
        assert db.session.get(RecommendationRequest, record_id).status == "letter_drafted"


def test_letter_numbers_run_per_office_and_year_without_gaps_under_concurrency(app, monkeypatch):
    count = 6
    ids = [make_request(app, through="draft_letter") for _ in range(count)]
    other_office = make_request(app, office="1904", through="draft_letter")
    with app.app_context():
        before = counter(db.session.get(RecommendationRequest, ids[0]).office_id)
    barrier, errors = threading.Barrier(count), []

    def sign(record_id):
        with app.app_context():
            barrier.wait()
            try:
                apply(RECOMMENDATION, record_id, "sign", user("head-3324"), {})
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=sign, args=(record_id,)) for record_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    with app.app_context():
        numbers = [db.session.get(RecommendationRequest, i).letter_number for i in ids]
        sequence = sorted(int(NUMBER.match(n).group(1)) for n in numbers)
        assert sequence == list(range(before + 1, before + count + 1))
        apply(RECOMMENDATION, other_office, "sign", user("head-1904"), {})
        number = db.session.get(RecommendationRequest, other_office).letter_number
        assert re.match(r"^B-\d{3}/19040/HM\.310/\d{4}$", number)  # the other office's own sequence
    next_year = make_request(app, through="draft_letter")
    monkeypatch.setattr(letters, "jakarta_today", lambda: dt.date(2031, 1, 5))
    with app.app_context():
        apply(RECOMMENDATION, next_year, "sign", user("head-3324"), {})
        record = db.session.get(RecommendationRequest, next_year)
        assert record.letter_number == "B-001/33240/HM.310/2031" and record.letter_date == dt.date(2031, 1, 5)


def counter(office_id) -> int:
    return db.session.scalar(select(NumberSequence.last_value).where(
        NumberSequence.office_id == office_id, NumberSequence.year == jakarta_today().year,
        NumberSequence.kind == "letter")) or 0


def test_an_invalid_number_pattern_refuses_to_sign_and_uses_no_number(app):
    record_id = make_request(app, office="1904", through="draft_letter")
    with app.app_context():
        office = db.session.get(RecommendationRequest, record_id).office
        before = counter(office.id)
        with changed(lambda: db.session.get(RecommendationRequest, record_id).office, "letter_number_pattern",
                     "B-{seq:03d}/{unit}/{year}"):
            refused_to_sign(record_id, "head-1904")
        office = db.session.get(RecommendationRequest, record_id).office
        assert counter(office.id) == before  # the refused signature took no number: no gap
        assert db.session.get(RecommendationRequest, record_id).letter_number is None
        assert letters.format_letter_number("B-{seq:03d}/{office_code}0/HM.310/{month_roman}/{year}", 7, office,
                                            dt.date(2026, 3, 2)) == "B-007/19040/HM.310/III/2026"


def test_the_draft_preview_is_a_pdf_marked_draft_without_number(app, as_user):
    record_id = make_request(app, through="draft_letter")
    officer = as_user("officer-3324")
    response = officer.get(f"/recommendationview/preview/{record_id}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    with app.test_request_context(), force_locale("id"):
        marker = gettext("DRAFT")
    assert f"/Keywords ({marker})".encode() in response.data
    head = as_user("head-3324")
    assert head.get(f"/recommendationview/preview/{record_id}").status_code == 200
    page = head.get(f"/recommendationview/show/{record_id}").get_data(as_text=True)
    assert f"/recommendationview/preview/{record_id}" in page and f"/act/{record_id}/sign" in page
    assert as_user("head-1904").get(f"/recommendationview/preview/{record_id}").status_code == 404
    assert as_user("applicant1").get(f"/recommendationview/preview/{record_id}").status_code == 403
    signed = make_request(app, through="sign")
    assert officer.get(f"/recommendationview/preview/{signed}").status_code == 404


# -- sending and the public register -----------------------------------------------------------------

def test_send_mails_the_signed_letter_attached_and_lists_it_in_the_public_register(app, smtp_server, send_outbox):
    word = uuid.uuid4().hex[:8]
    record_id = make_request(app, through="send", title=f"Survei Ubinan Padi {word}",
                             contact_email=f"kontak-{word}@example.org", contact_name=f"Kontak {word}")
    with app.app_context():
        record = db.session.get(RecommendationRequest, record_id)
        letter = docs.current_document("recommendation", record_id, "letter")
        letter_bytes = storage.load(letter.storage_path)
        queued = db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.event == "recommendation.send", OutboxMessage.attachment_document_id == letter.id)).all()
        assert {m.recipient for m in queued} == {"applicant1@example.org", f"kontak-{word}@example.org"}
        assert record.sent_at is not None
    send_outbox()
    mail = smtp_server.wait_for("applicant1@example.org", count=1)
    mine = [m for m in smtp_server.to("applicant1@example.org") if record.letter_number in str(m["Subject"])]
    assert mine, [str(m["Subject"]) for m in mail]
    attachments = list(mine[-1].iter_attachments())
    assert len(attachments) == 1 and attachments[0].get_content_type() == "application/pdf"
    assert attachments[0].get_content() == letter_bytes

    public = app.test_client()
    page = public.get(f"/public/recommendations?q=ubinan+{word}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and f"Survei Ubinan Padi {word}" in html and record.letter_number in html
    assert f"kontak-{word}@example.org" not in html and f"Kontak {word}" not in html
    assert "BPS Kabupaten Kendal" in html
    every_word = public.get(f"/public/recommendations?q={word}+census").get_data(as_text=True)
    assert f"Survei Ubinan Padi {word}" not in every_word  # every word must match


def test_the_public_register_shows_only_sent_activities(app):
    word = uuid.uuid4().hex[:8]
    make_request(app, through="sign", title=f"Sensus Ternak {word}")
    public = app.test_client().get(f"/public/recommendations?q={word}").get_data(as_text=True)
    assert f"Sensus Ternak {word}" not in public
    assert app.test_client().get("/public/recommendations?q=%25_").status_code == 200
    far = app.test_client().get("/public/recommendations?page=99999999999999999999999")
    assert far.status_code == 200  # was a 500: the offset overflowed the database integer


# -- PAdES -----------------------------------------------------------------------------------------

def _self_signed_p12(passphrase: bytes):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Kepala BPS Kabupaten Bangka Tengah (uji)"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Badan Pusat Statistik")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    data = pkcs12.serialize_key_and_certificates(b"uji", key, cert, None,
                                                 serialization.BestAvailableEncryption(passphrase))
    return data, cert


def _validate(data: bytes, cert):
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    root = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    signatures = PdfFileReader(io.BytesIO(data)).embedded_signatures
    assert len(signatures) == 1
    return outside_event_loop(lambda: validate_pdf_signature(signatures[0], ValidationContext(trust_roots=[root])))


def test_with_the_offices_certificate_the_letter_is_pades_signed(app, as_user):
    p12, cert = _self_signed_p12(b"rahasia-uji")
    admin = as_user("admin")
    with app.app_context():
        office_id = db.session.scalar(select(Office.id).where(Office.code == "1904"))
    wrong = admin.post("/signingcertificateview/add", data={
        "office_id": office_id, "passphrase": "salah", "file": (io.BytesIO(p12), "bateng.p12")},
        content_type="multipart/form-data")
    assert wrong.status_code == 200
    with app.app_context():
        assert db.session.scalar(select(func.count(SigningCertificate.id)).where(
            SigningCertificate.office_id == office_id)) == 0
    assert as_user("head-1904").get("/signingcertificateview/add").status_code == 403
    stored = admin.post("/signingcertificateview/add", data={
        "office_id": office_id, "passphrase": "rahasia-uji", "file": (io.BytesIO(p12), "bateng.p12")},
        content_type="multipart/form-data")
    assert stored.status_code == 302
    try:
        with app.app_context():
            row = db.session.scalars(select(SigningCertificate).where(SigningCertificate.office_id == office_id)).one()
            assert "Bangka Tengah" in row.subject and "rahasia-uji" not in row.passphrase_encrypted
        listing = admin.get("/signingcertificateview/list/").get_data(as_text=True)
        assert "Bangka Tengah" in listing
        record_id = make_request(app, office="1904", through="sign")
        with app.app_context():
            letter = docs.current_document("recommendation", record_id, "letter")
            data = storage.load(letter.storage_path)
            sha = letter.sha256
            assert [e for e in history("recommendation", record_id) if e.action == "sign"][0].fields["pades"] is True
        status = _validate(data, cert)
        assert status.intact and status.valid and status.trusted and status.bottom_line
        # Only a letter that really carries the signature says it was signed with a BSrE certificate.
        import subprocess
        text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
        assert b"BSrE" in text
        assert status.coverage.name == "ENTIRE_FILE"
        start = data.index(b"stream", data.index(b"/Length")) + 20  # inside the first page's content
        tampered = bytearray(data)
        tampered[start] ^= 0x01
        broken = _validate(bytes(tampered), cert)
        assert not broken.intact and not broken.bottom_line
        assert hashlib.sha256(data).hexdigest() == sha  # /verify compares the signed file
        expired = make_request(app, office="1904", through="draft_letter")
        with app.app_context():
            row = db.session.scalars(select(SigningCertificate).where(SigningCertificate.office_id == office_id)).one()
            row.not_after = dt.datetime(2020, 1, 1)
            db.session.commit()
            with pytest.raises(TransitionError) as err:
                apply(RECOMMENDATION, expired, "sign", user("head-1904"), {})
            assert err.value.status == 422 and "2020" in err.value.message
    finally:
        with app.app_context():
            db.session.query(SigningCertificate).filter(SigningCertificate.office_id == office_id).delete()
            db.session.commit()


# -- screens -------------------------------------------------------------------------------------

def test_applicant_portal_searches_first_then_files_fixes_and_downloads(app, as_user):
    applicant = as_user("applicant1")
    first = applicant.get("/myrecommendationview/add")
    assert first.status_code == 200 and 'id="register-search"' in first.get_data(as_text=True)
    assert 'id="request-form"' not in first.get_data(as_text=True)
    form = applicant.get("/myrecommendationview/add?form=1")
    assert 'id="request-form"' in form.get_data(as_text=True) and 'name="office"' in form.get_data(as_text=True)
    invalid = applicant.post("/myrecommendationview/add", data={"office": "3324", "title": ""})
    assert invalid.status_code == 200 and "has-error" in invalid.get_data(as_text=True)
    filed = payload()
    created = applicant.post("/myrecommendationview/add", data={**filed, "sample_size": "400"})
    assert created.status_code == 302
    record_id = int(created.headers["Location"].rstrip("/").split("/")[-1])
    page = applicant.get(f"/myrecommendationview/show/{record_id}").get_data(as_text=True)
    assert 'id="form-checklist"' in page and "/act/%d/submit" % record_id not in page
    for kind in ("questionnaire", "cover_letter"):
        uploaded = applicant.post(f"/myrecommendationview/upload/{record_id}", content_type="multipart/form-data",
                                  data={"kind": kind, "file": (io.BytesIO(PDF), f"{kind}.pdf")})
        assert uploaded.status_code == 302
    assert applicant.post(f"/myrecommendationview/act/{record_id}/submit").status_code == 302
    assert status_of(app, record_id) == "submitted"
    officer = as_user("officer-3324")
    # A living office has a long queue: the officer finds the new request by its title.
    worklist = officer.get("/recommendationview/list/", query_string={"_flt_0_title": filed["title"]})
    assert f"/recommendationview/show/{record_id}" in worklist.get_data(as_text=True)
    officer.post(f"/recommendationview/act/{record_id}/return", data={"note": "Lampirkan kuesioner final"})
    page = applicant.get(f"/myrecommendationview/show/{record_id}").get_data(as_text=True)
    assert 'id="returned-note"' in page and "Lampirkan kuesioner final" in page
    assert applicant.get(f"/myrecommendationview/edit/{record_id}").status_code == 200
    saved = applicant.post(f"/myrecommendationview/edit/{record_id}", data={**payload(title="Judul diperbaiki")})
    assert saved.status_code == 302
    applicant.post(f"/myrecommendationview/act/{record_id}/submit")
    for action, who, data in (("verify", "officer-3324", {}), ("draft_letter", "officer-3324", {})):
        with app.app_context():
            apply(RECOMMENDATION, record_id, action, user(who), data)
    draft_form = officer.get(f"/recommendationview/show/{record_id}").get_data(as_text=True)
    assert 'id="letter-preview"' in draft_form and f"/recommendationview/preview/{record_id}" in draft_form
    head = as_user("head-3324")
    inbox = head.get("/?service=recommendation").get_data(as_text=True)
    assert f"/recommendationview/show/{record_id}" in inbox
    other_inbox = as_user("head-1904").get("/?service=recommendation").get_data(as_text=True)
    assert f"/recommendationview/show/{record_id}" not in other_inbox
    assert as_user("head-1904").get(f"/recommendationview/show/{record_id}").status_code == 404
    assert officer.post(f"/recommendationview/act/{record_id}/sign").status_code == 302
    assert status_of(app, record_id) == "letter_drafted"  # an officer's sign is refused
    assert head.post(f"/recommendationview/act/{record_id}/sign").status_code == 302
    assert status_of(app, record_id) == "signed"
    page = applicant.get(f"/myrecommendationview/show/{record_id}").get_data(as_text=True)
    link = re.search(r'id="download-letter"\s+href="([^"]+)"', page).group(1)
    download = applicant.get(link)
    assert download.status_code == 200 and download.data.startswith(b"%PDF-")
    assert applicant.get(f"/myrecommendationview/edit/{record_id}").status_code == 302


def test_officer_records_a_walk_in_form_on_the_screen(app, as_user):
    officer = as_user("officer-3324")
    form = officer.get("/recommendationview/add").get_data(as_text=True)
    assert 'name="applicant"' in form and 'name="office"' not in form
    created = officer.post("/recommendationview/add", data={**payload(), "applicant": "applicant2"})
    assert created.status_code == 302
    record_id = int(created.headers["Location"].rstrip("/").split("/")[-1])
    with app.app_context():
        record = db.session.get(RecommendationRequest, record_id)
        assert record.channel == "walk_in" and record.applicant.username == "applicant2"
    assert as_user("applicant2").get(f"/myrecommendationview/show/{record_id}").status_code == 200
    assert as_user("applicant1").get(f"/myrecommendationview/show/{record_id}").status_code == 404


def test_screens_refuse_other_roles(as_user):
    assert as_user("applicant1").get("/recommendationview/list/").status_code == 403
    assert as_user("head-3324").get("/recommendationview/add").status_code == 403
    assert as_user("officer-3324").get("/signingcertificateview/list/").status_code == 403
    assert as_user("monitor-3300").get("/recommendationview/list/").status_code == 200
    assert as_user("head-3324").get("/lettertemplateview/list/").status_code == 200


def test_worklist_orders_by_due_date_and_hides_online_drafts(app, as_user):
    word = uuid.uuid4().hex[:8]
    draft = make_request(app, title=f"Draf {word}")
    submitted = make_request(app, through="submit", title=f"Baru {word}")  # not verified: no due date yet
    done = make_request(app, through="send", title=f"Terkirim {word}")
    later, sooner = (make_request(app, through="verify", title=f"Terverifikasi {word}") for _ in range(2))
    with app.app_context():
        db.session.get(RecommendationRequest, sooner).sla_due_date -= dt.timedelta(days=7)
        db.session.commit()
    html = as_user("officer-3324").get(f"/recommendationview/list/?_flt_2_title={word}").get_data(as_text=True)
    shown = [int(i) for i in re.findall(r'/recommendationview/show/(\d+)"', html)]
    assert shown == [sooner, later, submitted, done]
    assert draft not in shown


def test_office_letter_template_changes_the_drafted_wording(app, as_user):
    head = as_user("head-1904")
    with app.app_context():
        bateng, kendal = (db.session.scalar(select(Office.id).where(Office.code == code)) for code in ("1904", "3324"))
    form = head.get("/lettertemplateview/add").get_data(as_text=True)
    assert f'value="{bateng}"' in form and f'value="{kendal}"' not in form
    response = head.post("/lettertemplateview/add", data={
        "office": bateng, "place": "Koba", "signer_title": "", "subject": "", "opening": "",
        "considerations": "Kegiatan {{ title }} di {{ area }} telah diperiksa.", "suggestions": "",
        "conclusion": "{% if", "closing": ""})
    with app.app_context():
        assert db.session.scalar(select(func.count(LetterTemplate.id))) == 0  # broken Jinja refused
    response = head.post("/lettertemplateview/add", data={
        "office": bateng, "place": "Koba", "signer_title": "", "subject": "", "opening": "",
        "considerations": "Kegiatan {{ title }} di {{ area }} telah diperiksa.", "suggestions": "",
        "conclusion": "", "closing": ""})
    assert response.status_code == 302
    try:
        record_id = make_request(app, office="1904", through="draft_letter", area="Kabupaten Bangka Tengah")
        with app.app_context():
            record = db.session.get(RecommendationRequest, record_id)
            assert record.considerations == f"Kegiatan {record.title} di Kabupaten Bangka Tengah telah diperiksa."
            assert "LAYAK" in record.conclusion  # the built-in wording where the office left it empty
            assert letters.template_for(record.office)["place"] == "Koba"
            assert db.session.scalars(select(LetterTemplate)).one().office_id == record.office_id
    finally:
        with app.app_context():
            db.session.query(LetterTemplate).delete()
            db.session.commit()


def test_a_letter_template_that_fails_when_rendered_is_refused_and_never_a_500(app, as_user, client, tokens):
    head = as_user("head-1904")
    with app.app_context():
        bateng = db.session.scalar(select(Office.id).where(Office.code == "1904"))
    head.post("/lettertemplateview/add", data={
        "office": bateng, "place": "", "signer_title": "", "subject": "", "opening": "",
        "considerations": "{{ 1 / 0 }}", "suggestions": "", "conclusion": "", "closing": ""})
    with app.app_context():
        assert db.session.scalar(select(func.count(LetterTemplate.id))) == 0  # parses, but fails to render
    record_id = make_request(app, office="1904", through="verify")
    try:
        with app.app_context():  # e.g. stored before this check existed
            db.session.add(LetterTemplate(office_id=bateng, considerations="{{ 1 / 0 }}"))
            db.session.commit()
        assert as_user("officer-1904").get(f"/recommendationview/show/{record_id}").status_code == 200
        response = post(client, tokens["officer-1904"], record_id, "draft_letter")
        assert response.status_code == 422 and "division by zero" in response.get_json()["message"]
        assert status_of(app, record_id) == "verified"
    finally:
        with app.app_context():
            db.session.query(LetterTemplate).delete()
            db.session.commit()


def test_available_actions_follow_the_procedure(app):
    record_id = make_request(app, through="draft_letter")
    with app.app_context():
        record = db.session.get(RecommendationRequest, record_id)
        assert [a.name for a in available_actions(RECOMMENDATION, record, user("head-3324"))] == [
            "request_revision", "sign"]
        assert [a.name for a in available_actions(RECOMMENDATION, record, user("officer-3324"))] == ["draft_letter"]
