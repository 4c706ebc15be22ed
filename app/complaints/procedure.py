"""The complaint procedure (SPEC §3.4), on the LAPOR! practice clock, read top to bottom.

    received ─triage→ in_review ─answer→ answered ─close→ closed
    received / in_review ─forward→ received (at another office: a complaint about Kendal filed at the province)
    answered / closed ─reopen→ in_review     (the complainant, within the closing window)
    received / in_review ─escalate→ (same)   (the head of office, once the clock has run out)

Clock (working days, the office's calendar): triage within 3 of receipt — counted from the day the
complaint reached the office, which staff give for one that arrived elsewhere —, answer within 5 of
triage; `flask complaints close-answered` closes it 10 after the answer when the complainant has not
reopened it. Every public step mails the complainant when they left an address.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.complaints.models import Complaint
from app.core.access import roles as r
from app.core.calendar.clock import utcnow
from app.core.calendar.workdays import jakarta_today, to_jakarta_date
from app.core.documents.attached import documents_of
from app.core.mail.templates import DEFAULT_TEMPLATES
from app.core.values.validation import InvalidValue
from app.core.workflow.procedure import (
    APPLICANT,
    SLA_RESTART,
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
from app.core.workflow.records import number_finder
from app.core.workflow.sla import calendar_for, days_left, time_limit_condition

NAME = "complaints"
TRIAGE_DAYS, ANSWER_DAYS, CLOSE_AFTER_DAYS = 3, 5, 10
TEXT_LIMIT = 8000


def clean_text(raw, limit: int = TEXT_LIMIT) -> str:
    if not isinstance(raw, str):
        raise InvalidValue(_("Enter a text."))
    text = raw.strip()
    if len(text) > limit:
        raise InvalidValue(_("At most %(limit)d characters.", limit=limit))
    return text


def working_days_since_answer(record) -> int | None:
    if record.answered_at is None:
        return None
    return calendar_for(record.office_id).working_days_between(to_jakarta_date(record.answered_at), jakarta_today())


def closing_day(record):
    """The last working day the complainant may still reopen an answered complaint."""
    if record.answered_at is None:
        return None
    return calendar_for(record.office_id).add_working_days(to_jakarta_date(record.answered_at), CLOSE_AFTER_DAYS)


def within_closing_window(record) -> bool:
    since = working_days_since_answer(record)
    return since is not None and since <= CLOSE_AFTER_DAYS


def overdue(record) -> bool:
    left = days_left(record)
    return left is not None and left < 0


def clean_office(raw):
    from sqlalchemy import select

    from app.core.reference.models import Office
    from app.extensions import db

    code = raw.strip() if isinstance(raw, str) else ""
    office = db.session.scalars(select(Office).where(Office.code == code)).first() if code else None
    if office is None:
        raise InvalidValue(_("Choose an office from the list."))
    return office


def office_choices() -> list[tuple[str, str]]:
    from sqlalchemy import select

    from app.core.reference.models import Office
    from app.extensions import db

    return [(office.code, f"{office.code} {office.name}")
            for office in db.session.scalars(select(Office).order_by(Office.code))]


def record_answer(record, ctx) -> None:
    record.answer = ctx.values["message"]
    record.answered_at = utcnow()


def forward(record, ctx) -> None:
    office = ctx.values["office"]
    if office.id == record.office_id:
        raise InvalidValue(_("The complaint is already at this office; choose another."))
    ctx.extra_audit.update({"office": office.code, "from_office": record.office.code})
    record.forwarded_from_id = record.office_id
    record.office_id = office.id
    record.office = office
    # What the complainant attached goes with it: documents belong to the record's office.
    for document in documents_of(NAME, record.id):
        document.office_id = office.id
    # An officer of the first office is no one at the second: the named officer no longer applies.
    record.about_officer_id = None


def clock_days(record) -> int:
    return TRIAGE_DAYS if record.status == "received" else ANSWER_DAYS


def clean_form(record, data: dict) -> tuple[dict, dict]:
    """The handler's own fields: the internal note, and the officer the complaint is about."""
    from app.complaints.service import clean_officer  # the use cases import this module

    values, errors = {}, {}
    if "internal_note" in data:
        try:
            values["internal_note"] = clean_text(data["internal_note"] or "")
        except InvalidValue as exc:
            errors["internal_note"] = str(exc)
    if "about_officer" in data:
        try:
            officer = clean_officer(record.office_id, data["about_officer"])
            values["about_officer_id"] = officer.id if officer else None
        except InvalidValue as exc:
            errors["about_officer"] = str(exc)
    if not values and not errors:
        errors["internal_note"] = _("Nothing to change.")
    return values, errors


OPEN = ("received", "in_review")
OVERDUE = Guard(overdue, _l("The time limit of this complaint has not run out."))
IN_WINDOW = Guard(within_closing_window, _l("The closing window of 10 working days after the answer has passed."))


class ComplaintProcedure(Procedure):
    def record_url(self, record, for_applicant: bool) -> str:
        """The complainant has no account: their link is the tracking page of their code."""
        if not for_applicant:
            return super().record_url(record, for_applicant)
        from flask import current_app

        base = current_app.config.get("SERVER_BASE_URL", "").rstrip("/")
        return f"{base}/complaints/track/{record.tracking_code}"


