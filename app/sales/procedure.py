"""The sales procedure (SPEC §3.1; seeds 000, 001, 003), read top to bottom.

    draft ─submit→ submitted ─verify→ verified ─issue_invoice→ invoiced ─confirm_payment→ paid
      ─deliver→ delivered ─rate→ completed
    submitted ─return→ returned ─submit→ submitted          (documents incomplete, clock paused)
    verified ─approve_zero_tariff / refuse_zero_tariff→ verified          (Rp0 request decided)
    invoiced ─dispute_invoice→ invoice_disputed ─issue_invoice→ invoiced   (invoice version 2 …)
    invoiced ─report_payment→ payment_reported ─confirm_payment→ paid     (foreign transfer proof)
                               payment_reported ─reject_payment_proof→ invoiced
    delivered ─request_correction→ correction_requested ─resolve_correction→ delivered
    before payment ─cancel→ cancelled · ─reject→ rejected · invoiced ─expire→ expired (system)
    delivered ─auto_complete→ completed (system, after N working days without a correction)

The SLA clock (online: 10 working days) starts when the request is verified, pauses while the
office waits on the applicant (to pay and sign) and stops at delivery.
"""
from __future__ import annotations

from datetime import timedelta

from flask import current_app, g, has_request_context
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app.core.access import roles as r
from app.core.access.people import AppUser
from app.core.calendar.clock import to_jakarta, utcnow
from app.core.calendar.workdays import jakarta_today, to_jakarta_date
from app.core.documents import attached as docs
from app.core.documents.numbering import next_number
from app.core.documents.storage import DOCUMENT_TYPES, PRODUCT_TYPES
from app.core.satisfaction.index import comment_field, record_rating, scores_field
from app.core.values.validation import InvalidValue, normalise_npwp
from app.core.workflow.engine import TransitionError
from app.core.workflow.procedure import (
    APPLICANT,
    SLA_PAUSE,
    SLA_RESUME,
    SLA_START,
    SLA_STOP,
    SYSTEM,
    Action,
    Edit,
    Field,
    Guard,
    Procedure,
    Upload,
    register,
)
from app.core.workflow.records import CHANNEL_ONLINE, CHANNEL_WALK_IN, number_finder
from app.extensions import db
from app.sales import documents as pdfs
from app.sales.billing import (
    DEFAULT_VALID_DAYS,
    billing_provider,
    clean_billing_code,
    clean_date,
    clean_ntpn,
    clean_valid_days,
)
from app.sales.models import SalesRequest
from app.sales.pricing import LineError, apply_zero_tariff, build_line

NAME = "sales"
AUTOCOMPLETE_DAYS = 5

STATES = {
    "draft": _l("Draft"),
    "submitted": _l("Submitted"),
    "returned": _l("Returned to the applicant"),
    "verified": _l("Verified"),
    "invoiced": _l("Invoiced"),
    "invoice_disputed": _l("Invoice disputed"),
    "payment_reported": _l("Payment reported"),
    "paid": _l("Paid"),
    "delivered": _l("Delivered"),
    "correction_requested": _l("Correction requested"),
    "completed": _l("Completed"),
    "cancelled": _l("Cancelled"),
    "rejected": _l("Rejected"),
    "expired": _l("Expired"),
}
OPEN_STATES = ("draft", "submitted", "returned", "verified", "invoiced", "invoice_disputed", "payment_reported",
               "paid", "delivered", "correction_requested")
BEFORE_PAYMENT = ("draft", "submitted", "returned", "verified", "invoiced", "invoice_disputed")
PAID_STATES = ("paid", "delivered", "correction_requested", "completed")
DELIVERED_STATES = ("delivered", "correction_requested", "completed")

DOCUMENT_KINDS = {
    "abstract": _l("Data-use abstract"),
    "npwp": _l("NPWP (tax id)"),
    "zero_tariff_letter": _l("Rp0 request letter"),
    "sppd": _l("SPPD to sign"),
    "sppd_signed": _l("Signed SPPD"),
    "payment_proof": _l("Transfer proof"),
    "sample": _l("Data sample"),
    "product": _l("Product file"),
    "invoice": _l("Invoice"),
    "receipt": _l("Receipt (kuitansi)"),
}


