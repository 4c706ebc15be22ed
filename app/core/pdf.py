"""The PDF base of every SatuPintu document: letterhead, footer, tables, QR codes.

Text is set in DejaVu Sans so that any name or address prints. With plain
fpdf2, every document would parse the TTF files (``add_font``) and run
fontTools' subsetter on them at output, together several times the cost of
the rest of a one-page document. Here each style is parsed once per process
(``_FontTemplate``), each document gets a light handle on it
(``_SharedFont``), and output embeds the glyphs used with a small subsetter
of our own (``_GlyfSubsetter``).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import struct
import threading
from collections.abc import Iterable, Sequence
from copy import copy, deepcopy
from pathlib import Path
from typing import Protocol

import segno
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace, SubsetMap, TTFFont
# fpdf2 internals, pinned with fpdf2 itself; tests/test_pdf.py exercises them.
from fpdf.output import (
    CIDSystemInfo, OutputProducer, PDFFont, PDFFontStream, _build_cmap_blocks, _cid_font_widths,
)
from fpdf.syntax import Name, PDFArray, PDFContentStream

log = logging.getLogger(__name__)

FONT_DIR = Path(__file__).with_name("fonts")
UNICODE_FAMILY = "dejavu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}

# TTFFont attributes that describe the font file and never change after parsing.
_SHARED_SLOTS = (
    "type", "name", "fontkey", "emphasis", "ttffile", "scale", "cw", "cmap", "glyph_ids",
    "up", "ut", "sp", "ss", "palette_index", "is_compressed", "is_cff", "is_cid_keyed",
    "is_symbol", "cff_ros", "collection_font_number",
)


class _Widths(dict):
    """Glyph advance widths whose lookups never write.

    fpdf2 keeps widths in a defaultdict, so looking up a character the font
    lacks inserts it. Shared between threads that would be a write to shared
    state; here a miss just returns the default.
    """

    def __init__(self, widths: dict, default: float):
        super().__init__(widths)
        self.default = default

    def __missing__(self, key: int) -> float:
        return self.default


class _FontTemplate:
    """One DejaVu style, parsed once per process and read-only afterwards."""

    def __init__(self, style: str):
        path = FONT_DIR / FONT_FILES[style]
        # fpdf2 parses the font itself, so widths, descriptor and cmap are
        # exactly those its own add_font computes.
        scratch = FPDF()
        scratch.add_font(UNICODE_FAMILY, style, path)
        parsed: TTFFont = scratch.fonts[UNICODE_FAMILY + style]
        parsed.ttfont.close()
        parsed.cw = _Widths(parsed.cw, parsed.desc.missing_width)
        self.prototype = parsed
        self.subsetter = _GlyfSubsetter(path.read_bytes())


_templates: dict[str, _FontTemplate] = {}
_templates_lock = threading.Lock()


def _template(style: str) -> _FontTemplate:
    template = _templates.get(style)
    if template is None:
        with _templates_lock:
            template = _templates.get(style)
            if template is None:
                template = _templates[style] = _FontTemplate(style)
    return template


def warm_up() -> None:
    """Parse the fonts now (e.g. when a worker starts) rather than in the first request."""
    for style in FONT_FILES:
        _template(style)


class _SharedFont(TTFFont):
    """One document's handle on a _FontTemplate.

    fpdf2 keeps two kinds of state in a TTFFont. What it parsed from the file
    (widths, cmap, glyph ids, names, metrics) never changes afterwards, so it is
    shared by reference. What one document did with it is fresh per document:
    the used-glyph map (``subset``), ``missing_glyphs``, the largest size used,
    and the descriptor, which becomes a numbered PDF object. Documents rendered
    at the same time in different threads never write to anything they share
    (fpdf2's own functools.cache on SubsetMap aside: it is keyed per document).
    """

    __slots__ = ("_template", "_own_ttfont")

    @classmethod
    def for_document(cls, template: _FontTemplate, index: int) -> _SharedFont:
        font = cls.__new__(cls)
        prototype = template.prototype
        for name in _SHARED_SLOTS:
            setattr(font, name, getattr(prototype, name))
        font.i = index
        font.desc = copy(prototype.desc)
        font.missing_glyphs = []
        font.biggest_size_pt = 0
        font.color_font = None  # DejaVu has no colour glyphs
        font._hbfont = None
        font._template = template
        font._own_ttfont = None
        font.subset = SubsetMap(font)
        return font

    @property
    def ttfont(self) -> TTFont:
        # Only text shaping (uharfbuzz) reads the fontTools font; embedding
        # does not, so it is opened, privately, on first use only.
        if self._own_ttfont is None:
            self._own_ttfont = TTFont(self.ttffile, lazy=True, recalcTimestamp=False)
        return self._own_ttfont

    @ttfont.setter
    def ttfont(self, value: TTFont) -> None:
        self._own_ttfont = value

    def close(self) -> None:
        if self._own_ttfont is not None:
            self._own_ttfont.close()
        self._hbfont = None

    def __deepcopy__(self, memo: dict) -> _SharedFont:
        # FPDFRecorder (unbreakable(), offset_rendering()) snapshots a document by
        # deep copy; only the per-document part needs copying.
        clone = _SharedFont.__new__(_SharedFont)
        memo[id(self)] = clone
        for name in (*_SHARED_SLOTS, "i", "biggest_size_pt", "color_font", "_hbfont",
                     "_template", "_own_ttfont"):
            setattr(clone, name, getattr(self, name))
        clone.desc = copy(self.desc)
        clone.missing_glyphs = list(self.missing_glyphs)
        clone.subset = deepcopy(self.subset, memo)
        return clone


# -- embedding ---------------------------------------------------------------
#
# fpdf2 embeds a TrueType font by running fontTools' general-purpose subsetter
# on it: about 25 ms per DejaVu style and document, so regular and bold cost
# more than drawing the rest of a one-page invoice. A PDF needs far less: the
# outlines of the glyphs used.
# _GlyfSubsetter copies those outlines (and the hinting programs) byte for
# byte and rebuilds only the tables that index glyphs. Glyph ids are made
# equal to the codes fpdf2 assigned, so the CIDToGIDMap is /Identity.

_ARGS_ARE_WORDS, _HAVE_SCALE, _MORE_COMPONENTS, _HAVE_XY_SCALE, _HAVE_2X2 = 0x1, 0x8, 0x20, 0x40, 0x80
_COPIED_TABLES = ("OS/2", "cvt ", "fpgm", "gasp", "prep")


def _component_refs(glyph: bytes) -> tuple[tuple[int, int], ...]:
    """(offset of the glyph index, component glyph id) of each part of a composite glyph."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph)[0] >= 0:
        return ()
    refs, pos = [], 10
    while True:
        flags, gid = struct.unpack_from(">HH", glyph, pos)
        refs.append((pos + 2, gid))
        pos += 8 if flags & _ARGS_ARE_WORDS else 6
        pos += 2 if flags & _HAVE_SCALE else 4 if flags & _HAVE_XY_SCALE else 8 if flags & _HAVE_2X2 else 0
        if not flags & _MORE_COMPONENTS:
            return tuple(refs)


def _checksum(data: bytes) -> int:
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


def _patched(table: bytes, *fields: tuple) -> bytes:
    """`table` with each (offset, struct format, *values) written over it."""
    out = bytearray(table)
    for offset, fmt, *values in fields:
        struct.pack_into(fmt, out, offset, *values)
    return bytes(out)


def _union(boxes: list[tuple[int, int, int, int]]) -> tuple[int, int, int, int]:
    if not boxes:
        return 0, 0, 0, 0
    x_min, y_min, x_max, y_max = zip(*boxes)
    return min(x_min), min(y_min), max(x_max), max(y_max)


def _cmap_format4(gid_by_unicode: dict[int, int]) -> bytes:
    """A cmap with one (Windows, Unicode BMP) subtable; PDF readers go by the
    CIDToGIDMap, but other tools expect a font to have one."""
    chars = sorted(c for c in gid_by_unicode if 0 < c < 0xFFFF)
    starts = [*chars, 0xFFFF]
    deltas = [*((gid_by_unicode[c] - c) & 0xFFFF for c in chars), 1]
    count = len(starts)
    power = 1 << (count.bit_length() - 1)
    arrays = struct.pack(f">{count}HH{count}H{count}H{count}H",
                         *starts, 0, *starts, *deltas, *[0] * count)  # one char per segment
    subtable = struct.pack(">7H", 4, 14 + len(arrays), 0, 2 * count, 2 * power,
                           power.bit_length() - 1, 2 * count - 2 * power) + arrays
    return struct.pack(">HHHHI", 0, 1, 3, 1, 12) + subtable


def _sfnt(tables: dict[str, bytes]) -> bytes:
    tags = sorted(tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    directory = [struct.pack(">IHHHH", 0x00010000, count, 16 * power,
                             power.bit_length() - 1, 16 * (count - power))]
    bodies, offset, head_offset = [], 12 + 16 * count, 0
    for tag in tags:
        data = tables[tag]
        padded = data + b"\0" * (-len(data) % 4)
        if tag == "head":
            head_offset = offset
        directory.append(struct.pack(">4sIII", tag.encode("latin-1"), _checksum(padded),
                                     offset, len(data)))
        bodies.append(padded)
        offset += len(padded)
    font = bytearray(b"".join(directory + bodies))
    struct.pack_into(">I", font, head_offset + 8, (0xB1B0AFBA - _checksum(font)) & 0xFFFFFFFF)
    return bytes(font)


class _GlyfSubsetter:
    """A TrueType (glyf) font reduced to the raw pieces a subset is built from."""

    def __init__(self, data: bytes):
        font = TTFont(io.BytesIO(data), recalcTimestamp=False)
        raw = font.reader
        order = font.getGlyphOrder()
        self.glyph_id = {name: gid for gid, name in enumerate(order)}
        self.glyf = raw["glyf"]
        self.loca = list(font["loca"].locations)
        metrics = font["hmtx"].metrics
        self.metrics = [metrics[name] for name in order]
        self.components = {
            gid: refs for gid in range(len(order))
            if (refs := _component_refs(self.glyf[self.loca[gid]:self.loca[gid + 1]]))
        }
        self.copied = {tag: raw[tag] for tag in _COPIED_TABLES if tag in raw}
        self.head, self.hhea, self.maxp = raw["head"], raw["hhea"], raw["maxp"]
        # post format 3: no glyph names, which a PDF never needs
        self.post = _patched(raw["post"][:32], (0, ">I", 0x00030000))
        names = font["name"]
        names.names = [n for n in names.names if n.nameID <= 6 and n.platformID == 3]
        self.name = names.compile(font)
        font.close()

    def subset(self, gid_by_code: dict[int, int], code_by_unicode: dict[int, int]) -> bytes:
        """A font holding the glyphs of `gid_by_code`, each at the id equal to its code.

        fpdf2 hands out codes from 1 up and keeps 0 for .notdef and 0x20 for the
        space, so the only gap, below 0x20, costs a few bytes.
        """
        order = [gid_by_code.get(code, -1) for code in range(max(gid_by_code) + 1)]
        new_id: dict[int, int] = {}
        for new, old in enumerate(order):
            if old >= 0:
                new_id.setdefault(old, new)
        position = 0
        while position < len(order):  # composite glyphs pull in their parts, transitively
            for _, part in self.components.get(order[position], ()):
                if part not in new_id:
                    new_id[part] = len(order)
                    order.append(part)
            position += 1

        glyphs, locations, metrics, end = [], [0], [], 0
        bounds = []
        for old in order:
            if old < 0:  # a code fpdf2 reserved but left unused: an empty glyph
                glyph, advance = b"", (0, 0)
            else:
                glyph, advance = self.glyf[self.loca[old]:self.loca[old + 1]], self.metrics[old]
                if old in self.components:
                    patched = bytearray(glyph)
                    for offset, part in self.components[old]:
                        struct.pack_into(">H", patched, offset, new_id[part])
                    glyph = bytes(patched)
                if glyph:
                    bounds.append(struct.unpack_from(">4h", glyph, 2))
                glyph += b"\0" * (-len(glyph) % 4)
            glyphs.append(glyph)
            metrics += advance
            end += len(glyph)
            locations.append(end)
        count = len(order)
        return _sfnt({
            **self.copied,
            "head": _patched(self.head, (8, ">I", 0), (50, ">h", 1),  # long loca offsets
                             (36, ">4h", *_union(bounds))),
            "hhea": _patched(self.hhea, (34, ">H", count)),
            "maxp": _patched(self.maxp, (4, ">H", count)),
            "hmtx": struct.pack(">" + "Hh" * count, *metrics),
            "loca": struct.pack(f">{count + 1}I", *locations),
            "glyf": b"".join(glyphs),
            "cmap": _cmap_format4(code_by_unicode),
            "post": self.post,
            "name": self.name,
        })


_TO_UNICODE = (
    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
    "/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    "{entries}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
)


def _embed(producer: OutputProducer, font: _SharedFont) -> PDFFont:
    """The PDF objects of one document's font, as fpdf2's own embedding makes them."""
    gid_by_code, code_by_unicode, widths, to_unicode = {}, {}, {}, []
    glyph_id = font._template.subsetter.glyph_id
    for glyph, code in font.subset.items():
        if glyph is None:
            continue
        gid_by_code[code] = glyph_id[glyph.glyph_name]
        widths[code] = glyph.glyph_width
        text = "".join(map(chr, glyph.unicode))
        if len(glyph.unicode) == 1:
            code_by_unicode[glyph.unicode[0]] = code
        if text:
            to_unicode.append(f"<{code:04X}> <{text.encode('utf-16-be').hex().upper()}>\n")
    if font.missing_glyphs:
        log.warning("%s has no glyph for %s", font.name,
                    ", ".join(f"U+{c:04X}" for c in font.missing_glyphs[:10]))
    program = font._template.subsetter.subset(gid_by_code, code_by_unicode)
    # A subset's name starts with a tag that differs between different subsets.
    tag = "".join(chr(65 + b % 26) for b in hashlib.blake2s(program, digest_size=6).digest())
    base_font = f"{tag}+{font.name}"

    type0 = PDFFont(subtype="Type0", base_font=base_font, encoding="Identity-H")
    cid_font = PDFFont(subtype="CIDFontType2", base_font=base_font,
                       d_w=font.desc.missing_width, w=_cid_font_widths(widths))
    cid_font.c_i_d_to_g_i_d_map = Name("Identity")
    type0.descendant_fonts = PDFArray([cid_font])
    type0.to_unicode = PDFContentStream(
        _TO_UNICODE.format(entries=_build_cmap_blocks(to_unicode, "bfchar")).encode("latin-1"),
        compress=producer.fpdf.compress,
    )
    cid_font.c_i_d_system_info = CIDSystemInfo()
    descriptor = cid_font.font_descriptor = font.desc
    descriptor.font_name = Name(base_font)
    descriptor.font_file2 = PDFFontStream(contents=program)
    for obj in (type0, cid_font, type0.to_unicode, cid_font.c_i_d_system_info,
                descriptor, descriptor.font_file2):
        producer._add_pdf_obj(obj, "fonts")
    # fpdf2's memo on these methods is process-wide and would keep every document
    # alive; fpdf2 clears it after embedding too. Other documents' entries go
    # with it and are simply recomputed, to the same values.
    font.subset.pick.cache_clear()
    font.subset.get_glyph.cache_clear()
    return type0


class _EmbedSharedFonts:
    """Output step that embeds _SharedFont itself and leaves every other font to fpdf2."""

    def _add_fonts(self, *args):
        registry = self.fpdf.fonts
        shared = {key: font for key, font in registry.items() if isinstance(font, _SharedFont)}
        for key in shared:  # hidden from fpdf2 while it embeds the others
            del registry[key]
        try:
            objects = super()._add_fonts(*args)
        finally:
            registry.update(shared)
        for font in shared.values():
            objects[font.i] = _embed(self, font)
        return objects


class _OutputProducer(_EmbedSharedFonts, OutputProducer):
    pass


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
                 verify_url: str | None = None, *, font: str = UNICODE_FAMILY):
        super().__init__(orientation="portrait", unit="mm", format="A4")
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
            self.fonts[UNICODE_FAMILY + style] = _SharedFont.for_document(
                _template(style), index=len(self.fonts) + 1
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
                        nip: str | None = None, width: float = 75) -> None:
        """Place and date, position, room to sign, name and NIP, at the right."""
        height = self.LINE * 4 + 22
        if self.get_y() + 6 + height > self.page_break_trigger:
            self.add_page()  # a signature is never split from its name
        self.ln(6)
        x = self.w - self.r_margin - width
        self.set_font(self.base_family, "", self.BODY_SIZE)
        for text in (place_date, role_title):
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
        return super().output(name, output_producer_class=_OutputProducer)

    def output_bytes(self) -> bytes:
        return bytes(self.output())
