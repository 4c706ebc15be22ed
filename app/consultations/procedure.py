"""Statistical consultation (Konsultasi Statistik, SPEC §3.3, seed 004).

Online (seed 004, online steps): the applicant searches the knowledge base (3), and if the answer is
not there opens a consultation (4) → `open`. Officer and applicant write in the thread (5–6):
  open ─answer→ answered ─reply→ open            the officer answers; the applicant follows up
  open ─add_message→ open                          the applicant adds to the question meanwhile
  open ─ask_clarification→ awaiting_applicant ─reply→ open      the officer asks what is meant first
  * ─schedule_meeting→ awaiting_applicant ─accept_meeting→ answered / ─ask_other_time→ open
  open|answered|awaiting_applicant ─close→ closed       the officer closes when answered (7);
  answered|awaiting_applicant ─close_idle→ closed       or the applicant stopped responding (7, cron)
  closed ─rate→ completed                                the applicant rates the service (8–9)
  closed|completed ─publish_answer→ (same)               the answer joins the knowledge base
Walk-in (seed 004, walk-in steps 3–6): the officer logs the guest's question (channel walk_in; WhatsApp
and e-mail consultations likewise), the answer given, and the service the visit led to; what the guest
says later the officer writes down (`record_reply`).
Steps the office may take but nobody waits for (clarify, propose a meeting, close, publish) are not
`awaited`: an open thread is in the officer's inbox for its answer, not for each of them.
Time limit: 3 working days from the request (online, WhatsApp, e-mail), running while it is the
office's turn: paused while the applicant is asked to clarify, to read an answer or to answer a proposed
meeting; walk-in guests are served at the desk (seed: ≤ 10 minutes after the previous visitor).
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.consultations import meetings
from app.consultations.forms import clean_log
from app.consultations.knowledge import publish_answer
from app.consultations.models import MEETING_ACCEPTED, MEETING_DECLINED, MEETING_KINDS, Consultation
from app.consultations.thread import (
    ATTACHMENT_KIND,
    ATTACHMENT_TYPES,
    clean_attachment,
    clean_message,
    speak,
)
from app.core.access import roles as r
from app.core.satisfaction.index import comment_field, record_rating, scores_field
from app.core.workflow.procedure import (
    APPLICANT,
    SLA_PAUSE,
    SLA_RESUME,
    SLA_START,
    SLA_STOP,
    SYSTEM,
    Action,
    Edit,
    Field,
    Guard,
    Procedure,
    Upload,
    register,
)
from app.core.workflow.records import CHANNEL_ONLINE, CHANNEL_WALK_IN

NAME = "consultations"
SLA_WORKING_DAYS = 3
SPEAKING = ("open", "answered", "awaiting_applicant")


def message(label, required: bool = True) -> Field:
    return Field("message", label, required=required, kind="textarea", clean=clean_message)


ATTACHMENT = Field("attachment", _l("Attachment (PDF, JPG, PNG, XLSX, CSV or ZIP)"), required=False, kind="file",
                   clean=clean_attachment)


def not_online(record) -> bool:
    return record.channel != CHANNEL_ONLINE


def suggested_answer(record) -> str:
    answers = [m.body for m in record.messages if m.action == "answer"]
    return answers[-1] if answers else ""


# An officer writes down what a walk-in, WhatsApp or e-mail guest said; online, the applicant writes.
NOT_ONLINE = Guard(not_online, _l("The applicant writes their own messages in an online consultation."))
MEETING_PENDING = Guard(meetings.has_pending, _l("There is no proposed meeting to answer."))
HAS_ANSWER = Guard(lambda record: any(m.action == "answer" for m in record.messages),
                   _l("Publish an answer only after the officer has answered."))

CONSULTATION = register(Procedure(
    name=NAME, resource="consultation", model=Consultation, initial="open",
    label=_l("Statistical consultation"),
    record_label=lambda record: f"KONS-{record.id:05d}",
    staff_path="/consultationview/show/", applicant_path="/myconsultationview/show/",
    states={
        "open": _l("Open: the office's turn"),
        "answered": _l("Answered"),
        "awaiting_applicant": _l("Awaiting the applicant"),
        "closed": _l("Closed"),
        "completed": _l("Completed (rated)"),
    },
    actions=(
        Action(
            "answer", _l("Answer"), ("open",), "answered", (r.OFFICER,),
            fields=(message(_l("Your answer")), ATTACHMENT), effect=speak, notify=(APPLICANT,), sla=SLA_PAUSE),
        Action(
            "ask_clarification", _l("Ask for clarification"), ("open", "answered"), "awaiting_applicant",
            (r.OFFICER,), fields=(message(_l("What should the applicant clarify?")), ATTACHMENT), effect=speak,
            notify=(APPLICANT,), sla=SLA_PAUSE, style="default", awaited=False),
        Action(
            "reply", _l("Reply"), ("answered", "awaiting_applicant"), "open", (r.APPLICANT,),
            fields=(message(_l("Your message")), ATTACHMENT), effect=speak, notify=(r.OFFICER,), sla=SLA_RESUME),
        Action(
            "add_message", _l("Add to my question"), ("open",), "open", (r.APPLICANT,),
            fields=(message(_l("Your message")), ATTACHMENT), effect=speak, notify=(r.OFFICER,), style="default",
            awaited=False),
        Action(
            "record_reply", _l("Record the guest's reply"), ("answered", "awaiting_applicant"), "open", (r.OFFICER,),
            fields=(message(_l("What the guest said")), ATTACHMENT), guards=(NOT_ONLINE,), effect=speak,
            sla=SLA_RESUME, style="default", awaited=False),
        Action(
            "schedule_meeting", _l("Propose a follow-up meeting"), SPEAKING, "awaiting_applicant", (r.OFFICER,),
            fields=(
                Field("kind", _l("Meeting"), kind="select", clean=meetings.clean_kind,
                      choices=lambda: [(key, str(label)) for key, label in MEETING_KINDS.items()]),
                Field("day", _l("Date"), kind="date", clean=meetings.clean_day),
                Field("time", _l("Time (WIB)"), kind="time", clean=meetings.clean_time),
                Field("minutes", _l("Duration (minutes)"), required=False, kind="int", clean=meetings.clean_minutes,
                      default=lambda record: meetings.DEFAULT_MINUTES),
                Field("place", _l("Place (for a visit)"), required=False, clean=meetings.clean_place,
                      default=lambda record: record.office.address if record.office else ""),
                Field("link", _l("Link (for a video meeting)"), required=False, clean=meetings.clean_link),
                message(_l("Message"), required=False),
            ),
            effect=meetings.propose, sla=SLA_PAUSE, style="default", awaited=False),
        Action(
            "accept_meeting", _l("Accept the meeting"), ("awaiting_applicant",), "answered", (r.APPLICANT,),
            fields=(message(_l("Message"), required=False),), guards=(MEETING_PENDING,),
            effect=meetings.answer_proposal(MEETING_ACCEPTED), notify=(r.OFFICER,)),
        Action(
            "ask_other_time", _l("Ask for another time"), ("awaiting_applicant",), "open", (r.APPLICANT,),
            fields=(message(_l("Which days and times suit you?")),), guards=(MEETING_PENDING,),
            effect=meetings.answer_proposal(MEETING_DECLINED), notify=(r.OFFICER,), sla=SLA_RESUME,
            style="default"),
        Action(
            "close", _l("Close the consultation"), SPEAKING, "closed", (r.OFFICER,),
            fields=(message(_l("Closing message"), required=False),), effect=speak, notify=(APPLICANT,),
            sla=SLA_STOP, style="default", awaited=False,
            confirm=_l("Close this consultation? The applicant is then asked to rate it.")),
        Action(
            "close_idle", _l("Closed: no response from the applicant"), ("answered", "awaiting_applicant"),
            "closed", (SYSTEM,), effect=speak, notify=(APPLICANT,), sla=SLA_STOP),
        Action(
            "publish_answer", _l("Publish the answer in the knowledge base"), ("closed", "completed"),
            lambda record, values: record.status, (r.OFFICER,), targets=("closed", "completed"),
            fields=(
                Field("title", _l("Question, without personal data"), clean=clean_message,
                      default=lambda record: record.subject),
                Field("answer", _l("Answer"), kind="textarea", clean=clean_message, default=suggested_answer),
            ),
            guards=(HAS_ANSWER,), effect=publish_answer, style="default", awaited=False),
        Action(
            "rate", _l("Rate our service"), ("closed",), "completed", (r.APPLICANT,),
            fields=(scores_field(), comment_field()), effect=record_rating("consultation")),
    ),
    # The officer keeps the log of what they recorded (walk-in, WhatsApp, e-mail) right: subject,
    # question and topic (a walk-in started from the front desk is filled in here), and where a
    # walk-in visit led. An online question stays as the applicant wrote it.
    edits={"form": (Edit(SPEAKING + ("closed", "completed"), (r.OFFICER,), clean_log,
                         guard=lambda record, role: record.channel != CHANNEL_ONLINE,
                         label=_l("Edit the consultation log")),)},
    state_tones={"open": "warning", "awaiting_applicant": "", "answered": "success", "completed": "success"},
    document_kinds={ATTACHMENT_KIND: _l("Attachment"), meetings.INVITATION_KIND: _l("Meeting invitation")},
    issued_kinds=(meetings.INVITATION_KIND,),
    uploads={ATTACHMENT_KIND: Upload((r.APPLICANT, r.OFFICER), SPEAKING, ATTACHMENT_TYPES)},
    # Seed 004: 3 working days after the request is clear, online; a walk-in guest is served at the desk.
    sla_days=lambda record: None if record.channel == CHANNEL_WALK_IN else SLA_WORKING_DAYS,
    sla_on_create=SLA_START,
    # The navbar's search box: KONS-12, the subject, or who asked.
    number_prefix="KONS",
    search_columns=("subject",),
))