# --- facts about a request the guards ask -----------------------------------------------------

def has_document(record, kind: str) -> bool:
    return docs.current_document(NAME, record.id, kind) is not None


def applicant_profile(record):
    return record.applicant.applicant_profile if record.applicant else None


def is_private(record) -> bool:
    profile = applicant_profile(record)
    return bool(profile and profile.segment == "private")


def is_foreign(record) -> bool:
    profile = applicant_profile(record)
    return bool(profile and profile.domicile == "foreign")


def sppd_settled(record) -> bool:
    return not record.needs_sppd or record.sppd_originals_received or has_document(record, "sppd_signed")


def invoice_overdue(record) -> bool:
    return record.invoice_expires_at is not None and utcnow() > record.invoice_expires_at


def invoice_lapsed(record) -> bool:
    """An unpaid invoice past its validity: shown as lapsed until `flask sales expire` expires it
    (opening the record never writes)."""
    return record.status == "invoiced" and invoice_overdue(record)


def autocomplete_days() -> int:
    try:
        return max(int(current_app.config.get("SATUPINTU_SALES_AUTOCOMPLETE_DAYS", AUTOCOMPLETE_DAYS)), 0)
    except (TypeError, ValueError):
        return AUTOCOMPLETE_DAYS


def autocomplete_due(record):
    """The Jakarta date from which a delivered request completes by itself."""
    from app.core.workflow.sla import calendar_for

    if record.delivered_at is None:
        return None
    return calendar_for(record.office_id).add_working_days(to_jakarta_date(record.delivered_at),
                                                           autocomplete_days())


def autocomplete_reached(record) -> bool:
    due = autocomplete_due(record)
    return due is not None and jakarta_today() >= due


def online_or_officer(record, role) -> bool:
    """Applicant steps: the applicant takes them; on a walk-in request the officer does, for the visitor."""
    return role != r.OFFICER or record.channel == CHANNEL_WALK_IN


ON_BEHALF = Guard(online_or_officer, _l("On an online request the applicant takes this step in the portal."),
                  uses_role=True)
HAS_LINES = Guard(lambda rec: bool(rec.lines), _l("Add at least one product."))
HAS_PURPOSE = Guard(lambda rec: bool((rec.purpose or "").strip()), _l("Say what the data will be used for."))
ABSTRACT = Guard(lambda rec: not rec.needs_sppd or has_document(rec, "abstract"),
                 _l("Microdata and maps need the data-use abstract: upload it first."))
NPWP = Guard(lambda rec: not is_private(rec) or has_document(rec, "npwp"),
             _l("Applicants of the private segment upload their NPWP first."))
ZERO_LETTER = Guard(lambda rec: not rec.zero_tariff_requested or has_document(rec, "zero_tariff_letter"),
                    _l("A Rp0 request needs the request letter: upload it first."))
ZERO_PENDING = Guard(lambda rec: rec.zero_tariff_pending, _l("No Rp0 request is waiting for a decision."))
ZERO_DECIDED = Guard(lambda rec: not rec.zero_tariff_pending,
                     _l("Decide on the Rp0 request before issuing the invoice."))
PAID = Guard(lambda rec: rec.paid_at is not None, _l("The payment is not confirmed yet."))
SPPD_SIGNED = Guard(sppd_settled, _l("Microdata and maps are delivered only once the signed SPPD is uploaded "
                                     "or its originals have arrived."))
SPPD_OPEN = Guard(lambda rec: rec.needs_sppd and not rec.sppd_originals_received,
                  _l("No SPPD originals are expected for this request."))
INVOICE_EXPIRED = Guard(invoice_overdue, _l("The invoice is still valid."))
AUTOCOMPLETE = Guard(autocomplete_reached, _l("The applicant still has time to ask for a correction."))


# --- effects: what an action does besides changing the state ----------------------------------

def _field_error(field: str, message: str) -> InvalidValue:
    """A refusal inside an effect, answered 422 on `field` (the transaction rolls back)."""
    error = InvalidValue(message)
    error.field = field
    return error


def _year(when=None) -> int:
    return to_jakarta(when or utcnow()).year


def _doc_number(prefix: str, record, seq: int, when=None) -> str:
    return f"{prefix}/{record.office.code}/{_year(when)}/{seq:05d}"


_ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _sppd_number(record) -> str:
    """The agreement keeps its number when the invoice is re-issued; a new one runs per office and year,
    BPS style: `SPPD-007/3324/XI/2026`."""
    current = docs.current_document(NAME, record.id, "sppd")
    if current is not None and current.number:
        return current.number
    today = to_jakarta(utcnow())
    seq = next_number(record.office_id, today.year, "sppd")
    return f"SPPD-{seq:03d}/{record.office.code}/{_ROMAN_MONTHS[today.month - 1]}/{today.year}"


def _request_sppd_and_sample(record, ctx) -> None:
    if record.needs_sppd:
        number = _sppd_number(record)
        docs.issue(NAME, record, "sppd", pdfs.render_sppd(record, number),
                   f"sppd-{record.label}.pdf", ctx.user, ctx.role, number=number)
    if any(line.product_type == "microdata" for line in record.lines):
        sample = docs.current_document(NAME, record.id, "sample")
        if sample is None or sample.origin == docs.ISSUED:  # an officer's own sample file wins
            docs.issue(NAME, record, "sample", pdfs.render_sample(record, f"SAMPLE/{record.label}"),
                       f"sample-{record.label}.pdf", ctx.user, ctx.role, number=f"SAMPLE/{record.label}")


def issue_invoice(record, ctx) -> None:
    total = record.recompute_total()
    code = ctx.values.get("billing_code")
    if total > 0 and not code:
        provider = billing_provider()
        if provider is None:
            raise _field_error("billing_code", _("Enter the billing code created in SIMPONI."))
        code = clean_billing_code(provider.billing_code(record))
    now = utcnow()
    record.billing_code = code if total > 0 else None
    record.invoice_issued_at = now
    days = ctx.values.get("valid_days") or DEFAULT_VALID_DAYS
    record.invoice_expires_at = now + timedelta(days=days) if total > 0 else None
    record.invoice_version = (record.invoice_version or 0) + 1
    if not record.invoice_number:
        record.invoice_number = _doc_number("INV", record, next_number(record.office_id, _year(now), "invoice"), now)
    number = record.invoice_number if record.invoice_version == 1 else \
        f"{record.invoice_number} v{record.invoice_version}"
    db.session.flush()
    docs.issue(NAME, record, "invoice", pdfs.render_invoice(record, number, record.invoice_version, ctx.user),
               f"invoice-{record.label}-v{record.invoice_version}.pdf", ctx.user, ctx.role, number=number)
    _request_sppd_and_sample(record, ctx)
    if total == 0:  # a zero total skips payment
        record.payment_method, record.paid_amount, record.paid_at = "none", 0, now
    ctx.extra_audit.update({"invoice": number, "total": total, "billing_code": record.billing_code,
                            "expires_at": record.invoice_expires_at})


def invoice_target(record, values) -> str:
    """A zero total skips payment: the invoice (Rp0) is issued and the request is paid."""
    return "paid" if sum(line.line_total for line in record.lines) == 0 else "invoiced"


def invoice_sla(event) -> str | None:
    return SLA_PAUSE if event.to_state == "invoiced" else None


def decide_zero_tariff(approved: bool):
    def effect(record, ctx) -> None:
        record.zero_tariff_decision = "approved" if approved else "refused"
        apply_zero_tariff(record, approved)
        ctx.extra_audit["total"] = record.total

    return effect


def note_dispute(record, ctx) -> None:
    record.dispute_note = ctx.note or ctx.values.get("note")


def _ntpn_used_elsewhere(record, ntpn: str) -> bool:
    return bool(db.session.scalar(select(SalesRequest.id).where(SalesRequest.ntpn == ntpn,
                                                               SalesRequest.id != record.id)))


