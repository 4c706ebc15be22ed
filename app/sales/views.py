"""Screens of the sale: the tariff list and catalogue (admin), the officer's worklist, the
applicant's requests and the treasurer's payments, each a view of the same procedure."""
from __future__ import annotations

from datetime import timedelta

from flask import request, url_for
from flask_appbuilder.models.filters import BaseFilter
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from app.core.access import roles as r
from app.core.access.people import DOMICILES, IDENTITY_DOCUMENTS, SEGMENTS, AppUser
from app.core.access.scoping import ScopedMixin, current_user
from app.core.calendar.clock import format_jakarta
from app.core.reference.models import CHANNELS
from app.core.values.formatting import rupiah
from app.core.web.list_filters import parse_day, utc_start_of
from app.core.web.procedure_views import ProcedureModelView
from app.core.web.reference_views import SatuPintuModelView, label_of, shown, yes_no
from app.core.web.worklist import WorklistInterface
from app.core.workflow.engine import edit_role
from app.sales.models import (
    PAYMENT_METHODS,
    PRODUCT_TYPES,
    QUANTITY_UNITS,
    ZERO_TARIFF_DECISIONS,
    Product,
    SalesRequest,
    Tariff,
)
from app.sales.procedure import OPEN_STATES, SALES, STATES, invoice_lapsed
from app.sales.service import expected_of_applicant, is_own, next_step_for_staff


def _money_or_dash(value) -> str:
    return "-" if value is None else rupiah(value)


class TariffView(SatuPintuModelView):
    datamodel = SQLAInterface(Tariff)
    list_title = _l("PNBP tariffs")
    list_columns = ["code", "name", "product_type", "base_price", "extra_price", "regulation", "valid_from", "valid_to"]
    search_columns = ["code", "name", "product_type", "regulation", "valid_from"]
    add_columns = edit_columns = ["code", "name", "product_type", "quantity_unit", "base_price", "base_quantity",
                                  "extra_step", "extra_price", "regulation", "valid_from", "valid_to", "note"]
    base_order = ("code", "asc")
    label_columns = {
        "code": _l("Code"), "name": _l("Tariff item"), "product_type": _l("Product type"),
        "quantity_unit": _l("Unit"), "base_price": _l("Base price (Rp)"), "base_quantity": _l("Covered quantity"),
        "extra_step": _l("Each further"), "extra_price": _l("Price per further step (Rp)"),
        "regulation": _l("Regulation"), "valid_from": _l("Valid from"), "valid_to": _l("Valid until"),
        "note": _l("Note"),
    }
    description_columns = {
        "base_quantity": _l("Quantity the base price covers, e.g. 50 pages or 1000000 bytes."),
        "extra_step": _l("Size of each further step, e.g. 50 pages or 1000 bytes; 0 for a fixed price."),
    }
    formatters_columns = {"base_price": rupiah, "extra_price": rupiah}
    choices_columns = {"product_type": PRODUCT_TYPES, "quantity_unit": QUANTITY_UNITS}


class ProductView(ScopedMixin, SatuPintuModelView):
    datamodel = SQLAInterface(Product)
    list_title = _l("Product catalogue")
    list_columns = ["title", "product_type", "year", "office", "tariff", "active"]
    search_columns = ["title", "product_type", "survey", "year", "office", "active"]
    add_columns = edit_columns = ["office", "product_type", "title", "survey", "year", "file_format", "pages",
                                  "size_bytes", "tariff", "hardcopy_available", "requires_sppd", "active",
                                  "description"]
    base_order = ("title", "asc")
    label_columns = {
        "office": _l("Selling office"), "product_type": _l("Product type"), "title": _l("Title"),
        "survey": _l("Survey"), "year": _l("Year"), "file_format": _l("Format"), "pages": _l("Pages"),
        "size_bytes": _l("Size (bytes)"), "tariff": _l("Tariff item"), "hardcopy_available": _l("Hardcopy available"),
        "requires_sppd": _l("Requires SPPD"), "active": _l("Active"), "description": _l("Description"),
    }
    choices_columns = {"product_type": PRODUCT_TYPES}


# --- sales requests -------------------------------------------------------------------------------

def _request_list_options():
    return [joinedload(SalesRequest.office), joinedload(SalesRequest.applicant).joinedload(AppUser.applicant_profile)]


