"""`GET /api/v1/my_work/`: the caller's inbox ("Pekerjaan saya") as JSON, paged like every list."""
from __future__ import annotations

from flask_appbuilder.api import BaseApi, expose, protect, rison, safe
from flask_babel import gettext as _

from app.core.access.scoping import current_user, scope_for
from app.core.web.rest import ReadableErrorsMixin
from app.core.workflow import inbox

PAGE_SCHEMA = {"type": "object", "properties": {
    "page": {"type": "integer", "minimum": 0},
    "page_size": {"type": "integer", "minimum": 1, "maximum": inbox.MAX_PAGE_SIZE},
}, "additionalProperties": False}


class MyWorkApi(ReadableErrorsMixin, BaseApi):
    resource_name = "my_work"
    allow_browser_login = False  # JWT only, like every procedure resource: no CSRF surface
    method_permission_name = {"get_list": "get"}

    def response_400(self, message=None):
        return self.response(400, message=message or _("The list arguments are not valid."))

    @expose("/", methods=["GET"])
    @protect()
    @safe
    @rison(PAGE_SCHEMA)
    def get_list(self, **kwargs):
        """The records the caller can act on now, most urgent first
        ---
        get:
          parameters:
          - in: query
            name: q
            content:
              application/json:
                schema: {type: object, properties: {page: {type: integer}, page_size: {type: integer}}}
          responses:
            200: {description: "{result: [{resource, id, number, status, actions, due_date, sla_state, url}], count}"}
            400: {description: "Bad list arguments"}
            401: {description: "Not signed in"}
        """
        args = kwargs.get("rison") or {}
        user = current_user()
        for_applicant = scope_for(user).owner_only
        items, total = inbox.page(user, args.get("page", 0), args.get("page_size", 25))
        return self.response(200, count=total, result=[{
            "resource": item.resource, "id": item.record.id, "number": item.number, "status": item.record.status,
            "status_label": item.procedure.state_label(item.record.status),
            "actions": [action.name for action in item.actions],
            "due_date": item.due_date.isoformat() if item.due_date else None,
            "sla_state": item.sla_state, "url": item.url(for_applicant),
        } for item in items])
