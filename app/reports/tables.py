"""How a dashboard table reads: on screen (Indonesian number formats), in XLSX and in the PDF."""
from __future__ import annotations

from app.core.calendar.clock import format_jakarta
from app.core.dashboard import DATE, DATETIME, DECIMAL, INT, MONEY, PERCENT, Table
from app.core.values.formatting import rupiah
from app.core.web import export

_EXPORT_KINDS = {MONEY: export.MONEY, DATETIME: export.DATETIME, DATE: export.DATE, INT: export.NUMBER,
                 PERCENT: export.NUMBER, DECIMAL: export.NUMBER}


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def cell_text(kind: str, value) -> str:
    """A figure as a person reads it: Rp1.250.000, 1.234, 87,5%, 85,23, 30-11-2026 14:05 WIB."""
    if value is None or value == "":
        return "–" if kind in (INT, MONEY, PERCENT, DECIMAL) else ""
    if kind == MONEY:
        return rupiah(int(value))
    if kind == INT:
        return _grouped(int(value))
    if kind == PERCENT:
        return f"{value:.1f}%".replace(".", ",")
    if kind == DECIMAL:
        return f"{value:.2f}".replace(".", ",")
    if kind == DATETIME:
        return format_jakarta(value)
    if kind == DATE:
        return value.strftime("%d-%m-%Y")
    return str(value)


def table_columns(table: Table) -> list[export.ExportColumn]:
    return [export.ExportColumn(str(column.label), lambda row, key=column.key: row.get(key),
                                _EXPORT_KINDS.get(column.kind, export.TEXT)) for column in table.columns]


def chart_data(table: Table) -> dict | None:
    """What the chart script draws: labels, and one series per chart column (numbers only)."""
    chart = table.chart
    if chart is None or not any(row.get(key) for row in table.rows for key in chart.series):
        return None  # nothing to draw: the table says it
    labels = {column.key: str(column.label) for column in table.columns}
    return {
        "kind": chart.kind, "horizontal": chart.horizontal,
        "labels": [str(row.get(chart.label, "")) for row in table.rows],
        "series": [{"label": labels.get(key, key), "values": [row.get(key) or 0 for row in table.rows],
                    "percent": any(c.key == key and c.kind == PERCENT for c in table.columns)}
                   for key in chart.series],
    }
