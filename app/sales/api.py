"""REST resources of the sale (SPEC §9): `sales_request` (the procedure), `tariff` and `product` (read-only)."""
from __future__ import annotations

from flask_appbuilder.models.filters import BaseFilter
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.core.access.scoping import current_scope, visible
from app.core.web.procedure_api import ProcedureApi
from app.core.web.rest import RestApi
from app.core.web.worklist import WorklistInterface
from app.extensions import db
from app.sales.models import Product, SalesRequest, Tariff
from app.sales.procedure import SALES, invoice_lapsed
from app.sales.service import create_draft, expected_of_applicant

REQUEST_COLUMNS = ["id", "status", "version", "channel", "office_id", "office.code", "applicant_id", "purpose",
                   "total", "zero_tariff_requested", "zero_tariff_decision", "invoice_number", "invoice_version",
                   "billing_code", "invoice_expires_at", "payment_method", "ntpn", "paid_amount", "paid_at",
                   "receipt_number", "sppd_originals_received", "hardcopy_handed_over", "delivered_at",
                   "sla_state", "sla_due_date", "created_at", "updated_at"]


class SalesRequestApi(ProcedureApi):
    resource_name = "sales_request"
    procedure = SALES
    datamodel = WorklistInterface(SalesRequest)
    list_columns = ["id", "status", "channel", "office.code", "applicant_id", "total", "sla_state", "sla_due_date",
                    "invoice_expires_at", "created_at", "updated_at"]
    show_columns = REQUEST_COLUMNS
    order_columns = ["id", "created_at", "sla_due_date", "total", "status"]
    search_columns = ["status", "channel", "created_at"]
    base_order = ("id", "desc")
    label_columns = {"total": _l("Total"), "invoice_expires_at": _l("Pay before"), "paid_amount": _l("Amount paid")}
    money_columns = ("total", "paid_amount")
    add_exclude_columns = edit_exclude_columns = ["submitted_at"]  # read from the trail

    def create_draft(self, payload: dict, user):
        return create_draft(payload, user)

    def _lines(self, record) -> list[dict]:
        return [{"id": line.id, "product": line.product_id, "product_type": line.product_type,
                 "description": line.description, "quantity": line.quantity, "hardcopy": line.hardcopy,
                 "variables": line.variables, "area": line.area, "area_level": line.area_level,
                 "list_price": line.list_price, "unit_price": line.unit_price, "line_total": line.line_total}
                for line in record.lines]

    def _add_details(self, result: dict, record) -> dict:
        """What the columns do not say: the lines, whether an unpaid invoice has lapsed (it expires at the
        next `flask sales expire`) and what the applicant is expected to do now."""
        result["lines"] = self._lines(record)
        result["lapsed"] = invoice_lapsed(record)
        result["expected_of_applicant"] = expected_of_applicant(record)
        return result

    def serialize(self, record) -> dict:
        return self._add_details(self.show_model_schema.dump(record), record)

    def pre_get(self, data: dict) -> None:
        # FAB found the row through the scope filter; the session already holds it.
        record = db.session.get(SalesRequest, data.get("id"))
        if record is not None and "result" in data:
            self._add_details(data["result"], record)


class TariffApi(RestApi):
    """The PNBP tariff list: public information, read-only."""

    resource_name = "tariff"
    datamodel = SQLAInterface(Tariff)
    include_route_methods = {"get", "get_list", "info"}
    allow_browser_login = False
    list_columns = show_columns = ["id", "code", "name", "product_type", "quantity_unit", "base_price",
                                   "base_quantity", "extra_step", "extra_price", "regulation", "valid_from",
                                   "valid_to", "note"]
    order_columns = ["code", "valid_from"]
    search_columns = ["code", "product_type", "regulation", "valid_from"]
    base_order = ("code", "asc")


class CatalogueFilter(BaseFilter):
    """Staff read their office's catalogue (and a monitor its descendants'); applicants, who buy from
    any office, read every active product."""

    name = "catalogue"

    def apply(self, query, value):
        scope = current_scope()
        if scope.everything or scope.office_ids:
            return query.filter(visible(Product, scope))
        if scope.owner_id is not None:
            return query.filter(Product.active.is_(True))
        return query.filter(Product.id.is_(None))


class ProductApi(RestApi):
    resource_name = "product"
    datamodel = SQLAInterface(Product)
    include_route_methods = {"get", "get_list", "info"}
    allow_browser_login = False
    base_filters = [["id", CatalogueFilter, lambda: None]]
    list_columns = show_columns = ["id", "office.code", "product_type", "title", "survey", "year", "file_format",
                                   "pages", "size_bytes", "tariff_id", "tariff.code", "tariff.regulation",
                                   "hardcopy_available", "requires_sppd", "active", "description"]
    order_columns = ["title", "year", "product_type"]
    search_columns = ["product_type", "title", "year"]
    base_order = ("title", "asc")

    def pre_get(self, data: dict) -> None:
        self._prices([data.get("result") or {}], [data.get("id")])

    def pre_get_list(self, data: dict) -> None:
        self._prices(data.get("result") or [], data.get("ids") or [])

    @staticmethod
    def _prices(rows: list[dict], ids: list) -> None:
        """The price of one copy by the tariff in force, for each product (two statements in all)."""
        from sqlalchemy.orm import selectinload

        from app.sales.pricing import list_price

        products = {p.id: p for p in db.session.scalars(
            select(Product).options(selectinload(Product.tariff)).where(Product.id.in_([i for i in ids if i])))}
        for row, pk in zip(rows, ids):
            product = products.get(pk)
            row["price"] = list_price(product) if product is not None else None