class SalesStateFilter(BaseFilter):
    """`state` of the worklist: a state code, "open" (the office's work), "closed" or "all"."""

    name = _l("State")

    def apply(self, query, value):
        model = self.model
        if value == "open":
            return query.filter(model.status.in_(OPEN_STATES))
        if value == "closed":
            return query.filter(model.status.in_(SALES.final_states))
        if value == "payments":
            return query.filter(model.status.in_(("invoiced", "payment_reported")))
        if value in STATES:
            return query.filter(model.status == value)
        return query


class PaidBetween(BaseFilter):
    """value: (first, last) Jakarta days the payment was confirmed, either may be None."""

    name = _l("Paid")

    def apply(self, query, value):
        first, last = value
        query = query.filter(self.model.paid_amount > 0)
        if first:
            query = query.filter(self.model.paid_at >= utc_start_of(first))
        if last:
            query = query.filter(self.model.paid_at < utc_start_of(last + timedelta(days=1)))
        return query


class ProductTypeFilter(BaseFilter):
    name = _l("Product type")

    def apply(self, query, value):
        return query.filter(self.model.line_types.contains(value))


class SalesRequestView(ProcedureModelView):
    """The officer's worklist of the office, sorted by due date; the request page with its actions."""

    procedure = SALES
    datamodel = WorklistInterface(SalesRequest, options=_request_list_options, nulls_last=("invoice_expires_at",))
    class_permission_name = "SalesRequests"
    list_title = _l("Sales worklist")
    show_title = _l("Sales request")
    list_template = "sales/worklist.html"
    show_template = "sales/request_show.html"
    list_columns = ["label", "applicant_name", "office", "channel", "status", "product_types", "total", "sla_info",
                    "submitted_at"]
    order_columns = ["created_at", "total"]
    search_columns = ["status", "channel", "created_at"]
    default_state = "open"
    # Read from the trail, never typed in.
    add_exclude_columns = edit_exclude_columns = ["submitted_at"]
    show_fieldsets = [
        (_l("Request"), {"fields": ["label", "office", "applicant_name", "channel", "status", "purpose", "total",
                                    "created_at", "submitted_at"]}),
        (_l("Rp0 tariff"), {"fields": ["zero_tariff_requested", "zero_tariff_reason", "zero_tariff_decision"]}),
        (_l("Invoice and payment"), {"fields": ["invoice_number", "invoice_version", "billing_code",
                                                "invoice_expires_at", "payment_method", "ntpn", "payer_name",
                                                "paid_amount", "paid_at", "receipt_number"]}),
        (_l("Data-use agreement and delivery"), {"fields": ["sppd_originals_received", "sppd_originals_received_on",
                                                            "hardcopy_handed_over", "delivered_at", "dispute_note",
                                                            "correction_note"]}),
    ]
    label_columns = {
        "label": _l("Request"), "applicant_name": _l("Applicant"), "office": _l("Office"), "channel": _l("Channel"),
        "status": _l("State"), "product_types": _l("Products"), "total": _l("Total"), "sla_info": _l("Due"),
        "created_at": _l("Draft started"), "submitted_at": _l("Filed"), "purpose": _l("Purpose of use"),
        "zero_tariff_requested": _l("Rp0 tariff asked"),
        "zero_tariff_reason": _l("Grounds for Rp0"), "zero_tariff_decision": _l("Rp0 decision"),
        "invoice_number": _l("Invoice number"), "invoice_version": _l("Invoice version"),
        "billing_code": _l("Billing code"), "invoice_expires_at": _l("Pay before"),
        "payment_method": _l("Paid by"), "ntpn": _l("NTPN"), "payer_name": _l("Payer"),
        "paid_amount": _l("Amount paid"), "paid_at": _l("Paid at"), "receipt_number": _l("Receipt number"),
        "sppd_originals_received": _l("SPPD originals received"),
        "sppd_originals_received_on": _l("SPPD originals received on"),
        "hardcopy_handed_over": _l("Printed copies handed over"), "delivered_at": _l("Delivered at"),
        "dispute_note": _l("Invoice dispute"), "correction_note": _l("Correction asked"), "updated_at": _l("Changed"),
    }
    formatters_columns = {
        **ProcedureModelView.formatters_columns,
        "channel": label_of(CHANNELS), "total": rupiah, "paid_amount": _money_or_dash,
        "payment_method": label_of(PAYMENT_METHODS), "zero_tariff_decision": label_of(ZERO_TARIFF_DECISIONS),
        "invoice_expires_at": format_jakarta, "paid_at": format_jakarta, "delivered_at": format_jakarta,
        "zero_tariff_requested": yes_no, "sppd_originals_received": yes_no, "hardcopy_handed_over": yes_no,
        "office": lambda office: office.code + " " + office.name if office else "",
        **{name: shown for name in ("ntpn", "payer_name", "receipt_number", "invoice_number", "billing_code",
                                    "sppd_originals_received_on", "dispute_note", "correction_note",
                                    "zero_tariff_reason")},
    }

    money_columns = ("total", "paid_amount")

    # The worklist's own filter bar: ?state=… besides the channel, time limit and dates of every list;
    # the revenue figures link here with ?paid_from=&paid_to=&product_type=.
    def state_for_role(self) -> str:
        """The list opens on what the reader uses it for: an officer on the open work, a monitor (who
        acts on nothing) on every request of the offices they watch."""
        held = {role.name for role in getattr(current_user(), "roles", [])}
        return "all" if held and held <= {r.MONITOR} else self.default_state

    def _extra_filters(self):
        extra = super()._extra_filters()
        state = request.args.get("state", self.state_for_role())
        if state and state != "all":
            extra.add_filter("status", SalesStateFilter, state)
        paid = (parse_day(request.args.get("paid_from", "")), parse_day(request.args.get("paid_to", "")))
        if any(paid):
            extra.add_filter("paid_at", PaidBetween, paid)
        if request.args.get("product_type") in PRODUCT_TYPES:
            extra.add_filter("line_types", ProductTypeFilter, request.args["product_type"])
        return extra

    def render_template(self, template, **kwargs):
        kwargs.setdefault("sales_filters", {
            "states": [("open", _("Open")), ("all", _("All")), ("closed", _("Closed"))]
                      + [(code, str(label)) for code, label in STATES.items()],
            "channels": [("", _("All channels"))] + [(code, str(label)) for code, label in CHANNELS.items()],
            "flags": [("", _("Any time limit")), ("at_risk", _("At risk")), ("overdue", _("Overdue"))],
            "state": request.args.get("state", self.state_for_role()),
            "channel": request.args.get("channel", ""), "flag": request.args.get("flag", ""),
        })
        return super().render_template(template, **kwargs)

    def _get_show_widget(self, pk, item, widgets=None, actions=None, show_fieldsets=None):
        # The Rp0 section only where a Rp0 tariff was asked for.
        fieldsets = [fieldset for fieldset in (show_fieldsets or self.show_fieldsets)
                     if item.zero_tariff_requested or "zero_tariff_requested" not in fieldset[1]["fields"]]
        return super()._get_show_widget(pk, item, widgets=widgets, actions=actions, show_fieldsets=fieldsets)

    def _panel(self, record) -> dict:
        panel = super()._panel(record)
        user = current_user()
        panel["sales"] = {
            "lines": record.lines,
            "expected": expected_of_applicant(record),
            "next_step": next_step_for_staff(record),
            "editable": edit_role(SALES, "add_line", record, user) is not None,
            "lapsed": invoice_lapsed(record),
            "compose_url": url_for("SalesComposeView.compose", pk=record.id),
            "is_applicant": is_own(record, user),
            "profile": record.applicant.applicant_profile if record.applicant else None,
            "segments": SEGMENTS, "domiciles": DOMICILES, "id_documents": IDENTITY_DOCUMENTS,
        }
        return panel


class MySalesRequestView(SalesRequestView):
    """The applicant's own requests: state, due date, what is expected of them, every action."""

    class_permission_name = "MySalesRequests"
    list_title = _l("My sales requests")
    list_columns = ["label", "office", "status", "product_types", "total", "submitted_at"]
    base_order = ("id", "desc")
    default_state = "all"


class SalesPaymentsView(SalesRequestView):
    """The treasurer's list: invoices to confirm (NTPN, cash) and transfer proofs to check."""

    class_permission_name = "SalesPayments"
    list_title = _l("Payments to act on")
    list_columns = ["label", "applicant_name", "channel", "status", "total", "billing_code", "invoice_expires_at"]
    base_filters = [["status", SalesStateFilter, "payments"]]
    base_order = ("invoice_expires_at", "asc")
    default_state = "all"
