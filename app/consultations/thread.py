"""The conversation: messages with an attachment each, mailed to the other side with the thread's link."""
from __future__ import annotations

from pathlib import PurePath

from flask_babel import gettext as _

from app.consultations.models import ConsultationMessage
from app.core.access import roles as r
from app.core.calendar.clock import utcnow
from app.core.documents import storage
from app.core.documents.attached import attach_upload
from app.core.values.validation import InvalidValue
from app.extensions import db

MESSAGE_LIMIT = 20_000
ATTACHMENT_KIND = "attachment"
ATTACHMENT_TYPES = ("pdf", "jpg", "png", "xlsx", "csv", "zip")
# What a file name may end with for each type we recognise by content.
EXTENSIONS = {"jpg": ("jpg", "jpeg"), "pdf": ("pdf",), "png": ("png",), "xlsx": ("xlsx",), "csv": ("csv",),
              "zip": ("zip",)}


def clean_message(raw) -> str:
    if not isinstance(raw, str):
        raise InvalidValue(_("Enter a text."))
    text = raw.strip()
    if not text:
        raise InvalidValue(_("This field is required."))
    if len(text) > MESSAGE_LIMIT:
        raise InvalidValue(_("At most %(limit)d characters.", limit=MESSAGE_LIMIT))
    return text


def clean_attachment(raw):
    """An uploaded file (multipart); a JSON string is not one."""
    if not hasattr(raw, "read") or not getattr(raw, "filename", ""):
        raise InvalidValue(_("Send the attachment as a file upload (multipart/form-data)."))
    return raw


def check_name_matches(data: bytes, filename: str) -> None:
    """Refuses a file whose content is not what its name says (a .pdf that is a picture, an .exe …)."""
    kind = storage.check_upload(data, ATTACHMENT_TYPES)
    extension = PurePath(filename or "").suffix.lower().lstrip(".")
    if extension not in EXTENSIONS[kind]:
        raise InvalidValue(_("The file %(name)s is not what its name says: its content is %(kind)s.",
                             name=filename, kind=kind.upper()))


def attach(procedure_name: str, record, file, user, role: str):
    data = file.read()
    check_name_matches(data, file.filename)
    return attach_upload(procedure_name, record, ATTACHMENT_KIND, data, file.filename, user, role,
                         ATTACHMENT_TYPES)


def post(record, ctx, body: str, file=None, on_behalf: bool = False) -> ConsultationMessage:
    """Adds a message to the thread, with its attachment. `on_behalf`: an officer writes down what a
    walk-in, WhatsApp or e-mail guest said; the thread shows it as the guest's (the audit trail keeps
    who recorded it)."""
    document = attach(ctx.procedure.name, record, file, ctx.user, ctx.role) if file is not None else None
    author_id, role = (record.applicant_id, r.APPLICANT) if on_behalf else (getattr(ctx.user, "id", None), ctx.role)
    message = ConsultationMessage(consultation=record, author_id=author_id, author_role=role,
                                  action=ctx.action.name if ctx.action else "question",
                                  body=body, document=document, created_at=utcnow())
    db.session.add(message)
    record.last_message_at = message.created_at
    return message


def speak(record, ctx) -> None:
    """Effect of every action that speaks: its `message` (and `attachment`) into the thread; the
    engine mails it to the other side (the action's `notify`) with the thread's link."""
    body = ctx.values.get("message") or ctx.note
    # An officer writing down what a walk-in, WhatsApp or e-mail guest said.
    on_behalf = ctx.action.name == "record_reply"
    if body:
        post(record, ctx, body, ctx.values.get("attachment"), on_behalf)
    elif ctx.values.get("attachment") is not None:
        raise InvalidValue(_("Write a message to go with the attachment."))
