"""The head's monthly report (fpdf2, on the document base): the dashboard's figures for one month with
small bar charts drawn in the PDF, the overdue cases, the services' own figures and the IKM."""
from __future__ import annotations

from fpdf.enums import XPos, YPos

from app.core.calendar.clock import utcnow
from app.core.calendar.workdays import jakarta_today
from app.core.dashboard import DASHBOARD, DECIMAL, INT, MONEY, PERCENT, OfficeSet, Period, Table
from app.core.documents.pdf import DocumentPDF
from app.core.values.formatting import MONTHS, indonesian_date, indonesian_datetime
from app.reports.figures import dashboard
from app.reports.tables import cell_text

NUMERIC = (INT, MONEY, PERCENT, DECIMAL)
# Grey levels and hatching per series: the chart reads in black and white.
SHADES = ((60, None), (150, "diagonal"), (200, "cross"), (110, "horizontal"))
BAR_HEIGHT = 4.2
LABEL_WIDTH = 55


def _month_title(period: Period) -> str:
    return f"{MONTHS[period.first.month - 1]} {period.first.year}"


def _hatch(pdf: DocumentPDF, x: float, y: float, w: float, h: float, kind: str | None) -> None:
    if not kind or w < 1:
        return
    pdf.set_draw_color(40)
    pdf.set_line_width(0.15)
    step = 1.4
    if kind == "horizontal":
        offset = step / 2
        while offset < h:
            pdf.line(x, y + offset, x + w, y + offset)
            offset += step
        return
    position = 0.0
    while position < w + h:
        # Diagonal strokes clipped to the bar by hand (fpdf2 has no clipping to a rectangle).
        x1, y1 = x + min(position, w), y + max(0.0, position - w)
        x2, y2 = x + max(0.0, position - h), y + min(position, h)
        pdf.line(x1, y1, x2, y2)
        if kind == "cross":
            pdf.line(x + w - (x1 - x), y1, x + w - (x2 - x), y2)
        position += step * 2
    pdf.set_draw_color(0)


def bar_chart(pdf: DocumentPDF, table: Table) -> None:
    """Horizontal bars, one group per row, one bar per series, each bar labelled with its value."""
    chart = table.chart
    if chart is None or not table.rows:
        return
    kinds = {column.key: column.kind for column in table.columns}
    labels = {column.key: str(column.label) for column in table.columns}
    series = list(chart.series)
    values = [[row.get(key) or 0 for key in series] for row in table.rows]
    top = max([max(group) for group in values] + [0])
    if all(kinds.get(key) == PERCENT for key in series):
        top = 100
    if not top:
        return
    group_height = BAR_HEIGHT * len(series) + 2
    if pdf.get_y() + _chart_height(table) > pdf.page_break_trigger:
        pdf.add_page()
    width = pdf.epw - LABEL_WIDTH - 28
    x0 = pdf.l_margin + LABEL_WIDTH
    pdf.set_font(pdf.base_family, "", 7.5)
    if len(series) > 1:  # the legend: each series' pattern beside its name
        x = pdf.l_margin
        for index, key in enumerate(series):
            shade, hatch = SHADES[index % len(SHADES)]
            pdf.set_fill_color(shade)
            pdf.rect(x, pdf.get_y() + 0.5, 6, 3, style="DF")
            _hatch(pdf, x, pdf.get_y() + 0.5, 6, 3, hatch)
            pdf.set_x(x + 7)
            text = labels.get(key, key)
            pdf.cell(pdf.get_string_width(text) + 4, 4, text)
            x = pdf.get_x() + 2
        pdf.ln(6)
    for row, group in zip(table.rows, values):
        y = pdf.get_y()
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(LABEL_WIDTH - 2, BAR_HEIGHT, str(row.get(chart.label, ""))[:40], align="R")
        for index, (key, value) in enumerate(zip(series, group)):
            shade, hatch = SHADES[index % len(SHADES)]
            bar_y = y + index * BAR_HEIGHT
            bar_w = max(width * float(value) / top, 0.3)
            pdf.set_fill_color(shade)
            pdf.rect(x0, bar_y + 0.4, bar_w, BAR_HEIGHT - 0.8, style="DF")
            _hatch(pdf, x0, bar_y + 0.4, bar_w, BAR_HEIGHT - 0.8, hatch)
            pdf.set_xy(x0 + bar_w + 1, bar_y)
            pdf.cell(26, BAR_HEIGHT, cell_text(kinds.get(key, INT), row.get(key)))
        pdf.set_y(y + group_height)
    pdf.set_fill_color(255)
    pdf.line(x0, pdf.get_y() - 1, x0, pdf.get_y() - group_height * len(table.rows) - 1)
    pdf.ln(2)
    pdf.set_font(pdf.base_family, "", pdf.BODY_SIZE)


