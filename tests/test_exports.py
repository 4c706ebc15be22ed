"""Every procedure list exports what it shows, as CSV and XLSX: same filters, order and scope, Indonesian
headers, labels instead of codes, rupiah as numbers, Jakarta times; the API's export counts as its list."""
from __future__ import annotations

import csv
import io

import prison
import pytest
from openpyxl import load_workbook

from tests.support.sales import drive, line, new_request, walk_in_request
from tests.support.sign_in import auth_header

pytestmark = pytest.mark.usefixtures("app_ctx", "sales_records")


@pytest.fixture(scope="module")
def sales_records(app):
    """Requests of Kendal in several states, online and walk-in, made through the engine."""
    with app.app_context():
        for target in ("completed", "delivered", "invoiced", "submitted"):
            drive(new_request(lines=[line("publication")]), target)
        walk_in_request(lines=[line("publication", hardcopy=True)])
        drive(new_request(), "completed")


def rows_of_csv(response) -> list[list[str]]:
    text = response.get_data().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def rows_of_xlsx(response):
    sheet = load_workbook(io.BytesIO(response.get_data()), read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    # A write-only sheet leaves out a row's trailing empty cells (a draft's "Diajukan"): pad to the header.
    return [row + [None] * (len(rows[0]) - len(row)) for row in rows], sheet


@pytest.mark.parametrize("resource", ["sales_request", "recommendation_request"])
@pytest.mark.parametrize("who", ["officer-3324", "head-3324", "monitor-3300", "applicant1"])
def test_api_export_has_the_lists_count_in_both_formats(client, resource, who):
    headers = auth_header(client, who)
    listed = client.get(f"/api/v1/{resource}/", headers=headers).get_json()
    for fmt in ("csv", "xlsx"):
        response = client.get(f"/api/v1/{resource}/export?format={fmt}", headers=headers)
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        assert "attachment" in response.headers["Content-Disposition"]
        rows = rows_of_csv(response) if fmt == "csv" else rows_of_xlsx(response)[0]
        assert len(rows) - 1 == listed["count"]


def test_api_export_applies_the_lists_filters_and_order(client):
    headers = auth_header(client, "officer-3324")
    q = prison.dumps({"filters": [{"col": "status", "opr": "eq", "value": "completed"}],
                      "order_column": "id", "order_direction": "asc"})
    listed = client.get(f"/api/v1/sales_request/?q={q}", headers=headers).get_json()
    rows = rows_of_csv(client.get(f"/api/v1/sales_request/export?format=csv&q={q}", headers=headers))
    header, body = rows[0], rows[1:]
    assert len(body) == listed["count"] > 0
    assert [int(row[header.index("No.")]) for row in body] == sorted(listed["ids"])
    # Labels, not codes: the state reads in Indonesian, as on the screens.
    assert {row[header.index("Status")] for row in body} == {"Selesai"}


def test_api_export_refuses_an_unknown_format_or_column(client):
    headers = auth_header(client, "officer-3324")
    assert client.get("/api/v1/sales_request/export?format=pdf", headers=headers).status_code == 400
    q = prison.dumps({"order_column": "password", "order_direction": "asc"})
    response = client.get(f"/api/v1/sales_request/export?format=csv&q={q}", headers=headers)
    assert response.status_code == 400 and response.get_json()["message"]
    assert client.get("/api/v1/sales_request/export?format=csv").status_code == 401


def test_api_export_is_scoped_like_the_list(client):
    from app.extensions import db
    from app.sales.models import SalesRequest

    rows = rows_of_csv(client.get("/api/v1/sales_request/export?format=csv",
                                  headers=auth_header(client, "officer-1904")))
    header = rows[0]
    codes = {row[header.index("Kode kantor")] for row in rows[1:]}
    assert codes <= {"1904"}
    ids = {int(row[header.index("No.")]) for row in rows[1:]}
    others = set(db.session.scalars(db.select(SalesRequest.id).where(SalesRequest.office.has(code="3324"))))
    assert not ids & others


def test_worklist_exports_what_it_shows_with_rupiah_numbers_and_jakarta_times(as_user):
    from app.core.calendar.clock import to_jakarta
    from app.extensions import db
    from app.sales.models import SalesRequest

    officer = as_user("officer-3324")
    page = officer.get("/salesrequestview/list/?state=all&channel=walk_in").get_data(as_text=True)
    assert "Ekspor XLSX" in page and "Ekspor CSV" in page and "Kunjungan langsung" in page
    response = officer.get("/salesrequestview/export?state=all&channel=walk_in&format=xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    rows, sheet = rows_of_xlsx(response)
    header = rows[0]
    assert header[:3] == ["Permintaan", "Pengguna layanan", "Kantor"]
    expected = db.session.scalars(db.select(SalesRequest).where(
        SalesRequest.office.has(code="3324"), SalesRequest.channel == "walk_in")).all()
    assert len(rows) - 1 == len(expected) > 0
    by_label = {row[0]: row for row in rows[1:]}
    for record in expected:
        row = by_label[record.label]
        assert row[header.index("Saluran")] == "Kunjungan langsung"
        assert row[header.index("Total")] == record.total and isinstance(row[header.index("Total")], int)
        # "Diajukan" is when the request was filed (submitted_at), not when its draft was started: the
        # demo's backdated walk-ins are recorded a minute or more before they are filed.
        filed = row[header.index("Diajukan")]
        if record.submitted_at is None:
            assert filed is None
        else:
            assert abs((filed - to_jakarta(record.submitted_at).replace(tzinfo=None)).total_seconds()) < 1
    total_cell = next(cell for cell in load_workbook(io.BytesIO(response.get_data())).active[2]
                      if cell.column == header.index("Total") + 1)
    assert "Rp" in total_cell.number_format


def test_worklist_csv_follows_the_time_limit_flag_and_order(as_user):
    officer = as_user("officer-3324")
    shown = officer.get("/salesrequestview/list/?state=all&flag=met").get_data(as_text=True)
    assert "Batas waktu: Selesai dalam batas waktu" in shown
    rows = rows_of_csv(officer.get("/salesrequestview/export?state=all&flag=met&format=csv"))
    from app.extensions import db
    from app.sales.models import SalesRequest

    met = db.session.scalar(db.select(db.func.count(SalesRequest.id)).where(
        SalesRequest.office.has(code="3324"), SalesRequest.sla_met.is_(True)))
    assert len(rows) - 1 == met


def test_bad_export_format_on_a_screen_says_so(as_user):
    officer = as_user("officer-3324")
    response = officer.get("/salesrequestview/export?format=doc")
    assert response.status_code == 302
    page = officer.get(response.headers["Location"]).get_data(as_text=True)
    assert "Pilih CSV atau XLSX." in page


def test_recommendation_list_exports_too(as_user):
    head = as_user("head-3324")
    page = head.get("/recommendationview/list/").get_data(as_text=True)
    assert "Ekspor XLSX" in page
    rows = rows_of_csv(head.get("/recommendationview/export?format=csv"))
    assert rows[0][:2] == ["No.", "Judul kegiatan"]


def test_export_memory_does_not_grow_with_rows(tmp_path):
    """100,000 rows through the XLSX writer cost about what 1,000 do (the write-only workbook)."""
    import tracemalloc

    from app.core.calendar.clock import utcnow
    from app.core.web.export import DATETIME, MONEY, ExportColumn, write_xlsx

    now = utcnow()
    columns = [ExportColumn("No.", lambda row: row), ExportColumn("Jumlah", lambda row: row * 1000, MONEY),
               ExportColumn("Waktu", lambda row: now, DATETIME)]

    def peak(count: int) -> int:
        tracemalloc.start()
        write_xlsx(columns, range(count), "Uji", str(tmp_path / f"{count}.xlsx"))
        _, high = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return high

    small, large = peak(1_000), peak(10_000)
    assert large < small * 2


def test_a_filter_with_a_bad_value_is_left_out_and_said(as_user):
    officer = as_user("officer-3324")
    page = officer.get("/salesrequestview/list/?state=all&flag=soon&filed_from=yesterday&channel=walk_in")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Saringan &#34;flag&#34; diabaikan" in text or 'Saringan "flag" diabaikan' in text
    assert "filed_from" in text and "Saluran: Kunjungan langsung" in text
