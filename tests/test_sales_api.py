"""The `sales_request`, `tariff` and `product` REST resources (SPEC §9): JWT, scoped, every procedure
step with its 403/404/409/422, documents up and down."""
from __future__ import annotations

import io
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select

from tests.support.sales import (
    EXE,
    PDF,
    current,
    drive,
    foreign_applicant,
    line,
    new_request,
    next_billing_code,
    next_ntpn,
    product,
    zip_bytes,
)
from tests.support.sign_in import api_token

API = "/api/v1/sales_request"



@pytest.fixture(scope="module")
def tokens(app):
    client = app.test_client()
    with app.app_context():
        foreign_applicant()
    return {name: {"Authorization": f"Bearer {api_token(client, name)}"}
            for name in ("applicant1", "applicant2", "officer-3324", "treasurer-3324", "officer-1904",
                         "head-3324", "foreign-applicant")}


def transition(client, tokens, who, pk, action, **data):
    return client.post(f"{API}/{pk}/transition/{action}", json=data, headers=tokens[who])


def test_applicant_creates_a_draft_and_the_total_is_computed(app, client, tokens):
    with app.app_context():
        lines = [line(), line("publication", quantity=2)]
    response = client.post(f"{API}/", json={"office": "3324", "purpose": "Tesis", "lines": lines, "total": 5},
                           headers=tokens["applicant1"])
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    result = body["result"]
    assert result["status"] == "draft" and result["channel"] == "online" and body["id"] == result["id"]
    assert result["total"] == sum(item["line_total"] for item in result["lines"]) > 5
    assert len(result["lines"]) == 2 and result["lines"][0]["area"] == "Kabupaten Kendal"
    got = client.get(f"{API}/{body['id']}", headers=tokens["applicant1"]).get_json()
    assert got["result"]["status"] == "draft" and got["result"]["total"] == result["total"]
    assert "expected_of_applicant" in got["result"]


@pytest.mark.parametrize("payload,field", [
    ({"office": "9999", "lines": []}, "office"),
    ({"office": "3324", "lines": [{"product": 999999}]}, "lines.0.product"),
    ({"office": "3324", "lines": [{"product": "P", "quantity": 1}]}, "lines.0.product"),
    ({"office": "3324", "lines": "all of them"}, "lines"),
    ({"office": "3324", "npwp": "01.234", "lines": []}, "npwp"),
])
def test_bad_drafts_answer_422_and_file_nothing(app, client, tokens, payload, field):
    from app.extensions import db
    from app.sales.models import SalesRequest

    with app.app_context():
        before = db.session.scalar(select(func.count(SalesRequest.id)))
    response = client.post(f"{API}/", json=payload, headers=tokens["applicant1"])
    assert response.status_code == 422 and field in response.get_json()["errors"]
    with app.app_context():
        assert db.session.scalar(select(func.count(SalesRequest.id))) == before


def test_bad_line_quantity_names_the_line(app, client, tokens):
    with app.app_context():
        raw = line("publication", quantity=500)
    response = client.post(f"{API}/", json={"office": "3324", "lines": [raw]}, headers=tokens["applicant1"])
    assert response.status_code == 422 and "lines.0.quantity" in response.get_json()["errors"]


def test_officer_files_a_walk_in_for_a_visitor_and_treasurer_may_not_file(app, client, tokens):
    from tests.support.sales import user

    with app.app_context():
        visitor = user("applicant1").id
        raw = line("publication", hardcopy=True)
    response = client.post(f"{API}/", json={"applicant": visitor, "purpose": "x", "lines": [raw]},
                           headers=tokens["officer-3324"])
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["result"]["channel"] == "walk_in"
    assert client.post(f"{API}/", json={"office": "3324", "lines": []},
                       headers=tokens["treasurer-3324"]).status_code == 403
    assert client.post(f"{API}/", data="x", headers=tokens["applicant1"]).status_code == 400


