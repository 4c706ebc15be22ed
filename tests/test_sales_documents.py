"""The PDFs of a sale open, carry their number and what the seeds ask of them, and verify on /verify."""
from __future__ import annotations

import re

import pytest

from app.core.values.formatting import rupiah, terbilang
from tests.support.sales import (
    act,
    current,
    drive,
    foreign_applicant,
    line,
    new_request,
    next_billing_code,
    pdf_text,
    user,
)

pytestmark = pytest.mark.usefixtures("app_ctx")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_invoice_shows_number_lines_total_in_words_code_expiry_and_how_to_pay():
    record = drive(new_request(lines=[line(), line("publication", quantity=2)]), "invoiced")
    doc = current(record, "invoice")
    text = flat(pdf_text(doc))
    assert doc.number == record.invoice_number and re.fullmatch(r"INV/3324/\d{4}/\d{5}", doc.number)
    assert doc.number in text and record.billing_code in text
    assert rupiah(record.total) in text and flat(terbilang(record.total)) in text
    for item in record.lines:
        assert item.description[:30] in text and rupiah(item.line_total) in text
    assert "BADAN PUSAT STATISTIK" in text and "KABUPATEN KENDAL" in text
    office = record.office
    assert office.treasurer_bank_account in text  # instructions for payers abroad
    assert "/verify/" in text  # the footer link the QR code encodes
    assert record.total == sum(item.line_total for item in record.lines)


def test_corrected_invoice_is_a_new_version_and_the_old_one_is_superseded_on_verify(client):
    from app.core.workflow.engine import edit
    from app.sales.procedure import SALES

    record = drive(new_request(lines=[line("publication")]), "invoiced")
    first = current(record, "invoice")
    act(record, "dispute_invoice", "applicant1", note="Tambah peta")
    edit(SALES, record.id, "add_line", user("officer-3324"), line("map"))
    act(record, "issue_invoice", "officer-3324", billing_code=next_billing_code())
    second = current(record, "invoice")
    text = flat(pdf_text(second))
    assert second.number in text and rupiah(record.total) in text
    assert record.total == sum(item.line_total for item in record.lines)
    assert "superseded" in client.get(f"/verify/{first.token}", headers={"Accept": "application/json"}) \
        .get_json()["status"]
    assert client.get(f"/verify/{second.token}", headers={"Accept": "application/json"}).get_json()["status"] \
        == "valid"


def test_receipt_has_number_amount_in_words_payer_items_and_treasurer():
    record = drive(new_request(lines=[line("publication")]), "paid")
    doc = current(record, "receipt")
    text = flat(pdf_text(doc))
    treasurer = user("treasurer-3324")
    assert doc.number == record.receipt_number and record.receipt_number in text
    assert rupiah(record.paid_amount) in text and flat(terbilang(record.paid_amount)) in text
    assert record.payer_name in text and record.lines[0].description[:30] in text
    assert treasurer.display_name in text and treasurer.nip in text
    assert record.ntpn in text


def test_sppd_and_sample_for_microdata():
    record = drive(new_request(lines=[line(variables="R101, R102, B5R1")]), "invoiced")
    sppd = flat(pdf_text(current(record, "sppd")))
    assert "Ayu Lestari" in sppd and "Susenas" in sppd and "Patebon" in sppd  # where to mail the originals
    sample = flat(pdf_text(current(record, "sample")))
    assert "B5R1" in sample and "R101" in sample


def test_foreign_payer_reads_the_transfer_instructions():
    foreign = foreign_applicant()
    record = drive(new_request(who=foreign.username, lines=[line("publication")]), "invoiced",
                   applicant=foreign.username)
    text = flat(pdf_text(current(record, "invoice")))
    assert record.office.treasurer_bank_account in text and record.office.treasurer_bank_holder in text
