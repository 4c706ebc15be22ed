"""The PDF base of every SatuPintu document: letterhead, footer, tables, QR codes.

Text is set in DejaVu Sans so that any name or address prints; app.core.documents.pdf_fonts makes
that as cheap as a built-in font.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable, Sequence
from typing import Protocol

import segno
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from app.core.documents.pdf_fonts import (
    FONT_FILES,
    UNICODE_FAMILY,
    SharedFont,
    SharedFontOutputProducer,
    font_template,
    warm_up,
)

log = logging.getLogger(__name__)

__all__ = ["DocumentPDF", "make_qr", "make_qr_png", "warm_up"]  # warm_up: call when a worker starts


def make_qr(url: str) -> segno.QRCode:
    # Level M survives a crease or a smudge on a printed page.
    return segno.make_qr(url, error="m")


def make_qr_png(url: str, scale: int = 8) -> bytes:
    """A PNG of the QR code for `url`, for web pages and e-mails."""
    out = io.BytesIO()
    make_qr(url).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


class Letterhead(Protocol):
    name: str | None
    address: str | None
    phone: str | None
    fax: str | None
    email: str | None
    website: str | None


_BPS_PREFIX = re.compile(r"^\s*(badan pusat statistik|bps)\b\s*", re.IGNORECASE)
# Where the name of a unit starts in a position ("Kepala BPS | Kabupaten Kendal").
_UNIT_PHRASE = re.compile(r"\b(Provinsi|Kabupaten|Kota|Republik Indonesia)\b")


class DocumentPDF(FPDF):
    """An A4 document with the office letterhead on its first page.

    The first page is already added, so callers write straight below the
    letterhead. ``font="helvetica"`` uses the PDF built-in font instead of
    DejaVu: faster to embed, but Latin-1 only, so it is for benchmarks and
    ASCII-only documents.
    """

    MARGIN_X = 20
    MARGIN_TOP = 15
    MARGIN_BOTTOM = 22
    BODY_SIZE = 10
    SMALL_SIZE = 8.5
    LINE = 5.5

    def __init__(self, office: Letterhead, title: str, number: str | None = None,
                 verify_url: str | None = None, *, font: str = UNICODE_FAMILY, page_format="A4"):
        # page_format: a named size, or (width, height) in mm for a slip (an 80 mm queue ticket).
        super().__init__(orientation="portrait", unit="mm", format=page_format)
        self.office = office
        self.document_title = title
        self.document_number = number
        self.verify_url = verify_url
        self.set_margins(self.MARGIN_X, self.MARGIN_TOP, self.MARGIN_X)
        self.set_auto_page_break(True, margin=self.MARGIN_BOTTOM)
        self.set_title(title if number is None else f"{title} {number}")
        self.set_author(office.name or "Badan Pusat Statistik")
        self.set_creator("SatuPintu")
        self.set_lang("id")
        if font == UNICODE_FAMILY:
            self._install_fonts()
        elif font != "helvetica":
            raise ValueError(f"unknown font {font!r}: use {UNICODE_FAMILY!r} or 'helvetica'")
        self.base_family = font
        self.set_font(font, "", self.BODY_SIZE)
        self.add_page()

    def _install_fonts(self) -> None:
        for style in FONT_FILES:
            self.fonts[UNICODE_FAMILY + style] = SharedFont.for_document(
                font_template(style), index=len(self.fonts) + 1
            )

    # -- page furniture -------------------------------------------------

    def header(self) -> None:
        if self.page == 1:
            self._letterhead()
            return
        # Later pages carry a discreet reminder of which document they belong to.
        self.set_font(self.base_family, "", 7.5)
        self.set_text_color(100)
        self.cell(self.epw / 2, 4, self.document_title)
        self.cell(0, 4, f"Nomor: {self.document_number}" if self.document_number else "",
                  align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0)
        self.ln(4)

    def _letterhead(self) -> None:
        office = self.office
        unit = _BPS_PREFIX.sub("", office.name or "").strip().upper()
        contact = ", ".join(part for part in (
            office.phone and f"Telp. {office.phone}",
            office.fax and f"Faks. {office.fax}",
        ) if part)
        online = ", ".join(part for part in (
            office.email and f"E-mail: {office.email}",
            office.website and f"Laman: {office.website}",
        ) if part)
        self.set_font(self.base_family, "B", 14)
        self.cell(0, 6.5, "BADAN PUSAT STATISTIK", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if unit:
            self.set_font(self.base_family, "B", 12)
            self.cell(0, 6, unit, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(self.base_family, "", self.SMALL_SIZE)
        for line in (office.address, contact, online):
            if line:
                self.cell(0, 4.2, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        # The double rule (thick over thin) of an Indonesian government kop surat.
        y = self.get_y() + 2
        self.set_line_width(0.8)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.set_line_width(0.2)
        self.line(self.l_margin, y + 1.1, self.w - self.r_margin, y + 1.1)
        self.set_y(y + 7)

    def footer(self) -> None:
        self.set_y(-self.MARGIN_BOTTOM + 8)
        self.set_font(self.base_family, "", 7)
        self.set_text_color(90)
        page = f"Halaman {self.page_no()} dari {{nb}}"
        page_width = 30
        if self.verify_url:
            self.cell(self.epw - page_width, 4,
                      f"Dokumen ini dapat diverifikasi di {self.verify_url}", link=self.verify_url)
        self.set_x(self.w - self.r_margin - page_width)
        self.cell(page_width, 4, page, align="R")
        self.set_text_color(0)

    # -- content helpers ------------------------------------------------

    def title_block(self, subtitle: str | None = None) -> None:
        """The document title, centred and underlined, with its number below."""
        self.set_font(self.base_family, "BU", 13)
        self.cell(0, 7, self.document_title.upper(), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(self.base_family, "", self.BODY_SIZE)
        for line in (self.document_number and f"Nomor: {self.document_number}", subtitle):
            if line:
                self.cell(0, self.LINE, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(4)

    def key_values(self, pairs: Iterable[tuple[str, object]], label_width: float = 45) -> None:
        """`Label : value` lines with the colons aligned; long values wrap."""
        self.set_font(self.base_family, "", self.BODY_SIZE)
        for label, value in pairs:
            self.cell(label_width, self.LINE, label)
            self.cell(4, self.LINE, ":")
            self.multi_cell(0, self.LINE, "" if value is None else str(value),
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[object]],
              col_widths: Sequence[float], aligns: Sequence[str] | None = None,
              totals: Iterable[tuple[str, str]] = ()) -> None:
        """A bordered table; widths in mm; the header row repeats after a page break.

        `totals` are (label, value) rows in bold: the label spans all columns
        but the last. This replaces FPDF.table(); the fpdf2 builder is still
        there as ``super().table``.
        """
        aligns = tuple(aligns or ("L",) * len(headers))
        self.set_font(self.base_family, "", 9)
        with super().table(
            col_widths=tuple(col_widths), width=sum(col_widths), align="LEFT",
            text_align=aligns, line_height=4.6, padding=(1.2, 1.5),
            headings_style=FontFace(emphasis="BOLD", fill_color=(225, 229, 235)),
            repeat_headings=1, first_row_as_headings=True,
        ) as builder:
            heading = builder.row()
            for text in headers:
                heading.cell(text, align="C")
            for values in rows:
                builder.row(["" if value is None else str(value) for value in values])
            bold = FontFace(emphasis="BOLD")
            for label, value in totals:
                row = builder.row(style=bold)
                row.cell(label, align="R", colspan=len(headers) - 1)
                row.cell(value, align=aligns[-1])
        self.set_font(self.base_family, "", self.BODY_SIZE)
        self.ln(3)

    def signature_block(self, place_date: str, role_title: str, name: str,
                        nip: str | None = None, width: float = 75, x: float | None = None) -> None:
        """Place and date, position, room to sign, name and NIP; at the right unless `x` is given."""
        height = self.LINE * 4 + 22
        if self.get_y() + 6 + height > self.page_break_trigger:
            self.add_page()  # a signature is never split from its name
        self.ln(6)
        x = self.w - self.r_margin - width if x is None else x
        self.set_font(self.base_family, "", self.BODY_SIZE)
        for text in (place_date, self.between_phrases(role_title, width)):
            self.set_x(x)
            self.multi_cell(width, self.LINE, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(20)
        self.set_x(x)
        self.set_font(self.base_family, "BU", self.BODY_SIZE)
        self.cell(width, self.LINE, name, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if nip:
            self.set_x(x)
            self.set_font(self.base_family, "", self.BODY_SIZE)
            self.cell(width, self.LINE, f"NIP. {nip}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(self.base_family, "", self.BODY_SIZE)

    def duty_stamp_box(self, x: float, y: float, width: float = 24, height: float = 16) -> None:
        """A dashed box where the signer sticks the Rp10.000 duty stamp (meterai) and signs across it."""
        self.set_draw_color(120)
        self.set_dash_pattern(dash=1, gap=1)
        self.rect(x, y, width, height)
        self.set_dash_pattern()
        self.set_draw_color(0)
        with self.local_context(text_color=(110, 110, 110)):
            self.set_font(self.base_family, "", 6.5)
            self.set_xy(x, y + height / 2 - 3.2)
            self.multi_cell(width, 3.2, "METERAI\nRp10.000", align="C")
        self.set_font(self.base_family, "", self.BODY_SIZE)

    def between_phrases(self, title: str, width: float) -> str:
        """A position that does not fit one line breaks before the unit's name ("Kepala Badan Pusat
        Statistik / Kabupaten Kendal"), never inside it."""
        if not title or self.get_string_width(title) <= width - 2:
            return title
        match = _UNIT_PHRASE.search(title)
        if match and match.start() > 0:
            return title[:match.start()].rstrip() + "\n" + title[match.start():]
        return title

    def qr(self, url: str, x: float, y: float, size_mm: float) -> None:
        """A QR code for `url`, `size_mm` square including the quiet zone the spec requires.

        Drawn as vector rectangles: crisp at any zoom or printer resolution,
        smaller than an image and cheaper than encoding a PNG.
        """
        matrix = [list(row) for row in make_qr(url).matrix_iter(border=4)]
        module = size_mm / len(matrix) * self.k
        left = x * self.k
        top = (self.h - y) * self.k
        rects = []
        for r, row in enumerate(matrix):
            bottom = top - (r + 1) * module
            c = 0
            while c < len(row):
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < len(row) and row[c]:
                    c += 1
                rects.append(f"{left + start * module:.3f} {bottom:.3f} "
                             f"{(c - start) * module:.3f} {module:.3f} re")
        # One path, one fill: viewers anti-alias it as a whole, so no hairline
        # seams show between neighbouring modules.
        self._out("q 0 g\n" + "\n".join(rects) + "\nf Q")

    # -- output -----------------------------------------------------------

    def output(self, name=""):
        # No `linearize`: fpdf2 2.8.9's linearized output fails even without our fonts.
        return super().output(name, output_producer_class=SharedFontOutputProducer)

    def output_bytes(self) -> bytes:
        return bytes(self.output())
