"""The recommendation letter: the office's wording, its number, its PDF (draft or signed), and
the effects of the procedure's `draft_letter`, `sign` and `send` steps."""
from __future__ import annotations

import re
import string
from datetime import date

from flask_babel import force_locale, pgettext
from flask_babel import gettext as _
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy import select

from app.core.calendar.clock import utcnow
from app.core.calendar.workdays import jakarta_today
from app.core.documents import attached as docs
from app.core.documents.numbering import next_number
from app.core.documents.pdf import DocumentPDF
from app.core.mail.outbox import queue_mail
from app.core.mail.templates import DEFAULT_TEMPLATES, render_event_mail
from app.core.values.formatting import indonesian_date
from app.core.values.validation import InvalidValue
from app.extensions import db
from app.recommendations.models import ACTIVITY_TYPES, LetterTemplate, RecommendationRequest
from app.recommendations.pades import certificate_for, sign_pdf

PROCEDURE_NAME = "recommendation"
LETTER_KIND = "letter"
LETTER_LANGUAGE = "id"  # official letters are always in Indonesian, whoever signs or reads them
BODY_PARTS = ("considerations", "suggestions", "conclusion")

# The built-in wording of an office's letter; an admin or the head edits it per office
# (Reference data > Letter templates). Jinja placeholders: the request's fields.
DEFAULT_TEMPLATE = {
    "subject": "Rekomendasi Kegiatan Statistik",
    "opening": (
        "Menindaklanjuti permohonan rekomendasi kegiatan statistik yang Saudara sampaikan kepada "
        "{{ office }}, dengan ini kami sampaikan hasil pemeriksaan atas rancangan kegiatan berikut:"
    ),
    "considerations": (
        "1. Rancangan kegiatan {{ activity_type|lower }} \"{{ title }}\" telah diperiksa dan diverifikasi "
        "bersama penyelenggara hingga lengkap dan jelas.\n"
        "2. Undang-Undang Nomor 16 Tahun 1997 tentang Statistik dan Peraturan Presiden Nomor 39 Tahun 2019 "
        "tentang Satu Data Indonesia menempatkan BPS sebagai pembina data statistik."
    ),
    "suggestions": (
        "1. Gunakan konsep, definisi, klasifikasi dan ukuran yang baku sesuai standar data BPS.\n"
        "2. Sampaikan metadata kegiatan dan hasilnya kepada {{ office }} setelah kegiatan selesai."
    ),
    "conclusion": (
        "Berdasarkan hal-hal tersebut, kegiatan \"{{ title }}\" yang diselenggarakan oleh {{ organiser }} "
        "LAYAK untuk dilaksanakan."
    ),
    "closing": (
        "Demikian rekomendasi ini kami sampaikan. Atas perhatian dan kerja sama Saudara, kami ucapkan terima kasih."
    ),
}

# The e-mail that carries the signed letter (admin-editable like every notification).
DEFAULT_TEMPLATES.setdefault("recommendation.send", {
    "id": (
        "[{{ record_label }}] Surat rekomendasi {{ letter_number }}",
        "Yth. {{ name }},\n\nBersama email ini kami kirimkan surat rekomendasi kegiatan statistik "
        "\"{{ title }}\" nomor {{ letter_number }} tanggal {{ letter_date }} (terlampir, PDF).\n"
        "Keaslian surat dapat diperiksa di {{ verify_url }}\n\n"
        "Mohon berikan penilaian atas layanan kami di {{ url }}\n\n"
        "Pelayanan Statistik Terpadu (PST) {{ office_name }}",
    ),
    "en": (
        "[{{ record_label }}] Recommendation letter {{ letter_number }}",
        "Dear {{ name }},\n\nPlease find attached (PDF) the recommendation letter for the statistical activity "
        "\"{{ title }}\", number {{ letter_number }} of {{ letter_date }}.\n"
        "Anyone holding it can verify it at {{ verify_url }}\n\n"
        "Please rate our service at {{ url }}\n\n"
        "Pelayanan Statistik Terpadu (PST) {{ office_name }}",
    ),
})

_env = SandboxedEnvironment(autoescape=False)
_MONTHS_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


# -- the office's wording ------------------------------------------------------------------

def default_signer_title(office) -> str:
    return "Kepala " + re.sub(r"^\s*BPS\b", "Badan Pusat Statistik", office.name or "Badan Pusat Statistik")


