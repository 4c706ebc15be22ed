"""The engine enforced: no state written outside it, every field edit through it (versioned, audited,
refused when stale), no write on a GET, and reference-data edits in the change log."""
from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.core.calendar.clock import utcnow
from app.core.workflow.engine import EngineBypassed, TransitionError, edit
from app.extensions import db
from app.sales.procedure import SALES
from tests.support.sales import drive, line, new_request, signed_in, user
from tests.support.sign_in import auth_header

SALES_API = "/api/v1/sales_request"
RECOMMENDATION_API = "/api/v1/recommendation_request"
STALE = "Data ini telah berubah sementara itu. Muat ulang halaman lalu coba lagi."


@pytest.fixture(scope="module")
def tokens(app):
    client = app.test_client()
    return {name: auth_header(client, name) for name in
            ("applicant1", "applicant2", "officer-3324", "officer-1904", "head-3324", "admin")}


def reload(record):
    db.session.expire_all()
    return db.session.get(type(record), record.id)


def recommendation(client, tokens, who="applicant1") -> dict:
    body = {"office": "3324", "title": f"Survei Pasar Tradisional {uuid.uuid4().hex[:6]}",
            "organiser": "Dinas Perdagangan Kabupaten Kendal", "activity_type": "survey"}
    response = client.post(f"{RECOMMENDATION_API}/", json=body, headers=tokens[who])
    assert response.status_code == 201, response.get_json()
    return response.get_json()


# --- no status or version written outside the engine ----------------------------------------------

def test_a_direct_status_or_version_write_is_refused_at_commit(app_ctx):
    record = new_request(lines=[line("publication")])
    for name, value in (("status", "paid"), ("version", 99)):
        setattr(record, name, value)
        with pytest.raises(EngineBypassed):
            db.session.commit()
        db.session.rollback()
    record = reload(record)
    assert (record.status, record.version) == ("draft", 1)


# --- edits: versioned, audited, stale refused ------------------------------------------------------

def test_sales_put_edits_the_draft_bumps_the_version_and_shows_in_the_history(client, tokens, app_ctx):
    record = new_request(lines=[line("publication")], purpose="Skripsi")
    url = f"{SALES_API}/{record.id}"
    response = client.put(url, json={"version": record.version, "purpose": "Tesis tentang upah buruh"},
                          headers=tokens["applicant1"])
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["version"] == 2 and body["result"]["purpose"] == "Tesis tentang upah buruh"
    assert body["result"]["version"] == 2

    stale = client.put(url, json={"version": 1, "purpose": "Tulisan lama"}, headers=tokens["applicant1"])
    assert stale.status_code == 409
    assert reload(record).purpose == "Tesis tentang upah buruh" and reload(record).version == 2

    history = client.get(f"{url}/history", headers=tokens["applicant1"]).get_json()["result"]
    assert [row["action"] for row in history] == ["create", "edit"]
    edit_row = history[-1]
    assert edit_row["actor"] == "applicant1" and edit_row["role"] == "Applicant"
    assert edit_row["from_state"] == edit_row["to_state"] == "draft"
    assert edit_row["fields"]["changes"]["purpose"] == ["Skripsi", "Tesis tentang upah buruh"]
    assert set(history[0]) == {"at", "actor", "role", "action", "from_state", "to_state", "note", "fields"}


def test_saving_a_form_unchanged_keeps_its_version_and_trail(client, tokens, app_ctx):
    record = new_request(lines=[line("publication")], purpose="Skripsi")
    url = f"{SALES_API}/{record.id}"
    same = client.put(url, json={"version": record.version, "purpose": "Skripsi"}, headers=tokens["applicant1"])
    assert same.status_code == 200 and same.get_json()["version"] == 1
    history = client.get(f"{url}/history", headers=tokens["applicant1"]).get_json()["result"]
    assert [row["action"] for row in history] == ["create"]