def test_lists_show_only_what_the_caller_may_see(app, client, tokens, app_ctx):
    mine = new_request()
    theirs = new_request(who="applicant2", lines=[line("publication")])
    ids = set(client.get(f"{API}/?q=(page_size:100)", headers=tokens["applicant1"]).get_json()["ids"])
    assert mine.id in ids and theirs.id not in ids
    office_ids = set(client.get(f"{API}/?q=(page_size:100)", headers=tokens["officer-3324"]).get_json()["ids"])
    # Online drafts are the applicants' own until submitted: the office does not see them yet.
    assert not {mine.id, theirs.id} & office_ids
    assert client.get(f"{API}/{mine.id}", headers=tokens["officer-3324"]).status_code == 404
    other_ids = client.get(f"{API}/?q=(page_size:100)", headers=tokens["officer-1904"]).get_json()["ids"]
    assert mine.id not in other_ids


def test_the_whole_online_sale_through_the_api(app, client, tokens, app_ctx):
    from app.extensions import db

    record = new_request()
    pk = record.id
    t = lambda who, action, **data: transition(client, tokens, who, pk, action, **data)  # noqa: E731
    assert t("applicant1", "submit").status_code == 409  # the abstract first
    up = client.post(f"{API}/{pk}/documents", data={"kind": "abstract", "file": (io.BytesIO(PDF), "abs.pdf")},
                     headers=tokens["applicant1"], content_type="multipart/form-data")
    assert up.status_code == 201 and up.get_json()["result"]["kind"] == "abstract"
    assert t("applicant1", "submit").get_json() == {"status": "submitted"}
    names = [a["name"] for a in client.get(f"{API}/{pk}/transitions", headers=tokens["officer-3324"])
             .get_json()["result"]]
    assert {"verify", "return", "reject"} <= set(names)
    assert t("applicant1", "verify").status_code == 403
    assert t("officer-1904", "verify").status_code == 404
    assert t("officer-3324", "verify").get_json() == {"status": "verified"}
    bad = t("officer-3324", "issue_invoice", billing_code="12-34")
    assert bad.status_code == 422 and "billing_code" in bad.get_json()["errors"]
    assert t("officer-3324", "issue_invoice", billing_code=next_billing_code(), valid_days=7).status_code == 200
    docs = client.get(f"{API}/{pk}/documents", headers=tokens["applicant1"]).get_json()["result"]
    kinds = {doc["kind"] for doc in docs}
    assert {"abstract", "invoice", "sppd", "sample"} <= kinds
    invoice = next(doc for doc in docs if doc["kind"] == "invoice")
    download = client.get(invoice["download_url"], headers=tokens["applicant1"])
    assert download.status_code == 200 and download.data.startswith(b"%PDF")
    assert t("applicant1", "dispute_invoice").status_code == 422
    assert t("applicant1", "dispute_invoice", note="Area salah").get_json() == {"status": "invoice_disputed"}
    assert t("officer-3324", "issue_invoice", billing_code=next_billing_code()).get_json() == {"status": "invoiced"}
    signed = client.post(f"{API}/{pk}/documents", data={"kind": "sppd_signed", "file": (io.BytesIO(PDF), "s.pdf")},
                         headers=tokens["applicant1"], content_type="multipart/form-data")
    assert signed.status_code == 201
    assert t("treasurer-3324", "confirm_payment", method="billing", ntpn="0000").status_code == 422
    assert t("treasurer-3324", "confirm_payment", method="billing", ntpn=next_ntpn()).get_json() == \
        {"status": "paid"}
    product_up = client.post(f"{API}/{pk}/documents", data={"kind": "product",
                                                          "file": (io.BytesIO(zip_bytes()), "data.zip")},
                             headers=tokens["officer-3324"], content_type="multipart/form-data")
    assert product_up.status_code == 201
    product_id = product_up.get_json()["result"]["id"]
    assert client.get(f"{API}/{pk}/documents/{product_id}", headers=tokens["applicant1"]).status_code == 404
    assert product_id not in {d["id"] for d in client.get(f"{API}/{pk}/documents",
                                                          headers=tokens["applicant1"]).get_json()["result"]}
    assert t("officer-3324", "deliver").get_json() == {"status": "delivered"}
    assert client.get(f"{API}/{pk}/documents/{product_id}", headers=tokens["applicant1"]).status_code == 200
    assert t("applicant1", "request_correction", note="File rusak").get_json() == {"status": "correction_requested"}
    assert t("officer-3324", "resolve_correction", note="Diunggah ulang").get_json() == {"status": "delivered"}
    assert t("applicant1", "rate", scores=[1, 2, 3, 4, 4, 3, 2, 1, 4]).status_code == 200
    db.session.expire_all()
    final = client.get(f"{API}/{pk}", headers=tokens["applicant1"]).get_json()["result"]
    assert final["status"] == "completed" and final["receipt_number"]
    assert t("applicant1", "rate", scores=[4] * 9).status_code == 409


