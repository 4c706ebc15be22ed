"""The sale through its screens: catalogue, composing, the worklist, the walk-in desk paid in cash,
the treasurer's payments and revenue, downloads — as people click through them (test client)."""
from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import func, select

from tests.support.sales import (
    PDF,
    Fresh,
    current,
    drive,
    line,
    new_request,
    next_billing_code,
    product,
    signed_in,
    upload,
    zip_bytes,
)

pytestmark = pytest.mark.usefixtures("app_ctx")


@pytest.fixture()
def as_user(app):
    """Signed-in clients whose requests do not share the test's app context (see Fresh)."""
    return lambda username: signed_in(app, username)


@pytest.fixture()
def client(app):
    return Fresh(app, app.test_client())


def html(response) -> str:
    return response.get_data(as_text=True)


def request_id(response) -> int:
    return int(re.search(r"/sales/compose/(\d+)", response.headers["Location"]).group(1))


def reload(record_id):
    from app.extensions import db
    from app.sales.models import SalesRequest

    db.session.expire_all()
    return db.session.get(SalesRequest, record_id)


def document_count(record_id) -> int:
    from app.core.documents.attached import Document
    from app.extensions import db

    return db.session.scalar(select(func.count(Document.id)).where(Document.procedure == "sales",
                                                                   Document.record_id == record_id))


# --- the catalogue and composing -----------------------------------------------------------------

def test_catalogue_is_public_with_tariff_terms_and_documents(client):
    page = html(client.get("/sales/catalogue?office=3324&type=microdata"))
    assert "Susenas Maret 2025 Kabupaten Kendal" in page
    assert "Kabupaten Kendal Dalam Angka" not in page  # filtered by type
    assert "PP 13/2024" in page and "Rp" in page
    assert "SPPD" in page  # the documents a microdata product needs
    assert 'action="/sales/new"' not in page  # requesting needs an account
    assert client.get("/sales/catalogue?office=9999").status_code == 404


def test_applicant_composes_uploads_and_submits_through_the_portal(as_user):
    applicant = as_user("applicant1")
    page = html(applicant.get("/sales/catalogue?office=3324"))
    assert 'action="/sales/new"' in page
    response = applicant.post("/sales/new", data={"office": "3324", "product": product("3324", "map").id})
    assert response.status_code == 302
    pk = request_id(response)
    page = html(applicant.get(f"/sales/compose/{pk}"))
    assert "sp-product" in page and "Rp" in page
    assert not reload(pk).lines  # a map asks for its area first: the compose page has it chosen
    applicant.post(f"/sales/compose/{pk}/lines", data={**line("map"), "version": reload(pk).version})
    applicant.post(f"/sales/compose/{pk}/lines", data=line("publication", quantity="2"))
    applicant.post(f"/sales/compose/{pk}/lines", data={**line("publication"), "quantity": "0"})  # refused
    record = reload(pk)
    assert len(record.lines) == 2 and record.total == sum(item.line_total for item in record.lines)
    publication = next(item for item in record.lines if item.product_type == "publication")
    applicant.post(f"/sales/compose/{pk}/lines/{publication.id}/delete")
    applicant.post(f"/sales/compose/{pk}/details", data={"purpose": "Perencanaan wilayah"})
    assert reload(pk).total == reload(pk).lines[0].line_total and reload(pk).purpose == "Perencanaan wilayah"
    response = applicant.post(f"/mysalesrequestview/act/{pk}/submit", data={"version": reload(pk).version})
    assert reload(pk).status == "draft"  # the abstract is missing: refused with its reason
    assert "abstract" in html(applicant.get(response.headers["Location"])).lower()
    applicant.post(f"/mysalesrequestview/upload/{pk}", data={"kind": "abstract", "file": (io.BytesIO(PDF), "a.pdf")},
                   content_type="multipart/form-data")
    applicant.post(f"/mysalesrequestview/act/{pk}/submit", data={"version": reload(pk).version})
    assert reload(pk).status == "submitted"
    page = html(applicant.get(f"/mysalesrequestview/show/{pk}"))
    assert "sp-expect" in page and reload(pk).label in page
    listing = html(applicant.get("/mysalesrequestview/list/"))
    assert reload(pk).label in listing


