"""The sales procedure step by step (SPEC §3.1, seeds 000/001/003), through the engine: each action,
guard and role, named after the step it implements."""
from __future__ import annotations

import io
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.core.calendar.clock import utcnow
from app.core.workflow.engine import TransitionError, available_actions, edit
from app.sales.procedure import SALES
from tests.support.sales import (
    PDF,
    act,
    current,
    drive,
    ensure_user,
    foreign_applicant,
    line,
    new_request,
    next_billing_code,
    next_ntpn,
    product,
    upload,
    user,
    walk_in_request,
    zip_bytes,
)

pytestmark = pytest.mark.usefixtures("app_ctx")


def refused(status, action, record, who, **data):
    with pytest.raises(TransitionError) as err:
        act(record, action, who, **data)
    assert err.value.status == status, err.value.message
    return err.value


def names(record, who):
    from app.sales.procedure import SALES

    return {a.name for a in available_actions(SALES, record, user(who))}


# --- 1. the applicant composes and submits ------------------------------------------------------

def test_draft_total_is_the_sum_of_its_lines_whatever_is_sent():
    record = new_request(lines=[line(), line("publication", quantity=3), line("map")], total=1)
    assert record.status == "draft" and record.channel == "online"
    assert record.total == sum(item.line_total for item in record.lines) > 1
    publication = next(item for item in record.lines if item.product_type == "publication")
    # 412 pages: Rp50.000 for 50 pages + 8 further steps of 50 pages at Rp15.000, per copy.
    assert publication.unit_price == 50_000 + 8 * 15_000 and publication.line_total == 3 * publication.unit_price


def test_line_parameters_are_checked():
    from app.sales.pricing import LineError, build_line

    record = new_request(lines=[])
    cases = [
        ({"product": 999999}, "product"),
        ({"product": product("1904", "publication").id}, "product"),  # another office's catalogue
        (line("publication", quantity=0), "quantity"),
        (line("publication", quantity="x"), "quantity"),
        (line("publication", hardcopy="yes"), "hardcopy"),  # online: no printed copies
        (line("microdata", area=""), "area"),
        (line("map", area_level="planet"), "area_level"),
    ]
    for raw, field in cases:
        with pytest.raises(LineError) as err:
            build_line(record, raw)
        assert err.value.field == field, raw


def test_applicant_submits_after_uploading_the_abstract():
    record = new_request()
    assert "submit" not in names(record, "applicant1")  # the guard hides it until the abstract is there
    error = refused(409, "submit", record, "applicant1")
    assert "abstraksi penggunaan data" in error.message  # Indonesian by default
    upload(record, "abstract", "applicant1")
    assert act(record, "submit", "applicant1").status == "submitted"


def test_submit_needs_products_and_a_purpose():
    record = new_request(lines=[], purpose="")
    assert "produk" in refused(409, "submit", record, "applicant1").message.lower()


def test_private_segment_uploads_the_npwp_and_rp0_request_needs_its_letter():
    record = new_request(who="applicant2", lines=[line("publication")], zero_tariff="yes",
                         zero_tariff_reason="Penelitian")
    assert "NPWP" in refused(409, "submit", record, "applicant2").message
    upload(record, "npwp", "applicant2")
    refused(409, "submit", record, "applicant2")  # the Rp0 letter is still missing
    upload(record, "zero_tariff_letter", "applicant2")
    assert act(record, "submit", "applicant2").status == "submitted"


def test_bad_npwp_in_a_draft_is_refused_and_nothing_is_filed():
    from app.extensions import db
    from app.sales.models import SalesRequest

    before = db.session.scalar(select(func.count(SalesRequest.id)))
    with pytest.raises(TransitionError) as err:
        new_request(who="applicant2", npwp="12.34")
    assert err.value.status == 422 and "npwp" in err.value.fields
    assert db.session.scalar(select(func.count(SalesRequest.id))) == before


def test_an_officer_may_not_submit_an_online_applicants_draft():
    record = new_request()
    upload(record, "abstract", "applicant1")
    # The office does not even see an applicant's online draft until it is submitted.
    refused(404, "submit", record, "officer-3324")


# --- 2. the officer checks: verify, return, reject ----------------------------------------------

