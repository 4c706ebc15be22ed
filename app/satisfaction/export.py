"""The index report as a table: CSV for anything, XLSX (openpyxl) for the spreadsheet the office files."""
from __future__ import annotations

import csv
import io

from flask_babel import gettext as _

from app.core.reference.models import SERVICES
from app.satisfaction.report import Query, element_labels, figures

CSV, XLSX = "csv", "xlsx"
FORMATS = {CSV: "text/csv; charset=utf-8",
           XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def rows(query: Query) -> list[list]:
    """A header, one row per service, and the row of all services together."""
    result = figures(query)
    codes = [code for code, _label in element_labels()]
    header = [_("Office"), _("From"), _("Until"), _("Service"), _("Respondents"),
              *[f"{code} {label}" for code, label in element_labels()], _("IKM"), _("Grade"), _("Grade label")]
    lines = [header]
    every = [(str(SERVICES.get(name, name)), figure) for name, figure in result["by_service"].items()]
    every.append((str(SERVICES.get(query.service, query.service)) if query.service else _("All services"),
                  result["total"]))
    for service, figure in every:
        lines.append([query.office.name, query.start.isoformat(), query.end.isoformat(), service,
                      figure["respondents"], *[figure["elements"].get(code) for code in codes], figure["index"],
                      figure["grade"] or "", figure["label"] or ""])
    return lines


def render(query: Query, kind: str) -> bytes:
    table = rows(query)
    if kind == XLSX:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(_("IKM"))
        for line in table:
            sheet.append(line)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    out = io.StringIO()
    writer = csv.writer(out)
    for line in table:
        # A cell starting with = + - @ would run as a formula when the file is opened in a spreadsheet.
        writer.writerow(["'" + cell if isinstance(cell, str) and cell[:1] in "=+-@" else cell for cell in line])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def filename(query: Query, kind: str) -> str:
    return f"ikm-{query.office.code}-{query.start.isoformat()}-{query.end.isoformat()}.{kind}"
