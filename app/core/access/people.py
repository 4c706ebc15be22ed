"""People: the staff user (with office and NIP), the applicant's profile, and login records."""
from __future__ import annotations

from flask_appbuilder import Model
from flask_appbuilder.security.sqla.models import RegisterUser as FabRegisterUser
from flask_appbuilder.security.sqla.models import User as FabUser
from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import relationship

from app.core.calendar.clock import utcnow

SEGMENTS = {
    "government": _l("Government"),
    "private": _l("Private"),
    "education": _l("Education"),
    "research": _l("Research"),
    "media": _l("Media"),
    "individual": _l("Individual"),
    "international": _l("International body"),
}
DOMICILES = {"domestic": _l("Domestic"), "foreign": _l("Foreign")}
IDENTITY_DOCUMENTS = {
    "ktp": _l("KTP (identity card)"),
    "sim": _l("SIM (driving licence)"),
    "passport": _l("Passport"),
    "kitas": _l("KITAS"),
    "other": _l("Other"),
}


class AppUser(FabUser):
    """FAB's user, plus the office a staff member belongs to and their NIP."""

    __tablename__ = "ab_user"
    office_id = Column(Integer, ForeignKey("office.id"), index=True)
    office = relationship("Office", foreign_keys=[office_id])
    nip = Column(String(18))
    locale = Column(String(5))
    applicant_profile = relationship("ApplicantProfile", uselist=False, back_populates="user")

    @property
    def display_name(self) -> str:
        if self.applicant_profile and self.applicant_profile.full_name:
            return self.applicant_profile.full_name
        return f"{self.first_name} {self.last_name}".strip()


class ProfileFields:
    """Columns the registration request and the applicant profile share."""

    full_name = Column(String(150))
    phone = Column(String(30))
    institution = Column(String(150))
    segment = Column(String(20))
    npwp = Column(String(16))
    domicile = Column(String(10))
    id_document_type = Column(String(10))
    id_document_number = Column(String(40))


class ApplicantProfile(ProfileFields, Model):
    """Who a member of the public is, as the service standards ask (segment, NPWP, identity)."""

    __tablename__ = "applicant_profile"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("ab_user.id"), unique=True, nullable=False)
    user = relationship("AppUser", back_populates="applicant_profile")
    # The office that recorded a walk-in visitor, or the one an online applicant chose.
    office_id = Column(Integer, ForeignKey("office.id"), index=True)
    office = relationship("Office")
    created_at = Column(DateTime, default=utcnow)

    @property
    def email(self) -> str:
        return self.user.email if self.user else ""

    def __repr__(self):
        return self.full_name or ""


class ApplicantRegistration(ProfileFields, FabRegisterUser):
    """A pending self-registration; it becomes a User and an ApplicantProfile on activation."""

    __tablename__ = "ab_register_user"
    office_id = Column(Integer, ForeignKey("office.id"))
    locale = Column(String(5))


class LoginEvent(Model):
    """Every login attempt, successful or not, for the security audit."""

    __tablename__ = "login_event"
    id = Column(Integer, primary_key=True)
    at = Column(DateTime, default=utcnow, nullable=False, index=True)
    username = Column(String(100), nullable=False)
    user_id = Column(Integer, ForeignKey("ab_user.id"))
    success = Column(Boolean, nullable=False)
    channel = Column(String(10), nullable=False, default="web")
    remote_addr = Column(String(64))
