"""`GET /api/v1/satisfaction/index?office=&service=&from=&to=` (SPEC §9): the index, scoped."""
from __future__ import annotations

from flask import request
from flask_appbuilder.api import BaseApi, expose, protect, safe
from flask_appbuilder.security.decorators import permission_name

from app.core.access.scoping import current_scope, current_user
from app.core.web.rest import ReadableErrorsMixin
from app.satisfaction.report import ReportError, build_query, total


class SatisfactionApi(ReadableErrorsMixin, BaseApi):
    resource_name = "satisfaction"
    allow_browser_login = False

    @expose("/index", methods=["GET"])
    @protect()
    @safe
    @permission_name("index")
    def index(self):
        """The satisfaction index (IKM) of an office (a monitor's province includes its regencies)
        ---
        get:
          parameters:
          - {in: query, name: office, schema: {type: string}, description: "office code (default: yours)"}
          - {in: query, name: service, schema: {type: string}}
          - {in: query, name: from, schema: {type: string, format: date}}
          - {in: query, name: to, schema: {type: string, format: date}}
          responses:
            200: {description: "{respondents, elements: {U1..U9}, index, grade, label}"}
            404: {description: "An office not yours to see"}
            422: {description: "A bad date, service or period"}
        """
        args = request.args
        try:
            query = build_query(current_scope(), current_user().office_id, args.get("office"), args.get("service"),
                                args.get("from"), args.get("to"))
        except ReportError as exc:
            return self.response(exc.status, message=exc.message, errors={exc.field: exc.message})
        result = total(query)
        return self.response(200, office=query.office.code, offices=len(query.office_ids), service=query.service,
                             **{"from": query.start.isoformat(), "to": query.end.isoformat()}, **result)