def report_payment(record, ctx) -> None:
    """Any payer tells the office they paid: the proof (receipt or transfer slip) and/or the NTPN of a
    billing-code payment; the treasurer checks it against the state's records and confirms."""
    proof, ntpn = ctx.values.get("proof"), ctx.values.get("ntpn")
    if proof is not None:
        try:
            docs.attach_upload(NAME, record, "payment_proof", proof.read(), getattr(proof, "filename", "") or "",
                               ctx.user, ctx.role, DOCUMENT_TYPES)
        except InvalidValue as exc:
            raise _field_error("proof", str(exc))
        db.session.flush()
    if ntpn:
        if _ntpn_used_elsewhere(record, ntpn):
            raise _field_error("ntpn", _("This NTPN was already used for another payment."))
        record.ntpn = ntpn
    if not ntpn and not has_document(record, "payment_proof"):
        raise _field_error("proof", _("Attach the payment proof or enter the NTPN printed on the bank's receipt."))
    if ctx.values.get("payer"):
        record.payer_name = ctx.values["payer"][:150]


def reject_payment_proof(record, ctx) -> None:
    proof = docs.current_document(NAME, record.id, "payment_proof")
    if proof is not None:
        proof.status = docs.REVOKED
    record.ntpn = None  # a reported NTPN the state's records do not show
    # The applicant gets a fair chance to send a readable proof before the invoice lapses.
    floor = utcnow() + timedelta(days=DEFAULT_VALID_DAYS)
    if record.invoice_expires_at is None or record.invoice_expires_at < floor:
        record.invoice_expires_at = floor


def confirm_payment(record, ctx) -> None:
    method = ctx.values["method"]
    # The NTPN the applicant reported, unless the treasurer enters the one the state's records show.
    ntpn = ctx.values.get("ntpn") or (record.ntpn if method == "billing" else None)
    if method == "billing":
        if not ntpn:
            raise _field_error("ntpn", _("Enter the NTPN of the payment."))
        if not record.billing_code:
            raise _field_error("method", _("This invoice has no billing code."))
    elif method == "cash":
        if record.channel != CHANNEL_WALK_IN:
            raise _field_error("method", _("Cash is accepted at the desk only (walk-in requests)."))
    elif method == "transfer":
        if not has_document(record, "payment_proof"):
            raise _field_error("method", _("A transfer is confirmed against the applicant's transfer proof."))
    if ntpn and _ntpn_used_elsewhere(record, ntpn):
        raise _field_error("ntpn", _("This NTPN was already used for another payment."))
    now = utcnow()
    record.payment_method = method
    record.ntpn = ntpn
    record.payer_name = (ctx.values.get("payer") or record.payer_name or record.applicant_name)[:150]
    record.paid_amount = record.recompute_total()
    record.paid_at = now
    seq = next_number(record.office_id, _year(now), "receipt")
    record.receipt_number = _doc_number("KW", record, seq, now)
    db.session.flush()
    docs.issue(NAME, record, "receipt", pdfs.render_receipt(record, record.receipt_number, ctx.user),
               f"receipt-{record.label}.pdf", ctx.user, ctx.role, number=record.receipt_number)
    ctx.extra_audit.update({"receipt": record.receipt_number, "amount": record.paid_amount})


def record_sppd_originals(record, ctx) -> None:
    record.sppd_originals_received = True
    record.sppd_originals_received_on = ctx.values.get("received_on") or jakarta_today()


def deliver(record, ctx) -> None:
    if record.has_hardcopy and ctx.values.get("hardcopy") == "yes":
        record.hardcopy_handed_over = True
    if record.has_hardcopy and not record.hardcopy_handed_over:
        raise TransitionError(409, _("Hand over the printed copies and tick that they were handed over."))
    if record.has_softcopy and not has_document(record, "product"):
        raise TransitionError(409, _("Attach the product files first."))
    record.delivered_at = utcnow()


def note_correction(record, ctx) -> None:
    record.correction_note = ctx.note or ctx.values.get("note")


def resolve_correction(record, ctx) -> None:
    if ctx.values.get("reissue_receipt") == "yes" and record.receipt_number:
        if ctx.values.get("payer"):
            record.payer_name = ctx.values["payer"][:150]
        docs.issue(NAME, record, "receipt", pdfs.render_receipt(record, record.receipt_number, ctx.user),
                   f"receipt-{record.label}.pdf", ctx.user, ctx.role, number=record.receipt_number)
    record.delivered_at = utcnow()  # the applicant has the full period again to check the fix


def yes_no():
    return [("", str(_l("No"))), ("yes", str(_l("Yes")))]


