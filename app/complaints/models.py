"""A complaint (pengaduan) and where it came from."""
from __future__ import annotations

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, and_
from sqlalchemy.orm import relationship

from app.core.workflow.records import ProcedureRecord

WEBSITE = "website"
LAPOR = "lapor"
# Where a complaint arrived (seeds: kotak saran, website, e-mail, WhatsApp, media sosial, LAPOR!).
CHANNELS = {
    WEBSITE: _l("Complaint page (website)"),
    "box": _l("Suggestion box"),
    "email": _l("E-mail"),
    "whatsapp": _l("WhatsApp"),
    "social": _l("Social media"),
    "phone": _l("Telephone"),
    LAPOR: _l("LAPOR!"),
}
# The ones staff record: what arrived anywhere but the public page.
STAFF_CHANNELS = {code: label for code, label in CHANNELS.items() if code != WEBSITE}


class Complaint(ProcedureRecord, Model):
    """One complaint. The complainant may stay anonymous and have no account (`applicant_id` empty): the
    address they left is where they hear of it, and the tracking code is how they follow it."""

    __tablename__ = "complaint"
    __table_args__ = (UniqueConstraint("office_id", "lapor_id", name="uq_complaint_office_lapor"),)

    tracking_code = Column(String(10), nullable=False, unique=True)   # Crockford base32
    name = Column(String(150), nullable=False, default="")           # empty: anonymous
    email = Column(String(200), nullable=False, default="")
    phone = Column(String(30), nullable=False, default="")
    body = Column(Text, nullable=False)
    # The request, ticket or letter it is about, as typed and as found in the office's records.
    about_number = Column(String(80), nullable=False, default="")
    about_procedure = Column(String(30))
    about_record_id = Column(Integer)
    about_officer_id = Column(Integer, ForeignKey("ab_user.id"), index=True)
    about_officer = relationship("AppUser", foreign_keys=[about_officer_id])
    # When it reached the office (a LAPOR! ticket or a letter before it was typed in): the clock counts from it.
    received_at = Column(DateTime, nullable=False)
    lapor_id = Column(String(40))
    answer = Column(Text)
    answered_at = Column(DateTime)
    internal_note = Column(Text, nullable=False, default="")         # never shown to the public
    forwarded_from_id = Column(Integer, ForeignKey("office.id"))
    forwarded_from = relationship("Office", foreign_keys=[forwarded_from_id])

    def __repr__(self):
        return self.label

    @property
    def label(self) -> str:
        return f"ADU-{self.id:05d}" if self.id else "ADU-new"

    @property
    def channel_label(self):
        return CHANNELS.get(self.channel, self.channel)

    @classmethod
    def hidden_from_staff(cls, scope):
        """The officer a complaint is about never finds it, in any list, page, API or action."""
        if not scope.user_id:
            return None
        return and_(cls.about_officer_id.is_not(None), cls.about_officer_id == scope.user_id)

    def applicant_address(self) -> tuple[str, str, str] | None:
        from flask_babel import gettext as _

        if self.applicant_id:
            return super().applicant_address()
        if not self.email:
            return None
        return self.email, self.name or _("Complainant"), "id"
