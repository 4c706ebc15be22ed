"""How long one invoice-like PDF takes to render, by font strategy.

    .venv/bin/python bench/pdf_render.py [-n 200]

Compares DejaVu through DocumentPDF (font parsed once per process, glyphs
embedded by its own subsetter), DejaVu with fpdf2's add_font in every
document and fpdf2's embedding (what a naive base class would do), and
fpdf2's built-in Helvetica, which embeds nothing. The text is Latin-1 so Helvetica can print
it too. Variants run interleaved so drifting CPU clocks hit all alike.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.documents.pdf import DocumentPDF, warm_up  # noqa: E402
from app.core.documents.pdf_fonts import FONT_DIR, FONT_FILES, UNICODE_FAMILY  # noqa: E402
from app.core.values.formatting import rupiah, terbilang  # noqa: E402

OFFICE = SimpleNamespace(
    name="BPS Kabupaten Sleman",
    address="Jl. Candi Gebang No. 1, Beran, Tridadi, Sleman 55511",
    phone="(0274) 4461000",
    fax="(0274) 4461001",
    email="bps3404@bps.go.id",
    website="https://slemankab.bps.go.id",
)
CUSTOMERS = ("Agus Salim", "Dewi Lestari", "Made Wirawan", "Siti Rahmawati", "Yohanes Pardede")
ITEMS = ("Salinan publikasi Statistik Daerah", "Data mikro Susenas", "Konsultasi statistik",
         "Tabel khusus PDRB kecamatan", "Peta wilayah kerja statistik")


class NaiveDocumentPDF(DocumentPDF):
    """Parses the TTF files again for every document."""

    def _install_fonts(self) -> None:
        for style, filename in FONT_FILES.items():
            self.add_font(UNICODE_FAMILY, style, FONT_DIR / filename)


def render(make_pdf, i: int) -> bytes:
    number = f"INV/3404/2026/{i:06d}"
    url = f"https://satupintu.bps.go.id/verifikasi/{number.replace('/', '-')}"
    pdf = make_pdf(OFFICE, "Invoice", number, url)
    pdf.title_block()
    pdf.key_values([
        ("Kepada", f"Sdr. {CUSTOMERS[i % len(CUSTOMERS)]}"),
        ("Instansi", "Universitas Gadjah Mada - Fakultas Ekonomika dan Bisnis"),
        ("Tanggal", "21 November 2026"),
        ("Jatuh tempo", "5 Desember 2026"),
    ])
    rows, total = [], 0
    for n in range(10):
        qty, price = 1 + (i + n) % 3, 25_000 * (1 + (i * 7 + n) % 20)
        total += qty * price
        rows.append((n + 1, f"{ITEMS[(i + n) % len(ITEMS)]} ({2016 + n})", qty,
                     rupiah(price), rupiah(qty * price)))
    pdf.table(["No", "Uraian", "Jml", "Harga satuan", "Jumlah"], rows,
              col_widths=(10, 80, 14, 33, 33), aligns=("C", "L", "C", "R", "R"),
              totals=[("TOTAL", rupiah(total))])
    pdf.multi_cell(0, pdf.LINE, f"Terbilang: {terbilang(total)}", new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y() + 4
    pdf.qr(url, pdf.l_margin, top, 30)
    pdf.signature_block("Sleman, 21 November 2026", "Kepala BPS Kabupaten Sleman",
                        "Dr. Siti Nurhaliza, S.Si., M.Stat.", "198001012005012001")
    return pdf.output_bytes()


VARIANTS = {
    "dejavu-shared": lambda *a: DocumentPDF(*a),
    "dejavu-naive": lambda *a: NaiveDocumentPDF(*a),
    "helvetica": lambda *a: DocumentPDF(*a, font="helvetica"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="documents per variant (default 200)")
    args = parser.parse_args()

    start = time.perf_counter()
    warm_up()
    print(f"one-time font parse (warm_up): {(time.perf_counter() - start) * 1000:.0f} ms")
    for make_pdf in VARIANTS.values():
        for i in range(5):
            render(make_pdf, i)

    times = {name: [] for name in VARIANTS}
    sizes = {}
    for i in range(args.n):
        for name, make_pdf in VARIANTS.items():
            start = time.perf_counter()
            sizes[name] = len(render(make_pdf, i))
            times[name].append((time.perf_counter() - start) * 1000)

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[-1]

    print(f"{args.n} documents per variant, ms per document")
    print(f"{'variant':<15}{'mean':>8}{'median':>8}{'p95':>8}{'size KB':>9}")
    for name, values in times.items():
        print(f"{name:<15}{statistics.mean(values):8.2f}{statistics.median(values):8.2f}"
              f"{p95(values):8.2f}{sizes[name] / 1024:9.1f}")
    shared, helvetica = times["dejavu-shared"], times["helvetica"]
    print(f"ratio dejavu-shared / helvetica: mean {statistics.mean(shared) / statistics.mean(helvetica):.2f}, "
          f"p95 {p95(shared) / p95(helvetica):.2f}")
    naive = times["dejavu-naive"]
    print(f"ratio dejavu-naive / helvetica:  mean {statistics.mean(naive) / statistics.mean(helvetica):.2f}")


if __name__ == "__main__":
    main()
