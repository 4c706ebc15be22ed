"""The satisfaction index (IKM, Permen PANRB 14/2017) reported: a worked example by hand, the grade bounds,
the roll-up for a monitor, scoping, bad input, the screens, the public page and the export."""
from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from sqlalchemy import delete, select

from app.core.reference.models import Office
from app.core.satisfaction.index import grade, satisfaction_index, store_rating
from app.core.satisfaction.models import ELEMENTS, Rating
from app.extensions import db
from tests.support.sign_in import auth_header

# Four respondents of the library at Bangka Tengah in February 2025, by hand:
#            U1 U2 U3 U4 U5 U6 U7 U8 U9
WORKED = [(4, 4, 3, 3, 3, 3, 4, 3, 3),
          (3, 3, 3, 3, 3, 3, 3, 3, 3),
          (3, 4, 3, 2, 3, 4, 4, 3, 3),
          (3, 3, 4, 3, 3, 3, 4, 2, 3)]
# Element means: U1 13/4 = 3.25, U2 14/4 = 3.50, U3 3.25, U4 2.75, U5 3.00, U6 3.25, U7 3.75, U8 2.75, U9 3.00.
# Their sum is 28.50; the mean 28.50 / 9 = 3.1667; × 25 = 79.1667 → 79.17, grade B (76.61–88.30) "Baik".
EXPECTED_ELEMENTS = {"U1": 3.25, "U2": 3.5, "U3": 3.25, "U4": 2.75, "U5": 3.0, "U6": 3.25, "U7": 3.75, "U8": 2.75,
                     "U9": 3.0}
PERIOD = "from=2025-02-01&to=2025-02-28"


@pytest.fixture(scope="module")
def worked_example(app):
    """The four ratings, stored as a walk-in visitor's one-time link stores them (no account), plus one just
    outside the period at each end and one of another service, which must not count."""
    with app.app_context():
        office = db.session.scalars(select(Office).where(Office.code == "1904")).one()
        rows = [(datetime(2025, 2, 3 + n, 3, 0), "library", scores) for n, scores in enumerate(WORKED)]
        rows += [(datetime(2025, 1, 31, 16, 59), "library", (1,) * 9),  # 31 Jan 23:59 in Jakarta
                 (datetime(2025, 2, 28, 17, 0), "library", (1,) * 9),   # 1 Mar 00:00 in Jakarta
                 (datetime(2025, 2, 10, 3, 0), "sales", (4,) * 9)]
        for number, (at, service, scores) in enumerate(rows, start=1):
            store_rating("test_walk_in", 900_000 + number, office.id, service, "walk_in",
                         dict(zip(ELEMENTS, scores)), "Ruang baca <b>dingin</b>" if number == 1 else "", at=at)
        db.session.commit()
    yield
    with app.app_context():
        db.session.execute(delete(Rating).where(Rating.procedure == "test_walk_in"))
        db.session.commit()


def index(client, who, query):
    return client.get(f"/api/v1/satisfaction/index?{query}", headers=auth_header(client, who))


def test_the_index_of_a_hand_made_set_of_ratings_matches_the_worked_example(client, worked_example):
    response = index(client, "head-1904", f"office=1904&service=library&{PERIOD}")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["respondents"] == 4
    assert body["elements"] == EXPECTED_ELEMENTS
    assert body["index"] == 79.17
    assert (body["grade"], body["label"]) == ("B", "Baik")
    # Every service together: the fifth respondent (all 4s, sales) lifts it.
    every = index(client, "head-1904", f"office=1904&{PERIOD}").get_json()
    assert every["respondents"] == 5 and every["index"] == 83.33


@pytest.mark.parametrize("value, letter", [(100, "A"), (88.31, "A"), (88.30, "B"), (76.61, "B"), (76.60, "C"),
                                           (65.00, "C"), (64.99, "D"), (25.00, "D")])
def test_grades_follow_permen_panrb_14_2017(app_ctx, value, letter):
    assert grade(value)[0] == letter


def test_no_ratings_is_no_index_not_a_zero(app_ctx):
    result = satisfaction_index([-1])
    assert result == {"respondents": 0, "elements": {}, "index": None, "grade": None, "label": None}


def test_a_monitor_gets_its_province_rolled_up_and_a_head_only_their_office(client):
    province = index(client, "monitor-3300", "office=3300").get_json()
    regency = index(client, "monitor-3300", "office=3324").get_json()
    own = index(client, "head-3300", "office=3300").get_json()
    assert province["offices"] == 2 and own["offices"] == 1 and regency["offices"] == 1
    assert province["respondents"] == own["respondents"] + regency["respondents"] > 0
    assert index(client, "head-3324", "office=3300").status_code == 404
    assert index(client, "monitor-3300", "office=1904").status_code == 404
    assert index(client, "head-3324", "").get_json()["office"] == "3324"  # default: one's own office


