"""REST API of a procedure resource (SPEC §9): scoped reads, transitions, documents.

Every resource: GET list/one (only what the caller may see), POST to create the caller's draft,
PUT /<id> to edit its fields (the procedure's "form" edit), GET /<id>/history,
POST /<id>/transition/<action>, GET /<id>/transitions, GET/POST /<id>/documents and
GET /<id>/documents/<doc_id> to download. JWT only (no browser cookie), so no CSRF surface.
"""
from __future__ import annotations

import functools

from flask import request
from flask_appbuilder.api import expose, protect, safe
from flask_appbuilder.security.decorators import permission_name
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from app.core.access.scoping import ScopedMixin, current_user, get_or_404
from app.core.documents import attached as docs
from app.core.web.rest import RestApi
from app.core.workflow.audit import history as audit_trail
from app.core.workflow.engine import TransitionError, apply, available_actions, download, edit, upload, user_roles
from app.core.workflow.sla import clock_for

API_ROUTES = {"get", "get_list", "info", "post", "edit_fields", "history", "transition", "transitions", "documents",
              "upload_document", "download_document"}
# What a role that takes part in a procedure may call; the engine then decides per action and edit.
PARTICIPANT = ("can_get|can_info|can_post|can_edit|can_history|can_transition|can_transitions|can_documents"
               "|can_upload|can_download")


