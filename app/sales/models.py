"""The PNBP tariff list and the product catalogue an admin keeps."""
from __future__ import annotations

from datetime import date

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, CheckConstraint, Column, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship

PRODUCT_TYPES = {
    "publication": _l("Publication"),
    "microdata": _l("Microdata"),
    "map": _l("Wilkerstat digital map"),
}
QUANTITY_UNITS = {"item": _l("item"), "page": _l("page"), "byte": _l("byte")}


class Tariff(Model):
    """One PNBP tariff item (PP 13/2024, or PP 7/2015 where an office still cites it), dated.

    Price for a quantity q: base_price covers up to base_quantity; every started extra_step
    beyond it adds extra_price (e.g. Rp15.000 per further 50 pages). Whole rupiah only.
    """

    __tablename__ = "tariff"
    __table_args__ = (
        CheckConstraint("base_price >= 0 AND extra_price >= 0", name="ck_tariff_price_nonnegative"),
    )
    id = Column(Integer, primary_key=True)
    code = Column(String(40), nullable=False, index=True)
    name = Column(String(250), nullable=False)
    product_type = Column(String(20), nullable=False)
    quantity_unit = Column(String(10), nullable=False, default="item")
    base_price = Column(Integer, nullable=False)
    base_quantity = Column(Integer, nullable=False, default=1)
    extra_step = Column(Integer, nullable=False, default=0)
    extra_price = Column(Integer, nullable=False, default=0)
    regulation = Column(String(200), nullable=False)
    valid_from = Column(Date, nullable=False)
    valid_to = Column(Date)
    note = Column(Text, default="")

    def __repr__(self):
        return f"{self.name} ({self.regulation})"

    def price_for(self, quantity: int) -> int:
        quantity = max(int(quantity or 0), 0)
        extra = max(quantity - self.base_quantity, 0)
        if not extra or not self.extra_step:
            return self.base_price
        steps = -(-extra // self.extra_step)
        return self.base_price + steps * self.extra_price

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


class Product(Model):
    """A statistical product an office sells: publication, microdata set or wilkerstat map."""

    __tablename__ = "product"
    id = Column(Integer, primary_key=True)
    office_id = Column(Integer, ForeignKey("office.id"), nullable=False, index=True)
    office = relationship("Office")
    product_type = Column(String(20), nullable=False, index=True)
    title = Column(String(250), nullable=False)
    survey = Column(String(150), default="")
    year = Column(Integer)
    file_format = Column(String(40), default="")
    pages = Column(Integer)
    size_bytes = Column(Integer)
    tariff_id = Column(Integer, ForeignKey("tariff.id"), nullable=False)
    tariff = relationship("Tariff")
    hardcopy_available = Column(Boolean, nullable=False, default=False)
    requires_sppd = Column(Boolean, nullable=False, default=False)
    active = Column(Boolean, nullable=False, default=True)
    description = Column(Text, default="")

    def __repr__(self):
        return self.title

    @property
    def type_label(self):
        return PRODUCT_TYPES.get(self.product_type, self.product_type)
