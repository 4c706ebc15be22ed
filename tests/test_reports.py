"""The head's and monitor's dashboard, the treasurer's revenue and payment register, the dashboard API and
the monthly PDF: figures that agree with the records, links that open the rows behind them, scope."""
from __future__ import annotations

import csv
import io
import re
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
from openpyxl import load_workbook
from sqlalchemy import and_, func, or_, select

from tests.support.sales import drive, line, new_request, walk_in_request
from tests.support.sign_in import auth_header

pytestmark = pytest.mark.usefixtures("app_ctx", "kendal_month")


@pytest.fixture(scope="module")
def kendal_month(app):
    """A month of Kendal's sales, through the engine: finished, paid, waiting, and one of Bangka Tengah."""
    with app.app_context():
        for target in ("completed", "completed", "delivered", "paid", "invoiced", "submitted"):
            drive(new_request(lines=[line("publication")]), target)
        drive(new_request(), "completed")  # microdata, with SPPD
        walk_in_request(lines=[line("publication", hardcopy=True)])
        drive(new_request(lines=[line("publication", code="1904")], office="1904"), "paid",
              officer="officer-1904", treasurer="treasurer-1904")


def this_month():
    from app.core.calendar.workdays import jakarta_today

    return f"{jakarta_today():%Y-%m}"


def this_period():
    """The dashboard's default period (this Jakarta month): the demo also holds months of backdated work."""
    from app.reports.selection import month_period

    return month_period(this_month())


def this_month_at(column):
    """`column` (a naive UTC time) falls in this Jakarta month."""
    period = this_period()
    return and_(column >= period.utc_start, column < period.utc_end)


def figures(client, who, **args):
    response = client.get("/api/v1/dashboard/", query_string=args, headers=auth_header(client, who))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    body = response.get_json()
    return body, {table["key"]: table for table in body["tables"]}


def sales_count(*conditions):
    from app.extensions import db
    from app.sales.models import SalesRequest

    return db.session.scalar(select(func.count(SalesRequest.id)).where(*conditions))


def kendal():
    from app.core.reference.models import Office
    from app.extensions import db

    return db.session.scalar(select(Office.id).where(Office.code == "3324"))