def _widths(pdf: DocumentPDF, table: Table) -> list[float]:
    weights = [1.0 if column.kind in NUMERIC else 2.0 for column in table.columns]
    scale = (pdf.epw - 0.1) / sum(weights)  # a hair under the page width: the sum of floats may round up
    return [weight * scale for weight in weights]


def _chart_height(table: Table) -> float:
    if table.chart is None or not table.rows:
        return 0
    series = len(table.chart.series)
    return (BAR_HEIGHT * series + 2) * len(table.rows) + (6 if series > 1 else 0) + 4


def table_section(pdf: DocumentPDF, table: Table) -> None:
    # A heading stays with its chart and the first rows of its table.
    if pdf.get_y() + 30 + _chart_height(table) > pdf.page_break_trigger:
        pdf.add_page()
    pdf.set_font(pdf.base_family, "B", 11)
    pdf.multi_cell(0, 6, str(table.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(pdf.base_family, "", 8.5)
    if table.note:
        pdf.multi_cell(0, 4.2, str(table.note), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    if not table.rows:
        pdf.set_font(pdf.base_family, "", pdf.BODY_SIZE)
        pdf.cell(0, pdf.LINE, "Tidak ada.", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)
        return
    columns = table.columns
    if len(table.rows) == 1 and len(columns) > 5:  # one month, many series: read down, not across
        row = table.rows[0]
        pdf.table([str(columns[0].label), cell_text(columns[0].kind, row.get(columns[0].key))],
                  [[str(column.label), cell_text(column.kind, row.get(column.key))] for column in columns[1:]],
                  [pdf.epw * 0.7, pdf.epw * 0.3 - 0.1], aligns=("L", "R"))
        return
    bar_chart(pdf, table)
    aligns = ["R" if column.kind in NUMERIC else "L" for column in columns]
    rows = [[cell_text(column.kind, row.get(column.key)) for column in columns] for row in table.rows]
    if table.total:
        rows.append([cell_text(column.kind, table.total.get(column.key))
                     if table.total.get(column.key) is not None else "" for column in columns])
    pdf.table([str(column.label) for column in columns], rows, _widths(pdf, table), aligns=aligns)


def _summary(tables: dict[str, Table]) -> list[tuple[str, str]]:
    def total(key, column, kind=INT):
        table = tables.get(key)
        return cell_text(kind, table.total.get(column)) if table and table.total else "–"

    time_limits = tables.get("time_limits")
    finished = sum(row["finished"] for row in time_limits.rows) if time_limits else 0
    met = sum(row["met"] for row in time_limits.rows) if time_limits else 0
    satisfaction = tables.get("satisfaction")
    pairs = [
        ("Permintaan masuk", total("volumes", "total")),
        ("Selesai dalam batas waktu", f"{cell_text(INT, met)} dari {cell_text(INT, finished)} "
                                      f"({cell_text(PERCENT, 100.0 * met / finished if finished else None)})"),
        ("Lewat tenggat saat ini", total("overdue_counts", "count")),
        ("Indeks Kepuasan (IKM)", (f"{cell_text(DECIMAL, satisfaction.total['ikm'])} — {satisfaction.total['grade']}"
                                   if satisfaction and satisfaction.total and satisfaction.total.get("ikm") is not None
                                   else "belum ada penilaian")),
    ]
    if "revenue_by_type" in tables:
        pairs.append(("Penerimaan PNBP", total("revenue_by_type", "amount", MONEY)))
    return pairs


def render_monthly(offices: OfficeSet, period: Period) -> bytes:
    office = offices.chosen
    tables = dashboard(offices, period, DASHBOARD)
    by_key = {table.key: table for table in tables}
    pdf = DocumentPDF(office, "Laporan Bulanan Pelayanan Statistik Terpadu")
    pdf.alias_nb_pages()
    pdf.title_block(f"Bulan {_month_title(period)} — {office.name}")
    pdf.set_font(pdf.base_family, "", 8.5)
    covered = "" if len(offices.ids) == 1 else f" beserta {len(offices.ids) - 1} satuan kerja di bawahnya"
    pdf.multi_cell(0, 4.2, f"Periode {indonesian_date(period.first)} s.d. {indonesian_date(period.last)}: "
                           f"{office.code} {office.name}{covered}. Dibuat {indonesian_datetime(utcnow())} dari "
                           "SatuPintu; lewat tenggat dihitung per " + indonesian_date(jakarta_today()) + ".",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.set_font(pdf.base_family, "B", 11)
    pdf.cell(0, 6, "Ringkasan", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.key_values(_summary(by_key), label_width=60)
    for table in tables:
        table_section(pdf, table)
    head = office.head
    if head is not None:
        pdf.signature_block(indonesian_date(jakarta_today()),
                            f"Kepala {office.name}", head.display_name if hasattr(head, "display_name")
                            else f"{head.first_name} {head.last_name}", getattr(head, "nip", None))
    return pdf.output_bytes()