def template_for(office) -> dict:
    """The office's wording: its LetterTemplate row where filled in, the built-in text elsewhere."""
    row = db.session.scalars(select(LetterTemplate).where(LetterTemplate.office_id == office.id)).first()
    wording = dict(DEFAULT_TEMPLATE, place=office.place, signer_title=default_signer_title(office))
    if row is not None:
        for key in wording:
            value = getattr(row, key, None)
            if value and value.strip():
                wording[key] = value
    return wording


def template_context(record: RecommendationRequest) -> dict:
    return {
        "title": record.title, "organiser": record.organiser, "objective": record.objective,
        "activity_type": str(ACTIVITY_TYPES.get(record.activity_type, record.activity_type)),
        "population": record.population, "sample_size": record.sample_size or "", "method": record.method,
        "area": record.area, "period": record.period, "funding": record.funding,
        "office": record.office.name if record.office else "",
    }


def render_text(text: str, context: dict) -> str:
    try:
        return _env.from_string(text or "").render(context).strip()
    except Exception as exc:  # noqa: BLE001 - the wording is data: {{ 1/0 }} fails at render, not at parse
        raise InvalidValue(_("The letter template cannot be used: %(error)s", error=str(exc)))


def check_template_text(text: str) -> None:
    """For the template screen: refuse wording that would fail when a letter is drafted."""
    sample = RecommendationRequest(
        title="Survei Contoh", organiser="Dinas Contoh", objective="Contoh", activity_type="survey",
        population="Rumah tangga", sample_size=100, method="Wawancara", area="Kabupaten Contoh",
        start_date=date(2026, 1, 1), end_date=date(2026, 1, 31), funding="APBD")
    render_text(text, template_context(sample))


def suggested_body(record: RecommendationRequest) -> dict:
    """What the draft form offers: the current draft, or the office template filled in."""
    wording = template_for(record.office)
    context = template_context(record)
    return {part: getattr(record, part) or render_text(wording[part], context) for part in BODY_PARTS}


# -- the letter number ---------------------------------------------------------------------

def format_letter_number(pattern: str, seq: int, office, day: date) -> str:
    """`B-{seq:03d}/{office_code}0/HM.310/{year}` → `B-007/33240/HM.310/2026`.

    Fields: seq, office_code, year, month, month_roman. Only plain names (no attribute or item
    access), since the pattern is data an admin types."""
    values = {"seq": seq, "office_code": office.code, "year": day.year, "month": day.month,
              "month_roman": _MONTHS_ROMAN[day.month - 1]}
    try:
        for _literal, field, _spec, _conversion in string.Formatter().parse(pattern):
            if field is not None and field not in values:
                raise KeyError(field)
        return pattern.format(**values)
    except (KeyError, ValueError, IndexError):
        raise InvalidValue(_("The office's letter number pattern \"%(pattern)s\" is not valid; "
                             "an administrator must correct it.", pattern=pattern))


# -- the PDF ---------------------------------------------------------------------------------

# Room the signature takes below the last paragraph (title, space to sign, name, NIP, the QR beside it),
# and its width: enough for "Kepala Badan Pusat Statistik Provinsi …" on two lines broken between phrases.
SIGNATURE_HEIGHT = 64
SIGNATURE_WIDTH = 85


class LetterPDF(DocumentPDF):
    """The office letter: letterhead, a big DRAF watermark while drafted, the BSrE footer once signed."""

    MARGIN_BOTTOM = 32

    def __init__(self, office, title, number=None, verify_url=None, *, watermark: str = "", esign_note: str = ""):
        self.watermark = watermark  # set before the first page is added by DocumentPDF
        self.esign_note = esign_note
        super().__init__(office, title, number, verify_url)

    def header(self) -> None:
        if self.watermark:
            with self.local_context(text_color=(222, 222, 222)):
                self.set_font(self.base_family, "B", 110)
                width = self.get_string_width(self.watermark)
                with self.rotation(45, x=self.w / 2, y=self.h / 2):
                    self.text(self.w / 2 - width / 2, self.h / 2 + 15, self.watermark)
            self.set_font(self.base_family, "", self.BODY_SIZE)
        super().header()

    def footer(self) -> None:
        if self.esign_note:
            self.set_y(-self.MARGIN_BOTTOM + 1)
            self.set_font(self.base_family, "", 7)
            self.set_text_color(60)
            self.multi_cell(0, 3.2, self.esign_note, align="C")
            self.set_text_color(0)
        super().footer()

    def paragraph_height(self, text: str) -> float:
        self.set_font(self.base_family, "", self.BODY_SIZE)
        lines = self.multi_cell(0, self.LINE, text or "", align="J", dry_run=True, output="LINES")
        return len(lines) * self.LINE + 2

    def paragraph(self, text: str, heading: str | None = None) -> None:
        if heading:
            self.set_font(self.base_family, "B", self.BODY_SIZE)
            self.cell(0, self.LINE, heading, new_x="LMARGIN", new_y="NEXT")
        self.set_font(self.base_family, "", self.BODY_SIZE)
        self.multi_cell(0, self.LINE, text or "", align="J", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)