def test_sales_put_refuses_bad_fields_and_what_the_state_no_longer_allows(client, tokens, app_ctx):
    record = new_request(lines=[line("publication")])
    url = f"{SALES_API}/{record.id}"
    bad = client.put(url, json={"version": 1, "purpose": ["not", "text"]}, headers=tokens["applicant1"])
    assert bad.status_code == 422 and "purpose" in bad.get_json()["errors"]
    assert client.put(url, json=["version", 1], headers=tokens["applicant1"]).status_code == 422
    assert client.put(url, data="purpose=x", headers=tokens["applicant1"]).status_code == 422
    unversioned = client.put(url, json={"purpose": "Tanpa versi"}, headers=tokens["applicant1"])
    assert unversioned.status_code == 422 and "version" in unversioned.get_json()["errors"]
    drive(record, "submitted")
    late = client.put(url, json={"version": reload(record).version, "purpose": "Lain"}, headers=tokens["applicant1"])
    assert late.status_code == 409
    # The officer corrects a submitted request (the engine's rule for the officer).
    fixed = client.put(url, json={"version": reload(record).version, "purpose": "Dikoreksi petugas"},
                       headers=tokens["officer-3324"])
    assert fixed.status_code == 200 and reload(record).purpose == "Dikoreksi petugas"


def test_lines_are_edited_through_the_engine_and_audited_with_the_total(app_ctx):
    from app.core.workflow.audit import history

    record = new_request(lines=[line("publication")])
    version, total = record.version, record.total
    edit(SALES, record.id, "add_line", user("applicant1"), line("map"), expected_version=version)
    record = reload(record)
    assert record.version == version + 1 and len(record.lines) == 2 and record.total > total
    with pytest.raises(TransitionError) as err:
        edit(SALES, record.id, "remove_line", user("applicant1"), {"line": record.lines[0].id},
             expected_version=version)
    assert err.value.status == 409 and len(reload(record).lines) == 2
    last = history("sales", record.id)[-1]
    assert last.action == "edit" and last.fields["edit"] == "add_line"
    assert last.fields["changes"]["total"] == [total, record.total]


def test_sales_put_and_history_are_scoped(client, tokens, app_ctx):
    record = new_request(lines=[line("publication")])
    url = f"{SALES_API}/{record.id}"
    for who in ("applicant2", "officer-1904"):
        assert client.put(url, json={"version": 1, "purpose": "x"}, headers=tokens[who]).status_code == 404
        assert client.get(f"{url}/history", headers=tokens[who]).status_code == 404
    assert client.put(f"{SALES_API}/999999", json={"version": 1}, headers=tokens["applicant1"]).status_code == 404
    drive(record, "submitted")
    # The head reads the trail of the office's requests but edits nothing.
    assert client.get(f"{url}/history", headers=tokens["head-3324"]).status_code == 200
    assert client.put(url, json={"version": reload(record).version, "purpose": "x"},
                      headers=tokens["head-3324"]).status_code == 403
    assert reload(record).purpose != "x"


def test_recommendation_put_edits_the_form_and_history_is_scoped(client, tokens, app_ctx):
    created = recommendation(client, tokens)
    url = f"{RECOMMENDATION_API}/{created['id']}"
    version = created["result"]["version"]
    response = client.put(url, json={"version": version, "area": "Kecamatan Weleri", "sample_size": 120},
                          headers=tokens["applicant1"])
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["version"] == version + 1
    assert body["result"]["area"] == "Kecamatan Weleri" and body["result"]["title"] == created["result"]["title"]
    assert client.put(url, json={"version": version, "area": "Kaliwungu"},
                      headers=tokens["applicant1"]).status_code == 409
    bad = client.put(url, json={"version": version + 1, "start_date": "besok"}, headers=tokens["applicant1"])
    assert bad.status_code == 422 and "start_date" in bad.get_json()["errors"]
    history = client.get(f"{url}/history", headers=tokens["applicant1"]).get_json()["result"]
    assert [row["action"] for row in history] == ["create", "edit"]
    assert history[-1]["fields"]["changes"]["area"][1] == "Kecamatan Weleri"
    assert history[-1]["fields"]["changes"]["sample_size"] == [None, 120]
    for who in ("applicant2", "officer-1904"):
        assert client.put(url, json={"version": version + 1, "area": "x"}, headers=tokens[who]).status_code == 404
        assert client.get(f"{url}/history", headers=tokens[who]).status_code == 404


