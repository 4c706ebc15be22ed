"""Issued documents say what is true of them: who signed (a person with a NIP, not a role), which
regulation priced them, whether they carry an electronic signature; their links point where the
app is served; the public verification page says what the document is about and who signed it."""
from __future__ import annotations

import re
import subprocess

import pytest
from sqlalchemy import select

from app.core.documents import attached as docs
from app.core.documents import storage
from app.extensions import db
from app.recommendations.models import RecommendationRequest
from app.sales.models import SalesRequest
from config import load_config
from tests.support.sales import act, current, drive, line, new_request, next_billing_code, user, walk_in_request

pytestmark = pytest.mark.usefixtures("app_ctx")


def text_of(doc, layout: bool = False) -> str:
    command = ["pdftotext"] + (["-layout"] if layout else []) + ["-", "-"]
    return subprocess.run(command, input=storage.load(doc.storage_path), capture_output=True,
                          check=True).stdout.decode()


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def pages_of(doc) -> list[str]:
    return text_of(doc, layout=True).split("\f")


def demo_letter_record():
    return db.session.scalars(select(RecommendationRequest).where(
        RecommendationRequest.letter_number.isnot(None), RecommendationRequest.office.has(code="3324"))
        .order_by(RecommendationRequest.id)).first()


def test_a_letter_without_the_offices_certificate_does_not_claim_a_bsre_signature():
    record = demo_letter_record()
    letter = docs.current_document("recommendation", record.id, "letter")
    data = storage.load(letter.storage_path)
    assert b"/ByteRange" not in data  # no PAdES signature in the file (pdfsig would find none)
    text = flat(text_of(letter))
    assert "BSrE" not in text and "elektronik" not in text
    assert "Keaslian surat ini dapat diperiksa dengan memindai kode QR" in text


def test_the_letter_is_signed_by_the_head_by_name_and_nip_with_its_last_paragraph_and_unbroken_title():
    record = demo_letter_record()
    head = user("head-3324")
    letter = docs.current_document("recommendation", record.id, "letter")
    pages = pages_of(letter)
    signed_page = next(page for page in pages if head.display_name in page)
    assert "Demikian rekomendasi ini kami sampaikan" in signed_page  # never a signature alone on a page
    assert f"NIP. {head.nip}" in signed_page
    assert "Kepala" not in head.display_name and "Kabupaten" not in head.display_name
    lines = [row.strip() for row in signed_page.splitlines() if row.strip()]
    assert any(row.endswith("Kabupaten Kendal,") for row in lines)  # the unit's name on one line
    assert not any(row in ("Kendal,", "Kabupaten") for row in lines)


def test_invoice_cites_the_regulation_of_the_tariffs_it_priced_not_the_offices_older_one():
    record = drive(new_request(lines=[line("publication")]), "invoiced")
    assert record.office.tariff_regulation.startswith("PP 7/2015")  # Kendal's standard still cites it
    text = flat(text_of(current(record, "invoice")))
    assert "PP 13/2024" in text and "PP 7/2015" not in text


def test_invoice_receipt_and_agreement_carry_the_people_who_sign_them():
    record = drive(new_request(lines=[line()]), "paid")
    officer, treasurer = user("officer-3324"), user("treasurer-3324")
    invoice = flat(text_of(current(record, "invoice")))
    assert officer.display_name in invoice and f"NIP. {officer.nip}" in invoice
    receipt = flat(text_of(current(record, "receipt")))
    assert treasurer.display_name in receipt and f"NIP. {treasurer.nip}" in receipt
    assert "Bendahara Penerimaan" in receipt and "Penyetor" in receipt  # the payer's column
    assert record.payer_name and receipt.count(record.payer_name) >= 2  # received from … and signed by
    sppd = current(record, "sppd")
    assert re.fullmatch(r"SPPD-\d{3}/3324/[IVX]+/\d{4}", sppd.number)
    agreement = flat(text_of(sppd))
    assert sppd.number in agreement and "METERAI Rp10.000" in agreement
    assert record.applicant_name in agreement
    for role_title in ("Petugas PST Kabupaten", "Bendahara Kabupaten", "Kepala Kabupaten"):
        assert role_title not in invoice + receipt + agreement


def test_a_reissued_invoice_keeps_the_agreements_number():
    record = drive(new_request(lines=[line()]), "invoiced")
    first = current(record, "sppd").number
    act(record, "dispute_invoice", "applicant1", note="Variabel kurang")
    act(record, "issue_invoice", "officer-3324", billing_code=next_billing_code())
    assert current(record, "sppd").number == first


def test_walk_in_cash_receipt_names_the_payer_the_treasurer_recorded():
    record = walk_in_request(lines=[line("publication")])
    act(record, "submit", "officer-3324")
    act(record, "verify", "officer-3324")
    act(record, "issue_invoice", "officer-3324", billing_code=next_billing_code())
    act(record, "confirm_payment", "treasurer-3324", method="cash", payer="Siti Aminah")
    receipt = flat(text_of(current(record, "receipt")))
    assert "Telah diterima dari : Siti Aminah" in receipt and "Penyetor" in receipt


def test_links_follow_the_port_make_run_serves_unless_a_base_url_is_set():
    assert load_config({"PORT": "5123"})["SERVER_BASE_URL"] == "http://127.0.0.1:5123"
    assert load_config({})["SERVER_BASE_URL"] == "http://127.0.0.1:8080"
    assert load_config({"PORT": "5123", "SATUPINTU_BASE_URL": "https://pst.example.go.id"})["SERVER_BASE_URL"] \
        == "https://pst.example.go.id"


def test_the_verification_page_names_the_subject_and_the_signer(client):
    record = demo_letter_record()
    letter = docs.current_document("recommendation", record.id, "letter")
    page = client.get(f"/verify/{letter.token}").get_data(as_text=True)
    assert record.title in page and record.signer_name in page and "Perihal" in page
    assert record.contact_email not in page
    sale = db.session.scalars(select(SalesRequest).where(SalesRequest.receipt_number.isnot(None))).first()
    receipt = docs.current_document("sales", sale.id, "receipt")
    answer = client.get(f"/verify/{receipt.token}", headers={"Accept": "application/json"}).get_json()
    assert sale.label in answer["subject"] and answer["signed_by"] == receipt.actor.display_name
    assert sale.applicant.email not in str(answer)