def test_officer_returns_incomplete_documents_and_the_applicant_resubmits():
    record = drive(new_request(), "submitted")
    refused(422, "return", record, "officer-3324", note="  ")
    assert act(record, "return", "officer-3324", note="Abstraksi tidak sesuai").status == "returned"
    assert act(record, "submit", "applicant1").status == "submitted"
    assert act(record, "verify", "officer-3324").status == "verified"
    assert record.sla_state == "running" and record.sla_due_date is not None


def test_officer_rejects_with_a_reason():
    record = drive(new_request(), "submitted")
    refused(422, "reject", record, "officer-3324")
    assert act(record, "reject", "officer-3324", note="Abstraksi tidak sesuai permintaan").status == "rejected"
    refused(409, "submit", record, "applicant1")


def test_roles_and_scope_of_the_officers_steps():
    record = drive(new_request(), "submitted")
    refused(403, "verify", record, "applicant1")
    refused(403, "verify", record, "treasurer-3324")
    refused(404, "verify", record, "officer-1904")
    refused(404, "submit", record, "applicant2")  # another applicant's request does not exist for them
    refused(409, "issue_invoice", record, "officer-3324", billing_code=next_billing_code())


def test_applicant_cancels_before_payment_but_not_after():
    record = drive(new_request(), "invoiced")
    assert act(record, "cancel", "applicant1").status == "cancelled"
    paid = drive(new_request(), "paid")
    refused(409, "cancel", paid, "applicant1")


# --- Rp0 tariff (PP 13/2024 art. 4) ------------------------------------------------------------

def test_officer_approves_a_zero_tariff_and_the_invoice_skips_payment():
    record = new_request(lines=[line("publication")], zero_tariff="yes", zero_tariff_reason="Mahasiswa")
    upload(record, "zero_tariff_letter", "applicant1")
    act(record, "submit", "applicant1")
    act(record, "verify", "officer-3324")
    refused(409, "issue_invoice", record, "officer-3324")  # decide first
    refused(422, "approve_zero_tariff", record, "officer-3324")  # with a reason
    act(record, "approve_zero_tariff", "officer-3324", note="Surat dari kampus lengkap")
    assert record.total == 0 and all(item.unit_price == 0 and item.list_price > 0 for item in record.lines)
    assert act(record, "issue_invoice", "officer-3324").status == "paid"  # no billing code needed
    assert record.payment_method == "none" and record.paid_amount == 0 and record.billing_code is None
    assert current(record, "invoice") is not None and current(record, "receipt") is None


def test_officer_refuses_a_zero_tariff_and_the_prices_stand():
    record = new_request(lines=[line("publication")], zero_tariff="yes", zero_tariff_reason="Mahasiswa")
    upload(record, "zero_tariff_letter", "applicant1")
    act(record, "submit", "applicant1")
    act(record, "verify", "officer-3324")
    act(record, "refuse_zero_tariff", "officer-3324", note="Bukan penelitian")
    assert record.zero_tariff_decision == "refused" and record.total > 0
    refused(409, "approve_zero_tariff", record, "officer-3324", note="changed my mind")


# --- 3. invoice, sample data, SPPD; disputes ----------------------------------------------------

def test_officer_issues_the_invoice_with_sample_and_sppd_for_microdata():
    record = drive(new_request(lines=[line(), line("publication")]), "verified")
    refused(422, "issue_invoice", record, "officer-3324", billing_code="12345")
    refused(422, "issue_invoice", record, "officer-3324", billing_code="1234567890123456")
    refused(422, "issue_invoice", record, "officer-3324", billing_code="12345678901234x")
    refused(422, "issue_invoice", record, "officer-3324", billing_code=next_billing_code(), valid_days="0")
    refused(422, "issue_invoice", record, "officer-3324")  # no code and no provider
    assert record.status == "verified" and current(record, "invoice") is None
    act(record, "issue_invoice", "officer-3324", billing_code="8 2026 0000 9999 01", valid_days="3")
    assert record.status == "invoiced" and record.billing_code == "820260000999901"
    assert timedelta(days=2, hours=23) < record.invoice_expires_at - record.invoice_issued_at <= timedelta(days=3)
    assert {current(record, k).number is not None for k in ("invoice", "sppd", "sample")} == {True}
    assert record.sla_state == "paused"  # waiting on the applicant to pay and sign