def render_letter(record: RecommendationRequest, verify_url: str | None = None, draft: bool = False,
                  esigned: bool = False) -> bytes:
    """The letter as PDF: `draft` marks it DRAF with neither number nor QR code. `esigned`: it is about
    to be PAdES-signed with the office's certificate, and only then says so in its footer."""
    with force_locale(LETTER_LANGUAGE):
        return _render(record, verify_url, draft, esigned)


def _footer_note(draft: bool, esigned: bool) -> str:
    if draft:
        return ""
    if esigned:
        return _("This document has been signed electronically using an electronic certificate issued by the "
                 "Electronic Certification Centre (BSrE), National Cyber and Crypto Agency (BSSN). Its authenticity "
                 "can be checked by scanning the QR code.")
    return _("The authenticity of this letter can be checked by scanning the QR code beside the signature.")


def _render(record, verify_url, draft, esigned) -> bytes:
    office = record.office
    wording = template_for(office)
    context = template_context(record)
    number = None if draft else record.letter_number
    day = None if draft else record.letter_date
    pdf = LetterPDF(
        office, _("Recommendation letter"), number, None if draft else verify_url,
        watermark=_("DRAFT") if draft else "", esign_note=_footer_note(draft, esigned),
    )
    if draft:
        pdf.set_subject(_("DRAFT") + " — " + _("not valid until signed"))
    pdf.set_keywords(" ".join(filter(None, [_("DRAFT") if draft else "", number or ""])))

    place_date = "%s, %s" % (wording["place"], indonesian_date(day) if day else _("(date of signing)"))
    top = pdf.get_y()
    pdf.set_x(pdf.w - pdf.r_margin - 75)
    pdf.cell(75, pdf.LINE, place_date, align="R")
    pdf.set_y(top)
    # The heading of an Indonesian official letter: Nomor, Sifat (Biasa), Lampiran, Hal; Yth. … di tempat.
    pdf.key_values([
        (pgettext("letter", "Number"), number or _("(given when signed)")),
        (pgettext("letter", "Nature"), pgettext("letter", "Ordinary")),
        (pgettext("letter", "Attachment"), "-"),
        (pgettext("letter", "Subject"), render_text(wording["subject"], context)),
    ], label_width=25)
    pdf.ln(2)
    for line in (pgettext("letter", "To"), record.contact_name or "", record.organiser or "",
                 pgettext("letter", "in place")):
        if line:
            pdf.cell(0, pdf.LINE, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.paragraph(render_text(wording["opening"], context))
    pdf.key_values([
        (_("Title of the activity"), record.title),
        (_("Organiser"), record.organiser),
        (_("Type of activity"), context["activity_type"]),
        (_("Objective"), record.objective),
        (_("Population"), record.population),
        (_("Sample size"), record.sample_size if record.sample_size else "-"),
        (_("Method"), record.method),
        (_("Area"), record.area),
        (_("Period"), record.period),
        (_("Funding"), record.funding),
    ], label_width=45)
    pdf.paragraph(record.considerations or "", _("Considerations"))
    pdf.paragraph(record.suggestions or "", _("Suggestions"))
    pdf.paragraph(record.conclusion or "", _("Conclusion"))
    closing = render_text(wording["closing"], context)
    # The closing paragraph and the signature stay together: neither is left alone on a page.
    if pdf.get_y() + pdf.paragraph_height(closing) + SIGNATURE_HEIGHT > pdf.page_break_trigger:
        pdf.add_page()
    pdf.paragraph(closing)

    if draft:
        head = office.head
        name, nip = (head.display_name, head.nip) if head else ("", None)
    else:
        name, nip = record.signer_name or "", record.signer_nip
    qr_top = pdf.get_y() + 8
    # The place and date head the letter, next to its number; the signature starts with the title.
    pdf.signature_block("", wording["signer_title"] + ",", name, nip, width=SIGNATURE_WIDTH)
    if verify_url and not draft:
        pdf.qr(verify_url, pdf.l_margin, qr_top, 30)
        pdf.set_xy(pdf.l_margin, qr_top + 30)
        pdf.set_font(pdf.base_family, "", 7)
        pdf.multi_cell(45, 3.2, _("Scan to verify this letter"), align="C")
    return pdf.output_bytes()


def letter_filename(record) -> str:
    number = re.sub(r"[^A-Za-z0-9.-]+", "-", record.letter_number or f"draft-{record.id}").strip("-")
    return f"surat-rekomendasi-{number}.pdf"


# -- the procedure's effects ------------------------------------------------------------------

def draft_letter(record: RecommendationRequest, ctx) -> None:
    """`draft_letter`: the body from the office template, with whatever the officer wrote over it."""
    suggested = suggested_body(record)
    body = ctx.values.get("body") or {}
    for part in BODY_PARTS:
        text = ctx.values.get(part) or body.get(part) or suggested[part]
        setattr(record, part, text.strip())
    ctx.extra_audit["body"] = {part: getattr(record, part) for part in BODY_PARTS}


def sign_letter(record: RecommendationRequest, ctx) -> None:
    """`sign`: the next number of the office's year, today's date, the head's name and NIP, the QR code
    to /verify, the BSrE footer — and a PAdES signature where the office has a certificate."""
    user = ctx.user
    if not (user.nip or "").strip():
        raise InvalidValue(_("Your NIP is missing from your account; an administrator must add it before you sign."))
    office = record.office
    today = jakarta_today()
    number = format_letter_number(office.letter_number_pattern,
                                  next_number(office.id, today.year, LETTER_KIND), office, today)
    record.letter_number, record.letter_date = number, today
    record.signer_id, record.signer_name, record.signer_nip = user.id, user.display_name, user.nip
    certificate = certificate_for(office.id)

    def render(_token: str, verify_url: str) -> bytes:
        pdf = render_letter(record, verify_url, esigned=certificate is not None)
        if certificate is None:
            return pdf
        return sign_pdf(pdf, certificate, name=user.display_name, location=template_for(office)["place"],
                        reason=f"Surat rekomendasi {number}")

    docs.issue(PROCEDURE_NAME, record, LETTER_KIND, render, letter_filename(record), user, ctx.role, number)
    ctx.extra_audit.update(letter_number=number, pades=certificate is not None)


def send_letter(record: RecommendationRequest, ctx) -> None:
    """`send`: the signed letter e-mailed (attached) to the applicant and the activity's contact."""
    letter = docs.current_document(PROCEDURE_NAME, record.id, LETTER_KIND)
    record.sent_at = utcnow()
    recipients = []
    if record.applicant and record.applicant.email:
        recipients.append((record.applicant.email, record.applicant.display_name,
                           getattr(record.applicant, "locale", None) or "id"))
    if record.contact_email and record.contact_email.lower() not in {r[0].lower() for r in recipients}:
        recipients.append((record.contact_email, record.contact_name, "id"))
    for email, name, locale in recipients:
        with force_locale(locale):
            context = {
                "name": name, "record_label": ctx.procedure.record_label(record), "title": record.title,
                "letter_number": record.letter_number, "letter_date": indonesian_date(record.letter_date),
                "verify_url": docs.verify_url(letter.token),
                "url": ctx.procedure.record_url(record, for_applicant=True),
                "office_name": record.office.name,
            }
            subject, body = render_event_mail("recommendation.send", locale, context)
        queue_mail(email, subject, body, event_name="recommendation.send", attachment_document_id=letter.id)
    ctx.extra_audit["sent_to"] = [email for email, _name, _locale in recipients]


def has_signed_letter(record) -> bool:
    return docs.current_document(PROCEDURE_NAME, record.id, LETTER_KIND) is not None
