"""The PDFs of a sale: invoice, SPPD to sign, microdata sample, receipt (kuitansi).

Each `render_*` returns the `render(token, verify_url) -> bytes` that app.core.documents.attached.issue
calls, so every PDF carries the QR code and link of its own public verification page. Official
documents of an Indonesian office: they are always set in Indonesian (force_locale("id")).
"""
from __future__ import annotations

import hashlib
from datetime import datetime

from flask_babel import force_locale
from flask_babel import gettext as _

from app.core.calendar.clock import utcnow
from app.core.calendar.workdays import to_jakarta_date
from app.core.documents.pdf import DocumentPDF
from app.core.values.formatting import indonesian_date, indonesian_datetime, rupiah, terbilang

QR_SIZE = 28
DOCUMENT_LOCALE = "id"


def _date_text(when: datetime | None = None) -> str:
    """The Jakarta date of `when` (default: now) in words, "21 November 2026"."""
    return indonesian_date(to_jakarta_date(when or utcnow()))


def _today_text(office, when: datetime | None = None) -> str:
    return f"{office.place}, {_date_text(when)}"


def _qr_and_signature(pdf: DocumentPDF, verify_url: str, place_date: str, role_title: str, name: str,
                      nip: str | None, *, duty_stamp: bool = False, payer: str | None = None) -> None:
    """The verification QR code at the left, the signature block at the right, kept together.
    `duty_stamp`: marks where the Rp10.000 meterai goes. `payer`: a kuitansi's second column, where
    the one who paid signs (penyetor)."""
    needed = 6 + pdf.LINE * 4 + 22 + (QR_SIZE if payer is not None else 0)
    if pdf.get_y() + needed > pdf.page_break_trigger:
        pdf.add_page()
    top = pdf.get_y() + 6
    if payer is not None:
        pdf.set_y(top - 6)
        pdf.signature_block("", _("Paid in by,"), payer, None, x=pdf.l_margin)
        pdf.set_y(top - 6)
    else:
        _verify_qr(pdf, verify_url, pdf.l_margin, top)
        pdf.set_y(top - 6)
    pdf.signature_block(place_date, role_title, name or "", nip)
    if duty_stamp:
        pdf.duty_stamp_box(pdf.w - pdf.r_margin - 75 + 4, top + pdf.LINE * 2 + 1)
    if payer is not None:
        _verify_qr(pdf, verify_url, pdf.l_margin, pdf.get_y() + 4)