def payment_methods():
    from app.sales.models import PAYMENT_METHODS

    return [(key, str(PAYMENT_METHODS[key])) for key in ("billing", "transfer", "cash")]


def clean_method(raw) -> str:
    if raw not in ("billing", "transfer", "cash"):
        raise InvalidValue(_("Choose cash, billing code or transfer."))
    return raw


def clean_short_text(raw) -> str:
    value = str(raw).strip()
    if len(value) > 150:
        raise InvalidValue(_("At most %(n)d characters.", n=150))
    return value


def clean_proof(raw):
    if not hasattr(raw, "read"):
        raise InvalidValue(_("Choose a file to upload."))
    return raw


NOTE = Field("note", _l("Note"), kind="textarea")
REASON = Field("note", _l("Reason"), kind="textarea")


# --- composing a request: its details and lines (engine.edit) -----------------------------------

APPLICANT_EDITABLE = ("draft", "returned")
STAFF_EDITABLE = ("draft", "returned", "submitted", "verified", "invoice_disputed")
YES = {"1", "true", "yes", "y", "on"}


def officer_composes(record, role) -> bool:
    """The officer composes a walk-in draft, and corrects any request from submission until invoiced;
    an online draft is the applicant's own."""
    return record.channel == CHANNEL_WALK_IN or record.status not in APPLICANT_EDITABLE


def clean_details(record, data: dict) -> tuple[dict, dict]:
    """What the request is for, the Rp0 request and the applicant's NPWP; only what `data` names."""
    values, errors = {}, {}
    if "purpose" in data:
        purpose = data.get("purpose") or ""
        if not isinstance(purpose, str):
            errors["purpose"] = _("Enter a text.")
        elif len(purpose.strip()) > 2000:
            errors["purpose"] = _("At most %(n)d characters.", n=2000)
        else:
            values["purpose"] = purpose.strip()
    if "zero_tariff" in data:
        asked = str(data.get("zero_tariff")).strip().lower() in YES
        if record.zero_tariff_decision is not None and asked != record.zero_tariff_requested:
            errors["zero_tariff"] = _("The Rp0 request was already decided.")
        else:
            values["zero_tariff_requested"] = asked
            values["zero_tariff_reason"] = str(data.get("zero_tariff_reason") or "").strip()[:2000] if asked else ""
    if data.get("npwp") not in (None, ""):
        try:
            values["npwp"] = normalise_npwp(str(data["npwp"]))
        except InvalidValue as exc:
            errors["npwp"] = str(exc)
    return values, errors


def write_details(record, values: dict, ctx=None) -> dict:
    """Writes the cleaned details (the NPWP onto the applicant's profile); {field: [before, after]}."""
    changes = {}
    profile = applicant_profile(record)
    for name, value in values.items():
        target = profile if name == "npwp" else record
        if target is None or getattr(target, name) == value:
            continue
        changes[name] = [getattr(target, name), value]
        setattr(target, name, value)
    return changes


def clean_new_line(record, data: dict) -> tuple[dict, dict]:
    try:
        return {"line": build_line(record, data)}, {}
    except LineError as exc:
        return {}, {exc.field: str(exc)}


def add_line(record, values: dict, ctx) -> dict:
    line, before = values["line"], record.total
    record.lines.append(line)
    record.recompute_total()
    return {"line": [None, f"{line.description} ×{line.quantity}"], "total": [before, record.total]}


def clean_line_to_remove(record, data: dict) -> tuple[dict, dict]:
    line = next((line for line in record.lines if str(line.id) == str(data.get("line"))), None)
    if line is None:
        raise TransitionError(404, _("The page or record you are looking for does not exist, or is not yours to see."))
    return {"line": line}, {}


def remove_line(record, values: dict, ctx) -> dict:
    line, before = values["line"], record.total
    record.lines.remove(line)
    record.recompute_total()
    return {"line": [f"{line.description} ×{line.quantity}", None], "total": [before, record.total]}


def composing(clean, apply, label) -> tuple[Edit, ...]:
    return (Edit(APPLICANT_EDITABLE, (r.APPLICANT,), clean, apply, label=label),
            Edit(STAFF_EDITABLE, (r.OFFICER,), clean, apply, guard=officer_composes, label=label))


# --- the SLA limit: the office's service standard, per channel -----------------------------------

