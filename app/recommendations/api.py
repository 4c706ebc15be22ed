"""REST resource `recommendation_request` (SPEC §9): scoped reads, the caller's draft, transitions,
documents (questionnaire, cover_letter uploaded; letter issued)."""
from __future__ import annotations

from app.core.web.procedure_api import ProcedureApi
from app.core.web.worklist import WorklistInterface
from app.recommendations import service
from app.recommendations.models import RecommendationRequest
from app.recommendations.procedure import RECOMMENDATION

FORM_COLUMNS = ["title", "organiser", "objective", "activity_type", "population", "sample_size", "method",
                "variables", "area", "start_date", "end_date", "funding", "contact_name", "contact_email"]
LETTER_COLUMNS = ["considerations", "suggestions", "conclusion", "letter_number", "letter_date", "signer_name",
                  "signer_nip", "sent_at"]


class RecommendationApi(ProcedureApi):
    resource_name = "recommendation_request"
    datamodel = WorklistInterface(RecommendationRequest)
    procedure = RECOMMENDATION
    list_columns = ["id", "status", "channel", "office.code", "title", "organiser", "activity_type", "area",
                    "start_date", "end_date", "letter_number", "letter_date", "sla_due_date", "updated_at"]
    show_columns = (["id", "status", "version", "channel", "office.code", "office.name", "applicant_id"]
                    + FORM_COLUMNS + LETTER_COLUMNS + ["sla_state", "sla_due_date", "created_at", "updated_at"])
    order_columns = ["id", "sla_due_date", "updated_at", "letter_date"]
    search_columns = ["status", "title", "organiser", "activity_type", "letter_number"]
    base_order = ("id", "desc")

    def create_draft(self, payload: dict, user):
        return service.create_draft(payload, user)