def _verify_qr(pdf: DocumentPDF, verify_url: str, x: float, y: float) -> None:
    pdf.qr(verify_url, x, y, QR_SIZE)
    pdf.set_xy(x, y + QR_SIZE)
    pdf.set_font(pdf.base_family, "", 7)
    pdf.multi_cell(60, 3.2, _("Scan to verify this document"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.base_family, "", pdf.BODY_SIZE)


def _paragraph(pdf: DocumentPDF, text: str, bold: bool = False, size: float | None = None) -> None:
    pdf.set_font(pdf.base_family, "B" if bold else "", size or pdf.BODY_SIZE)
    pdf.multi_cell(0, pdf.LINE, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.base_family, "", pdf.BODY_SIZE)


def _lines_table(pdf: DocumentPDF, request, total: int) -> None:
    """The priced lines of the request with their total (invoice and receipt)."""
    rows = [(index, line.description, line.parameters, line.quantity, rupiah(line.unit_price),
             rupiah(line.line_total)) for index, line in enumerate(request.lines, start=1)]
    pdf.table([_("No."), _("Product"), _("Details"), _("Qty"), _("Unit price"), _("Amount")], rows,
              col_widths=(9, 54, 45, 10, 26, 26), aligns=("C", "L", "L", "C", "R", "R"),
              totals=[(_("TOTAL"), rupiah(total))])


def tariff_regulations(request) -> list[str]:
    """The regulations of the tariff rows the lines were priced at (not the office's older citation):
    the office's full title of one where it names the same regulation."""
    office_text = request.office.tariff_regulation or ""
    cited = []
    for line in request.lines:
        regulation = (line.tariff.regulation if line.tariff else "") or ""
        if regulation and office_text.startswith(regulation):
            regulation = office_text
        if regulation and regulation not in cited:
            cited.append(regulation)
    return cited or ([office_text] if office_text else [])


def _applicant_pairs(request, name_label: str, identity: bool = False):
    """Who the document is for: name, institution, (identity document,) e-mail."""
    profile = request.applicant.applicant_profile if request.applicant else None
    pairs = [(name_label, request.applicant_name), (_("Institution"), getattr(profile, "institution", "") or "-")]
    if identity:
        pairs.append((_("Identity document"), getattr(profile, "id_document_number", "") or "-"))
    pairs.append((_("E-mail"), request.applicant.email if request.applicant else ""))
    return pairs


def render_invoice(request, number: str, version: int, officer, *, font: str = "dejavu"):
    """The invoice: lines, total in figures and words, billing code and expiry, how to pay."""

    def render(token: str, verify_url: str) -> bytes:
        with force_locale(DOCUMENT_LOCALE):
            office = request.office
            pdf = DocumentPDF(office, _("Invoice"), number, verify_url, font=font)
            pdf.title_block(_("Version %(v)d — replaces the earlier version", v=version) if version > 1 else None)
            expires = request.invoice_expires_at
            pdf.key_values([
                *_applicant_pairs(request, _("To")),
                (_("Request"), request.label),
                (_("Date"), _date_text(request.invoice_issued_at)),
                (_("Billing code"), request.billing_code or "-"),
                (_("Pay before"), indonesian_datetime(expires) if expires else "-"),
            ])
            _lines_table(pdf, request, request.total)
            _paragraph(pdf, _("In words: %(words)s", words=terbilang(request.total)), bold=True)
            pdf.ln(2)
            if request.total == 0:
                _paragraph(pdf, _("No payment is due: the tariff of this request is Rp0."))
            else:
                _paragraph(pdf, _("How to pay"), bold=True)
                _paragraph(pdf, _("Payers in Indonesia: pay with billing code %(code)s at a bank or post office "
                                  "teller, an ATM, or internet or mobile banking, before the date above. Keep the "
                                  "proof: it carries the NTPN.", code=request.billing_code or "-"), size=9)
                if request.channel == "walk_in":
                    _paragraph(pdf, _("At the desk: you may also pay in cash to the treasurer of the office."),
                               size=9)
                if office.treasurer_bank_account:
                    _paragraph(pdf, _("Payers abroad: transfer the total to %(bank)s account %(account)s in the "
                                      "name of %(holder)s, then upload the transfer proof in the portal.",
                                      bank=office.treasurer_bank_name or "-", account=office.treasurer_bank_account,
                                      holder=office.treasurer_bank_holder or "-"), size=9)
            if request.needs_sppd:
                _paragraph(pdf, _("This request includes microdata or maps: sign the data-use agreement (SPPD) "
                                  "attached to this invoice, upload its scan, and mail two originals over a "
                                  "Rp10.000 duty stamp to the address it names."), size=9)
            regulations = tariff_regulations(request)
            if regulations:
                _paragraph(pdf, _("Tariff: %(regulation)s.", regulation="; ".join(regulations)), size=8.5)
            _qr_and_signature(pdf, verify_url, _today_text(office, request.invoice_issued_at), _("PST officer"),
                              getattr(officer, "display_name", "") or "", getattr(officer, "nip", None))
            return pdf.output_bytes()

    return render


def render_sppd(request, number: str):
    """The data-use agreement (Surat Perjanjian Penggunaan Data) the applicant signs."""

    def render(token: str, verify_url: str) -> bytes:
        with force_locale(DOCUMENT_LOCALE):
            office = request.office
            pdf = DocumentPDF(office, _("Data-use agreement"), number, verify_url)
            pdf.title_block()
            _paragraph(pdf, _("The undersigned:"))
            pdf.key_values(_applicant_pairs(request, _("Name"), identity=True))
            _paragraph(pdf, _("receives from %(office)s the following data for this purpose: %(purpose)s",
                              office=office.name, purpose=request.purpose or "-"))
            pdf.ln(1)
            rows = [(i, line.description, line.parameters) for i, line in enumerate(request.lines, 1)
                    if line.requires_sppd]
            pdf.table([_("No."), _("Data"), _("Details")], rows, col_widths=(9, 80, 81), aligns=("C", "L", "L"))
            _paragraph(pdf, _("and agrees:"), bold=True)
            for index, clause in enumerate([
                _("to use the data only for the purpose stated above;"),
                _("not to give, sell or publish the data, in whole or in part, to any other party;"),
                _("not to identify any respondent from the data;"),
                _("to name Badan Pusat Statistik as the source in every publication that uses the data;"),
                _("to send the office a copy of every publication that uses the data;"),
                _("to accept the sanctions of Law 16/1997 on Statistics if this agreement is broken."),
            ], 1):
                _paragraph(pdf, f"{index}. {clause}", size=9.5)
            pdf.ln(2)
            _paragraph(pdf, _("Sign over a Rp10.000 duty stamp (meterai), upload the scan in the portal and mail "
                              "two signed originals to:"), size=9)
            _paragraph(pdf, (office.sppd_address or office.address or "").strip(), bold=True, size=9)
            _qr_and_signature(pdf, verify_url, _today_text(office, request.invoice_issued_at),
                              _("Data user"), request.applicant_name, None, duty_stamp=True)
            return pdf.output_bytes()

    return render


DEFAULT_SAMPLE_VARIABLES = ["PROV", "KAB", "KEC", "URUT", "JK", "UMUR", "FWT"]


def _sample_value(seed: str, column: str, row: int) -> str:
    digest = hashlib.sha256(f"{seed}:{column}:{row}".encode()).digest()
    if column.upper() in ("FWT", "WEIGHT", "BOBOT"):
        return f"{100 + digest[0] * 3 + digest[1] / 100:.2f}"
    return str(1 + int.from_bytes(digest[:2], "big") % 97)


def render_sample(request, number: str):
    """A few made-up rows in the layout of the chosen variables: what the data will look like."""

    def render(token: str, verify_url: str) -> bytes:
        with force_locale(DOCUMENT_LOCALE):
            office = request.office
            pdf = DocumentPDF(office, _("Microdata sample"), number, verify_url)
            pdf.title_block()
            _paragraph(pdf, _("Made-up values in the layout of the data you asked for, so that you can check "
                              "the variables before you pay. They are not real observations."), size=9)
            pdf.ln(2)
            for line in request.lines:
                if line.product_type != "microdata":
                    continue
                variables = [v.strip() for v in (line.variables or "").replace(";", ",").split(",") if v.strip()]
                columns = (variables or DEFAULT_SAMPLE_VARIABLES)[:7]
                _paragraph(pdf, f"{line.description} — {line.area}", bold=True, size=9.5)
                if not variables:
                    _paragraph(pdf, _("Full set: every variable of the dataset; the first columns are shown."),
                               size=8.5)
                width = 170 / len(columns)
                rows = [[_sample_value(f"{request.id}:{line.id}", c, r) for c in columns] for r in range(5)]
                pdf.table(columns, rows, col_widths=[width] * len(columns), aligns=["R"] * len(columns))
            return pdf.output_bytes()

    return render


def render_receipt(request, number: str, treasurer, *, font: str = "dejavu"):
    """The receipt (kuitansi): amount in figures and words, payer, items, treasurer's name and NIP."""

    def render(token: str, verify_url: str) -> bytes:
        with force_locale(DOCUMENT_LOCALE):
            office = request.office
            pdf = DocumentPDF(office, _("Receipt"), number, verify_url, font=font)
            pdf.title_block()
            method = {"cash": _("cash"), "billing": _("billing code"), "transfer": _("bank transfer")}.get(
                request.payment_method or "", request.payment_method or "-")
            pairs = [
                (_("Received from"), request.payer_name or request.applicant_name),
                (_("Amount"), rupiah(request.paid_amount or 0)),
                (_("In words"), terbilang(request.paid_amount or 0)),
                (_("For"), _("Purchase of statistical products, request %(label)s", label=request.label)),
                (_("Paid by"), method),
            ]
            if request.billing_code:
                pairs.append((_("Billing code"), request.billing_code))
            if request.ntpn:
                pairs.append((_("NTPN"), request.ntpn))
            pairs.append((_("Paid on"), _date_text(request.paid_at)))
            pdf.key_values(pairs)
            _lines_table(pdf, request, request.paid_amount or 0)
            _qr_and_signature(pdf, verify_url, _today_text(office, request.paid_at), _("Revenue treasurer,"),
                              getattr(treasurer, "display_name", "") or "", getattr(treasurer, "nip", None),
                              payer=request.payer_name or request.applicant_name)
            return pdf.output_bytes()

    return render
