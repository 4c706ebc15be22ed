"""Screens: the index report for the head and the monitor (with its export), and the public page of each
office's current-quarter index."""
from __future__ import annotations

from flask import Response, abort, request
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.security.decorators import permission_name
from flask_babel import gettext as _
from sqlalchemy import select

from app.core.access.scoping import current_scope, current_user, scoped_select
from app.core.calendar.workdays import jakarta_today
from app.core.reference.models import SERVICES, Office
from app.extensions import db
from app.satisfaction import export
from app.satisfaction.report import (
    Query,
    ReportError,
    build_query,
    comments,
    element_labels,
    figures,
    quarter_of,
    total,
)


def _query_from_args() -> Query:
    args = request.args
    return build_query(current_scope(), current_user().office_id, args.get("office"), args.get("service"),
                       args.get("from"), args.get("to"))


class SatisfactionView(BaseView):
    """The index of an office (a monitor's rolled up over its offices), per service and per month."""

    route_base = "/satisfaction/report"
    default_view = "index"
    base_permissions = ["can_report", "can_export"]

    @expose("/")
    @has_access
    @permission_name("report")
    def index(self):
        offices = db.session.scalars(scoped_select(Office, current_scope()).order_by(Office.code)).all()
        try:
            query = _query_from_args()
        except ReportError as exc:
            if exc.status == 404:
                abort(404)
            return self.render_template("satisfaction/report.html", error=exc.message, query=None, offices=offices,
                                        services=SERVICES, args=request.args, title=_("Satisfaction index (IKM)")), 400
        return self.render_template("satisfaction/report.html", error=None, query=query, result=figures(query),
                                    comments=comments(query), elements=element_labels(), offices=offices,
                                    services=SERVICES,
                                    args=request.args, title=_("Satisfaction index (IKM)"))

    @expose("/export")
    @has_access
    @permission_name("export")
    def export(self):
        kind = request.args.get("format", export.CSV)
        if kind not in export.FORMATS:
            return Response(_("Choose the format csv or xlsx."), status=400, mimetype="text/plain")
        try:
            query = _query_from_args()
        except ReportError as exc:
            if exc.status == 404:
                abort(404)
            return Response(exc.message, status=400, mimetype="text/plain")
        return Response(export.render(query, kind), mimetype=export.FORMATS[kind], headers={
            "Content-Disposition": f'attachment; filename="{export.filename(query, kind)}"'})


class SatisfactionPublicView(BaseView):
    """No login: every office's satisfaction index for the current quarter, with its grade."""

    route_base = "/public/satisfaction"
    default_view = "offices"

    @expose("/")
    def offices(self):
        start, end = quarter_of(jakarta_today())
        offices = db.session.scalars(select(Office).order_by(Office.code)).all()
        rows = [(office, total(Query(office, frozenset({office.id}), None, start, end))) for office in offices]
        return self.render_template("satisfaction/public_index.html", rows=rows, start=start, end=end,
                                    title=_("Satisfaction index (IKM)"))

    @expose("/<code>")
    def office(self, code):
        office = db.session.scalars(select(Office).where(Office.code == code)).first()
        if office is None:
            abort(404)
        start, end = quarter_of(jakarta_today())
        query = Query(office, frozenset({office.id}), None, start, end)
        return self.render_template("satisfaction/public_office.html", office=office, query=query,
                                    result=figures(query), elements=element_labels(), services=SERVICES,
                                    title=_("Satisfaction index (IKM)"))
