"""The PNBP tariff list, the product catalogue an admin keeps, and sales requests with their lines."""
from __future__ import annotations

from datetime import date

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import relationship

from app.core.reference.changelog import ChangeLogged
from app.core.workflow.audit import first_taken_at
from app.core.workflow.records import ProcedureRecord

PRODUCT_TYPES = {
    "publication": _l("Publication"),
    "microdata": _l("Microdata"),
    "map": _l("Wilkerstat digital map"),
}
QUANTITY_UNITS = {"item": _l("item"), "page": _l("page"), "byte": _l("byte")}

# Products sold only with a data-use abstract and a signed SPPD (data-use agreement).
SPPD_PRODUCT_TYPES = ("microdata", "map")


class Tariff(ChangeLogged, Model):
    """One PNBP tariff item (PP 13/2024, or PP 7/2015 where an office still cites it), dated.

    Price for a quantity q: base_price covers up to base_quantity; every started extra_step
    beyond it adds extra_price (e.g. Rp15.000 per further 50 pages). Whole rupiah only.
    """

    __tablename__ = "tariff"
    __changelog_label__ = _l("PNBP tariff")
    __table_args__ = (
        CheckConstraint("base_price >= 0 AND extra_price >= 0", name="price_nonnegative"),
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


class Product(ChangeLogged, Model):
    """A statistical product an office sells: publication, microdata set or wilkerstat map."""

    __tablename__ = "product"
    __changelog_label__ = _l("Product")
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


# --- requests ------------------------------------------------------------------------------------

# Wilkerstat maps are sold by area level (sub-district or village boundaries).
AREA_LEVELS = {"subdistrict": _l("By sub-district (kecamatan)"), "village": _l("By village (desa)")}
PAYMENT_METHODS = {"cash": _l("Cash to the treasurer"), "billing": _l("Billing code (SIMPONI) at a bank"),
                   "transfer": _l("Transfer to the treasurer's account (foreign payers)"),
                   "none": _l("No payment (Rp0)")}
ZERO_TARIFF_DECISIONS = {"approved": _l("Approved"), "refused": _l("Refused")}


class SalesRequest(ProcedureRecord, Model):
    """A request to buy statistical products (permintaan penjualan produk statistik).

    `status` and `version` belong to the engine; `total` is always the sum of the lines
    (recompute_total), never a number someone typed.
    """

    __tablename__ = "sales_request"
    __table_args__ = (
        CheckConstraint("total >= 0", name="total_nonnegative"),
        UniqueConstraint("ntpn", name="uq_sales_request_ntpn"),  # one payment, one request
        Index("ix_sales_request_worklist", "office_id", "sla_due_date", "id"),
        # Revenue and the payment register: an office's payments of a period.
        Index("ix_sales_request_office_paid", "office_id", "paid_at"),
    )

    purpose = Column(Text, nullable=False, default="")
    total = Column(Integer, nullable=False, default=0)
    # The product types of the lines ("map,microdata"), kept with the total so lists need no join.
    line_types = Column(String(60), nullable=False, default="")
    # Tarif Rp0 "dengan pertimbangan tertentu" (PP 13/2024 art. 4): asked by the applicant,
    # decided by the officer.
    zero_tariff_requested = Column(Boolean, nullable=False, default=False)
    zero_tariff_reason = Column(Text, default="")
    zero_tariff_decision = Column(String(10))
    # The current invoice; every version is a Document of kind "invoice".
    invoice_number = Column(String(40))
    invoice_version = Column(Integer, nullable=False, default=0)
    billing_code = Column(String(15))  # kode billing SIMPONI
    invoice_issued_at = Column(DateTime)
    invoice_expires_at = Column(DateTime, index=True)
    # Payment and receipt (kuitansi).
    payment_method = Column(String(10))
    ntpn = Column(String(16))  # Nomor Transaksi Penerimaan Negara
    payer_name = Column(String(150))
    paid_amount = Column(Integer)
    paid_at = Column(DateTime, index=True)
    receipt_number = Column(String(40))
    # SPPD (Surat Perjanjian Penggunaan Data) originals mailed to the office.
    sppd_originals_received = Column(Boolean, nullable=False, default=False)
    sppd_originals_received_on = Column(Date)
    # Delivery.
    hardcopy_handed_over = Column(Boolean, nullable=False, default=False)
    delivered_at = Column(DateTime, index=True)
    dispute_note = Column(Text)
    correction_note = Column(Text)

    lines = relationship("SalesLine", back_populates="request", order_by="SalesLine.id",
                         cascade="all, delete-orphan")

    def __repr__(self):
        return self.label

    @property
    def label(self) -> str:
        return f"PJ-{self.id:06d}" if self.id else "PJ-new"

    def recompute_total(self) -> int:
        self.total = sum(line.line_total for line in self.lines)
        self.line_types = ",".join(sorted({line.product_type for line in self.lines}))
        return self.total

    @property
    def needs_sppd(self) -> bool:
        return any(line.requires_sppd for line in self.lines)

    @property
    def has_hardcopy(self) -> bool:
        return any(line.hardcopy for line in self.lines)

    @property
    def has_softcopy(self) -> bool:
        return any(not line.hardcopy for line in self.lines)

    @property
    def applicant_name(self) -> str:
        return self.applicant.display_name if self.applicant else ""

    @property
    def zero_tariff_pending(self) -> bool:
        return bool(self.zero_tariff_requested) and self.zero_tariff_decision is None

    @property
    def product_types(self) -> str:
        return ", ".join(str(PRODUCT_TYPES.get(code, code)) for code in (self.line_types or "").split(",") if code)


class SalesLine(Model):
    """One product of a request with its parameters and the price it was quoted at (whole rupiah)."""

    __tablename__ = "sales_line"
    __table_args__ = (
        CheckConstraint("quantity >= 1", name="quantity_positive"),
        CheckConstraint("unit_price >= 0 AND list_price >= 0 AND line_total >= 0",
                        name="prices_nonnegative"),
    )

    id = Column(Integer, primary_key=True)
    request_id = Column(Integer, ForeignKey("sales_request.id", ondelete="CASCADE"), nullable=False, index=True)
    request = relationship("SalesRequest", back_populates="lines")
    product_id = Column(Integer, ForeignKey("product.id"), nullable=False, index=True)
    product = relationship("Product", lazy="joined")
    # Copied from the product when quoted, so reports and invoices keep what was sold.
    product_type = Column(String(20), nullable=False)
    description = Column(String(250), nullable=False)
    tariff_id = Column(Integer, ForeignKey("tariff.id"))
    tariff = relationship("Tariff")
    # Copies (publications, maps) or datasets (microdata).
    quantity = Column(Integer, nullable=False, default=1)
    hardcopy = Column(Boolean, nullable=False, default=False)  # walk-in publications only
    variables = Column(Text, default="")  # microdata: variables chosen (empty: full set)
    area = Column(String(150), default="")  # microdata: province/regency; map: area covered
    area_level = Column(String(20))  # map: subdistrict or village
    # Price of one copy by the tariff (list_price) and as billed (unit_price: 0 under a zero tariff).
    list_price = Column(Integer, nullable=False, default=0)
    unit_price = Column(Integer, nullable=False, default=0)
    line_total = Column(Integer, nullable=False, default=0)

    @property
    def requires_sppd(self) -> bool:
        return self.product_type in SPPD_PRODUCT_TYPES

    @property
    def type_label(self):
        return PRODUCT_TYPES.get(self.product_type, self.product_type)

    @property
    def parameters(self) -> str:
        """The line's parameters as one readable phrase (invoices, lists)."""
        parts = []
        if self.product_type == "publication":
            parts.append(str(_l("hardcopy")) if self.hardcopy else str(_l("softcopy")))
        if self.variables:
            parts.append("%s: %s" % (_l("variables"), self.variables))
        elif self.product_type == "microdata":
            parts.append(str(_l("full set of variables")))
        if self.area:
            parts.append("%s: %s" % (_l("area"), self.area))
        if self.area_level:
            parts.append(str(AREA_LEVELS.get(self.area_level, self.area_level)))
        return "; ".join(parts)


# When the request was submitted (its first `submit`), as lists and pages show "Diajukan".
SalesRequest.submitted_at = first_taken_at(SalesRequest, "sales", "submit")
