"""Recommendation of a statistical activity (Rekomendasi Kegiatan Statistik, SPEC §3.2, seed 002).

Online and walk-in are one procedure with two entry points (seed 002 step numbers):
  online 1–4 / walk-in 1–8  the applicant fills the form (or the officer records it) → draft, `submit`
  online 5   / walk-in 9    the officer checks it with the applicant until complete  → `verify` / `return`
  online 6   / walk-in 10   the officer drafts the letter                            → `draft_letter`
  online 7   / walk-in 11   the head of office signs and issues it                  → `sign` / `request_revision`
  online 8   / walk-in 12   the officer sends it to the applicant                    → `send`
  online 9   / walk-in 13   the applicant rates the service                          → `rate`
  online 10  / walk-in 14   done                                                     → completed
Time limit: 30 working days from the form recorded complete (`verify`), paused while returned.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.core.access import roles as r
from app.core.documents import attached as docs
from app.core.satisfaction.index import comment_field, record_rating, scores_field
from app.core.values.validation import InvalidValue
from app.core.workflow.procedure import (
    APPLICANT,
    SLA_PAUSE,
    SLA_RESUME,
    SLA_START,
    SLA_STOP,
    Action,
    Edit,
    Field,
    Guard,
    Procedure,
    Upload,
    register,
)
from app.core.workflow.records import CHANNEL_WALK_IN, number_finder
from app.recommendations.forms import clean_edit, form_complete, write_form
from app.recommendations.letters import (
    BODY_PARTS,
    PROCEDURE_NAME,
    draft_letter,
    has_signed_letter,
    send_letter,
    sign_letter,
    suggested_body,
)
from app.recommendations.models import RecommendationRequest

NAME = PROCEDURE_NAME
SLA_WORKING_DAYS = 30
REQUIRED_UPLOADS = ("questionnaire", "cover_letter")
BODY_LABELS = {"considerations": _l("Considerations"), "suggestions": _l("Suggestions"),
               "conclusion": _l("Conclusion")}


def documents_attached(record) -> bool:
    return all(docs.current_document(NAME, record.id, kind) for kind in REQUIRED_UPLOADS)


def clean_part(raw) -> str:
    """One part of the letter body, as the screen or the API sends it."""
    if not isinstance(raw, str) or len(raw) > 8000:
        raise InvalidValue(_("Each part of the body is a text of at most 8000 characters."))
    return raw.strip()


def clean_body(raw) -> dict:
    """`draft_letter`'s API input: {"considerations", "suggestions", "conclusion"}; a part left out
    keeps the office template's wording."""
    if not isinstance(raw, dict) or not raw or set(raw) - set(BODY_PARTS):
        raise InvalidValue(_("The body has the parts considerations, suggestions and conclusion."))
    parts = {part: clean_part(value) for part, value in raw.items()}
    return {part: text for part, text in parts.items() if text}


def suggested_part(record, part: str) -> str:
    try:
        return suggested_body(record)[part]
    except InvalidValue:  # a broken office template: the page still opens, `draft_letter` says why
        return getattr(record, part) or ""


def body_fields() -> tuple[Field, ...]:
    """The screen edits each part, starting from the current draft or the office template."""
    parts = tuple(Field(part, BODY_LABELS[part], required=False, kind="textarea", clean=clean_part,
                        default=lambda record, part=part: suggested_part(record, part)) for part in BODY_PARTS)
    return parts + (Field("body", _l("Letter body"), required=False, kind="json", clean=clean_body),)


def note(label) -> Field:
    return Field("note", label, kind="textarea")


def officer_edits(record, role) -> bool:
    """The officer records a walk-in visitor's form, and checks any form with the applicant once
    submitted; an online draft is the applicant's own."""
    return record.status == "submitted" or record.channel == CHANNEL_WALK_IN


def next_step(record, for_applicant: bool) -> str:
    """What the reader of a mail should do now; staff are told the steps they may take."""
    if not for_applicant:
        return ""
    return {
        "draft": _("Complete the form, upload the questionnaire and the cover letter, and submit it."),
        "returned": _("Read the officer's note, complete the form and submit it again."),
        "sent": _("Download the signed letter and rate our service."),
    }.get(record.status, "")


FORM_COMPLETE = Guard(form_complete, _l("Fill in every required field of the form first."))
DOCUMENTS_ATTACHED = Guard(documents_attached, _l("Upload the questionnaire and the cover letter first."))
LETTER_ISSUED = Guard(has_signed_letter, _l("The signed letter is missing."))

