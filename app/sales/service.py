"""Use cases of a sale that are not state changes: file a draft, run the automatic steps, and say in
plain words what is expected next (walk-in visitors are found or enrolled by app.core.access.visitors).

Screens, the REST API and the CLI all call these; state changes go through app.core.workflow.engine.apply,
and composing a request (details, lines) through engine.edit with the edits of app.sales.procedure.
"""
from __future__ import annotations

from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from app.core.access import roles as r
from app.core.access.people import AppUser
from app.core.calendar.clock import utcnow
from app.core.reference.models import Office
from app.core.values.formatting import indonesian_date, indonesian_datetime, rupiah
from app.core.values.validation import parse_id
from app.core.workflow.engine import TransitionError, apply, start, user_roles
from app.core.workflow.records import CHANNEL_ONLINE, CHANNEL_WALK_IN
from app.extensions import db
from app.sales.models import SalesRequest
from app.sales.pricing import LineError, build_line
from app.sales.procedure import (
    SALES,
    autocomplete_days,
    autocomplete_due,
    clean_details,
    has_document,
    invoice_lapsed,
    is_foreign,
    is_private,
    write_details,
)


def _invalid(errors: dict) -> TransitionError:
    return TransitionError(422, _("Some of what you entered is not valid."), errors)


def is_own(record, user) -> bool:
    """Whether `user` is the applicant of `record` (acting as one, not as staff)."""
    return r.APPLICANT in user_roles(user) and record.applicant_id == user.id


def _role_of(user) -> str:
    names = user_roles(user)
    for role in (r.OFFICER, r.APPLICANT, r.ADMIN):
        if role in names:
            return role
    return sorted(names)[0]


# --- drafts -------------------------------------------------------------------------------------

def office_by_code(code) -> Office | None:
    """An office by its code ("3324"), as the API names it; an id is accepted too."""
    if code in (None, ""):
        return None
    office = db.session.scalars(select(Office).where(Office.code == str(code).strip())).first()
    if office is None and parse_id(code):
        office = db.session.get(Office, parse_id(code))
    return office


def create_draft(payload: dict, user, *, applicant=None, channel: str = CHANNEL_ONLINE) -> SalesRequest:
    """A new draft of `applicant` (default: the caller) with the lines of `payload`; 422 on bad input."""
    errors: dict = {}
    names = user_roles(user)
    staff = r.OFFICER in names
    if not staff and r.APPLICANT not in names:
        raise TransitionError(403, _("Your role may not file a sales request."))
    if staff:
        office = db.session.get(Office, user.office_id) if user.office_id else None
        channel = CHANNEL_WALK_IN
        if applicant is None and payload.get("applicant") not in (None, ""):
            applicant = applicant_user(payload.get("applicant"))
            if applicant is None:
                errors["applicant"] = _("Choose a registered service user.")
        elif applicant is None:
            errors["applicant"] = _("Name the visitor you record the request for.")
    else:
        office = office_by_code(payload.get("office"))
        applicant = user
        channel = CHANNEL_ONLINE
        if office is None:
            errors["office"] = _("Choose the office you buy from.")
    if errors:
        raise _invalid(errors)
    record = SalesRequest(office_id=office.id, office=office, applicant_id=applicant.id, applicant=applicant,
                          channel=channel, purpose="", total=0, created_by_id=user.id)
    details, errors = clean_details(record, payload)
    write_details(record, details)
    lines = payload.get("lines") or []
    if not isinstance(lines, list):
        errors["lines"] = _("Send the lines as a list.")
        lines = []
    built = []
    for index, raw in enumerate(lines):
        if not isinstance(raw, dict):
            errors[f"lines.{index}"] = _("Each line names a product and its parameters.")
            continue
        try:
            built.append(build_line(record, raw))
        except LineError as exc:
            errors[f"lines.{index}.{exc.field}"] = str(exc)
    if errors:
        db.session.rollback()
        raise _invalid(errors)
    start(SALES, record, user, _role_of(user))
    for line in built:
        line.request_id = record.id
        record.lines.append(line)
    record.recompute_total()
    db.session.commit()
    return record


def applicant_user(raw) -> AppUser | None:
    """The service user (applicant) whose id `raw` names, or None."""
    user_id = parse_id(raw)
    user = db.session.get(AppUser, user_id) if user_id else None
    if user is None or r.APPLICANT not in user_roles(user):
        return None
    return user


# --- automatic steps ----------------------------------------------------------------------------

def expire_overdue(now=None) -> tuple[int, int]:
    """(expired, checked): every invoiced request past its validity becomes expired."""
    now = now or utcnow()
    ids = db.session.scalars(select(SalesRequest.id).where(
        SalesRequest.status == "invoiced", SalesRequest.invoice_expires_at < now)).all()
    done = 0
    for record_id in ids:
        try:
            apply(SALES, record_id, "expire", None)
            done += 1
        except TransitionError:  # paid or changed meanwhile: nothing to do
            db.session.rollback()
    return done, len(ids)