def test_uploads_are_checked_by_content_and_size(app, as_user):
    applicant = as_user("applicant1")
    record = new_request()
    before = document_count(record.id)
    url = f"/mysalesrequestview/upload/{record.id}"
    applicant.post(url, data={"kind": "abstract", "file": (io.BytesIO(b"MZ\x90\x00binary"), "abstract.pdf")},
                   content_type="multipart/form-data")
    previous = app.config["SATUPINTU_MAX_UPLOAD_BYTES"]
    app.config["SATUPINTU_MAX_UPLOAD_BYTES"] = 1024
    try:
        applicant.post(url, data={"kind": "abstract", "file": (io.BytesIO(PDF + b"0" * 2048), "big.pdf")},
                       content_type="multipart/form-data")
    finally:
        app.config["SATUPINTU_MAX_UPLOAD_BYTES"] = previous
    applicant.post(url, data={"kind": "product", "file": (io.BytesIO(PDF), "p.pdf")},
                   content_type="multipart/form-data")  # not theirs to upload
    assert document_count(record.id) == before
    assert previous == 20 * 1024 * 1024


# --- the officer's worklist ----------------------------------------------------------------------

def test_worklist_sorted_by_due_date_with_filters_and_only_the_office(as_user):
    from app.extensions import db

    soon = drive(new_request(lines=[line("publication")]), "verified")
    later = drive(new_request(lines=[line("publication")]), "verified")
    from datetime import date, timedelta
    soon.sla_due_date, later.sla_due_date = date.today() - timedelta(days=3), date.today() + timedelta(days=30)
    db.session.commit()
    officer = as_user("officer-3324")
    page = html(officer.get("/salesrequestview/list/?psize_SalesRequestView=100"))
    assert soon.label in page and later.label in page and page.index(soon.label) < page.index(later.label)
    overdue = html(officer.get("/salesrequestview/list/?flag=overdue&psize_SalesRequestView=100"))
    assert soon.label in overdue and later.label not in overdue and "sp-badge-danger" in overdue
    verified = html(officer.get("/salesrequestview/list/?state=verified&channel=online&psize_SalesRequestView=100"))
    assert later.label in verified
    assert later.label not in html(officer.get("/salesrequestview/list/?state=paid"))
    assert later.label not in html(officer.get("/salesrequestview/list/?channel=walk_in&psize_SalesRequestView=100"))
    draft = new_request()
    assert draft.label not in html(officer.get("/salesrequestview/list/?psize_SalesRequestView=100"))
    other = as_user("officer-1904")
    assert soon.label not in html(other.get("/salesrequestview/list/?state=all&psize_SalesRequestView=100"))


# --- the walk-in desk, paid in cash --------------------------------------------------------------

def test_walk_in_paid_in_cash_through_the_officers_screens(as_user):
    officer, treasurer = as_user("officer-3324"), as_user("treasurer-3324")
    search = html(officer.get("/sales/walkin/?id_document_type=ktp&id_document_number=3324019999000001"))
    assert "sp-enrol" in search  # not known yet: the enrolment form
    bad = officer.post("/sales/walkin/visitor", data={
        "id_document_type": "ktp", "id_document_number": "3324019999000001", "full_name": "Siti Pengunjung",
        "email": "siti.pengunjung@example.org", "segment": "private", "npwp": "123", "domicile": "domestic"})
    assert bad.status_code == 200 and "NPWP" in html(bad)
    response = officer.post("/sales/walkin/visitor", data={
        "id_document_type": "ktp", "id_document_number": "3324019999000001", "full_name": "Siti Pengunjung",
        "email": "siti.pengunjung@example.org", "phone": "0812", "institution": "SMA 1 Kendal",
        "segment": "individual", "domicile": "domestic", "purpose": "Tugas sekolah"})
    assert response.status_code == 302
    pk = request_id(response)
    found = html(officer.get("/sales/walkin/?id_document_type=ktp&id_document_number=3324019999000001"))
    assert "Siti Pengunjung" in found  # next time she is found by her KTP
    officer.post(f"/sales/compose/{pk}/lines", data={**line("publication"), "hardcopy": "yes", "quantity": "2"})
    record = reload(pk)
    assert record.channel == "walk_in" and record.lines[0].hardcopy and record.total > 0
    for action, data in [("submit", {}), ("verify", {}),
                         ("issue_invoice", {"billing_code": next_billing_code()})]:
        officer.post(f"/salesrequestview/act/{pk}/{action}", data={"version": reload(pk).version, **data})
    assert reload(pk).status == "invoiced"
    payments = html(treasurer.get("/salespaymentsview/list/"))
    assert reload(pk).label in payments
    treasurer.post(f"/salespaymentsview/act/{pk}/confirm_payment",
                   data={"version": reload(pk).version, "method": "cash", "payer": "Siti Pengunjung"})
    assert reload(pk).status == "paid" and reload(pk).payment_method == "cash"
    officer.post(f"/salesrequestview/act/{pk}/deliver", data={"version": reload(pk).version, "hardcopy": "yes"})
    record = reload(pk)
    assert record.status == "delivered" and record.hardcopy_handed_over and record.receipt_number
    page = html(officer.get(f"/salesrequestview/show/{pk}"))
    assert record.receipt_number in page and "Siti Pengunjung" in page


