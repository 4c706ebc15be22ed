"""The dashboard of the head and monitor, the treasurer's screen, their XLSX and the monthly PDF."""
from __future__ import annotations

import io

from flask import abort, flash, redirect, request, send_file, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.security.decorators import permission_name
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.core.access.scoping import current_scope, current_user
from app.core.dashboard import DASHBOARD, TREASURY
from app.core.reference.models import Office
from app.core.web import export
from app.extensions import db
from app.reports.figures import dashboard
from app.reports.selection import SelectionError, offices_for, period_from
from app.reports.tables import cell_text, chart_data, table_columns


def _selection():
    """(offices, period) asked for in the query string; SelectionError when not valid or not in scope."""
    user = current_user()
    return offices_for(request.args.get("office"), current_scope(), user.office_id), period_from(request.args)


def office_choices(scope) -> list[tuple[str, str]]:
    query = select(Office.code, Office.name).order_by(Office.code)
    if not scope.everything:
        query = query.where(Office.id.in_(scope.office_ids))
    return [(code, f"{code} {name}") for code, name in db.session.execute(query)]


class FiguresView(BaseView):
    """A screen of dashboard tables for one audience, with one table's XLSX."""

    audience = DASHBOARD
    template = "reports/figures.html"
    title = ""
    default_view = "index"

    def _figures_or_redirect(self):
        try:
            offices, period = _selection()
        except SelectionError as exc:
            if exc.status == 404:
                abort(404)
            flash(exc.message, "danger")
            return None, redirect(url_for(f"{self.endpoint}.index"))
        return (offices, period), None

    @expose("/")
    @has_access
    @permission_name("show")
    def index(self):
        selection, refusal = self._figures_or_redirect()
        if refusal:
            return refusal
        offices, period = selection
        tables = dashboard(offices, period, self.audience)
        return self.render_template(self.template, title=str(self.title), tables=tables, offices=offices,
                                    period=period, audience=self.audience,
                                    office_choices=office_choices(current_scope()), cell_text=cell_text,
                                    chart_data=chart_data,
                                    monthly_url=url_for("DashboardView.monthly", office=offices.chosen.code,
                                                        month=f"{period.first:%Y-%m}")
                                    if self.audience == DASHBOARD else None)

    @expose("/xlsx")
    @has_access
    @permission_name("show")
    def xlsx(self):
        """One table of the screen, with the same rows, as XLSX (e.g. the payment register)."""
        selection, refusal = self._figures_or_redirect()
        if refusal:
            return refusal
        offices, period = selection
        key = request.args.get("table", "")
        table = next((t for t in dashboard(offices, period, self.audience) if t.key == key), None)
        if table is None:
            flash(_("There is no such table on this page."), "danger")
            return redirect(url_for(f"{self.endpoint}.index", **request.args))
        rows = table.rows + ([table.total] if table.total else [])
        name = f"{key}-{offices.chosen.code}-{period.first:%Y%m%d}-{period.last:%Y%m%d}"
        return export.export_response(table_columns(table), rows, "xlsx", name, str(table.title))


class DashboardView(FiguresView):
    route_base = "/reports/dashboard"
    class_permission_name = "Dashboard"
    audience = DASHBOARD
    title = _l("Dashboard")

    @expose("/monthly.pdf")
    @has_access
    @permission_name("show")
    def monthly(self):
        from app.reports.monthly import render_monthly
        from app.reports.selection import month_period

        try:
            offices = offices_for(request.args.get("office"), current_scope(), current_user().office_id)
            period = month_period(request.args.get("month", ""))
        except SelectionError as exc:
            if exc.status == 404:
                abort(404)
            flash(exc.message, "danger")
            return redirect(url_for("DashboardView.index"))
        data = render_monthly(offices, period)
        return send_file(io.BytesIO(data), mimetype="application/pdf", as_attachment=True,
                         download_name=f"laporan-bulanan-{offices.chosen.code}-{period.first:%Y-%m}.pdf")


class TreasuryView(FiguresView):
    route_base = "/reports/treasury"
    class_permission_name = "Treasury"
    audience = TREASURY
    title = _l("Revenue and payment register")
