"""DejaVu for every document at the cost of a built-in font.

With plain fpdf2, every document would parse the TTF files (``add_font``) and run
fontTools' subsetter on them at output, together several times the cost of the rest
of a one-page document. Here each style is parsed once per process
(``_FontTemplate``), each document gets a light handle on it (``SharedFont``), and
output embeds the glyphs used with a small subsetter of our own (``_GlyfSubsetter``).
"""

from __future__ import annotations

import hashlib
import io
import logging
import struct
import threading
from copy import copy, deepcopy
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

# fpdf2 internals, pinned with fpdf2 itself; tests/test_pdf.py exercises them.
from fpdf.output import (
    CIDSystemInfo,
    OutputProducer,
    PDFFont,
    PDFFontStream,
    _build_cmap_blocks,
    _cid_font_widths,
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


def font_template(style: str) -> _FontTemplate:
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
        font_template(style)


class SharedFont(TTFFont):
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
    def for_document(cls, template: _FontTemplate, index: int) -> SharedFont:
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

    def __deepcopy__(self, memo: dict) -> SharedFont:
        # FPDFRecorder (unbreakable(), offset_rendering()) snapshots a document by
        # deep copy; only the per-document part needs copying.
        clone = SharedFont.__new__(SharedFont)
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


def _embed(producer: OutputProducer, font: SharedFont) -> PDFFont:
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
    """Output step that embeds SharedFont itself and leaves every other font to fpdf2."""

    def _add_fonts(self, *args):
        registry = self.fpdf.fonts
        shared = {key: font for key, font in registry.items() if isinstance(font, SharedFont)}
        for key in shared:  # hidden from fpdf2 while it embeds the others
            del registry[key]
        try:
            objects = super()._add_fonts(*args)
        finally:
            registry.update(shared)
        for font in shared.values():
            objects[font.i] = _embed(self, font)
        return objects


class SharedFontOutputProducer(_EmbedSharedFonts, OutputProducer):
    pass