def test_treasurer_payments_list_and_revenue_report(as_user):
    from app.core.calendar.workdays import jakarta_today

    record = drive(new_request(lines=[line("publication")]), "paid")
    treasurer = as_user("treasurer-3324")
    assert record.label not in html(treasurer.get("/salespaymentsview/list/"))  # paid: nothing to do
    page = html(treasurer.get("/sales/revenue/"))
    assert "Kendal" in page and "Rp" in page
    response = treasurer.get(f"/sales/revenue/?year={jakarta_today().year}&format=csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    publication = [row for row in rows if row["Kode kantor"] == "3324" and row["Jenis produk"] == "Publikasi"]
    assert publication and int(publication[0]["Jumlah (Rp)"]) >= record.total
    assert all(row["Kode kantor"] == "3324" for row in rows)
    assert as_user("applicant1").get("/sales/revenue/").status_code == 403
    assert as_user("officer-3324").get("/salespaymentsview/list/").status_code == 403


# --- another office's or applicant's requests do not exist for you ---------------------------------

def test_every_sales_screen_answers_404_for_another_office(as_user):
    record = drive(new_request(), "invoiced")
    doc = upload(record, "product", "officer-3324", zip_bytes(), "p.zip")
    invoice = record.id
    invoice_doc = current(record, "invoice")
    for who, prefix in [("officer-1904", "salesrequestview"), ("applicant2", "mysalesrequestview")]:
        client = as_user(who)
        assert client.get(f"/{prefix}/show/{invoice}").status_code == 404
        assert client.post(f"/{prefix}/act/{invoice}/dispute_invoice", data={"note": "x"}).status_code == 404
        assert client.post(f"/{prefix}/upload/{invoice}", data={"kind": "sppd_signed",
                                                               "file": (io.BytesIO(PDF), "s.pdf")},
                           content_type="multipart/form-data").status_code == 404
        assert client.get(f"/{prefix}/download/{invoice}/{invoice_doc.id}").status_code == 404
        assert client.get(f"/sales/compose/{invoice}").status_code == 404
    assert reload(invoice).status == "invoiced"
    applicant = as_user("applicant1")
    assert applicant.get(f"/mysalesrequestview/download/{invoice}/{invoice_doc.id}").status_code == 200
    assert applicant.get(f"/mysalesrequestview/download/{invoice}/{doc.id}").status_code == 404  # not delivered
    assert as_user("officer-3324").get(f"/salesrequestview/download/{invoice}/{doc.id}").status_code == 200


def test_downloads_are_audited(as_user):
    from app.core.workflow.audit import history

    record = drive(new_request(lines=[line("publication")]), "delivered")
    product_doc = current(record, "product")
    response = as_user("applicant1").get(f"/mysalesrequestview/download/{record.id}/{product_doc.id}")
    assert response.status_code == 200 and response.data.startswith(b"PK")
    assert history("sales", record.id)[-1].action == "download"
