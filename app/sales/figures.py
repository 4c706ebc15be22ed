"""What only the sale knows, for the dashboards (app.core.dashboard): PNBP revenue per product type,
per month and office, and the treasurer's payment register for reconciling with SIMPONI."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select

from app.core.dashboard import (
    DASHBOARD,
    DATETIME,
    FLAG,
    INT,
    MONEY,
    TEXT,
    TREASURY,
    Chart,
    Column,
    OfficeSet,
    Period,
    Table,
    jakarta_month,
)
from app.core.reference.models import Office
from app.extensions import db
from app.sales.models import PAYMENT_METHODS, PRODUCT_TYPES, SalesLine, SalesRequest
from app.sales.procedure import SALES

# The register is read on a screen: beyond this many rows, narrow the period or the office.
REGISTER_LIMIT = 2000


def _paid_in(offices: OfficeSet, period: Period):
    return and_(SalesRequest.office_id.in_(offices.ids), SalesRequest.paid_at >= period.utc_start,
                SalesRequest.paid_at < period.utc_end, SalesRequest.paid_amount > 0)


def revenue_by_type(offices: OfficeSet, period: Period) -> Table:
    rows = dict((ptype, (requests, amount)) for ptype, requests, amount in db.session.execute(
        select(SalesLine.product_type, func.count(func.distinct(SalesRequest.id)), func.sum(SalesLine.line_total))
        .join(SalesRequest, SalesLine.request_id == SalesRequest.id)
        .where(_paid_in(offices, period)).group_by(SalesLine.product_type)))
    table = Table("revenue_by_type", _l("PNBP revenue per product type"), [
        Column("product_type", _l("Product type"), TEXT), Column("requests", _l("Requests paid"), INT),
        Column("amount", _l("Revenue"), MONEY),
    ], chart=Chart("product_type", ("amount",), horizontal=True), audience=(DASHBOARD, TREASURY),
        note=_l("Requests whose payment was confirmed in the period, as billed on their lines."))
    for code, label in PRODUCT_TYPES.items():
        requests, amount = rows.get(code, (0, 0))
        table.rows.append({"product_type": str(label), "requests": requests, "amount": int(amount or 0)})
    table.total = {"product_type": _("Total"), "requests": None,
                   "amount": sum(row["amount"] for row in table.rows)}
    office = offices.chosen.code if offices.chosen is not None else None
    for index, code in enumerate(PRODUCT_TYPES):
        table.link(index, "requests", SALES.list_url(office=office, product_type=code, **period.list_args("paid")))
    return table


def revenue_by_month(offices: OfficeSet, period: Period) -> Table:
    month = jakarta_month(SalesRequest.paid_at)
    rows = db.session.execute(
        select(month, SalesRequest.office_id, SalesLine.product_type, func.count(func.distinct(SalesRequest.id)),
               func.sum(SalesLine.line_total))
        .join(SalesRequest, SalesLine.request_id == SalesRequest.id)
        .where(_paid_in(offices, period))
        .group_by(month, SalesRequest.office_id, SalesLine.product_type)
        .order_by(month, SalesRequest.office_id, SalesLine.product_type)).all()
    table = Table("revenue_by_month", _l("PNBP revenue by month, office and product type"), [
        Column("month", _l("Month"), TEXT), Column("office", _l("Office"), TEXT),
        Column("product_type", _l("Product type"), TEXT), Column("requests", _l("Requests paid"), INT),
        Column("amount", _l("Revenue"), MONEY),
    ], audience=(TREASURY,))
    for month_key, office_id, ptype, requests, amount in rows:
        code, name = offices.names.get(office_id, ("", ""))
        table.rows.append({"month": month_key, "office": f"{code} {name}".strip(),
                           "product_type": str(PRODUCT_TYPES.get(ptype, ptype)), "requests": requests,
                           "amount": int(amount or 0)})
    table.total = {"month": _("Total"), "amount": sum(row["amount"] for row in table.rows)}
    return table


def _flag(record) -> str:
    """What the treasurer checks against SIMPONI for this payment."""
    if record.paid_at is not None:
        if record.ntpn:
            return _("Confirmed here with its NTPN")
        return _("Confirmed here without NTPN (%(method)s): deposit it and record the NTPN",
                 method=PAYMENT_METHODS.get(record.payment_method, record.payment_method or "-"))
    if record.status == "expired":
        return _("Expired unpaid here: check that SIMPONI shows no payment")
    return _("Not confirmed here: check SIMPONI for a payment of this billing code")


def payment_register(offices: OfficeSet, period: Period) -> Table:
    """Every invoice with an amount to pay that was issued or paid in the period."""
    touched = or_(and_(SalesRequest.invoice_issued_at >= period.utc_start,
                       SalesRequest.invoice_issued_at < period.utc_end),
                  and_(SalesRequest.paid_at >= period.utc_start, SalesRequest.paid_at < period.utc_end))
    records = db.session.execute(
        select(SalesRequest, Office.code).join(Office, Office.id == SalesRequest.office_id)
        .where(SalesRequest.office_id.in_(offices.ids), SalesRequest.total > 0, touched)
        .order_by(SalesRequest.invoice_issued_at, SalesRequest.id).limit(REGISTER_LIMIT + 1)).all()
    table = Table("payment_register", _l("Payment register"), [
        Column("request", _l("Request"), TEXT), Column("office", _l("Office"), TEXT),
        Column("billing_code", _l("Billing code"), TEXT), Column("ntpn", _l("NTPN"), TEXT),
        Column("receipt", _l("Receipt number"), TEXT), Column("payer", _l("Payer"), TEXT),
        Column("amount", _l("Amount"), MONEY), Column("method", _l("Paid by"), TEXT),
        Column("invoiced_at", _l("Invoiced at"), DATETIME), Column("paid_at", _l("Confirmed at"), DATETIME),
        Column("check", _l("To check against SIMPONI"), FLAG),
    ], audience=(TREASURY,), note=_l(
        "Invoices issued or paid in the period. A payment is settled when it is confirmed here with its NTPN "
        "and SIMPONI shows the same NTPN; every other row says what to check."))
    if len(records) > REGISTER_LIMIT:
        records = records[:REGISTER_LIMIT]
        table.note = _("The first %(count)d rows only: choose a shorter period or one office.", count=REGISTER_LIMIT)
    for index, (record, code) in enumerate(records):
        table.rows.append({
            "request": record.label, "office": code, "billing_code": record.billing_code or "",
            "ntpn": record.ntpn or "", "receipt": record.receipt_number or "",
            "payer": record.payer_name or record.applicant_name, "amount": record.paid_amount or record.total,
            "method": str(PAYMENT_METHODS.get(record.payment_method, "")) if record.payment_method else "",
            "invoiced_at": record.invoice_issued_at, "paid_at": record.paid_at,
            "check": _flag(record),
            "settled": record.paid_at is not None and bool(record.ntpn),
        })
        table.link(index, "request", f"{SALES.staff_path}{record.id}")
    return table


def dashboard(offices: OfficeSet, period: Period) -> list[Table]:
    return [revenue_by_type(offices, period), revenue_by_month(offices, period), payment_register(offices, period)]
