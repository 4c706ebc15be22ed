"""Bad input to the sale's screens and API ends in a message (or a 404/422), never in a 500."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.support.sales import Fresh, new_request, signed_in, walk_in_request
from tests.support.sign_in import api_token

pytestmark = pytest.mark.usefixtures("app_ctx")

HUGE = "9" * 30  # no INTEGER column holds it: the database fails on it instead of finding nothing
YEAR_MESSAGE = "Masukkan tahun antara 1900 dan 9998."


def requests_count() -> int:
    from app.extensions import db
    from app.sales.models import SalesRequest

    return db.session.scalar(select(func.count(SalesRequest.id)))


def lines_of(record_id) -> int:
    from app.extensions import db
    from app.sales.models import SalesLine

    return db.session.scalar(select(func.count(SalesLine.id)).where(SalesLine.request_id == record_id))


@pytest.mark.parametrize("year", ["abc", "-5", "0", "100000", HUGE, "2024.5"])
@pytest.mark.parametrize("csv", [False, True])
def test_revenue_report_refuses_a_year_that_is_none(app, year, csv):
    treasurer = signed_in(app, "treasurer-3324")
    response = treasurer.get(f"/sales/revenue/?year={year}" + ("&format=csv" if csv else ""))
    assert response.status_code == 302 and response.headers["Location"].endswith("/sales/revenue/")
    page = treasurer.get(response.headers["Location"])
    assert page.status_code == 200 and YEAR_MESSAGE in page.get_data(as_text=True)


def test_revenue_report_still_takes_a_real_year(app):
    response = signed_in(app, "treasurer-3324").get("/sales/revenue/?year=2019&format=csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"


@pytest.mark.parametrize("product_id", [HUGE, "-1", "abc"])
def test_composing_with_a_product_id_that_is_none_is_refused(app, product_id):
    record = new_request(lines=[])
    response = signed_in(app, "applicant1").post(f"/sales/compose/{record.id}/lines",
                                                 data={"product": product_id, "quantity": "1"})
    assert response.status_code == 302
    assert lines_of(record.id) == 0


@pytest.mark.parametrize("form", [{"office": "3324", "product": HUGE}, {"office": HUGE}])
def test_starting_a_draft_with_ids_that_are_none_is_refused(app, form):
    before = requests_count()
    response = signed_in(app, "applicant1").post("/sales/new", data=form)
    assert response.status_code == 302 and "/sales/catalogue" in response.headers["Location"]
    assert requests_count() == before


@pytest.mark.parametrize("applicant", [HUGE, "abc", "-1"])
def test_walk_in_for_an_applicant_id_that_is_none_is_404(app, applicant):
    before = requests_count()
    response = signed_in(app, "officer-3324").post("/sales/walkin/request", data={"applicant": applicant})
    assert response.status_code == 404
    assert requests_count() == before


@pytest.mark.parametrize("who,payload,field", [
    ("applicant1", {"office": "3324", "lines": [{"product": int(HUGE)}]}, "lines.0.product"),
    ("applicant1", {"office": "3324", "npwp": 123, "lines": []}, "npwp"),
    ("officer-3324", {"applicant": int(HUGE)}, "applicant"),
])
def test_api_drafts_with_numbers_that_are_none_answer_422(app, who, payload, field):
    client = Fresh(app, app.test_client())
    headers = {"Authorization": f"Bearer {api_token(client, who)}"}
    before = requests_count()
    response = client.post("/api/v1/sales_request/", json=payload, headers=headers)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert field in response.get_json()["errors"]
    assert requests_count() == before


def test_walk_in_compose_still_takes_a_real_product(app):
    from tests.support.sales import line

    record = walk_in_request()
    response = signed_in(app, "officer-3324").post(f"/sales/compose/{record.id}/lines", data=line("publication"))
    assert response.status_code == 302 and lines_of(record.id) == 1
