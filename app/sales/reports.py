"""Revenue (PNBP received) per month, office and product type, on screen and as CSV."""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import datetime, timezone

from flask import Response, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.security.decorators import permission_name
from flask_babel import gettext as _
from sqlalchemy import select

from app.core.access.scoping import current_scope, visible
from app.core.calendar.clock import JAKARTA, to_jakarta
from app.core.calendar.workdays import jakarta_today
from app.core.reference.models import Office
from app.core.values.formatting import MONTHS
from app.extensions import db
from app.sales.models import PRODUCT_TYPES, SalesLine, SalesRequest

# Years a report may cover: datetime stops at 9999, and the year after is the end bound.
FIRST_YEAR, LAST_YEAR = 1900, 9998


def _utc_bounds(year: int) -> tuple[datetime, datetime]:
    """The naive UTC instants (as stored) at which `year` starts and ends in Jakarta."""
    return tuple(datetime(y, 1, 1, tzinfo=JAKARTA).astimezone(timezone.utc).replace(tzinfo=None)
                 for y in (year, year + 1))


def _year_asked() -> int | None:
    """The `year` of the query string (this Jakarta year when absent); None when it is no year."""
    raw = (request.args.get("year") or "").strip()
    if not raw:
        return jakarta_today().year
    try:
        year = int(raw)
    except ValueError:
        return None
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def revenue(year: int, scope=None) -> list[dict]:
    """Rows (month, office, product type, requests, amount) of the requests paid in `year` (Jakarta
    time) that the caller may see; amounts are whole rupiah as billed on the lines."""
    start, end = _utc_bounds(year)
    query = (
        select(SalesRequest.id, SalesRequest.paid_at, Office.code, Office.name, SalesLine.product_type,
               SalesLine.line_total)
        .join(SalesLine, SalesLine.request_id == SalesRequest.id)
        .join(Office, Office.id == SalesRequest.office_id)
        .where(SalesRequest.paid_at >= start, SalesRequest.paid_at < end, SalesRequest.paid_amount > 0,
               visible(SalesRequest, scope))
    )
    totals: dict[tuple, list] = defaultdict(lambda: [set(), 0])
    for request_id, paid_at, code, name, product_type, amount in db.session.execute(query):
        key = (to_jakarta(paid_at).month, code, name, product_type)
        totals[key][0].add(request_id)
        totals[key][1] += amount
    return [{"month": month, "office_code": code, "office": name, "product_type": ptype,
             "product_type_label": str(PRODUCT_TYPES.get(ptype, ptype)), "requests": len(ids), "amount": amount}
            for (month, code, name, ptype), (ids, amount) in sorted(totals.items())]


class SalesRevenueView(BaseView):
    route_base = "/sales/revenue"
    default_view = "report"
    class_permission_name = "SalesRevenue"

    @expose("/")
    @has_access
    @permission_name("report")
    def report(self):
        year = _year_asked()
        if year is None:
            flash(_("Enter a year between %(first)d and %(last)d.", first=FIRST_YEAR, last=LAST_YEAR), "danger")
            return redirect(url_for("SalesRevenueView.report"))
        rows = revenue(year, current_scope())
        if request.args.get("format") == "csv":
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow([_("Year"), _("Month"), _("Office code"), _("Office"), _("Product type"),
                             _("Requests"), _("Amount (Rp)")])
            for row in rows:
                writer.writerow([year, MONTHS[row["month"] - 1], row["office_code"], row["office"],
                                 row["product_type_label"], row["requests"], row["amount"]])
            # With a byte-order mark, spreadsheet programs read the office names' letters right.
            return Response("\ufeff" + out.getvalue(), mimetype="text/csv; charset=utf-8", headers={
                "Content-Disposition": f"attachment; filename=pendapatan-pnbp-{year}.csv"})
        return self.render_template("sales/revenue.html", rows=rows, year=year,
                                    total=sum(row["amount"] for row in rows), title=_("Sales revenue (PNBP)"))