def test_demo_billing_provider_supplies_well_formed_codes(app):
    record = drive(new_request(), "verified")
    app.config["SATUPINTU_BILLING_PROVIDER"] = "demo"
    try:
        act(record, "issue_invoice", "officer-3324")
    finally:
        app.config.pop("SATUPINTU_BILLING_PROVIDER")
    assert record.billing_code.isdigit() and len(record.billing_code) == 15


def test_applicant_disputes_and_the_corrected_invoice_is_version_two():
    record = drive(new_request(lines=[line(), line("publication")]), "invoiced")
    first = current(record, "invoice")
    refused(422, "dispute_invoice", record, "applicant1")
    act(record, "dispute_invoice", "applicant1", note="Variabel salah, publikasi tidak jadi")
    assert record.sla_state == "running"
    officer = user("officer-3324")
    edit(SALES, record.id, "remove_line", officer,
         {"line": next(i.id for i in record.lines if i.product_type == "publication")})
    edit(SALES, record.id, "add_line", officer, line("map"))
    act(record, "issue_invoice", "officer-3324", billing_code=next_billing_code())
    second = current(record, "invoice")
    assert second.id != first.id and first.status == "superseded"
    assert second.number == f"{record.invoice_number} v2" and record.invoice_version == 2
    assert record.total == sum(item.line_total for item in record.lines)


def test_the_applicant_cannot_change_lines_after_submitting():
    record = drive(new_request(), "submitted")
    with pytest.raises(TransitionError) as err:
        edit(SALES, record.id, "add_line", user("applicant1"), line("publication"))
    assert err.value.status == 409


# --- 4 and 6. payment and receipt ---------------------------------------------------------------

def test_treasurer_confirms_ntpn_and_issues_the_receipt():
    record = drive(new_request(lines=[line("publication")]), "invoiced")
    refused(403, "confirm_payment", record, "officer-3324", method="billing", ntpn=next_ntpn())
    refused(422, "confirm_payment", record, "treasurer-3324", method="billing")  # NTPN missing
    refused(422, "confirm_payment", record, "treasurer-3324", method="billing", ntpn="SHORT")
    refused(422, "confirm_payment", record, "treasurer-3324", method="billing", ntpn="ABCDEF12345678!@")
    refused(422, "confirm_payment", record, "treasurer-3324", method="cheque", ntpn=next_ntpn())
    refused(422, "confirm_payment", record, "treasurer-3324", method="cash")  # online: no cash
    assert record.status == "invoiced" and current(record, "receipt") is None
    ntpn = next_ntpn().lower()
    act(record, "confirm_payment", "treasurer-3324", method="billing", ntpn=ntpn)
    assert record.status == "paid" and record.ntpn == ntpn.upper() and record.paid_amount == record.total
    assert current(record, "receipt").number == record.receipt_number
    other = drive(new_request(lines=[line("publication")]), "invoiced")
    error = refused(422, "confirm_payment", other, "treasurer-3324", method="billing", ntpn=ntpn)
    assert "ntpn" in error.fields


def test_receipt_numbers_have_no_gaps_even_after_refusals(monkeypatch):
    from app.sales import procedure

    def broken_issue(*args, **kwargs):
        raise RuntimeError("disk full")

    numbers = []
    for _ in range(3):
        record = drive(new_request(lines=[line("publication")]), "invoiced")
        refused(422, "confirm_payment", record, "treasurer-3324", method="billing", ntpn="bad")
        with monkeypatch.context() as patch:  # fails after the number was drawn: it is rolled back
            patch.setattr(procedure.docs, "issue", broken_issue)
            with pytest.raises(RuntimeError):
                act(record, "confirm_payment", "treasurer-3324", method="billing", ntpn=next_ntpn())
        assert record.status == "invoiced" and record.receipt_number is None
        act(record, "confirm_payment", "treasurer-3324", method="billing", ntpn=next_ntpn())
        numbers.append(record.receipt_number)
    seqs = [int(number.rsplit("/", 1)[1]) for number in numbers]
    assert seqs == list(range(seqs[0], seqs[0] + 3))
    assert all(number.startswith("KW/3324/") for number in numbers)


