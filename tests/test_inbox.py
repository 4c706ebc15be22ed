""""Pekerjaan saya": each role's home lists what it can act on now, across services, most urgent first."""
from __future__ import annotations

from datetime import timedelta

import pytest

from app.core.calendar.workdays import jakarta_today
from app.core.workflow import inbox
from app.extensions import db
from tests.support.sales import drive, line, new_request, upload, user

pytestmark = pytest.mark.usefixtures("app_ctx")


def inbox_of(who, *services):
    items, total = inbox.page(user(who), 0, inbox.MAX_PAGE_SIZE, services)
    return {(item.resource, item.record.id): item for item in items}, total


def test_a_submitted_request_waits_on_the_officer_with_its_actions():
    record = drive(new_request(lines=[line("publication")]), "submitted")
    items, _ = inbox_of("officer-3324")
    item = items[("sales_request", record.id)]
    assert {"verify", "return", "reject"} <= {action.name for action in item.actions}
    assert item.url(for_applicant=False).endswith(f"/{record.id}")
    assert ("sales_request", record.id) not in inbox_of("officer-1904")[0]
    assert ("sales_request", record.id) not in inbox_of("applicant1")[0]  # nothing for the applicant to do now


def test_a_paid_request_waiting_for_delivery_is_on_the_officers_home(as_user):
    record = drive(new_request(lines=[line("publication")]), "paid")
    items, _ = inbox_of("officer-3324")
    assert "deliver" in {action.name for action in items[("sales_request", record.id)].actions}
    page = as_user("officer-3324").get("/?service=sales&page=0").get_data(as_text=True)
    assert f"/salesrequestview/show/{record.id}" in page or record.label in page


def test_the_treasurer_sees_invoices_to_confirm_and_the_applicant_what_to_pay():
    record = drive(new_request(lines=[line("publication")]), "invoiced")
    assert ("sales_request", record.id) in inbox_of("treasurer-3324")[0]
    mine = inbox_of("applicant1")[0][("sales_request", record.id)]
    assert mine.url(for_applicant=True).startswith("/mysalesrequestview/show/")
    assert ("sales_request", record.id) not in inbox_of("applicant2")[0]


def test_a_letter_to_sign_is_the_heads_and_only_the_heads_of_that_office():
    from app.core.workflow.engine import apply
    from app.core.workflow.engine import upload as attach
    from app.recommendations import service
    from app.recommendations.procedure import RECOMMENDATION
    from tests.support.sales import PDF

    record = service.create_draft({
        "office": "3324", "title": "Survei Pola Konsumsi Rumah Tangga", "organiser": "Bappeda Kendal",
        "objective": "Mengukur pola konsumsi.", "activity_type": "survey", "population": "Rumah tangga",
        "sample_size": 300, "method": "Wawancara", "variables": "Konsumsi", "area": "Kabupaten Kendal",
        "start_date": "2026-08-01", "end_date": "2026-09-30", "funding": "APBD",
        "contact_name": "Rina", "contact_email": "rina@example.go.id"}, user("applicant1"))
    for kind in ("questionnaire", "cover_letter"):
        attach(RECOMMENDATION, record.id, kind, PDF, f"{kind}.pdf", user("applicant1"))
    for action, who in (("submit", "applicant1"), ("verify", "officer-3324"), ("draft_letter", "officer-3324")):
        apply(RECOMMENDATION, record.id, action, user(who), {})
    head = inbox_of("head-3324", "recommendation")[0][("recommendation_request", record.id)]
    assert {"sign", "request_revision"} <= {action.name for action in head.actions}
    assert ("recommendation_request", record.id) not in inbox_of("head-1904")[0]
    # Narrowed to sales, the head's inbox does not list the letter.
    assert ("recommendation_request", record.id) not in inbox_of("head-3324", "sales")[0]


def test_overdue_work_comes_first_and_the_counts_come_from_the_same_query():
    late = drive(new_request(lines=[line("publication")]), "verified")
    late.sla_due_date = jakarta_today() - timedelta(days=3)
    db.session.commit()
    items, total = inbox.page(user("officer-3324"), 0, 5)
    assert items[0].sla_state == inbox.OVERDUE
    counts = inbox.count(user("officer-3324"))
    assert counts["total"] == total and counts[inbox.OVERDUE] >= 1
    # The monitor of the province takes no action, yet sees the regency's overdue work.
    watched = inbox_of("monitor-3300")[0]
    assert ("sales_request", late.id) in watched
    assert all(item.sla_state == inbox.OVERDUE for item in watched.values())


def test_my_work_api_pages_and_refuses_bad_arguments(client):
    from tests.support.sign_in import auth_header

    drive(new_request(lines=[line("publication")]), "submitted")
    headers = auth_header(client, "officer-3324")
    body = client.get("/api/v1/my_work/?q=(page:0,page_size:2)", headers=headers).get_json()
    assert body["count"] >= 1 and len(body["result"]) <= 2
    first = body["result"][0]
    assert set(first) >= {"resource", "id", "number", "status", "actions", "due_date", "sla_state", "url"}
    assert client.get("/api/v1/my_work/?q=(page_size:501)", headers=headers).status_code == 400
    assert client.get("/api/v1/my_work/?q=(nonsense:1)", headers=headers).status_code == 400
    assert client.get("/api/v1/my_work/").status_code == 401


def test_an_applicant_sees_a_returned_request_with_the_page_to_fix_it():
    record = drive(new_request(lines=[line("publication")]), "submitted")
    from tests.support.sales import act

    act(record, "return", "officer-3324", note="Lampirkan abstraksi yang lengkap")
    mine = inbox_of("applicant1")[0][("sales_request", record.id)]
    assert "submit" in {action.name for action in mine.actions} or mine.waiting_for
    upload(record, "abstract", "applicant1")
