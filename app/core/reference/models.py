"""Offices and the lookup tables an admin keeps: holidays, document types, mail templates, standards."""
from __future__ import annotations

import re

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import relationship

from app.core.calendar.clock import utcnow
from app.core.reference.changelog import ChangeLogged

OFFICE_LEVELS = {
    "national": _l("National"),
    "province": _l("Province"),
    "regency": _l("Regency/city"),
}

SERVICES = {
    "sales": _l("Sales of statistical products"),
    "recommendation": _l("Recommendation of statistical activities"),
    "consultation": _l("Statistical consultation"),
    "library": _l("Library"),
    "complaint": _l("Complaints"),
}

CHANNELS = {"walk_in": _l("Walk-in"), "online": _l("Online")}


class Office(ChangeLogged, Model):
    """A BPS work unit (satker); every service record belongs to exactly one."""

    __tablename__ = "office"
    __changelog_label__ = _l("Office")
    id = Column(Integer, primary_key=True)
    code = Column(String(4), unique=True, nullable=False)
    name = Column(String(150), nullable=False)
    level = Column(String(16), nullable=False, default="regency")
    parent_id = Column(Integer, ForeignKey("office.id"), index=True)
    parent = relationship("Office", remote_side=[id], backref="children")
    address = Column(String(300), nullable=False, default="")
    phone = Column(String(100), default="")
    fax = Column(String(100), default="")
    email = Column(String(120), default="")
    website = Column(String(200), default="")
    whatsapp = Column(String(50), default="")
    complaint_website = Column(String(200), default="")
    social_media = Column(String(200), default="")
    sms = Column(String(50), default="")
    head_id = Column(Integer, ForeignKey("ab_user.id", use_alter=True, name="fk_office_head"))
    head = relationship("AppUser", foreign_keys=[head_id])
    letter_number_pattern = Column(
        String(120), nullable=False, default="B-{seq:03d}/{office_code}0/HM.310/{year}"
    )
    tariff_regulation = Column(String(200), default="")
    sppd_address = Column(Text, default="")
    treasurer_bank_name = Column(String(100), default="")
    treasurer_bank_account = Column(String(50), default="")
    treasurer_bank_holder = Column(String(150), default="")

    def __repr__(self):
        return f"{self.code} {self.name}"

    @property
    def level_label(self):
        return OFFICE_LEVELS.get(self.level, self.level)

    @property
    def place(self) -> str:
        """Where its documents are dated ("Kendal, 1 Juli 2026"): the unit's name without "BPS
        Kabupaten"; the national office dates in Jakarta."""
        name = re.sub(r"^\s*(badan pusat statistik|bps)\s*", "", self.name or "", flags=re.IGNORECASE)
        name = re.sub(r"^(kabupaten|kota|provinsi)\s+", "", name, flags=re.IGNORECASE).strip()
        return name or "Jakarta"


class HolidayOverride(ChangeLogged, Model):
    """An admin's correction to the national calendar: a local day off, or a forced working day."""

    __tablename__ = "holiday_override"
    __changelog_label__ = _l("Holiday")
    __table_args__ = (UniqueConstraint("day", "office_id", name="uq_holiday_override_day_office"),)
    id = Column(Integer, primary_key=True)
    day = Column(Date, nullable=False, index=True)
    is_day_off = Column(Boolean, nullable=False, default=True)
    name = Column(String(150), nullable=False)
    # Empty means every office.
    office_id = Column(Integer, ForeignKey("office.id"), index=True)
    office = relationship("Office")

    def __repr__(self):
        return f"{self.day} {self.name}"


class DocumentType(ChangeLogged, Model):
    """A kind of document a service asks for or issues (abstract, SPPD, invoice …)."""

    __tablename__ = "document_type"
    __changelog_label__ = _l("Document type")
    id = Column(Integer, primary_key=True)
    code = Column(String(40), unique=True, nullable=False)
    name = Column(String(150), nullable=False)
    name_en = Column(String(150), default="")
    service = Column(String(20), nullable=False, default="sales")
    issued_by_office = Column(Boolean, nullable=False, default=False)
    description = Column(Text, default="")

    def __repr__(self):
        return self.name


class EmailTemplate(ChangeLogged, Model):
    """The subject and body of a notification, per event and language, editable by admins."""

    __tablename__ = "email_template"
    __changelog_label__ = _l("E-mail template")
    __table_args__ = (UniqueConstraint("event", "locale", name="uq_email_template_event_locale"),)
    id = Column(Integer, primary_key=True)
    event = Column(String(80), nullable=False)
    locale = Column(String(5), nullable=False, default="id")
    subject = Column(String(200), nullable=False)
    body = Column(Text, nullable=False)
    updated_at = Column(DateTime, default=utcnow, onupdate=utcnow)

    def __repr__(self):
        return f"{self.event} ({self.locale})"


class ServiceStandard(ChangeLogged, Model):
    """One office's published standard (standar pelayanan) for one service and channel."""

    __tablename__ = "service_standard"
    __changelog_label__ = _l("Service standard")
    __table_args__ = (
        UniqueConstraint("office_id", "service", "channel", name="uq_service_standard"),
    )
    id = Column(Integer, primary_key=True)
    office_id = Column(Integer, ForeignKey("office.id"), nullable=False, index=True)
    office = relationship("Office")
    service = Column(String(20), nullable=False)
    channel = Column(String(10), nullable=False)
    decree = Column(String(120), default="")
    requirements = Column(Text, nullable=False, default="")
    procedure = Column(Text, nullable=False, default="")
    time_limit = Column(Text, nullable=False, default="")
    cost = Column(Text, nullable=False, default="")
    products = Column(Text, nullable=False, default="")
    complaint_channels = Column(Text, nullable=False, default="")
    working_days_limit = Column(Integer)

    def __repr__(self):
        return f"{self.office} — {self.service} ({self.channel})"

    @property
    def service_label(self):
        return SERVICES.get(self.service, self.service)

    @property
    def channel_label(self):
        return CHANNELS.get(self.channel, self.channel)

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in (text or "").splitlines() if line.strip()]
