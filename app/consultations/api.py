"""REST: the public knowledge search (`knowledge`), and the `consultation` resource — scoped reads,
filing, transitions, the thread's messages and documents (SPEC §9, issue 11)."""
from __future__ import annotations

from flask import request
from flask_appbuilder.api import BaseApi, expose, protect, safe
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import permission_name
from flask_babel import gettext as _

from app.consultations import knowledge, service
from app.consultations.models import Consultation
from app.consultations.procedure import CONSULTATION
from app.core.access.scoping import get_or_404
from app.core.documents import attached as docs
from app.core.values.validation import parse_id
from app.core.web.procedure_api import API_ROUTES, ProcedureApi, http_errors_as_json
from app.core.web.rest import ReadableErrorsMixin


class ConsultationApi(ProcedureApi):
    resource_name = "consultation"
    datamodel = SQLAInterface(Consultation)
    procedure = CONSULTATION
    include_route_methods = API_ROUTES | {"messages"}
    list_columns = ["id", "status", "channel", "office.code", "subject", "topic.code", "sla_due_date",
                    "last_message_at", "updated_at"]
    show_columns = ["id", "status", "version", "channel", "office.code", "office.name", "applicant_id", "subject",
                    "question", "topic.code", "topic.name", "follow_up_service", "follow_up_record_id", "sla_state",
                    "sla_due_date", "last_message_at", "created_at", "updated_at"]
    order_columns = ["id", "sla_due_date", "updated_at", "last_message_at"]
    search_columns = ["status", "channel", "subject"]
    base_order = ("id", "desc")

    def create_draft(self, payload: dict, user):
        return service.create_consultation(payload, user)

    def post_headless(self):
        """Files a consultation: 201 with its id, state and due date (SPEC §9)."""
        response = super().post_headless()
        if response.status_code != 201:
            return response
        body = response.get_json()
        record = get_or_404(Consultation, body["id"])
        return self.response(201, id=record.id, status=record.status,
                             due_date=record.sla_due_date.isoformat() if record.sla_due_date else None,
                             result=body["result"])

    @expose("/<int:pk>/messages", methods=["GET"])
    @protect()
    @safe
    @http_errors_as_json
    @permission_name("messages")
    def messages(self, pk):
        """The thread of a consultation, oldest first
        ---
        get:
          parameters:
          - in: path
            name: pk
            schema: {type: integer}
          responses:
            200: {description: "{\\"result\\": [{id, action, author, author_role, body, created_at, attachment}]}"}
            404: {description: "Not yours to see"}
        """
        record = get_or_404(Consultation, pk)
        return self.response(200, result=[{
            "id": message.id, "action": message.action, "author_role": message.author_role,
            "author": message.author.display_name if message.author else None, "body": message.body,
            "created_at": message.created_at.isoformat() + "Z",
            "attachment": docs.describe(message.document, self._download_url(record, message.document))
            if message.document else None,
        } for message in record.messages])


class KnowledgeApi(ReadableErrorsMixin, BaseApi):
    """Public (no login): the knowledge search, and "yes, this answered my question"."""

    resource_name = "knowledge"
    allow_browser_login = True

    @expose("/", methods=["GET"])
    @safe
    def search(self):
        """Searches FAQs and published answers
        ---
        get:
          parameters:
          - in: query
            name: q
            schema: {type: string}
          - in: query
            name: office
            schema: {type: string}
          responses:
            200: {description: "{\\"result\\": [{id, title, snippet, url, score, helpful_count}]}"}
        """
        try:
            limit = min(max(int(request.args.get("limit", 10)), 1), 50)
        except ValueError:
            limit = 10
        hits = knowledge.search(request.args.get("q", ""), request.args.get("office") or None, limit)
        return self.response(200, result=[{
            "id": hit.entry.id, "title": hit.entry.title, "snippet": str(hit.snippet),
            "url": knowledge.url_of(hit.entry), "score": hit.score, "helpful_count": hit.entry.helpful_count,
        } for hit in hits])

    @expose("/<pk>/helpful", methods=["POST"])
    @safe
    def helpful(self, pk):
        """Counts that an entry answered someone's question
        ---
        post:
          parameters:
          - in: path
            name: pk
            schema: {type: integer}
          responses:
            200: {description: "{\\"helpful_count\\": n}"}
            404: {description: "No such published entry"}
        """
        entry_id = parse_id(pk)
        if entry_id is None or not knowledge.record_helpful(entry_id):
            return self.response_404()
        return self.response(200, message=_("Thank you: glad it helped."))