def test_put_and_history_are_in_the_openapi_document(client, tokens):
    response = client.get("/api/v1/_openapi", headers=tokens["admin"])
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    spec = response.get_json()
    for resource in ("sales_request", "recommendation_request"):
        assert "put" in spec["paths"][f"/api/v1/{resource}/{{pk}}"]
        assert "get" in spec["paths"][f"/api/v1/{resource}/{{pk}}/history"]


# --- screens: a stale page is refused and what was typed is kept --------------------------------------

def test_a_stale_compose_page_is_refused_and_the_typed_purpose_kept(app, app_ctx):
    record = new_request(lines=[line("publication")], purpose="Skripsi")
    applicant = signed_in(app, "applicant1")
    page_version = record.version
    edit(SALES, record.id, "form", user("applicant1"), {"purpose": "Diubah di tab lain"})
    response = applicant.post(f"/sales/compose/{record.id}/details",
                              data={"purpose": "Yang saya ketik", "version": page_version})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and STALE in page and "Yang saya ketik" in page
    assert reload(record).purpose == "Diubah di tab lain"
    saved = applicant.post(f"/sales/compose/{record.id}/details",
                           data={"purpose": "Yang saya ketik", "version": reload(record).version})
    assert saved.status_code == 302 and reload(record).purpose == "Yang saya ketik"


def test_an_action_from_a_stale_page_is_refused(app, app_ctx):
    record = new_request(lines=[line("publication")])
    applicant = signed_in(app, "applicant1")
    stale_version = record.version
    edit(SALES, record.id, "form", user("applicant1"), {"purpose": "Tesis"})
    response = applicant.post(f"/mysalesrequestview/act/{record.id}/submit", data={"version": stale_version},
                              follow_redirects=True)
    assert STALE in response.get_data(as_text=True)
    assert reload(record).status == "draft"