COMPLAINTS = register(ComplaintProcedure(
    name=NAME, resource="complaint", model=Complaint, initial="received",
    label=_l("Complaints"),
    record_label=lambda record: record.label,
    staff_path="/complaintview/show/",
    states={
        "received": _l("Received"),
        "in_review": _l("In review"),
        "answered": _l("Answered"),
        "closed": _l("Closed"),
    },
    actions={
        "triage": Action(
            "triage", _l("Triage: accept for handling"), ("received",), "in_review", (r.COMPLAINTS,),
            notify=(APPLICANT,), sla=SLA_RESTART),
        "forward": Action(
            "forward", _l("Forward to another office"), OPEN, "received", (r.COMPLAINTS,),
            fields=(Field("office", _l("Office"), kind="select", clean=clean_office, choices=office_choices),
                    Field("note", _l("Why it belongs there"), kind="textarea")),
            effect=forward, notify=(APPLICANT, r.COMPLAINTS), sla=SLA_RESTART, style="default"),
        "answer": Action(
            "answer", _l("Answer the complainant"), ("in_review",), "answered", (r.COMPLAINTS,),
            fields=(Field("message", _l("Public answer"), kind="textarea", clean=clean_text,
                          help=_l("The complainant reads it on the tracking page and in the e-mail.")),),
            effect=record_answer, notify=(APPLICANT,), sla=SLA_STOP),
        # An answered complaint waits on the complainant, not the handler: neither step puts it in an inbox.
        "close": Action(
            "close", _l("Close"), ("answered",), "closed", (r.COMPLAINTS, SYSTEM), notify=(APPLICANT,),
            style="default", awaited=False),
        # The complainant reopens it from the tracking page (acting through their code, as the system
        # acts for them), or the handler on their behalf when they call.
        "reopen": Action(
            "reopen", _l("Reopen"), ("answered", "closed"), "in_review", (r.COMPLAINTS, SYSTEM),
            fields=(Field("note", _l("What is still not resolved"), kind="textarea", clean=clean_text),),
            guards=(IN_WINDOW,), notify=(r.COMPLAINTS,), sla=SLA_RESTART, style="default", awaited=False),
        # Overdue complaints reach the head: the one step they take is to tell the handlers what to do.
        "escalate": Action(
            "escalate", _l("Escalate: instruct the complaint handlers"), OPEN, lambda record, values: record.status,
            (r.HEAD,), targets=OPEN, fields=(Field("note", _l("Instruction"), kind="textarea", clean=clean_text),),
            guards=(OVERDUE,), awaited_when=lambda model: time_limit_condition(model, "overdue", None),
            notify=(r.COMPLAINTS,), style="danger"),
    },
    edits={"form": (Edit(states=("received", "in_review", "answered"), roles=(r.COMPLAINTS,), clean=clean_form,
                         label=_l("Internal note and officer concerned")),)},
    document_kinds={"attachment": _l("Attachment")},
    # What the complainant attached on the public page, or what the handler keeps with it (a screenshot
    # of the WhatsApp message); for the office's eyes only.
    uploads={"attachment": Upload((r.COMPLAINTS,), OPEN + ("answered",))},
    sla_days=clock_days,
    sla_on_create=SLA_START,
    received_at=lambda record: record.received_at,
    find_by_number=number_finder(Complaint, "ADU", "lapor_id"),
    # The navbar's search box: ADU-12, the tracking code, the LAPOR! id, or who complained.
    number_prefix="ADU",
    search_columns=("tracking_code", "lapor_id", "name", "email"),
))

# Mails to the complainant, in Indonesian: they hold no account, so each one carries the tracking link.
_SIGNATURE = "\n\nPelayanan Statistik Terpadu (PST) {{ office_name }}"
for _event, _subject, _text in (
    ("complaints.received", "Pengaduan Anda telah kami terima ({{ code }})",
     "Yth. {{ name }},\n\nPengaduan Anda telah kami terima dengan kode pelacakan {{ code }}.\n"
     "Kami menelaahnya paling lambat {{ due }}. Ikuti perkembangannya di {{ url }}"),
    ("complaints.triage", "Pengaduan Anda sedang ditangani",
     "Yth. {{ name }},\n\nPengaduan Anda sedang kami tangani. Jawaban kami sampaikan paling lambat lima "
     "hari kerja. Ikuti perkembangannya di {{ url }}"),
    ("complaints.forward", "Pengaduan Anda diteruskan",
     "Yth. {{ name }},\n\nPengaduan Anda kami teruskan kepada {{ office_name }} yang berwenang menanganinya."
     "{% if note %}\nAlasan: {{ note }}{% endif %}\nKode pelacakan Anda tetap sama: {{ url }}"),
    ("complaints.answer", "Jawaban atas pengaduan Anda",
     "Yth. {{ name }},\n\nPengaduan Anda telah kami jawab. Baca jawabannya di {{ url }}\n"
     "Jika belum puas, Anda dapat membukanya kembali di halaman itu dalam 10 hari kerja."),
    ("complaints.close", "Pengaduan Anda ditutup",
     "Yth. {{ name }},\n\nPengaduan Anda kini ditutup. Terima kasih atas masukan Anda. Rinciannya: {{ url }}"),
):
    DEFAULT_TEMPLATES.setdefault(_event, {"id": (_subject, _text + _SIGNATURE)})
