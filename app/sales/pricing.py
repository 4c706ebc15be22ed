"""Quoting a product by the PNBP tariff in force, and building the lines of a request.

Money is whole rupiah. A line keeps the price it was quoted at; a request's total is always the
sum of its lines (SalesRequest.recompute_total), whatever anyone sends.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from app.core.calendar.workdays import jakarta_today
from app.core.values.validation import InvalidValue, parse_id
from app.core.workflow.records import CHANNEL_WALK_IN
from app.extensions import db
from app.sales.models import AREA_LEVELS, Product, SalesLine, Tariff

MAX_QUANTITY = 100
MAX_TEXT = 2000


class LineError(InvalidValue):
    """A bad line parameter; `field` names it for the 422 answer."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def tariff_in_force(product: Product, on: date | None = None) -> Tariff | None:
    """The product's tariff item, or the row of the same code in force on `on` (tariffs are dated)."""
    on = on or jakarta_today()
    tariff = product.tariff
    if tariff is not None and tariff.in_force(on):
        return tariff
    if tariff is None:
        return None
    candidates = db.session.scalars(
        select(Tariff).where(Tariff.code == tariff.code, Tariff.valid_from <= on).order_by(Tariff.valid_from.desc())
    ).all()
    return next((row for row in candidates if row.in_force(on)), None)


def billed_quantity(product: Product) -> int:
    """What the tariff counts for one copy: pages, bytes, or one item."""
    if product.product_type == "publication":
        return product.pages or 1
    if product.product_type == "microdata":
        return product.size_bytes or 0
    return 1


def list_price(product: Product, tariff: Tariff | None = None) -> int | None:
    tariff = tariff or tariff_in_force(product)
    return None if tariff is None else tariff.price_for(billed_quantity(product))


def _int(raw, field: str, default: int | None = None) -> int:
    if raw in (None, ""):
        if default is None:
            raise LineError(field, _("This field is required."))
        return default
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        raise LineError(field, _("Enter a whole number."))
    return value


def _text(raw, field: str, limit: int = MAX_TEXT) -> str:
    value = str(raw or "").strip()
    if len(value) > limit:
        raise LineError(field, _("At most %(n)d characters.", n=limit))
    return value


def _flag(raw) -> bool:
    if isinstance(raw, bool):
        return raw
    return str(raw or "").strip().lower() in {"1", "true", "yes", "y", "on"}


def build_line(request, raw: dict) -> SalesLine:
    """A priced line for `request` from raw input (form or JSON); raises LineError."""
    if raw.get("product") in (None, ""):
        raise LineError("product", _("This field is required."))
    product_id = parse_id(raw.get("product"))
    product = db.session.get(Product, product_id) if product_id else None
    if product is None or not product.active or product.office_id != request.office_id:
        raise LineError("product", _("Choose a product from the catalogue of this office."))
    tariff = tariff_in_force(product)
    if tariff is None:
        raise LineError("product", _("This product has no tariff in force; ask the office."))
    quantity = _int(raw.get("quantity"), "quantity", default=1)
    if not 1 <= quantity <= MAX_QUANTITY:
        raise LineError("quantity", _("The quantity must be between 1 and %(max)d.", max=MAX_QUANTITY))
    hardcopy = _flag(raw.get("hardcopy"))
    if hardcopy:
        if product.product_type != "publication" or not product.hardcopy_available:
            raise LineError("hardcopy", _("This product is not available on paper."))
        if request.channel != CHANNEL_WALK_IN:
            raise LineError("hardcopy", _("Printed copies are sold at the desk only (walk-in)."))
    variables = area = ""
    area_level = None
    if product.product_type == "microdata":
        variables = _text(raw.get("variables"), "variables")
        area = _text(raw.get("area"), "area", 150)
        if not area:
            raise LineError("area", _("Name the province or regency the data should cover."))
    elif product.product_type == "map":
        area = _text(raw.get("area"), "area", 150)
        area_level = str(raw.get("area_level") or "").strip() or "subdistrict"
        if area_level not in AREA_LEVELS:
            raise LineError("area_level", _("Choose the area level: sub-district or village."))
    price = tariff.price_for(billed_quantity(product))
    unit_price = 0 if request.zero_tariff_decision == "approved" else price
    return SalesLine(
        product=product, product_id=product.id, product_type=product.product_type,
        description=product.title[:250], tariff=tariff, tariff_id=tariff.id, quantity=quantity,
        hardcopy=hardcopy, variables=variables, area=area, area_level=area_level,
        list_price=price, unit_price=unit_price, line_total=unit_price * quantity,
    )


def apply_zero_tariff(request, approved: bool) -> None:
    """Re-bills every line at Rp0 (approved) or at its quoted price (refused), then the total."""
    for line in request.lines:
        line.unit_price = 0 if approved else line.list_price
        line.line_total = line.unit_price * line.quantity
    request.recompute_total()