def sla_days(record) -> int | None:
    from app.core.reference.models import ServiceStandard

    cache = g.setdefault("_sales_sla_days", {}) if has_request_context() else {}
    key = (record.office_id, record.channel)
    if key not in cache:
        limit = db.session.scalar(select(ServiceStandard.working_days_limit).where(
            ServiceStandard.office_id == record.office_id, ServiceStandard.service == "sales",
            ServiceStandard.channel == record.channel))
        cache[key] = limit if limit else (10 if record.channel == CHANNEL_ONLINE else None)
    return cache[key]


def next_step(record, for_applicant: bool) -> str:
    """What the reader of a mail about the request should do now (the record page says the same)."""
    from app.sales.service import expected_of_applicant, next_step_for_staff

    return expected_of_applicant(record) if for_applicant else next_step_for_staff(record)


def applicant_deadline(record, for_applicant: bool):
    """The applicant's own deadline: pay before the invoice lapses; ask for a correction before the
    request completes by itself. Staff are held to the service's due date."""
    if not for_applicant:
        return None
    if record.status == "invoiced":
        return record.invoice_expires_at
    if record.status == "delivered":
        return autocomplete_due(record)
    return None


def downloadable(record, doc, roles) -> bool:
    """Staff of the office get every file; the applicant gets products only once delivered."""
    if roles & set(r.STAFF) or r.ADMIN in roles or r.MONITOR in roles:
        return True
    if doc.kind == "product":
        return record.status in DELIVERED_STATES
    return True


