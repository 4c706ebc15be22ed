"""REST: the staff resource `complaint` (scoped reads, recording, transitions) and the public endpoints a
complainant uses without an account (file, track, reopen) — rate-limited per address."""
from __future__ import annotations

from flask import request
from flask_appbuilder.api import BaseApi, expose, safe
from flask_babel import gettext as _

from app.complaints import service
from app.complaints.models import Complaint
from app.complaints.procedure import COMPLAINTS
from app.core.web.procedure_api import ProcedureApi
from app.core.web.rest import ReadableErrorsMixin
from app.core.web.worklist import WorklistInterface
from app.core.workflow.engine import TransitionError


class ComplaintApi(ProcedureApi):
    resource_name = "complaint"
    datamodel = WorklistInterface(Complaint)
    procedure = COMPLAINTS
    list_columns = ["id", "status", "channel", "office.code", "tracking_code", "lapor_id", "received_at",
                    "about_number", "sla_state", "sla_due_date", "updated_at"]
    show_columns = ["id", "status", "version", "channel", "office.code", "office.name", "tracking_code",
                    "lapor_id", "received_at", "name", "email", "phone", "body", "about_number",
                    "about_procedure", "about_record_id", "about_officer_id", "answer", "answered_at",
                    "internal_note", "forwarded_from_id", "sla_state", "sla_due_date", "created_at", "updated_at"]
    order_columns = ["id", "received_at", "sla_due_date", "updated_at"]
    search_columns = ["status", "channel", "lapor_id", "tracking_code", "about_number"]
    base_order = ("id", "desc")

    def create_draft(self, payload: dict, user):
        return service.record_by_staff(payload, user)


def _iso(value):
    return value.isoformat() if value else None


class ComplaintPublicApi(ReadableErrorsMixin, BaseApi):
    """No login: anyone files a complaint and follows it by its code; nothing personal comes back."""

    resource_name = "complaint"
    openapi_spec_tag = "Complaint (public)"

    def _refused(self, exc: TransitionError):
        body = {"message": exc.message}
        if exc.fields:
            body["errors"] = exc.fields
        return self.response(exc.status, **body)

    @expose("/public", methods=["POST"])
    @safe
    def file(self):
        """Files a complaint without an account
        ---
        post:
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  properties:
                    office: {type: string}
                    name: {type: string}
                    email: {type: string}
                    phone: {type: string}
                    body: {type: string}
                    about: {type: string}
          responses:
            201: {description: "{\\"tracking_code\\": ...}"}
            422: {description: "Field messages"}
            429: {description: "Too many complaints from this address"}
        """
        payload = request.get_json(silent=True) if request.is_json else None
        if not isinstance(payload, dict):
            return self._refused(TransitionError(422, _("The request must be a JSON object.")))
        try:
            complaint = service.file_public(payload)
        except TransitionError as exc:
            return self._refused(exc)
        return self.response(201, tracking_code=complaint.tracking_code)

    @expose("/track/<code>", methods=["GET"])
    @safe
    def track(self, code):
        """The state of a complaint by its tracking code
        ---
        get:
          parameters:
          - in: path
            name: code
            schema: {type: string}
          responses:
            200: {description: "{status, received_at, due_date, answer}"}
            404: {description: "Unknown code"}
        """
        complaint = service.by_code(code)
        if complaint is None:
            return self.response(404, message=_("No complaint has this tracking code. Check the code and try again."))
        shown = service.public_view(complaint)
        return self.response(200, status=shown["status"], status_label=str(shown["status_label"]),
                             office=shown["office"], received_at=_iso(shown["received_at"]),
                             due_date=_iso(shown["due_date"]), answer=shown["answer"],
                             answered_at=_iso(shown["answered_at"]), may_reopen=shown["may_reopen"],
                             reopen_until=_iso(shown["reopen_until"]))

    @expose("/track/<code>/reopen", methods=["POST"])
    @safe
    def reopen(self, code):
        """The complainant reopens an answered complaint within the closing window
        ---
        post:
          parameters:
          - in: path
            name: code
            schema: {type: string}
          responses:
            200: {description: "{\\"status\\": \\"in_review\\"}"}
            404: {description: "Unknown code"}
            409: {description: "The closing window has passed, or it is not answered"}
            422: {description: "Field messages"}
        """
        complaint = service.by_code(code)
        if complaint is None:
            return self.response(404, message=_("No complaint has this tracking code. Check the code and try again."))
        payload = request.get_json(silent=True) if request.is_json else None
        if not isinstance(payload, dict):
            return self._refused(TransitionError(422, _("The request must be a JSON object.")))
        try:
            status = service.reopen_by_complainant(complaint, payload.get("note"))
        except TransitionError as exc:
            return self._refused(exc)
        return self.response(200, status=status)
