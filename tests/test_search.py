"""The navbar's search box finds any record by its number, or its applicant's name, e-mail or identity
number, across services, scoped like every list."""
from __future__ import annotations

import pytest

from app.core.access.scoping import scope_for
from app.core.workflow.search import find
from tests.support.sales import drive, line, new_request, user


def numbers(words: str, who: str) -> set[str]:
    return {hit.number for hit in find(words, scope_for(user(who)))}


@pytest.mark.usefixtures("app_ctx")
def test_a_record_is_found_by_its_number_in_its_office_only():
    record = drive(new_request(lines=[line("publication")]), "submitted")
    assert record.label in numbers(record.label, "officer-3324")
    assert record.label in numbers(record.label.lower().replace("-", " "), "officer-3324")
    assert record.label in numbers(str(record.id), "treasurer-3324")
    assert not numbers(record.label, "officer-1904")  # another office: as if it did not exist
    assert record.label in numbers(record.label, "monitor-3300")  # the province watches its regencies
    assert f"REK-{record.id:05d}" not in numbers(record.label, "officer-3324")  # the prefix names the service


@pytest.mark.usefixtures("app_ctx")
def test_a_record_is_found_by_the_applicants_name_e_mail_or_identity_number():
    record = drive(new_request(lines=[line("publication")]), "submitted")
    for words in ("Ayu Lestari", "ayu lestari", "applicant1@example.org", "3324015507990001", "lestari"):
        assert record.label in numbers(words, "officer-3324"), words
    assert not numbers("Ayu Lestari", "officer-1904") & {record.label}


@pytest.mark.usefixtures("app_ctx")
def test_recommendations_are_found_by_their_title_and_services_alike():
    from sqlalchemy import select

    from app.extensions import db
    from app.recommendations.models import RecommendationRequest

    letter = db.session.scalars(select(RecommendationRequest).where(
        RecommendationRequest.letter_number.isnot(None), RecommendationRequest.office.has(code="3324"))).first()
    assert f"REK-{letter.id:05d}" in numbers(letter.title, "head-3324")
    assert f"REK-{letter.id:05d}" in numbers(letter.letter_number, "officer-3324")
    assert f"REK-{letter.id:05d}" in numbers(f"REK-{letter.id}", "officer-3324")


def test_the_search_page_and_the_navbar_box(as_user, app):
    # Requests run outside the test's app context, so each has its own `g` (its own signed-in user).
    with app.app_context():
        record = drive(new_request(lines=[line("publication")]), "submitted")
        label, record_id = record.label, record.id
    officer = as_user("officer-3324")
    home = officer.get("/").get_data(as_text=True)
    assert 'id="sp-search"' in home
    page = officer.get("/search/", query_string={"q": "Ayu Lestari"}).get_data(as_text=True)
    assert label in page and f"/salesrequestview/show/{record_id}" in page and "data ditemukan" in page
    nothing = officer.get("/search/", query_string={"q": "tidak-ada-yang-cocok"}).get_data(as_text=True)
    assert "Tidak ada data yang cocok" in nothing
    assert officer.get("/search/", query_string={"q": "%_\\" * 50}).status_code == 200
    applicant = as_user("applicant1")
    assert 'id="sp-search"' not in applicant.get("/").get_data(as_text=True)
    assert applicant.get("/search/?q=Ayu").status_code in (302, 403)
