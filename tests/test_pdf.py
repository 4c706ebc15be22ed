"""DocumentPDF: valid, extractable, thread-safe PDFs with the shared DejaVu fonts."""

import io
import shutil
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.subset import Subsetter
from fontTools.ttLib import TTFont
from fpdf.errors import FPDFUnicodeEncodingException
from fpdf.fonts import TTFFont
from PIL import Image

from app.core.documents.pdf import DocumentPDF, make_qr, make_qr_png, warm_up
from app.core.documents.pdf_fonts import FONT_DIR, FONT_FILES, UNICODE_FAMILY, font_template
from app.core.values.formatting import rupiah, terbilang

OFFICE = SimpleNamespace(
    name="BPS Kabupaten Sleman",
    address="Jl. Candi Gebang No. 1, Beran, Tridadi, Sleman 55511",
    phone="(0274) 4461000",
    fax=None,
    email="bps3404@bps.go.id",
    website="https://slemankab.bps.go.id",
)
INDONESIAN = "Pembayaran layanan — salinan “Statistik Daerah” untuk Sdr. Agus Salim, Rp1.250.000"

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) is not installed",
)


def invoice(number="INV/3404/2026/000123", note=INDONESIAN, rows=10, cls=DocumentPDF, **kwargs):
    pdf = cls(OFFICE, "Invoice", number, f"https://satupintu.example/v/{number}", **kwargs)
    pdf.title_block()
    pdf.key_values([("Kepada", "Sdr. Agus Salim"), ("Keterangan", note)])
    items = [(n + 1, f"Salinan publikasi {2016 + n}", 1, rupiah(150_000), rupiah(150_000))
             for n in range(rows)]
    pdf.table(["No", "Uraian", "Jml", "Harga", "Jumlah"], items, (10, 80, 14, 33, 33),
              ("C", "L", "C", "R", "R"), totals=[("TOTAL", rupiah(150_000 * rows))])
    pdf.multi_cell(0, pdf.LINE, f"Terbilang: {terbilang(150_000 * rows)}",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.qr(f"https://satupintu.example/v/{number}", pdf.l_margin, pdf.get_y() + 4, 28)
    pdf.signature_block("Sleman, 21 November 2026", "Kepala BPS Kabupaten Sleman",
                        "Dr. Siti Nurhaliza, S.Si.", "198001012005012001")
    return pdf.output_bytes()


def pdftotext(data: bytes, *pages: str) -> str:
    done = subprocess.run(["pdftotext", "-q", *pages, "-", "-"], input=data,
                          capture_output=True, check=True)
    return done.stdout.decode()


def flatten(text: str) -> str:
    return " ".join(text.split())


def test_document_is_a_pdf():
    data = invoice()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert len(data) < 60_000  # fonts are subset, not embedded whole (~750 KB each)


@needs_poppler
def test_text_is_extractable():
    text = flatten(pdftotext(invoice()))
    for expected in ("BADAN PUSAT STATISTIK", "KABUPATEN SLEMAN", "Nomor: INV/3404/2026/000123",
                     "Rp1.500.000", "satu juta lima ratus ribu rupiah", "NIP. 198001012005012001",
                     "Dokumen ini dapat diverifikasi di https://satupintu.example/v/",
                     "Halaman 1 dari 1"):
        assert expected in text


@needs_poppler
def test_indonesian_text_and_em_dash(caplog):
    note = INDONESIAN + " — café, Jl. Malioboro № 5 ± 10 m ‘kutipan’ …"
    text = flatten(pdftotext(invoice(note=note)))
    assert note in text
    assert "has no glyph" not in caplog.text


@needs_poppler
def test_documents_rendered_at_once_in_threads_stay_apart():
    # Different scripts give each document a different glyph set and code order.
    notes = ["Kota Yogyakarta — café", "Ελληνικά και Ρωμαϊκά", "Кириллица и латиница",
             "Ærø Łódź Žižek ñ Å"]
    barrier = threading.Barrier(len(notes))

    def render(i):
        barrier.wait()
        return invoice(number=f"T/{i}", note=notes[i])

    with ThreadPoolExecutor(len(notes)) as pool:
        documents = list(pool.map(render, range(len(notes))))
    for i, data in enumerate(documents):
        text = flatten(pdftotext(data))
        assert notes[i] in text and f"Nomor: T/{i}" in text
        assert not any(other in text for j, other in enumerate(notes) if j != i)


@needs_poppler
def test_many_threads_many_documents():
    with ThreadPoolExecutor(8) as pool:
        documents = list(pool.map(lambda i: invoice(number=f"M/{i}", note=f"Catatan {i}"),
                                  range(24)))
    for i, data in enumerate(documents):
        assert f"Catatan {i}" in flatten(pdftotext(data))


def test_documents_reuse_the_parsed_font(monkeypatch):
    warm_up()

    def parse_again(*args, **kwargs):
        raise AssertionError("a document parsed or subset the TTF with fontTools")

    for cls in (TTFFont, TTFont):
        monkeypatch.setattr(cls, "__init__", parse_again)
    monkeypatch.setattr(Subsetter, "subset", parse_again)
    assert invoice().startswith(b"%PDF-")


class FpdfEmbedding(DocumentPDF):
    """fpdf2's own add_font and fontTools embedding, the reference to match."""

    def _install_fonts(self):
        for style, filename in FONT_FILES.items():
            self.add_font(UNICODE_FAMILY, style, FONT_DIR / filename)


@needs_poppler
def test_renders_pixel_for_pixel_like_fpdf2_own_embedding(tmp_path):
    note = INDONESIAN + " Ærø Łódź ŉ ǻ ẅ Ελληνικά Кириллица ← ≤ € ₹ ✓ ﬁ"
    pages = {}
    for name, cls in (("shared", DocumentPDF), ("fpdf", FpdfEmbedding)):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(invoice(note=note, cls=cls))
        done = subprocess.run(["pdftoppm", "-r", "100", str(path), str(tmp_path / name)],
                              capture_output=True, check=True)
        assert done.stderr == b""
        pages[name] = (tmp_path / f"{name}-1.ppm").read_bytes()
    assert pages["shared"] == pages["fpdf"]


def test_subset_font_program_is_valid_truetype():
    pdf = DocumentPDF(OFFICE, "Uji")
    pdf.cell(0, 5, "Åé ǻ Rp ﬁ")  # composite glyphs: their parts must come along
    font = pdf.fonts[UNICODE_FAMILY]
    template = font_template("")
    subsetter = template.subsetter
    used = [(glyph, code) for glyph, code in font.subset.items() if glyph is not None]
    program = subsetter.subset({code: subsetter.glyph_id[g.glyph_name] for g, code in used},
                               {g.unicode[0]: code for g, code in used})

    subset = TTFont(io.BytesIO(program), checkChecksums=2)
    subset.ensureDecompiled()
    full = TTFont(FONT_DIR / FONT_FILES[""])
    glyphs, reference = subset.getGlyphSet(), full.getGlyphSet()
    order = subset.getGlyphOrder()
    cmap = subset.getBestCmap()
    for glyph, code in used:
        ours, theirs = DecomposingRecordingPen(glyphs), DecomposingRecordingPen(reference)
        glyphs[order[code]].draw(ours)
        reference[glyph.glyph_name].draw(theirs)
        assert ours.value == theirs.value, glyph.glyph_name
        assert subset["hmtx"][order[code]] == full["hmtx"][glyph.glyph_name]
        if glyph.unicode[0]:
            assert cmap[glyph.unicode[0]] == order[code]


@needs_poppler
def test_table_header_repeats_after_page_break():
    data = invoice(rows=40)
    assert "Halaman 2 dari" in flatten(pdftotext(data))
    second_page = flatten(pdftotext(data, "-f", "2", "-l", "2"))
    assert "Uraian" in second_page and "Nomor: INV/3404/2026/000123" in second_page


@needs_poppler
def test_unbreakable_block_snapshots_the_shared_font():
    pdf = DocumentPDF(OFFICE, "Surat", "B-1/3404/2026")
    pdf.cell(0, 5, "Sebelum", new_x="LMARGIN", new_y="NEXT")
    with pdf.unbreakable() as block:
        block.cell(0, 5, "Di dalam — blok", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 5, "Sesudah ✓", new_x="LMARGIN", new_y="NEXT")
    text = flatten(pdftotext(pdf.output_bytes()))
    assert "Sebelum Di dalam — blok Sesudah ✓" in text


def test_helvetica_variant_is_latin1_only():
    assert invoice(note="Latin-1 only", font="helvetica").startswith(b"%PDF-")
    with pytest.raises(FPDFUnicodeEncodingException):
        invoice(note="em dash — here", font="helvetica")


def test_qr_png():
    assert make_qr_png("https://satupintu.example/v/1").startswith(b"\x89PNG\r\n\x1a\n")


@needs_poppler
def test_qr_is_drawn_module_for_module(tmp_path):
    url = "https://satupintu.example/v/INV-2026-000123"
    pdf = DocumentPDF(OFFICE, "Uji QR")
    x, y, size = 40, 100, 50
    pdf.qr(url, x, y, size)
    (tmp_path / "qr.pdf").write_bytes(pdf.output_bytes())
    subprocess.run(["pdftoppm", "-r", "200", "-gray", str(tmp_path / "qr.pdf"),
                    str(tmp_path / "qr")], check=True)
    page = Image.open(tmp_path / "qr-1.pgm")
    matrix = [list(row) for row in make_qr(url).matrix_iter(border=4)]
    dots_per_mm = 200 / 25.4
    module = size / len(matrix)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            centre = ((x + (c + 0.5) * module) * dots_per_mm, (y + (r + 0.5) * module) * dots_per_mm)
            assert (page.getpixel(centre) < 128) == bool(dark), (r, c)