def test_treasurer_cannot_confirm_an_invoice_they_issued():
    both = ensure_user("officer-treasurer-3324", ["Officer", "Treasurer"])
    record = drive(new_request(lines=[line("publication")]), "verified")
    act(record, "issue_invoice", both.username, billing_code=next_billing_code())
    assert "confirm_payment" not in names(record, both.username)
    error = refused(409, "confirm_payment", record, both.username, method="billing", ntpn=next_ntpn())
    assert "Pemisahan tugas" in error.message
    act(record, "confirm_payment", "treasurer-3324", method="billing", ntpn=next_ntpn())


def test_foreign_applicant_reports_a_transfer_and_the_treasurer_verifies_it():
    foreign = foreign_applicant()
    record = drive(new_request(who=foreign.username, lines=[line("publication")]), "invoiced",
                   applicant=foreign.username)
    refused(404, "report_payment", record, "applicant1")  # not their request
    error = refused(422, "report_payment", record, foreign.username)  # the proof is missing
    assert "proof" in error.fields
    upload(record, "payment_proof", foreign.username)
    act(record, "report_payment", foreign.username, payer="J. Researcher")
    assert record.status == "payment_reported" and record.sla_state == "running"
    refused(422, "reject_payment_proof", record, "treasurer-3324")
    act(record, "reject_payment_proof", "treasurer-3324", note="Bukti tidak terbaca")
    assert record.status == "invoiced" and current(record, "payment_proof") is None
    upload(record, "payment_proof", foreign.username)
    act(record, "report_payment", foreign.username)
    act(record, "confirm_payment", "treasurer-3324", method="transfer")
    assert record.status == "paid" and record.payer_name == "J. Researcher"


def test_a_domestic_applicant_who_paid_reports_the_ntpn_and_the_treasurer_confirms_it():
    record = drive(new_request(lines=[line("publication")]), "invoiced")
    assert "report_payment" in names(record, "applicant1")
    error = refused(422, "report_payment", record, "applicant1")  # neither proof nor NTPN
    assert "proof" in error.fields
    ntpn = next_ntpn()
    act(record, "report_payment", "applicant1", ntpn=ntpn)
    assert record.status == "payment_reported" and record.ntpn == ntpn
    act(record, "reject_payment_proof", "treasurer-3324", note="NTPN tidak ditemukan di SIMPONI")
    assert record.status == "invoiced" and record.ntpn is None
    act(record, "report_payment", "applicant1", ntpn=ntpn, proof=io.BytesIO(PDF))
    assert current(record, "payment_proof") is not None
    act(record, "confirm_payment", "treasurer-3324", method="billing")  # the reported NTPN
    assert record.status == "paid" and record.ntpn == ntpn and record.receipt_number


# --- 5 and 7. signed SPPD, delivery ------------------------------------------------------------

def test_delivery_waits_for_the_signed_sppd_and_the_product():
    record = drive(new_request(), "invoiced")
    act(record, "confirm_payment", "treasurer-3324", method="billing", ntpn=next_ntpn())
    assert record.status == "paid"
    upload(record, "product", "officer-3324", zip_bytes(), "susenas.zip")
    assert "SPPD" in refused(409, "deliver", record, "officer-3324").message
    act(record, "record_sppd_originals", "officer-3324", received_on=str(utcnow().date()))
    assert record.status == "paid" and record.sppd_originals_received
    refused(409, "record_sppd_originals", record, "officer-3324")  # already recorded
    assert act(record, "deliver", "officer-3324").status == "delivered"
    assert record.sla_state == "stopped"


def test_deliver_needs_a_product_file():
    record = drive(new_request(lines=[line("publication")]), "paid")
    assert "berkas produk" in refused(409, "deliver", record, "officer-3324").message.lower()
    refused(403, "deliver", record, "treasurer-3324")


def test_sppd_originals_date_is_checked():
    record = drive(new_request(), "invoiced")
    refused(422, "record_sppd_originals", record, "officer-3324", received_on="kemarin")
    refused(422, "record_sppd_originals", record, "officer-3324", received_on="2999-01-01")


# --- 8 and 9. corrections, rating --------------------------------------------------------------

