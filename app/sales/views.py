"""Admin screens of the tariff list and the product catalogue."""
from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.core.formatting import rupiah
from app.core.scoping import ScopedMixin
from app.core.views import SatuPintuModelView, label_of
from app.sales.models import PRODUCT_TYPES, QUANTITY_UNITS, Product, Tariff


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
    formatters_columns = {"base_price": rupiah, "extra_price": rupiah, "product_type": label_of(PRODUCT_TYPES),
                          "quantity_unit": label_of(QUANTITY_UNITS)}


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
    formatters_columns = {"product_type": label_of(PRODUCT_TYPES)}
