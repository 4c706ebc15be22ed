"""`GET /api/v1/dashboard/?office=<code>&from=<date>&to=<date>[&view=treasury]`: the figures as JSON."""
from __future__ import annotations

from flask import request
from flask_appbuilder.api import BaseApi, expose, protect, safe
from flask_appbuilder.security.decorators import permission_name
from flask_babel import gettext as _

from app.core.access.scoping import current_scope, current_user
from app.core.dashboard import DASHBOARD, TREASURY
from app.core.web.rest import ReadableErrorsMixin
from app.reports.figures import dashboard
from app.reports.selection import SelectionError, offices_for, period_from


class DashboardApi(ReadableErrorsMixin, BaseApi):
    resource_name = "dashboard"
    allow_browser_login = False

    @expose("/", methods=["GET"])
    @protect()
    @safe
    @permission_name("get")
    def figures(self):
        """The dashboard's figures for an office (and the offices under it) and a period
        ---
        get:
          parameters:
          - {in: query, name: office, schema: {type: string}, description: "office code; default the caller's"}
          - {in: query, name: from, schema: {type: string, format: date}}
          - {in: query, name: to, schema: {type: string, format: date}}
          - {in: query, name: month, schema: {type: string}, description: "YYYY-MM instead of from/to"}
          - {in: query, name: view, schema: {type: string, enum: [dashboard, treasury]}}
          responses:
            200: {description: "{office, from, to, offices, tables: [{key, title, columns, rows, total}]}"}
            400: {description: "A period that is not valid"}
            404: {description: "An office that is not yours to see"}
        """
        audience = request.args.get("view", DASHBOARD)
        if audience not in (DASHBOARD, TREASURY):
            return self.response_400(message=_("The view is \"dashboard\" or \"treasury\"."))
        try:
            offices = offices_for(request.args.get("office"), current_scope(), current_user().office_id)
            period = period_from(request.args)
        except SelectionError as exc:
            return self.response(exc.status, message=exc.message)
        tables = dashboard(offices, period, audience)
        return self.response(200, office=offices.chosen.code, **{"from": period.first.isoformat(),
                                                                  "to": period.last.isoformat()},
                             offices=[offices.names[oid][0] for oid in offices.ids],
                             tables=[table.as_json() for table in tables])