SALES = register(Procedure(
    name=NAME, resource="sales_request", model=SalesRequest, states=STATES, initial="draft",
    label=_l("Sales of statistical products"),
    record_label=lambda record: record.label,
    staff_path="/salesrequestview/show/", applicant_path="/mysalesrequestview/show/",
    find_by_number=number_finder(SalesRequest, "PJ", "invoice_number", "receipt_number"),
    sla_days=sla_days,
    state_tones={"completed": "success", "delivered": "success", "paid": "success", "expired": "danger",
                 "rejected": "danger", "returned": "warning", "invoice_disputed": "warning",
                 "correction_requested": "warning"},
    # What the guards read of a page of requests (lines, the applicant's segment) in one go.
    preload=lambda: (selectinload(SalesRequest.lines),
                     joinedload(SalesRequest.applicant).joinedload(AppUser.applicant_profile)),
    document_kinds=DOCUMENT_KINDS,
    issued_kinds=("sppd", "sample", "product", "invoice", "receipt"),
    uploads={
        "abstract": Upload((r.APPLICANT, r.OFFICER), ("draft", "returned", "submitted")),
        "npwp": Upload((r.APPLICANT, r.OFFICER), ("draft", "returned", "submitted")),
        "zero_tariff_letter": Upload((r.APPLICANT, r.OFFICER), ("draft", "returned", "submitted")),
        "sppd_signed": Upload((r.APPLICANT, r.OFFICER), ("invoiced", "invoice_disputed", "payment_reported", "paid")),
        "payment_proof": Upload((r.APPLICANT,), ("invoiced",)),
        "sample": Upload((r.OFFICER,), ("verified", "invoice_disputed"), PRODUCT_TYPES),
        "product": Upload((r.OFFICER,), ("verified", "invoiced", "invoice_disputed", "payment_reported", "paid",
                                         "correction_requested"), PRODUCT_TYPES),
    },
    actions=(
        # 1. The applicant picks products, uploads the documents and submits (walk-in: the officer).
        Action("submit", _l("Submit"), ("draft", "returned"), "submitted", (r.APPLICANT, r.OFFICER),
               guards=(ON_BEHALF, HAS_LINES, HAS_PURPOSE, ABSTRACT, NPWP, ZERO_LETTER),
               notify=(APPLICANT, r.OFFICER), sla=SLA_RESUME, done=_l("Request submitted")),
        # 2. The officer checks completeness and fit.
        Action("verify", _l("Verify"), ("submitted",), "verified", (r.OFFICER,),
               guards=(HAS_LINES, ABSTRACT, NPWP, ZERO_LETTER), notify=(APPLICANT,), sla=SLA_START,
               done=_l("Request verified")),
        Action("return", _l("Return to the applicant"), ("submitted", "verified"), "returned", (r.OFFICER,),
               fields=(NOTE,), notify=(APPLICANT,), sla=SLA_PAUSE, style="default",
               done=_l("Request returned to the applicant")),
        Action("reject", _l("Reject"), ("submitted", "verified", "invoice_disputed"), "rejected", (r.OFFICER,),
               fields=(REASON,), notify=(APPLICANT,), sla=SLA_STOP, style="danger",
               confirm=_l("Reject this request for good?"), done=_l("Request rejected")),
        Action("cancel", _l("Cancel the request"), BEFORE_PAYMENT, "cancelled", (r.APPLICANT, r.OFFICER),
               fields=(Field("note", _l("Reason"), required=False, kind="textarea"),),
               guards=(ON_BEHALF,), notify=(APPLICANT, r.OFFICER), sla=SLA_STOP, style="danger",
               confirm=_l("Cancel this request?"), awaited=False, done=_l("Request cancelled")),
        # Tarif Rp0 with certain considerations (PP 13/2024 art. 4).
        Action("approve_zero_tariff", _l("Approve the Rp0 tariff"), ("verified",), "verified", (r.OFFICER,),
               fields=(REASON,), guards=(ZERO_PENDING,), effect=decide_zero_tariff(True), notify=(APPLICANT,),
               done=_l("Rp0 tariff approved")),
        Action("refuse_zero_tariff", _l("Refuse the Rp0 tariff"), ("verified",), "verified", (r.OFFICER,),
               fields=(REASON,), guards=(ZERO_PENDING,), effect=decide_zero_tariff(False), notify=(APPLICANT,),
               style="default", done=_l("Rp0 tariff refused")),
        # 3. Invoice with billing code; sample data and SPPD for microdata and maps. Rp0: straight to paid.
        Action("issue_invoice", _l("Issue the invoice"), ("verified", "invoice_disputed"), invoice_target,
               (r.OFFICER,),
               fields=(Field("billing_code", _l("Billing code (15 digits)"), required=False, clean=clean_billing_code,
                             help=_l("Created in SIMPONI. Leave empty when the billing provider supplies it.")),
                       Field("valid_days", _l("Valid for (days)"), required=False, kind="int",
                             clean=clean_valid_days, help=_l("7 days unless SIMPONI says otherwise."))),
               guards=(HAS_LINES, ZERO_DECIDED), effect=issue_invoice, notify=(APPLICANT, r.TREASURER),
               sla=invoice_sla, targets=("invoiced", "paid"), done=_l("Invoice issued")),
        # The applicant finds the invoice, sample or SPPD wrong; the officer corrects and re-issues.
        Action("dispute_invoice", _l("Dispute the invoice"), ("invoiced",), "invoice_disputed",
               (r.APPLICANT, r.OFFICER), fields=(NOTE,), guards=(ON_BEHALF,), effect=note_dispute,
               notify=(APPLICANT, r.OFFICER), sla=SLA_RESUME, style="default", done=_l("Invoice disputed")),
        # 4. Payment: billing code (NTPN), cash at the desk, or a foreign transfer with its proof.
        Action("report_payment", _l("Report the payment"), ("invoiced",), "payment_reported", (r.APPLICANT,),
               fields=(Field("proof", _l("Payment proof"), required=False, kind="file", clean=clean_proof,
                             help=_l("The bank's receipt or the transfer slip.")),
                       Field("ntpn", _l("NTPN (16 letters and digits)"), required=False, clean=clean_ntpn,
                             help=_l("Printed on the receipt of a billing-code payment.")),
                       Field("payer", _l("Name of the payer"), required=False, clean=clean_short_text)),
               effect=report_payment, notify=(APPLICANT, r.TREASURER), sla=SLA_RESUME,
               done=_l("Payment reported")),
        Action("reject_payment_proof", _l("Reject the payment report"), ("payment_reported",), "invoiced",
               (r.TREASURER,), fields=(REASON,), effect=reject_payment_proof, notify=(APPLICANT,), sla=SLA_PAUSE,
               style="default", done=_l("Payment report rejected")),
        # 6. The treasurer confirms and issues the receipt (kuitansi); never for an invoice they issued.
        Action("confirm_payment", _l("Confirm the payment"), ("invoiced", "payment_reported"), "paid",
               (r.TREASURER,),
               fields=(Field("method", _l("Paid by"), kind="select", choices=payment_methods, clean=clean_method),
                       Field("ntpn", _l("NTPN (16 letters and digits)"), required=False, clean=clean_ntpn,
                             help=_l("Required for billing-code payments.")),
                       Field("payer", _l("Name of the payer"), required=False, clean=clean_short_text)),
               not_by_actor_of=("issue_invoice",), effect=confirm_payment, notify=(APPLICANT, r.OFFICER),
               sla=SLA_RESUME, done=_l("Payment confirmed")),
        # 5. The signed SPPD: a scan upload, and the two originals by post.
        Action("record_sppd_originals", _l("Record the SPPD originals"),
               ("invoiced", "invoice_disputed", "payment_reported", "paid", "delivered", "correction_requested"),
               lambda record, values: record.status, (r.OFFICER,),
               fields=(Field("received_on", _l("Received on"), required=False, kind="date", clean=clean_date),),
               guards=(SPPD_OPEN,), effect=record_sppd_originals, notify=(APPLICANT,), style="default",
               # The request stays where it is.
               targets=("invoiced", "invoice_disputed", "payment_reported", "paid", "delivered",
                        "correction_requested"), done=_l("SPPD originals received")),
        # 7. The officer delivers: files to download, or printed copies handed over.
        Action("deliver", _l("Deliver"), ("paid",), "delivered", (r.OFFICER,),
               fields=(Field("hardcopy", _l("Printed copies handed over"), required=False, kind="select",
                             choices=yes_no, applies=lambda record: record.has_hardcopy),),
               guards=(PAID, SPPD_SIGNED), effect=deliver, notify=(APPLICANT,), sla=SLA_STOP,
               done=_l("Products delivered")),
        # 8. The applicant checks receipt and product and may ask for a correction.
        Action("request_correction", _l("Ask for a correction"), ("delivered",), "correction_requested",
               (r.APPLICANT, r.OFFICER), fields=(NOTE,), guards=(ON_BEHALF,), effect=note_correction,
               notify=(APPLICANT, r.OFFICER), style="default", done=_l("Correction requested")),
        Action("resolve_correction", _l("Send the correction"), ("correction_requested",), "delivered",
               (r.OFFICER, r.TREASURER),
               fields=(NOTE, Field("reissue_receipt", _l("Re-issue the receipt"), required=False, kind="select",
                                   choices=yes_no, applies=lambda record: bool(record.receipt_number)),
                       Field("payer", _l("Name of the payer on the receipt"), required=False,
                             clean=clean_short_text, applies=lambda record: bool(record.receipt_number))),
               guards=(PAID, SPPD_SIGNED), effect=resolve_correction, notify=(APPLICANT,), done=_l("Correction sent")),
        # 9. The applicant rates the service (IKM), or it completes by itself.
        Action("rate", _l("Rate the service"), ("delivered",), "completed", (r.APPLICANT,),
               fields=(scores_field(), comment_field()), effect=record_rating("sales"), notify=(APPLICANT, r.OFFICER),
               done=_l("Service rated")),
        # Automatic steps (flask sales expire / autocomplete, run by cron).
        Action("expire", _l("Expire the unpaid invoice"), ("invoiced",), "expired", (SYSTEM,),
               guards=(INVOICE_EXPIRED,), notify=(APPLICANT, r.OFFICER), sla=SLA_STOP, done=_l("Invoice expired")),
        Action("auto_complete", _l("Complete automatically"), ("delivered",), "completed", (SYSTEM,),
               guards=(AUTOCOMPLETE,), notify=(APPLICANT,), done=_l("Request completed")),
    ),
    edits={
        "form": composing(clean_details, write_details, _l("Request details changed")),
        "add_line": composing(clean_new_line, add_line, _l("Product added")),
        "remove_line": composing(clean_line_to_remove, remove_line, _l("Product removed")),
    },
    downloadable=downloadable,
    next_step=next_step,
    deadline=applicant_deadline,
    number_prefix="PJ",
    search_columns=("invoice_number", "receipt_number", "billing_code", "ntpn", "purpose"),
))