@pytest.mark.parametrize("query, field", [
    ("from=2025-03-01&to=2025-02-01", "to"),
    ("from=01-02-2025", "from"),
    ("to=" + "9" * 500, "to"),
    ("service=astrology", "service"),
    ("from=1900-01-01&to=2025-01-01", "from"),
])
def test_bad_questions_get_a_422_with_a_message(client, query, field):
    response = index(client, "head-3324", query)
    assert response.status_code == 422
    assert field in response.get_json()["errors"] and response.get_json()["message"]


def test_the_api_needs_a_login_and_a_staff_role(client):
    assert client.get("/api/v1/satisfaction/index").status_code == 401
    assert index(client, "applicant1", "").status_code == 403


def _screen(app, username):
    from tests.support.sales import signed_in

    return signed_in(app, username)


def test_the_head_and_the_monitor_read_the_index_screen(app, worked_example):
    page = _screen(app, "head-1904").get(f"/satisfaction/report/?office=1904&service=library&{PERIOD}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "79.17" in text and "B · Baik" in text and "4 responden" in text
    assert "Februari 2025" in text and "Sarana dan prasarana" in text
    assert "Ruang baca &lt;b&gt;dingin&lt;/b&gt;" in text  # what respondents wrote, as text
    monitor = _screen(app, "monitor-3300").get("/satisfaction/report/?office=3300").get_data(as_text=True)
    assert "Gabungan 2 kantor." in monitor
    upside_down = _screen(app, "head-1904").get("/satisfaction/report/?from=2025-03-01&to=2025-02-01")
    assert upside_down.status_code == 400 and "tukar tanggalnya" in upside_down.get_data(as_text=True)
    assert _screen(app, "head-3324").get("/satisfaction/report/?office=1904").status_code == 404
    assert _screen(app, "officer-3324").get("/satisfaction/report/").status_code in (302, 403)


def test_the_export_carries_the_same_figures_as_csv_and_xlsx(app, worked_example):
    from openpyxl import load_workbook

    head = _screen(app, "head-1904")
    response = head.get(f"/satisfaction/report/export?format=csv&office=1904&{PERIOD}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'filename="ikm-1904-2025-02-01-2025-02-28.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][3:5] == ["Layanan", "Responden"] and rows[0][-3:] == ["IKM", "Mutu", "Kinerja"]
    library = next(row for row in rows if row[3] == "Perpustakaan")
    assert library[4] == "4" and library[5] == "3.25" and library[-3:] == ["79.17", "B", "Baik"]
    assert rows[-1][3] == "Semua layanan" and rows[-1][-3] == "83.33"

    xlsx = head.get(f"/satisfaction/report/export?format=xlsx&office=1904&{PERIOD}")
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[-1][-3:] == [83.33, "B", "Baik"]
    assert head.get("/satisfaction/report/export?format=pdf").status_code == 400


def test_the_public_page_shows_each_office_index_this_quarter_without_login(client):
    listing = client.get("/public/satisfaction/")
    assert listing.status_code == 200 and "/public/satisfaction/3324" in listing.get_data(as_text=True)
    page = client.get("/public/satisfaction/3324")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Triwulan ini" in text and 'id="ikm-grade"' in text
    assert "responden" in text
    assert client.get("/public/satisfaction/9999").status_code == 404


def test_the_demo_holds_three_months_of_ratings_at_every_office(app_ctx):
    from app.core.calendar.clock import utcnow

    for office in db.session.scalars(select(Office)).all():
        dates = db.session.scalars(select(Rating.created_at).where(Rating.office_id == office.id,
                                                                   Rating.procedure == "demo")).all()
        assert len(dates) > 30
        assert (utcnow() - min(dates)).days >= 85


def test_the_rating_form_explains_each_element_and_the_scale_in_words(app):
    from tests.support.sales import drive, line, new_request, signed_in

    with app.app_context():
        record = drive(new_request(lines=[line("publication")]), "delivered")
        record_id = record.id
    page = signed_in(app, "applicant1").get(f"/mysalesrequestview/show/{record_id}").get_data(as_text=True)
    assert "Untuk setiap unsur pilih 1 sampai 4" in page
    assert "U1 Persyaratan" in page and "Apakah persyaratan pelayanan sesuai dengan jenis pelayanannya?" in page
    assert "1 Tidak baik" in page and "4 Sangat baik" in page
