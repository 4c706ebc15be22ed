"""REST resources of the front desk (SPEC §9): `queue_ticket` (the procedure, plus taking a number
and calling the next) and `visit` (the guest book)."""
from __future__ import annotations

from datetime import date

from flask import request
from flask_appbuilder.api import expose, protect, safe
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import permission_name
from flask_babel import gettext as _

from app.core.access.scoping import ScopedMixin, current_scope, current_user
from app.core.web.idempotency import idempotent
from app.core.web.procedure_api import ProcedureApi, http_errors_as_json
from app.core.web.rest import RestApi
from app.core.workflow.engine import TransitionError
from app.frontdesk.guestbook import record_visit
from app.frontdesk.models import QueueTicket, Visit
from app.frontdesk.procedure import QUEUE
from app.frontdesk.public import rating_url, ticket_pdf_url
from app.frontdesk.queue import ahead_of, call_next, take_ticket
from app.frontdesk.standard import DIMENSIONS, standard_report

TICKET_COLUMNS = ["id", "number", "service", "status", "version", "day", "desk", "office.code", "created_at",
                  "called_at", "last_called_at", "recalls", "served_at", "finished_at", "transferred_from"]


def _json_body():
    if not request.is_json:
        raise TransitionError(400, _("The request must be JSON."))
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise TransitionError(422, _("The request must be a JSON object."))
    return payload


class QueueTicketApi(ProcedureApi):
    resource_name = "queue_ticket"
    procedure = QUEUE
    datamodel = SQLAInterface(QueueTicket)
    include_route_methods = ProcedureApi.include_route_methods | {"call_next", "standard"}
    list_columns = show_columns = TICKET_COLUMNS
    order_columns = ["id", "created_at", "number", "status"]
    search_columns = ["status", "service", "day", "desk"]
    base_order = ("id", "desc")

    def _ticket_body(self, ticket) -> dict:
        return {"id": ticket.id, "number": ticket.number, "status": ticket.status, "service": ticket.service,
                "desk": ticket.desk, "ahead": ahead_of(ticket) if ticket.status == "waiting" else 0}

    @idempotent
    def post_headless(self):
        """Takes a number: {"office": "3324", "service": "sales"} by a kiosk device or an officer."""
        try:
            payload = _json_body()
            ticket = take_ticket(payload.get("office"), payload.get("service"), current_user())
        except TransitionError as exc:
            return self._error(exc)
        return self.response(201, **self._ticket_body(ticket), rating_url=rating_url(ticket),
                             ticket_url=ticket_pdf_url(ticket))

    @expose("/call_next", methods=["POST"])
    @protect()
    @safe
    @http_errors_as_json
    @permission_name("call_next")
    def call_next(self):
        """Calls the oldest waiting ticket of the desk's services to the desk
        ---
        post:
          requestBody:
            content:
              application/json:
                schema: {type: object, properties: {desk: {type: string}, services: {type: array}}}
          responses:
            200: {description: "The ticket, now called"}
            404: {description: "Nobody waits"}
            422: {description: "Unknown desk, or a service the desk does not serve"}
        """
        try:
            payload = _json_body()
            ticket = call_next(current_user(), payload.get("desk"), payload.get("services"))
        except TransitionError as exc:
            return self._error(exc)
        return self.response(200, **self._ticket_body(ticket))

    @expose("/standard", methods=["GET"])
    @protect()
    @safe
    @http_errors_as_json
    @permission_name("standard")
    def standard(self):
        """The 10-minute standard per office, day, service and desk (scoped)
        ---
        get:
          parameters:
          - {in: query, name: from, schema: {type: string, format: date}}
          - {in: query, name: to, schema: {type: string, format: date}}
          - {in: query, name: group, schema: {type: string}, description: "office,day,service,desk"}
          responses:
            200: {description: "{\\"result\\": [rows]}"}
        """
        try:
            start, end = (_date(request.args.get(name)) for name in ("from", "to"))
        except ValueError:
            return self._error(TransitionError(422, _("Give dates as YYYY-MM-DD.")))
        group = tuple(d for d in (request.args.get("group") or "office,day,service").split(",") if d in DIMENSIONS)
        scope = current_scope()
        office_ids = None if scope.everything else list(scope.office_ids)
        rows = standard_report(office_ids, start, end, group or ("office",))
        for row in rows:
            if "day" in row and row["day"] is not None:
                row["day"] = row["day"].isoformat()
        return self.response(200, result=rows)


def _date(raw):
    return date.fromisoformat(raw) if raw else None


class VisitApi(ScopedMixin, RestApi):
    """The guest book: an officer or a kiosk device writes; staff read their office's visitors."""

    resource_name = "visit"
    datamodel = SQLAInterface(Visit)
    include_route_methods = {"get", "get_list", "info", "post"}
    allow_browser_login = False
    list_columns = show_columns = ["id", "office.code", "applicant_id", "applicant.email", "ticket_id",
                                   "ticket.number", "service", "purpose", "outcome_procedure",
                                   "outcome_record_id", "created_at"]
    order_columns = ["id", "created_at"]
    search_columns = ["service", "created_at", "ticket_id"]
    base_order = ("id", "desc")

    @idempotent
    def post_headless(self):
        try:
            payload = _json_body()
            visit = record_visit(payload, current_user())
        except TransitionError as exc:
            body = {"message": exc.message}
            if exc.fields:
                body["errors"] = exc.fields
            return self.response(exc.status, **body)
        # No personal data back: a kiosk device writes but may not read the guest book.
        return self.response(201, id=visit.id, ticket=visit.ticket_id, service=visit.service)