RECOMMENDATION = register(Procedure(
    name=NAME, resource="recommendation_request", model=RecommendationRequest, initial="draft",
    label=_l("Recommendation of statistical activities"),
    record_label=lambda record: f"REK-{record.id:05d}",
    public_subject=lambda record: f"{record.title} ({record.organiser})",
    staff_path="/recommendationview/show/", applicant_path="/myrecommendationview/show/",
    find_by_number=number_finder(RecommendationRequest, "REK", "letter_number"),
    states={
        "draft": _l("Draft"),
        "submitted": _l("Submitted"),
        "returned": _l("Returned to the applicant"),
        "verified": _l("Verified"),
        "letter_drafted": _l("Letter drafted"),
        "revision_requested": _l("Revision requested"),
        "signed": _l("Signed"),
        "sent": _l("Sent"),
        "completed": _l("Completed"),
    },
    actions=(
        Action(
            "submit", _l("Submit"), ("draft", "returned"), "submitted", (r.APPLICANT, r.OFFICER),
            guards=(FORM_COMPLETE, DOCUMENTS_ATTACHED), notify=(r.OFFICER,), sla=SLA_RESUME,
            done=_l("Request submitted")),
        Action(
            "verify", _l("Verify: the design is complete and clear"), ("submitted",), "verified", (r.OFFICER,),
            notify=(APPLICANT,), sla=SLA_START, done=_l("Request verified")),
        Action(
            "return", _l("Return to the applicant"), ("submitted", "verified"), "returned", (r.OFFICER,),
            fields=(note(_l("What must be completed or clarified")),), notify=(APPLICANT,), sla=SLA_PAUSE,
            style="default", done=_l("Request returned to the applicant")),
        Action(
            "draft_letter", _l("Draft the letter"), ("verified", "revision_requested", "letter_drafted"),
            "letter_drafted", (r.OFFICER,), fields=body_fields(), effect=draft_letter, notify=(r.HEAD,),
            done=_l("Letter drafted")),
        Action(
            "request_revision", _l("Request a revision"), ("letter_drafted",), "revision_requested", (r.HEAD,),
            fields=(note(_l("What the officer must change")),), notify=(r.OFFICER,), style="default",
            done=_l("Revision requested")),
        # Only a head of office signs, and scoping limits them to their own office's letters.
        Action(
            "sign", _l("Sign and issue"), ("letter_drafted",), "signed", (r.HEAD,), effect=sign_letter,
            notify=(r.OFFICER,), confirm=_l("Sign this letter? It gets its number and can no longer be changed."),
            done=_l("Letter signed")),
        Action(
            "send", _l("Send the letter to the applicant"), ("signed",), "sent", (r.OFFICER,),
            guards=(LETTER_ISSUED,), effect=send_letter, sla=SLA_STOP, done=_l("Letter sent")),
        Action(
            "rate", _l("Rate our service"), ("sent",), "completed", (r.APPLICANT,),
            fields=(scores_field(), comment_field()), effect=record_rating("recommendation"), done=_l("Service rated")),
    ),
    state_tones={"sent": "success", "completed": "success", "signed": "success", "returned": "warning",
                 "revision_requested": "warning"},
    document_kinds={"questionnaire": _l("Questionnaire"), "cover_letter": _l("Cover letter to the head of office"),
                    "letter": _l("Recommendation letter")},
    issued_kinds=("letter",),
    uploads={
        "questionnaire": Upload((r.APPLICANT, r.OFFICER), ("draft", "returned", "submitted")),
        "cover_letter": Upload((r.APPLICANT, r.OFFICER), ("draft", "returned", "submitted")),
    },
    edits={"form": (
        Edit(("draft", "returned"), (r.APPLICANT,), clean_edit, write_form, label=_l("Form changed")),
        Edit(("draft", "returned", "submitted"), (r.OFFICER,), clean_edit, write_form, guard=officer_edits,
             label=_l("Form changed")),
    )},
    # Seed 002: 30 working days from the form recorded complete, for both channels (walk-in step 8
    # records the visitor's form in the application too).
    sla_days=lambda record: SLA_WORKING_DAYS,
    next_step=next_step,
    number_prefix="REK",
    search_columns=("title", "organiser", "letter_number"),
))