def test_applicant_asks_for_a_correction_and_the_officer_redelivers():
    record = drive(new_request(lines=[line("publication")]), "delivered")
    refused(422, "request_correction", record, "applicant1")
    act(record, "request_correction", "applicant1", note="Nama pada kuitansi salah")
    refused(409, "rate", record, "applicant1")
    old_receipt = current(record, "receipt")
    act(record, "resolve_correction", "officer-3324", note="Kuitansi diperbaiki", reissue_receipt="yes",
        payer="Ayu Lestari, S.Si.")
    new_receipt = current(record, "receipt")
    assert record.status == "delivered" and new_receipt.id != old_receipt.id
    assert new_receipt.number == old_receipt.number  # the same payment keeps its number
    assert old_receipt.status == "superseded"


def test_applicant_rates_on_the_nine_elements_to_complete():
    from app.core.satisfaction.models import Rating
    from app.extensions import db

    record = drive(new_request(lines=[line("publication")]), "delivered")
    refused(422, "rate", record, "applicant1", scores=[4] * 8)
    refused(422, "rate", record, "applicant1", scores=[5] * 9)
    refused(403, "rate", record, "officer-3324", scores=[4] * 9)
    act(record, "rate", "applicant1", scores=[4, 4, 3, 3, 4, 4, 4, 3, 4], comment="Baik")
    assert record.status == "completed"
    rating = db.session.scalars(select(Rating).where(Rating.procedure == "sales",
                                                     Rating.record_id == record.id)).one()
    assert rating.service == "sales" and rating.score_time == 3


# --- automatic steps --------------------------------------------------------------------------

def test_unpaid_invoice_expires_only_by_the_system_after_its_validity():
    from app.extensions import db

    record = drive(new_request(lines=[line("publication")]), "invoiced")
    refused(409, "expire", record, None)  # still valid
    refused(403, "expire", record, "officer-3324")
    record.invoice_expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert act(record, "expire", None).status == "expired"


def test_delivered_request_completes_by_itself_after_the_working_days():
    from app.extensions import db

    record = drive(new_request(lines=[line("publication")]), "delivered")
    refused(409, "auto_complete", record, None)
    record.delivered_at = utcnow() - timedelta(days=10)
    db.session.commit()
    assert act(record, "auto_complete", None).status == "completed"


# --- walk-in ---------------------------------------------------------------------------------

def test_walk_in_hardcopy_paid_in_cash():
    record = walk_in_request(lines=[line("publication", hardcopy="yes")])
    assert record.channel == "walk_in" and record.lines[0].hardcopy
    act(record, "submit", "officer-3324")
    act(record, "verify", "officer-3324")
    act(record, "issue_invoice", "officer-3324", billing_code=next_billing_code())
    act(record, "confirm_payment", "treasurer-3324", method="cash", payer="Ayu")
    assert record.status == "paid" and record.payment_method == "cash" and record.ntpn is None
    assert "salinan cetak" in refused(409, "deliver", record, "officer-3324").message.lower()
    act(record, "deliver", "officer-3324", hardcopy="yes")
    assert record.status == "delivered" and record.hardcopy_handed_over


def test_downloads_of_the_product_wait_for_delivery():
    from app.sales.procedure import SALES

    record = drive(new_request(lines=[line("publication")]), "paid")
    product_doc = upload(record, "product", "officer-3324", zip_bytes(), "p.zip")
    assert not SALES.downloadable(record, product_doc, {"Applicant"})
    assert SALES.downloadable(record, product_doc, {"Officer"})
    act(record, "deliver", "officer-3324")
    assert SALES.downloadable(record, product_doc, {"Applicant"})


def test_notifications_go_to_the_applicant_and_the_next_actor():
    from app.core.mail.outbox import OutboxMessage
    from app.extensions import db

    before = db.session.scalar(select(func.max(OutboxMessage.id))) or 0
    record = drive(new_request(lines=[line("publication")]), "invoiced")
    mails = db.session.scalars(select(OutboxMessage).where(OutboxMessage.id > before)).all()
    recipients = {(m.recipient, m.event) for m in mails}
    assert ("applicant1@example.org", "sales.submit") in recipients
    assert ("officer-3324@satupintu.local", "sales.submit") in recipients
    assert ("applicant1@example.org", "sales.verify") in recipients
    assert ("treasurer-3324@satupintu.local", "sales.issue_invoice") in recipients
    assert not any(r.endswith("1904@satupintu.local") for r, _ in recipients)
    assert record.label in mails[-1].subject
