"""Recommendation of statistical activities (Rekomendasi Kegiatan Statistik): the request and its letter,
the office's letter template, and the office's signing certificate for PAdES."""
from __future__ import annotations

from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import relationship

from app.core.calendar.clock import utcnow
from app.core.reference.changelog import ChangeLogged
from app.core.workflow.records import ProcedureRecord

ACTIVITY_TYPES = {
    "survey": _l("Survey"),
    "census": _l("Census"),
    "compilation": _l("Compilation of administrative data"),
}


class RecommendationRequest(ProcedureRecord, Model):
    """The form of a planned statistical activity, and the recommendation letter that answers it."""

    __tablename__ = "recommendation_request"

    # The activity, as the applicant describes it (formulir permintaan rekomendasi).
    title = Column(String(250), nullable=False)
    organiser = Column(String(200), nullable=False, default="")       # penyelenggara
    objective = Column(Text, nullable=False, default="")              # tujuan
    activity_type = Column(String(20), nullable=False, default="survey")
    population = Column(Text, nullable=False, default="")             # populasi / cakupan
    sample_size = Column(Integer)                                     # none for a census
    method = Column(Text, nullable=False, default="")                 # metode pengumpulan data
    variables = Column(Text, nullable=False, default="")
    area = Column(String(250), nullable=False, default="")            # wilayah
    start_date = Column(Date)
    end_date = Column(Date)
    funding = Column(String(200), nullable=False, default="")         # sumber dana
    contact_name = Column(String(150), nullable=False, default="")
    contact_email = Column(String(200), nullable=False, default="")   # never shown publicly

    # The letter the officer drafts and the head signs.
    considerations = Column(Text)                                     # pertimbangan
    suggestions = Column(Text)                                        # saran
    conclusion = Column(Text)                                         # kesimpulan
    letter_number = Column(String(80), unique=True)
    letter_date = Column(Date)
    signer_id = Column(Integer, ForeignKey("ab_user.id"))
    signer = relationship("AppUser", foreign_keys=[signer_id])
    # As printed on the letter: the head's name and NIP on the day of signing.
    signer_name = Column(String(150))
    signer_nip = Column(String(18))
    sent_at = Column(DateTime, index=True)

    def __repr__(self):
        return self.title or f"#{self.id}"

    @property
    def activity_type_label(self):
        return ACTIVITY_TYPES.get(self.activity_type, self.activity_type)

    @property
    def period(self) -> str:
        from app.core.values.formatting import indonesian_date

        if self.start_date and self.end_date:
            return f"{indonesian_date(self.start_date)} – {indonesian_date(self.end_date)}"
        return indonesian_date(self.start_date or self.end_date) if (self.start_date or self.end_date) else ""


class LetterTemplate(ChangeLogged, Model):
    """An office's wording of the recommendation letter. Texts are Jinja with the request's fields
    ({{ title }}, {{ organiser }}, {{ activity_type }}, {{ area }}, {{ period }} …). Without a row the
    built-in wording (app.recommendations.letters.DEFAULT_TEMPLATE) applies."""

    __tablename__ = "recommendation_letter_template"
    __changelog_label__ = _l("Letter template")

    id = Column(Integer, primary_key=True)
    office_id = Column(Integer, ForeignKey("office.id"), nullable=False, unique=True)
    office = relationship("Office")
    # Each text may stay empty: the built-in wording applies.
    place = Column(String(80))                                        # "Kendal" in "Kendal, 1 Juli 2026"
    signer_title = Column(String(200))                                # "Kepala BPS Kabupaten Kendal"
    subject = Column(String(200))                                     # Hal
    opening = Column(Text)
    considerations = Column(Text)
    suggestions = Column(Text)
    conclusion = Column(Text)
    closing = Column(Text)
    updated_at = Column(DateTime, default=utcnow, onupdate=utcnow)

    def __repr__(self):
        return str(self.office) if self.office else f"#{self.id}"


class SigningCertificate(ChangeLogged, Model):
    """An office's PKCS#12 signing certificate (BSrE), set by an admin: letters are then PAdES-signed.

    The PKCS#12 bytes live in this row, never under static/; the passphrase is stored encrypted
    with a key derived from the app's SECRET_KEY (app.recommendations.pades)."""

    __tablename__ = "recommendation_signing_certificate"
    __changelog_label__ = _l("Signing certificate")
    __changelog_secret__ = ("passphrase_encrypted",)

    id = Column(Integer, primary_key=True)
    office_id = Column(Integer, ForeignKey("office.id"), nullable=False, unique=True)
    office = relationship("Office")
    pkcs12 = Column(LargeBinary, nullable=False)
    passphrase_encrypted = Column(Text, nullable=False, default="")
    subject = Column(String(300), nullable=False, default="")
    serial = Column(String(80), nullable=False, default="")
    not_after = Column(DateTime)
    uploaded_at = Column(DateTime, nullable=False, default=utcnow)
    uploaded_by_id = Column(Integer, ForeignKey("ab_user.id"))
    uploaded_by = relationship("AppUser")

    def __repr__(self):
        return f"{self.office} — {self.subject}"
