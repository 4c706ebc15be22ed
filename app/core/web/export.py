"""Exports of a list as CSV or XLSX: what the list shows, streamed in constant memory.

A list (screen or API) describes its columns once as `ExportColumn`s: the Indonesian header, how a
row's value reads (labels instead of codes), and its kind. Money stays a number (formatted as rupiah
in XLSX), times are shown in Asia/Jakarta. Rows come from the database in batches (`yield_per`), the
CSV is sent as it is written, and the XLSX is written row by row by openpyxl's write-only workbook
(to a temporary file, then sent in chunks), so 100,000 rows need the memory of a few hundred.
"""
from __future__ import annotations

import codecs
import csv
import io
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, Iterable, Iterator

from flask import Response, stream_with_context
from markupsafe import Markup

from app.core.calendar.clock import format_jakarta, to_jakarta

FORMATS = ("csv", "xlsx")
BATCH = 500  # rows fetched per round trip, and CSV rows per chunk sent
CHUNK = 64 * 1024
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RUPIAH_FORMAT = '"Rp"#,##0'
DATETIME_FORMAT = "dd-mm-yyyy hh:mm"
DATE_FORMAT = "dd-mm-yyyy"
MONEY, DATETIME, DATE, TEXT, NUMBER = "money", "datetime", "date", "text", "number"


@dataclass(frozen=True)
class ExportColumn:
    header: str
    value: Callable[[Any], Any]  # row -> the raw value (money: int; datetime: naive UTC)
    kind: str = TEXT


def attribute(row, dotted: str):
    """row.office.code for "office.code"; None when a link in the chain is empty."""
    value = row
    for name in dotted.split("."):
        value = getattr(value, name, None)
        if value is None:
            return None
    return value


def plain(value) -> str:
    """A list cell's text: labels and badges lose their HTML."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value.striptags()
    return str(value)


def columns_of(names, labels: dict, formatters: dict, money: Iterable[str] = (),
               kinds: Callable[[str], str | None] = lambda name: None) -> list[ExportColumn]:
    """The export columns of a list: its column names, its labels and formatters.

    A money column keeps the number; a date or time column keeps the value (shown in Jakarta time);
    any other column reads as the list shows it (its formatter, tags stripped)."""
    money = set(money)
    columns = []
    for name in names:
        header = str(labels.get(name, name))
        kind = MONEY if name in money else kinds(name)
        formatter = formatters.get(name)
        if kind in (MONEY, DATETIME, DATE):
            columns.append(ExportColumn(header, lambda row, n=name: attribute(row, n), kind))
        elif formatter is not None:
            columns.append(ExportColumn(header, lambda row, n=name, f=formatter: plain(f(attribute(row, n)))))
        else:
            columns.append(ExportColumn(header, lambda row, n=name: plain(attribute(row, n))))
    return columns


def _text(column: ExportColumn, value) -> str:
    if value is None:
        return ""
    if column.kind == MONEY:
        return str(int(value))  # a number a spreadsheet can add up, as in XLSX
    if column.kind == NUMBER:
        return str(value)
    if column.kind == DATETIME:
        return format_jakarta(value)
    if column.kind == DATE and isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return plain(value)


def csv_chunks(columns: list[ExportColumn], rows: Iterable) -> Iterator[bytes]:
    """UTF-8 CSV with a byte-order mark (so spreadsheet programs read the Indonesian text right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.header for column in columns])
    yield codecs.BOM_UTF8 + buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    for count, row in enumerate(rows, 1):
        writer.writerow([_text(column, column.value(row)) for column in columns])
        if count % BATCH == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _cell_writer(sheet, column: ExportColumn):
    """value -> what the row holds for this column. A styled column reuses one write-only cell: the
    row is written out when appended, so the cell is free again (a new styled cell per value costs
    more than the rest of the row)."""
    from openpyxl.cell import WriteOnlyCell

    formats = {MONEY: RUPIAH_FORMAT, DATETIME: DATETIME_FORMAT, DATE: DATE_FORMAT}
    if column.kind not in formats:
        if column.kind == NUMBER:
            return lambda value: value if isinstance(value, (int, float)) or value is None else plain(value)
        return lambda value: None if value is None else plain(value)
    cell = WriteOnlyCell(sheet)
    cell.number_format = formats[column.kind]

    def styled(value):
        if value is None:
            return None
        if column.kind == MONEY:
            value = int(value)
        elif column.kind == DATETIME and isinstance(value, datetime):
            value = to_jakarta(value).replace(tzinfo=None)
        elif not isinstance(value, date):
            return plain(value)
        cell.value = value
        return cell

    return styled


def _sheet_title(title: str) -> str:
    # Excel refuses []:*?/\ in sheet names and more than 31 characters.
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Data"


def write_xlsx(columns: list[ExportColumn], rows: Iterable, title: str, target) -> None:
    """Writes the rows to `target` (a path or a binary file) with a write-only workbook."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(title))
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = 22 if column.kind in (MONEY, DATETIME) else 18
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    writers = [(column.value, _cell_writer(sheet, column)) for column in columns]
    for row in rows:
        sheet.append([write(value(row)) for value, write in writers])
    workbook.save(target)


def _file_chunks(path: str) -> Iterator[bytes]:
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                yield chunk
    finally:
        os.unlink(path)


def export_response(columns: list[ExportColumn], rows: Iterable, fmt: str, filename: str,
                    title: str) -> Response:
    """The download of `rows` as `fmt` ("csv" streamed; "xlsx" written, then sent with its length)."""
    if fmt == "csv":
        return Response(stream_with_context(csv_chunks(columns, rows)), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'})
    handle = tempfile.NamedTemporaryFile(prefix="satupintu-export-", suffix=".xlsx", delete=False)
    handle.close()
    try:
        write_xlsx(columns, rows, title, handle.name)
    except BaseException:
        os.unlink(handle.name)
        raise
    return Response(_file_chunks(handle.name), mimetype=XLSX_MIMETYPE, headers={
        "Content-Disposition": f'attachment; filename="{filename}.xlsx"',
        "Content-Length": str(os.path.getsize(handle.name)),
    })


def query_rows(query) -> Iterator:
    """The rows of a (FAB, legacy) ORM query, fetched in batches (a server-side cursor on PostgreSQL).
    Run as a 2.0 statement: the legacy query would "unique" its joined rows, which needs them all."""
    yield from query.session.scalars(query.statement, execution_options={"yield_per": BATCH})


def export_filename(name: str) -> str:
    from app.core.calendar.workdays import jakarta_today

    return f"{name}-{jakarta_today():%Y%m%d}"