def autocomplete_delivered() -> tuple[int, int]:
    """(completed, checked): delivered requests without a correction after N working days complete."""
    # N working days are at least N calendar days: a cheap SQL bound, then the calendar decides.
    bound = utcnow() - timedelta(days=autocomplete_days())
    ids = db.session.scalars(select(SalesRequest.id).where(
        SalesRequest.status == "delivered", SalesRequest.delivered_at <= bound)).all()
    done = 0
    for record_id in ids:
        try:
            apply(SALES, record_id, "auto_complete", None)
            done += 1
        except TransitionError:
            db.session.rollback()
    return done, len(ids)


# --- what the applicant is expected to do now, in plain words -------------------------------------

def _missing_documents(record) -> list[str]:
    from app.sales.procedure import DOCUMENT_KINDS

    missing = []
    if record.needs_sppd and not has_document(record, "abstract"):
        missing.append(str(DOCUMENT_KINDS["abstract"]))
    if is_private(record) and not has_document(record, "npwp"):
        missing.append(str(DOCUMENT_KINDS["npwp"]))
    if record.zero_tariff_requested and not has_document(record, "zero_tariff_letter"):
        missing.append(str(DOCUMENT_KINDS["zero_tariff_letter"]))
    return missing


def _deadline(record) -> str:
    return indonesian_datetime(record.invoice_expires_at) if record.invoice_expires_at else ""


def expected_of_applicant(record) -> str:
    """One or two sentences: what the applicant should do now, or that nothing is needed."""
    status = record.status
    if status in ("draft", "returned"):
        parts = [_("Add the products you need, say what the data is for, upload the documents asked for "
                   "and submit the request.") if status == "draft" else
                 _("The officer returned your request: read the note in the history, complete what is "
                   "missing and submit it again.")]
        missing = _missing_documents(record)
        if missing:
            parts.append(_("Still to upload: %(docs)s.", docs=", ".join(missing)))
        return " ".join(parts)
    if status == "submitted":
        return _("Nothing for now: the officer is checking your request and documents.")
    if status == "verified":
        if record.zero_tariff_pending:
            return _("Nothing for now: the officer is deciding on your Rp0 request.")
        return _("Nothing for now: the officer is preparing your invoice.")
    if status == "invoiced":
        if invoice_lapsed(record):
            return _("The invoice lapsed on %(date)s before it was paid; the request will expire. You can file a "
                     "new request.", date=_deadline(record))
        if is_foreign(record):
            text = _("Transfer %(total)s to the treasurer's account named on the invoice before %(date)s, then "
                     "report the transfer with its proof.", total=rupiah(record.total), date=_deadline(record))
        elif record.channel == CHANNEL_WALK_IN:
            text = _("Pay %(total)s with billing code %(code)s before %(date)s, or in cash to the treasurer "
                     "at the desk.", total=rupiah(record.total), code=record.billing_code or "-",
                     date=_deadline(record))
        else:
            text = _("Pay %(total)s with billing code %(code)s at a bank, post office or online banking before "
                     "%(date)s. Check the invoice first: if something is wrong, dispute it.",
                     total=rupiah(record.total), code=record.billing_code or "-", date=_deadline(record))
            text += " " + _("Once paid, report the payment with the NTPN on your receipt: the treasurer then "
                            "confirms it sooner.")
        if record.needs_sppd and not has_document(record, "sppd_signed"):
            text += " " + _("Sign the SPPD (data-use agreement), upload its scan, and mail the two originals.")
        return text
    if status == "invoice_disputed":
        return _("Nothing for now: the officer is checking the invoice you disputed.")
    if status == "payment_reported":
        return _("Nothing for now: the treasurer is checking the payment you reported.")
    if status == "paid":
        if record.needs_sppd and not (record.sppd_originals_received or has_document(record, "sppd_signed")):
            return _("Your payment is confirmed. Upload the signed SPPD scan: the data is delivered once it is "
                     "signed.")
        return _("Your payment is confirmed; the officer is preparing your products.")
    if status == "delivered":
        due = autocomplete_due(record)
        return _("Download your products and receipt. If something is wrong, ask for a correction; if all is "
                 "well, rate our service. Without either, the request completes by itself on %(date)s.",
                 date=indonesian_date(due) if due else "-")
    if status == "correction_requested":
        return _("Nothing for now: the officer is fixing what you reported.")
    if status == "completed":
        return _("Completed. Thank you for using our services.")
    if status == "cancelled":
        return _("This request was cancelled.")
    if status == "rejected":
        return _("This request was rejected; the reason is in the history.")
    if status == "expired":
        return _("The invoice lapsed before it was paid. You can file a new request.")
    return ""


def next_step_for_staff(record) -> str:
    """The next step the office owes, for the officer's and treasurer's screens."""
    status = record.status
    if invoice_lapsed(record):
        return _("The invoice lapsed unpaid: the request will expire at the next automatic run.")
    return {
        "submitted": _("Check the documents: verify, return or reject."),
        "verified": (_("Decide on the Rp0 request.") if record.zero_tariff_pending
                     else _("Issue the invoice with its billing code.")),
        "invoiced": _("Waiting for the payment (treasurer: record cash or confirm the NTPN)."),
        "invoice_disputed": _("Check the dispute, correct the lines if needed and issue the invoice again."),
        "payment_reported": _("Treasurer: check the reported payment (NTPN or proof) against the state's records, "
                              "then confirm or reject it."),
        "paid": _("Attach the product files or hand over the printed copies, then deliver."),
        "correction_requested": _("Fix what the applicant reported and send the correction."),
    }.get(status, "")