def test_foreign_transfer_reported_with_its_proof_in_one_call(app, client, tokens, app_ctx):
    record = drive(new_request(who="foreign-applicant", lines=[line("publication")]), "invoiced",
                   applicant="foreign-applicant")
    pk = record.id
    response = client.post(f"{API}/{pk}/transition/report_payment",
                           data={"proof": (io.BytesIO(EXE), "proof.pdf")}, headers=tokens["foreign-applicant"],
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "proof" in response.get_json()["errors"]
    response = client.post(f"{API}/{pk}/transition/report_payment",
                           data={"proof": (io.BytesIO(PDF), "proof.pdf"), "payer": "J. R."},
                           headers=tokens["foreign-applicant"], content_type="multipart/form-data")
    assert response.status_code == 200 and response.get_json() == {"status": "payment_reported"}
    assert transition(client, tokens, "treasurer-3324", pk, "reject_payment_proof").status_code == 422
    assert transition(client, tokens, "treasurer-3324", pk, "confirm_payment",
                      method="transfer").get_json() == {"status": "paid"}


def test_rejected_uploads_answer_422_and_change_nothing(app, client, tokens, app_ctx):
    from app.core.documents.attached import Document
    from app.extensions import db

    record = new_request()
    url = f"{API}/{record.id}/documents"

    def count():
        return db.session.scalar(select(func.count(Document.id)).where(Document.record_id == record.id,
                                                                       Document.procedure == "sales"))

    before = count()
    cases = [
        ({"kind": "abstract", "file": (io.BytesIO(EXE), "abstract.pdf")}, "applicant1", 422),
        ({"kind": "abstract", "file": (io.BytesIO(zip_bytes()), "abstract.zip")}, "applicant1", 422),
        ({"kind": "invoice", "file": (io.BytesIO(PDF), "fake-invoice.pdf")}, "applicant1", 422),
        ({"kind": "abstract"}, "applicant1", 422),
        ({"kind": "product", "file": (io.BytesIO(zip_bytes()), "p.zip")}, "applicant1", 403),
        ({"kind": "payment_proof", "file": (io.BytesIO(PDF), "p.pdf")}, "applicant1", 409),
        ({"kind": "abstract", "file": (io.BytesIO(PDF), "a.pdf")}, "officer-1904", 404),
        ({"kind": "abstract", "file": (io.BytesIO(PDF), "a.pdf")}, "applicant2", 404),
    ]
    for data, who, status in cases:
        response = client.post(url, data=data, headers=tokens[who], content_type="multipart/form-data")
        assert response.status_code == status, (data.get("kind"), who, response.get_json())
    limit = app.config["SATUPINTU_MAX_UPLOAD_BYTES"]
    app.config["SATUPINTU_MAX_UPLOAD_BYTES"] = 2048
    try:
        response = client.post(url, data={"kind": "abstract", "file": (io.BytesIO(PDF + b"x" * 4096), "big.pdf")},
                               headers=tokens["applicant1"], content_type="multipart/form-data")
    finally:
        app.config["SATUPINTU_MAX_UPLOAD_BYTES"] = limit
    assert response.status_code == 422 and "MB" in response.get_json()["errors"]["file"]
    assert count() == before


def test_every_endpoint_hides_another_offices_request(app, client, tokens, app_ctx):
    record = drive(new_request(), "invoiced")
    doc = current(record, "invoice")
    pk = record.id
    for who in ("officer-1904", "applicant2"):
        headers = tokens[who]
        assert client.get(f"{API}/{pk}", headers=headers).status_code == 404
        assert client.get(f"{API}/{pk}/transitions", headers=headers).status_code == 404
        assert client.get(f"{API}/{pk}/documents", headers=headers).status_code == 404
        assert client.get(f"{API}/{pk}/documents/{doc.id}", headers=headers).status_code == 404
        assert client.post(f"{API}/{pk}/transition/dispute_invoice", json={"note": "x"},
                           headers=headers).status_code == 404
        assert client.post(f"{API}/{pk}/documents", data={"kind": "sppd_signed", "file": (io.BytesIO(PDF), "s.pdf")},
                           headers=headers, content_type="multipart/form-data").status_code == 404
    # A document of another request is not reachable through this one either.
    other = drive(new_request(), "invoiced")
    assert client.get(f"{API}/{pk}/documents/{current(other, 'invoice').id}",
                      headers=tokens["applicant1"]).status_code == 404
    assert client.get(f"{API}/{pk}", headers=tokens["head-3324"]).status_code == 200  # reads
    assert client.post(f"{API}/{pk}/transition/dispute_invoice", json={"note": "x"},
                       headers=tokens["head-3324"]).status_code == 403
    assert client.get(f"{API}/{pk}").status_code == 401


def test_opening_a_lapsed_invoice_shows_it_lapsed_and_changes_nothing(app, client, tokens, app_ctx):
    from app.core.calendar.clock import utcnow
    from app.extensions import db

    record = drive(new_request(lines=[line("publication")]), "invoiced")
    record.invoice_expires_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    result = client.get(f"{API}/{record.id}", headers=tokens["applicant1"]).get_json()["result"]
    assert result["status"] == "invoiced" and result["lapsed"] is True  # `flask sales expire` expires it


def test_tariff_and_product_resources_are_read_only(app, client, tokens, app_ctx):
    tariffs = client.get("/api/v1/tariff/?q=(page_size:100)", headers=tokens["applicant1"]).get_json()
    assert any(row["code"] == "PUB-ELEK" and row["base_price"] == 50_000 for row in tariffs["result"])
    assert client.post("/api/v1/tariff/", json={"code": "X"}, headers=tokens["officer-3324"]).status_code == 405
    products = client.get("/api/v1/product/?q=(page_size:100)", headers=tokens["applicant1"]).get_json()
    codes = {row["office"]["code"] for row in products["result"]}
    assert {"3324", "1904"} <= codes  # applicants buy from any office
    assert all(row["price"] is not None for row in products["result"])
    own = client.get("/api/v1/product/?q=(page_size:100)", headers=tokens["officer-3324"]).get_json()
    assert {row["office"]["code"] for row in own["result"]} == {"3324"}
    foreign_product = product("1904", "publication").id
    assert client.get(f"/api/v1/product/{foreign_product}", headers=tokens["officer-3324"]).status_code == 404
    one = client.get(f"/api/v1/product/{foreign_product}", headers=tokens["applicant1"]).get_json()
    assert one["result"]["price"] == 50_000 + 7 * 15_000  # 356 pages
    assert client.delete(f"/api/v1/product/{foreign_product}", headers=tokens["officer-3324"]).status_code == 405


@pytest.mark.parametrize("resource", ["sales_request"])
def test_list_uses_a_constant_number_of_statements(app, client, tokens, resource, monkeypatch):
    from app.core.workflow import sla
    from app.extensions import db

    # The office calendars are cached for a minute: one expiring between the two counts is no N+1.
    monkeypatch.setattr(sla, "CALENDAR_TTL_SECONDS", 3600)

    with app.app_context():
        for _ in range(12):
            new_request(lines=[line("publication"), line()])
        engine = db.engine
    counts = {}
    for size in (2, 12):
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            # The applicant's own drafts (the office sees them only once submitted).
            response = client.get(f"/api/v1/{resource}/?q=(page_size:{size})", headers=tokens["applicant1"])
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        assert response.status_code == 200 and len(response.get_json()["ids"]) == size
        counts[size] = statements
    assert len(counts[2]) == len(counts[12]) <= 6, "\n".join(s[:150] for s in counts[12])


@pytest.mark.parametrize("resource", ["sales_request", "recommendation_request", "complaint"])
def test_a_document_id_no_row_can_have_is_a_404_not_a_500(client, resource):
    # Found by `make fuzz`: a 30-digit id reached the database, which refused it.
    huge = "329876924098517084518670663680"
    admin = {"Authorization": f"Bearer {api_token(client, 'admin')}"}
    response = client.get(f"/api/v1/{resource}/1/documents/{huge}", headers=admin)
    assert response.status_code == 404