def export_rows(client, link: str) -> list[list[str]]:
    """The rows of the list a figure links to, through the list's own export (same filters and scope)."""
    path, _, query = link.partition("?")
    response = client.get(path.replace("/list/", "/export") + "?" + query + "&format=csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))[1:]


# --- the figures ------------------------------------------------------------------------------------

def test_head_sees_volumes_per_service_and_channel_and_each_links_to_its_rows(client, as_user):
    from app.sales.models import SalesRequest

    body, tables = figures(client, "head-3324")
    assert body["office"] == "3324" and body["offices"] == ["3324"]
    volumes = tables["volumes"]
    (row,) = [r for r in volumes["rows"] if r["month"] == this_month()]
    online = sales_count(SalesRequest.office_id == kendal(), SalesRequest.channel == "online",
                         SalesRequest.status != "draft", this_month_at(SalesRequest.created_at))
    assert row["sales:online"] == online >= 7
    head = as_user("head-3324")
    assert len(export_rows(head, row["links"]["sales:online"])) == online
    # A walk-in request being recorded at the desk counts (the office's lists show it); an online draft
    # is the applicant's until submitted, and counts nowhere.
    walk_in = sales_count(SalesRequest.office_id == kendal(), SalesRequest.channel == "walk_in",
                          this_month_at(SalesRequest.created_at))
    assert row["sales:walk_in"] == walk_in
    assert len(export_rows(head, row["links"]["sales:walk_in"])) == walk_in


def test_share_within_the_time_limit_counts_stopped_clocks_and_links_to_them(client, as_user):
    from app.sales.models import SalesRequest

    _, tables = figures(client, "head-3324")
    (sales,) = [r for r in tables["time_limits"]["rows"] if r["service"] == "Penjualan Produk Statistik"]
    period = this_period()
    stopped = SalesRequest.sla_finished_on.between(period.first, period.last)
    finished = sales_count(SalesRequest.office_id == kendal(), SalesRequest.sla_met.is_not(None), stopped)
    met = sales_count(SalesRequest.office_id == kendal(), SalesRequest.sla_met.is_(True), stopped)
    assert (sales["finished"], sales["met"]) == (finished, met) and finished >= 4
    assert sales["share"] == round(100 * met / finished, 1)
    assert len(export_rows(as_user("head-3324"), sales["links"]["met"])) == met


def test_ikm_per_service_is_the_core_index(client):
    from app.core.satisfaction.index import satisfaction_index

    _, tables = figures(client, "head-3324")
    (sales,) = [r for r in tables["satisfaction"]["rows"] if r["service"] == "Penjualan Produk Statistik"]
    from app.reports.selection import month_period

    month = month_period(this_month())
    expected = satisfaction_index([kendal()], "sales", month.utc_start, month.utc_end)
    assert sales["ratings"] == expected["respondents"] and abs(sales["ikm"] - expected["index"]) < 0.01
    assert sales["grade"].startswith(expected["grade"])


def test_revenue_per_product_type_comes_from_the_sale_and_links_to_the_paid_requests(client, as_user):
    from app.extensions import db
    from app.sales.models import SalesLine, SalesRequest

    _, tables = figures(client, "head-3324")
    revenue = {row["product_type"]: row for row in tables["revenue_by_type"]["rows"]}
    paid = db.session.scalar(select(func.sum(SalesLine.line_total)).join(SalesRequest).where(
        SalesRequest.office_id == kendal(), SalesRequest.paid_amount > 0, SalesLine.product_type == "publication",
        this_month_at(SalesRequest.paid_at)))
    assert revenue["Publikasi"]["amount"] == paid > 0
    rows = export_rows(as_user("head-3324"), revenue["Publikasi"]["links"]["requests"])
    assert len(rows) == revenue["Publikasi"]["requests"]


def test_monitor_compares_the_offices_under_the_province_and_rolls_them_up(client):
    body, tables = figures(client, "monitor-3300")
    assert body["office"] == "3300" and set(body["offices"]) == {"3300", "3324"}
    offices = tables["offices"]
    names = [row["office"] for row in offices["rows"]]
    assert names[0].startswith("3300") and names[1].startswith("3324")
    assert offices["total"]["filed"] == sum(row["filed"] for row in offices["rows"])
    _, kendal_only = figures(client, "monitor-3300", office="3324")
    assert offices["rows"][1]["filed"] == kendal_only["volumes"]["total"]["total"]
    # The figures of Kendal alone, for the monitor, follow the office's link.
    link = offices["rows"][1]["links"]["office"]
    assert parse_qs(urlsplit(link).query)["office"] == ["3324"]


@pytest.mark.parametrize("who,office", [("head-3324", "3300"), ("monitor-3300", "1904"), ("head-3324", "9999")])
def test_an_office_out_of_scope_is_not_found(client, who, office):
    response = client.get(f"/api/v1/dashboard/?office={office}", headers=auth_header(client, who))
    assert response.status_code == 404 and response.get_json()["message"]


@pytest.mark.parametrize("query,message", [
    ("from=2026-13-01", "Tulis tanggal sebagai TTTT-BB-HH"),
    ("from=2026-11-30&to=2026-11-01", "Periode berakhir sebelum dimulai."),
    ("from=2020-01-01&to=2026-01-01", "paling lama tiga tahun"),
    ("month=November", "Tulis bulan sebagai TTTT-BB"),
])
def test_a_bad_period_is_a_400_in_indonesian(client, query, message):
    response = client.get(f"/api/v1/dashboard/?{query}", headers=auth_header(client, "head-3324"))
    assert response.status_code == 400 and message in response.get_json()["message"]


def test_dashboard_api_is_for_signed_in_heads_monitors_and_treasurers(client):
    assert client.get("/api/v1/dashboard/").status_code == 401
    assert client.get("/api/v1/dashboard/", headers=auth_header(client, "applicant1")).status_code == 403
    assert client.get("/api/v1/dashboard/", headers=auth_header(client, "officer-3324")).status_code == 403
    body, tables = figures(client, "treasurer-3324", view="treasury")
    assert {"revenue_by_type", "revenue_by_month", "payment_register"} <= set(tables)


# --- the screens ----------------------------------------------------------------------------------

def test_head_dashboard_page_draws_charts_offline_and_links_figures_to_lists(as_user):
    head = as_user("head-3324")
    page = head.get("/reports/dashboard/").get_data(as_text=True)
    assert "Permintaan masuk per bulan, menurut layanan dan saluran" in page
    assert "Indeks Kepuasan Masyarakat (IKM) per layanan" in page
    assert "/static/vendor/chartjs/chart.umd.min.js" in page and "cdn" not in page.lower()
    assert 'class="sp-chart"' in page
    links = re.findall(r'href="(/salesrequestview/list/\?[^"]+)"', page)
    assert links, "no figure links to the sales list"
    listed = head.get(links[0].replace("&amp;", "&")).get_data(as_text=True)
    assert "Disaring" in listed
    assert head.get("/static/vendor/chartjs/LICENSE.md").status_code == 200


def test_officer_and_applicant_do_not_open_the_dashboard(as_user):
    for who in ("officer-3324", "applicant1"):
        response = as_user(who).get("/reports/dashboard/")
        assert response.status_code in (302, 403)


def test_bad_period_on_the_screen_is_said_and_the_default_shown(as_user):
    head = as_user("head-3324")
    response = head.get("/reports/dashboard/?from=kemarin")
    assert response.status_code == 302
    assert "Tulis tanggal sebagai TTTT-BB-HH" in head.get(response.headers["Location"]).get_data(as_text=True)
    assert head.get("/reports/dashboard/?office=1904").status_code == 404


def _register_rows(page: str) -> list[list[str]]:
    section = page.split('id="figure-payment_register"')[1].split("</section>")[0]
    body = section.split("<tbody>")[1].split("</tbody>")[0]
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        rows.append(cells)
    return rows


def test_treasurer_downloads_the_payment_register_with_the_rows_of_the_screen(as_user):
    from app.extensions import db
    from app.sales.models import SalesRequest

    treasurer = as_user("treasurer-3324")
    page = treasurer.get("/reports/treasury/").get_data(as_text=True)
    assert "Register pembayaran" in page and "Penerimaan PNBP per bulan, satuan kerja dan jenis produk" in page
    screen = _register_rows(page)
    invoiced = sales_count(SalesRequest.office_id == kendal(), SalesRequest.total > 0, or_(
        this_month_at(SalesRequest.invoice_issued_at), this_month_at(SalesRequest.paid_at)))
    assert len(screen) == invoiced >= 6
    response = treasurer.get(f"/reports/treasury/xlsx?table=payment_register&month={this_month()}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:4] == ("Permintaan", "Kantor", "Kode billing", "NTPN")
    assert [row[0] for row in body] == [row[0] for row in screen]
    assert [row[2] or "" for row in body] == [row[2] for row in screen]
    amount = header.index("Jumlah")
    assert all(isinstance(row[amount], int) for row in body)
    assert "Rp" in sheet.cell(row=2, column=amount + 1).number_format
    # What is not confirmed in both is flagged, in words (not colour alone).
    waiting = db.session.scalar(select(SalesRequest).where(SalesRequest.office_id == kendal(),
                                                           SalesRequest.status == "invoiced",
                                                           this_month_at(SalesRequest.invoice_issued_at)))
    (row,) = [row for row in body if row[0] == waiting.label]
    assert row[-1] == "Belum dikonfirmasi di sini: periksa pembayaran kode billing ini di SIMPONI"
    assert any(row[-1] == "Dikonfirmasi di sini dengan NTPN" and row[3] for row in body)


def test_an_unknown_table_is_refused_with_a_message(as_user):
    treasurer = as_user("treasurer-3324")
    response = treasurer.get("/reports/treasury/xlsx?table=secrets")
    assert response.status_code == 302
    assert "Tabel itu tidak ada" in treasurer.get(response.headers["Location"]).get_data(as_text=True)


# --- the monthly PDF --------------------------------------------------------------------------------

def pdf_text(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode()


def test_head_downloads_the_monthly_report_with_the_dashboards_figures(client, as_user):
    _, tables = figures(client, "head-3324")
    response = as_user("head-3324").get(f"/reports/dashboard/monthly.pdf?office=3324&month={this_month()}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.get_data())
    assert "LAPORAN BULANAN PELAYANAN STATISTIK TERPADU" in text
    assert re.search(r"Permintaan masuk\s+:\s+%d\b" % tables["volumes"]["total"]["total"], text)
    revenue = tables["revenue_by_type"]["total"]["amount"]
    assert "Rp" + f"{revenue:,}".replace(",", ".") in text
    assert "Indeks Kepuasan Masyarakat (IKM) per layanan" in text


def test_flask_reports_monthly_writes_the_pdf(app, tmp_path):
    output = tmp_path / "report.pdf"
    runner = app.test_cli_runner()
    result = runner.invoke(args=["reports", "monthly", "--office", "3324", "--month", this_month(),
                                 "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert output.read_bytes().startswith(b"%PDF") and "Kabupaten Kendal" in pdf_text(output.read_bytes())
    bad = runner.invoke(args=["reports", "monthly", "--office", "3324", "--month", "11-2026", "--output",
                              str(tmp_path / "x.pdf")])
    assert bad.exit_code != 0 and "TTTT-BB" in bad.output


def test_an_unknown_view_is_a_400(client):
    response = client.get("/api/v1/dashboard/?view=secrets", headers=auth_header(client, "head-3324"))
    assert response.status_code == 400 and "Tampilan adalah" in response.get_json()["message"]
