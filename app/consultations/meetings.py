"""Follow-up meetings (seed 004, online step 5): a visit to the office or a video meeting, proposed
by the officer with an iCalendar invitation (`.ics`, RFC 5545) attached to the applicant's mail."""
from __future__ import annotations

import re
import secrets
from datetime import date, datetime, time, timedelta, timezone

from flask_babel import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText
from sqlalchemy import select

from app.consultations.models import (
    MEETING_ACCEPTED,
    MEETING_DECLINED,
    MEETING_KINDS,
    MEETING_PROPOSED,
    Meeting,
)
from app.consultations.thread import post, speak
from app.core.calendar.clock import JAKARTA
from app.core.calendar.workdays import jakarta_today
from app.core.documents.attached import issue
from app.core.values.validation import InvalidValue, is_choice
from app.core.workflow.notifications import notify
from app.core.workflow.procedure import APPLICANT
from app.core.workflow.sla import calendar_for
from app.extensions import db

INVITATION_KIND = "invitation"
DEFAULT_MINUTES = 60
URL = re.compile(r"^https?://[^\s<>\"']{3,490}$")


def _invalid(field: str, message: str) -> InvalidValue:
    error = InvalidValue(message)
    error.field = field
    return error


def clean_kind(raw) -> str:
    if not is_choice(raw, MEETING_KINDS):
        raise InvalidValue(_("Choose a visit or a video meeting."))
    return raw


def clean_day(raw) -> date:
    try:
        day = raw if isinstance(raw, date) else date.fromisoformat(str(raw).strip())
    except ValueError:
        raise InvalidValue(_("Enter a date as YYYY-MM-DD."))
    if day < jakarta_today():
        raise InvalidValue(_("The meeting cannot be in the past."))
    if day > jakarta_today() + timedelta(days=366):
        raise InvalidValue(_("The meeting must be within a year."))
    return day


def clean_time(raw) -> time:
    try:
        value = time.fromisoformat(str(raw).strip())
    except ValueError:
        raise InvalidValue(_("Enter a time as HH:MM."))
    return value.replace(second=0, microsecond=0, tzinfo=None)


def clean_minutes(raw) -> int:
    try:
        minutes = int(raw)
    except (TypeError, ValueError):
        raise InvalidValue(_("Enter the duration in minutes."))
    if not 15 <= minutes <= 480:
        raise InvalidValue(_("A meeting lasts from 15 to 480 minutes."))
    return minutes


def clean_link(raw) -> str:
    link = str(raw).strip()
    if not URL.match(link):
        raise InvalidValue(_("Enter the meeting link starting with https://"))
    return link


def clean_place(raw) -> str:
    if not isinstance(raw, str) or len(raw.strip()) > 300:
        raise InvalidValue(_("At most %(limit)d characters.", limit=300))
    return raw.strip()


def pending(record) -> Meeting | None:
    return db.session.scalars(select(Meeting).where(
        Meeting.consultation_id == record.id, Meeting.status == MEETING_PROPOSED).order_by(Meeting.id.desc())).first()


def has_pending(record) -> bool:
    return pending(record) is not None


def meetings_of(record) -> list[Meeting]:
    return db.session.scalars(select(Meeting).where(Meeting.consultation_id == record.id)
                              .order_by(Meeting.id)).all()


def starts_at(meeting: Meeting) -> datetime:
    return datetime.combine(meeting.day, meeting.start_time, tzinfo=JAKARTA)


def invitation(meeting: Meeting, record, record_url: str, sequence: int) -> bytes:
    """The meeting as an iCalendar REQUEST the applicant's calendar can add."""
    office = record.office
    calendar = Calendar()
    calendar.add("prodid", "-//BPS PST//SatuPintu//ID")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", meeting.uid)
    event.add("sequence", sequence)
    event.add("dtstamp", datetime.now(timezone.utc))
    start = starts_at(meeting)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=meeting.duration_minutes))
    event.add("summary", _("Follow-up consultation: %(subject)s", subject=record.subject))
    where = meeting.place if meeting.kind == "visit" else meeting.link
    event.add("location", where)
    if meeting.link:
        event.add("url", meeting.link)
    event.add("description", "\n".join(filter(None, [
        str(meeting.kind_label), where, _("The consultation: %(url)s", url=record_url)])))
    if office is not None and office.email:
        organizer = vCalAddress(f"mailto:{office.email}")
        organizer.params["cn"] = vText(f"PST {office.name}")
        event.add("organizer", organizer)
    address = record.applicant_address()
    if address:
        attendee = vCalAddress(f"mailto:{address[0]}")
        attendee.params["cn"] = vText(address[1])
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = vText("TRUE")
        event.add("attendee", attendee)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def propose(record, ctx) -> None:
    """Effect of `schedule_meeting`: the meeting, its invitation, a message, the mail with the `.ics`."""
    values = ctx.values
    kind = values["kind"]
    if kind == "visit" and not values.get("place"):
        raise _invalid("place", _("Say where the visit takes place."))
    if kind == "video" and not values.get("link"):
        raise _invalid("link", _("Give the link of the video meeting."))
    if not calendar_for(record.office_id).is_working_day(values["day"]):
        raise _invalid("day", _("%(day)s is not a working day of the office.", day=values["day"].strftime("%d-%m-%Y")))
    if datetime.combine(values["day"], values["time"], tzinfo=JAKARTA) <= datetime.now(timezone.utc):
        raise _invalid("time", _("The meeting cannot be in the past."))
    earlier = pending(record)
    if earlier is not None:
        earlier.status = MEETING_DECLINED
    sequence = len(meetings_of(record))
    meeting = Meeting(consultation_id=record.id, kind=kind, day=values["day"], start_time=values["time"],
                      duration_minutes=values.get("minutes") or DEFAULT_MINUTES,
                      place=values.get("place") or "" if kind == "visit" else "",
                      link=values.get("link") or "" if kind == "video" else "",
                      status=MEETING_PROPOSED, proposed_by_id=getattr(ctx.user, "id", None),
                      uid=f"consultation-{record.id}-{secrets.token_hex(8)}@satupintu")
    db.session.add(meeting)
    db.session.flush()
    url = ctx.procedure.record_url(record, for_applicant=True)
    document = issue(ctx.procedure.name, record, INVITATION_KIND,
                     lambda token, verify: invitation(meeting, record, url, sequence),
                     f"undangan-konsultasi-{record.id}.ics", ctx.user, ctx.role, extension="ics")
    meeting.invitation_id = document.id
    when = f"{meeting.day.strftime('%d-%m-%Y')} {meeting.start_time.strftime('%H:%M')} WIB"
    text = _("Follow-up proposed: %(kind)s on %(when)s, %(where)s.", kind=meeting.kind_label, when=when,
             where=meeting.link if kind == "video" else meeting.place)
    body = f"{text}\n\n{values['message']}" if values.get("message") else text
    post(record, ctx, body)
    ctx.extra_audit["meeting"] = {"kind": kind, "when": when}
    notify(ctx.procedure, record, ctx.action, APPLICANT, body, record.status, attachment_document_id=document.id)


def answer_proposal(status: str):
    """Effect of the applicant's `accept_meeting` (accepted) or `ask_other_time` (declined)."""

    def effect(record, ctx) -> None:
        meeting = pending(record)
        meeting.status = status
        if status == MEETING_ACCEPTED and not ctx.values.get("message"):
            ctx.values["message"] = _("I accept the meeting on %(when)s.",
                                      when=f"{meeting.day.strftime('%d-%m-%Y')} {meeting.start_time.strftime('%H:%M')}")
        speak(record, ctx)

    return effect