def http_errors_as_json(method):
    """FAB's @safe turns any exception into a 500; a 404 from the scoping must stay a 404."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except HTTPException as exc:
            return self.response(exc.code or 500, message=str(exc.description))

    return wrapper


class ProcedureApi(ScopedMixin, RestApi):
    procedure = None  # set by each service
    include_route_methods = API_ROUTES
    allow_browser_login = False
    page_size = 25
    max_page_size = 100

    def create_draft(self, payload: dict, user):
        """The service's own creation logic: returns the new record (engine.start called)."""
        raise NotImplementedError

    def serialize(self, record) -> dict:
        return self.show_model_schema.dump(record)

    def _error(self, exc: TransitionError):
        body = {"message": exc.message}
        if exc.fields:
            body["errors"] = exc.fields
        return self.response(exc.status, **body)

    def post_headless(self):
        if not request.is_json:
            return self.response_400(message=_("The request must be JSON."))
        payload = request.get_json(silent=True)
        if not isinstance(payload, dict):
            return self._error(TransitionError(422, _("The request must be a JSON object.")))
        try:
            record = self.create_draft(payload, current_user())
        except TransitionError as exc:
            return self._error(exc)
        return self.response(201, id=record.id, result=self.serialize(record))

    @expose("/<int:pk>", methods=["PUT"])
    @protect()
    @safe
    @http_errors_as_json
    @permission_name("edit")
    def edit_fields(self, pk):
        """Edits the record's fields, as far as its state lets the caller (the procedure's "form" edit)
        ---
        put:
          parameters:
          - in: path
            name: pk
            schema: {type: integer}
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  required: [version]
                  properties:
                    version: {type: integer, description: "The version the caller last read"}
                  additionalProperties: true
          responses:
            200: {description: "{\\"version\\": new version, \\"result\\": the record}"}
            403: {description: "Role may not"}
            404: {description: "Not yours to see"}
            409: {description: "Stale version, or the state no longer allows the change"}
            422: {description: "Field messages"}
        """
        data = request.get_json(silent=True) if request.is_json else None
        if not isinstance(data, dict):
            return self._error(TransitionError(422, _("The request must be a JSON object.")))
        if data.get("version") is None:  # an edit always says which version it changes
            return self._error(TransitionError(422, _("Some of what you entered is not valid."),
                                               {"version": _("This field is required.")}))
        data = dict(data)
        try:
            outcome = edit(self.procedure, pk, "form", current_user(), data, expected_version=data.pop("version"))
        except TransitionError as exc:
            return self._error(exc)
        return self.response(200, version=outcome.record.version, result=self.serialize(outcome.record))

    @expose("/<int:pk>/history", methods=["GET"])
    @protect()
    @safe
    @http_errors_as_json
    @permission_name("history")
    def history(self, pk):
        """The record's audit trail, oldest first
        ---
        get:
          parameters:
          - in: path
            name: pk
            schema: {type: integer}
          responses:
            200: {description: "{\\"result\\": [{at, actor, role, action, from_state, to_state, note, fields}]}"}
            404: {description: "Not yours to see"}
        """
        record = get_or_404(self.datamodel.obj, pk)
        return self.response(200, result=[{
            "at": event.at.isoformat(), "actor": event.actor.username if event.actor else None,
            "role": event.actor_role, "action": event.action, "from_state": event.from_state,
            "to_state": event.to_state, "note": event.note, "fields": event.fields,
        } for event in audit_trail(self.procedure.name, record.id, with_actors=True)])

    @expose("/<int:pk>/transition/<action>", methods=["POST"])
    @protect()
    @safe
    @http_errors_as_json
    @permission_name("transition")
    def transition(self, pk, action):
        """Applies a named procedure action
        ---
        post:
          parameters:
          - in: path
            name: pk
            schema: {type: integer}
          - in: path
            name: action
            schema: {type: string}
          responses:
            200: {description: "New state: {\\"status\\": ...}"}
            403: {description: "Role may not"}
            404: {description: "Not yours to see"}
            409: {description: "State no longer allows it, or a guard failed"}
            422: {description: "Field messages"}
        """
        data = request.get_json(silent=True) if request.is_json else dict(request.form)
        if data is not None and not isinstance(data, dict):
            return self._error(TransitionError(422, _("The request must be a JSON object.")))
        data = dict(data or {})
        for name, file in request.files.items():
            data[name] = file
        try:
            outcome = apply(self.procedure, pk, action, current_user(), data,
                            expected_version=data.pop("version", None))
        except TransitionError as exc:
            return self._error(exc)
        return self.response(200, status=outcome.status)

    @expose("/<int:pk>/transitions", methods=["GET"])
    @protect()
    @safe
    @http_errors_as_json
    @permission_name("transitions")
    def transitions(self, pk):
        """Actions the caller may take now
        ---
        get:
          parameters:
          - in: path
            name: pk
            schema: {type: integer}
          responses:
            200: {description: "{\\"result\\": [{name, label, to, fields}]}"}
            404: {description: "Not yours to see"}
        """
        record = get_or_404(self.datamodel.obj, pk)
        user = current_user()
        result = [{
            "name": action.name, "label": str(action.label),
            "to": action.target if isinstance(action.target, str) else None,
            "fields": [{"name": f.name, "label": str(f.label), "required": f.required, "kind": f.kind}
                       for f in action.fields],
        } for action in available_actions(self.procedure, record, user)]
        clock = clock_for(record, self.procedure)
        return self.response(200, result=result, status=record.status, version=record.version,
                             sla={"state": clock.state, "due": clock.due.isoformat() if clock.due else None,
                                  "working_days_left": clock.left})

    def _download_url(self, record, doc) -> str:
        return f"/api/v1/{self.resource_name}/{record.id}/documents/{doc.id}"

    @expose("/<int:pk>/documents", methods=["GET"])
    @protect()
    @safe
    @http_errors_as_json
    @permission_name("documents")
    def documents(self, pk):
        """Documents of the record
        ---
        get:
          parameters:
          - in: path
            name: pk
            schema: {type: integer}
          responses:
            200: {description: "{\\"result\\": [{id, kind, filename, number, issued_at, download_url, verify_url}]}"}
            404: {description: "Not yours to see"}
        """
        record = get_or_404(self.datamodel.obj, pk)
        roles = user_roles(current_user())
        return self.response(200, result=[docs.describe(doc, self._download_url(record, doc))
                                          for doc in docs.documents_of(self.procedure.name, record.id)
                                          if self.procedure.downloadable(record, doc, roles)])

    @expose("/<int:pk>/documents", methods=["POST"])
    @protect()
    @safe
    @http_errors_as_json
    @permission_name("upload")
    def upload_document(self, pk):
        """Uploads a document (multipart fields kind and file)
        ---
        post:
          parameters:
          - in: path
            name: pk
            schema: {type: integer}
          responses:
            201: {description: "The stored document"}
            403: {description: "Role may not"}
            404: {description: "Not yours to see"}
            409: {description: "Not in this state"}
            422: {description: "Wrong kind, size or type"}
        """
        file = request.files.get("file")
        kind = request.form.get("kind", "")
        if file is None:
            return self._error(TransitionError(422, _("Some of what you entered is not valid."),
                                               {"file": _("Choose a file to upload.")}))
        try:
            doc = upload(self.procedure, pk, kind, file.read(), file.filename or "", current_user())
        except TransitionError as exc:
            return self._error(exc)
        record = get_or_404(self.datamodel.obj, pk)
        return self.response(201, result=docs.describe(doc, self._download_url(record, doc)))

    @expose("/<int:pk>/documents/<int:doc_id>", methods=["GET"])
    @protect()
    @safe
    @http_errors_as_json
    @permission_name("download")
    def download_document(self, pk, doc_id):
        """Downloads one document of the record (audited)
        ---
        get:
          parameters:
          - in: path
            name: pk
            schema: {type: integer}
          - in: path
            name: doc_id
            schema: {type: integer}
          responses:
            200: {description: "The file"}
            404: {description: "Not yours to see"}
        """
        return download(self.procedure, get_or_404(self.datamodel.obj, pk), doc_id, current_user())