def test_a_stale_recommendation_form_is_refused_and_what_was_typed_kept(app, client, tokens, app_ctx):
    from app.recommendations.models import RecommendationRequest

    created = recommendation(client, tokens)
    record_id, version = created["id"], created["result"]["version"]
    client.put(f"{RECOMMENDATION_API}/{record_id}", json={"version": version, "area": "Kecamatan Cepiring"},
               headers=tokens["applicant1"])
    applicant = signed_in(app, "applicant1")
    form = {"title": "Judul yang saya ketik", "organiser": "Dinas", "version": version}
    response = applicant.post(f"/myrecommendationview/edit/{record_id}", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and STALE in page and "Judul yang saya ketik" in page
    db.session.expire_all()
    record = db.session.get(RecommendationRequest, record_id)
    assert record.title == created["result"]["title"] and record.area == "Kecamatan Cepiring"


# --- a GET never writes: a lapsed invoice waits for the cron -----------------------------------------

def test_opening_a_lapsed_invoice_leaves_it_invoiced_until_flask_sales_expire(app, client, tokens, app_ctx):
    record = drive(new_request(lines=[line("publication")]), "invoiced")
    record.invoice_expires_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    version = record.version
    officer = signed_in(app, "officer-3324")
    page = officer.get(f"/salesrequestview/show/{record.id}")
    assert page.status_code == 200 and "Lewat batas — akan kedaluwarsa" in page.get_data(as_text=True)
    body = client.get(f"{SALES_API}/{record.id}", headers=tokens["applicant1"]).get_json()["result"]
    assert body["status"] == "invoiced" and body["lapsed"] is True
    assert "kedaluwarsa" in body["expected_of_applicant"]
    assert (reload(record).status, reload(record).version) == ("invoiced", version)
    result = app.test_cli_runner().invoke(args=["sales", "expire"])
    assert result.exit_code == 0, result.output
    assert reload(record).status == "expired"


# --- reference data: the change log ------------------------------------------------------------------

def test_an_admin_editing_a_tariff_leaves_a_change_log_row_shown_on_the_screen(app, app_ctx):
    from app.core.reference.changelog import ChangeLogEntry
    from app.sales.models import Tariff

    tariff = db.session.scalars(select(Tariff).where(Tariff.code == "PUB-ELEK")).first()
    before = tariff.base_price
    form = {name: getattr(tariff, name) for name in (
        "code", "name", "product_type", "quantity_unit", "base_price", "base_quantity", "extra_step",
        "extra_price", "regulation", "valid_from", "valid_to", "note")}
    form = {name: ("" if value is None else str(value)) for name, value in form.items()}
    form["base_price"] = str(before + 1000)
    admin = signed_in(app, "admin")
    response = admin.post(f"/tariffview/edit/{tariff.id}", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    entry = db.session.scalars(select(ChangeLogEntry).where(
        ChangeLogEntry.entity == "tariff", ChangeLogEntry.record_id == str(tariff.id))
        .order_by(ChangeLogEntry.id.desc())).first()
    assert entry.actor == "admin" and entry.operation == "changed"
    assert entry.changes == {"base_price": [before, before + 1000]}
    listing = admin.get("/changelogview/list/").get_data(as_text=True)
    assert "Log perubahan" in listing and "Tarif PNBP" in listing and "base_price" in listing
    shown = admin.get(f"/changelogview/show/{entry.id}").get_data(as_text=True)
    assert str(before + 1000) in shown and str(before) in shown
    # Only the admin reads it; nobody edits it.
    assert signed_in(app, "officer-3324").get("/changelogview/list/").status_code in (302, 403)
    assert admin.post(f"/changelogview/delete/{entry.id}").status_code in (302, 403, 404, 405)
    assert db.session.get(ChangeLogEntry, entry.id) is not None
    # Restore the demo tariff (the change is logged too).
    db.session.expire_all()
    tariff = db.session.get(Tariff, tariff.id)
    tariff.base_price = before
    db.session.commit()
    assert db.session.scalars(select(ChangeLogEntry).order_by(ChangeLogEntry.id.desc())).first().changes == {
        "base_price": [before + 1000, before]}


def test_user_role_changes_and_passwords_are_logged_without_the_secret(app_ctx):
    from app.core.reference.changelog import HIDDEN, ChangeLogEntry
    from app.extensions import appbuilder

    sm = appbuilder.sm
    person = sm.find_user(username="treasurer-3324")
    roles_before = sorted(role.name for role in person.roles)
    password = person.password
    person.roles = person.roles + [sm.find_role("Monitor")]
    person.password = "not-a-real-hash"
    person.login_count = (person.login_count or 0) + 1  # bookkeeping: not an edit
    db.session.commit()
    entry = db.session.scalars(select(ChangeLogEntry).where(
        ChangeLogEntry.entity == "ab_user", ChangeLogEntry.record_id == str(person.id))
        .order_by(ChangeLogEntry.id.desc())).first()
    changes = json.loads(entry.changes_json)
    assert changes["roles"] == [roles_before, sorted(roles_before + ["Monitor"])]
    assert changes["password"] == [HIDDEN, HIDDEN] and "login_count" not in changes
    assert entry.actor == "System"
    person = sm.find_user(username="treasurer-3324")
    person.roles = [role for role in person.roles if role.name != "Monitor"]
    person.password = password
    db.session.commit()


def test_a_login_alone_writes_no_change_log_row(app, app_ctx):
    from app.core.reference.changelog import ChangeLogEntry

    count = db.session.scalar(select(db.func.count(ChangeLogEntry.id)))
    signed_in(app, "officer-3324")
    db.session.expire_all()
    assert db.session.scalar(select(db.func.count(ChangeLogEntry.id))) == count


def test_a_holiday_added_then_deleted_leaves_both_in_the_change_log(app_ctx):
    from datetime import date

    from app.core.reference.changelog import ChangeLogEntry
    from app.core.reference.models import HolidayOverride

    # Ids of deleted rows may be used again (SQLite): read only this test's entries.
    start = db.session.scalar(select(db.func.max(ChangeLogEntry.id))) or 0
    holiday = HolidayOverride(day=date(2031, 3, 3), name="Cuti bersama uji", is_day_off=True)
    db.session.add(holiday)
    db.session.commit()
    holiday_id = holiday.id
    db.session.delete(holiday)
    db.session.commit()
    entries = db.session.scalars(select(ChangeLogEntry).where(
        ChangeLogEntry.entity == "holiday_override", ChangeLogEntry.record_id == str(holiday_id),
        ChangeLogEntry.id > start).order_by(ChangeLogEntry.id)).all()
    assert [entry.operation for entry in entries] == ["created", "deleted"]
    assert entries[0].changes["name"] == [None, "Cuti bersama uji"]
    assert entries[1].changes["name"] == ["Cuti bersama uji", None]
