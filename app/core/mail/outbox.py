"""E-mail outbox: a mail is a row written in the caller's transaction and delivered after commit.

An SMTP outage therefore never fails the user's action and never loses a mail: the row stays
pending and the worker (`flask satupintu worker`, or `flask outbox send` from cron) retries it with exponential backoff.
"""
from __future__ import annotations

import logging
import threading
from datetime import timedelta

from flask import current_app, has_app_context
from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from flask_mail import Message
from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Text, event, select, update

from app.core.calendar.clock import utcnow
from app.extensions import db, mail

log = logging.getLogger(__name__)

PENDING, SENT, FAILED = "pending", "sent", "failed"
STATUSES = {PENDING: _l("Waiting to be sent"), SENT: _l("Sent"), FAILED: _l("Failed")}
MAX_ATTEMPTS = 8
# Longer than any delivery can take with the SMTP timeout (app.core.mail.transport).
CLAIM_FOR = timedelta(minutes=5)
_SESSION_KEY = "satupintu_outbox_new"


class OutboxMessage(Model):
    __tablename__ = "outbox_message"
    id = Column(Integer, primary_key=True)
    event = Column(String(80), nullable=False, default="")
    recipient = Column(String(200), nullable=False)
    subject = Column(String(250), nullable=False)
    body_text = Column(Text, nullable=False)
    body_html = Column(Text)
    # One issued or uploaded document (app.core.documents.attached) sent along as a file, e.g. a signed letter.
    attachment_document_id = Column(Integer, ForeignKey("document.id"))
    status = Column(String(10), nullable=False, default=PENDING, index=True)
    attempts = Column(Integer, nullable=False, default=0)
    last_error = Column(Text)
    next_attempt_at = Column(DateTime, nullable=False, default=utcnow, index=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    sent_at = Column(DateTime)

    def __repr__(self):
        return f"{self.recipient}: {self.subject}"


def queue_mail(recipient: str, subject: str, body_text: str, body_html: str | None = None,
               event_name: str = "", attachment_document_id: int | None = None) -> OutboxMessage:
    """Adds a mail to the current transaction; it leaves only if that transaction commits."""
    message = OutboxMessage(
        recipient=recipient, subject=subject, body_text=body_text, body_html=body_html,
        event=event_name, status=PENDING, attempts=0, next_attempt_at=utcnow(),
        attachment_document_id=attachment_document_id,
    )
    db.session.add(message)
    db.session.info.setdefault(_SESSION_KEY, []).append(message)
    return message


def _backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** attempts, 24 * 60))


def _attach(mail_message: Message, document_id: int) -> None:
    from app.core.documents import storage
    from app.core.documents.attached import Document

    doc = db.session.get(Document, document_id)
    mail_message.attach(doc.filename, doc.content_type, storage.load(doc.storage_path))


def _deliver(message: OutboxMessage) -> None:
    try:
        outgoing = Message(
            subject=message.subject, recipients=[message.recipient],
            body=message.body_text, html=message.body_html,
            # Lets a mail server (or an operator) tell a resend from a second mail.
            extra_headers={"X-SatuPintu-Outbox-Id": str(message.id)},
        )
        if message.attachment_document_id:
            _attach(outgoing, message.attachment_document_id)
        mail.send(outgoing)
    except Exception as exc:  # any SMTP or socket failure: keep the mail, try again later
        message.attempts += 1
        message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        message.next_attempt_at = utcnow() + _backoff(message.attempts)
        if message.attempts >= MAX_ATTEMPTS:
            message.status = FAILED
        log.warning("mail %s to %s not sent: %s", message.id, message.recipient, exc)
        return
    message.attempts += 1
    message.status = SENT
    message.sent_at = utcnow()
    message.last_error = None


def _claim(message_id: int) -> bool:
    """Takes the mail off the queue for CLAIM_FOR, in a committed compare-and-set: whichever worker,
    node or after-commit thread gets there second finds it no longer due and leaves it alone. A worker
    that dies while sending leaves it to be retried when the claim runs out."""
    now = utcnow()
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == PENDING,
               OutboxMessage.next_attempt_at <= now)
        .values(next_attempt_at=now + CLAIM_FOR)
        .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return claimed == 1


def send_due(limit: int = 100, ids: list[int] | None = None) -> tuple[int, int]:
    """Delivers pending mails whose time has come; returns (sent, not sent this time)."""
    sent = not_sent = 0
    skipped: list[int] = []
    for _ in range(limit):
        query = (
            select(OutboxMessage.id)
            .where(OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= utcnow())
            .order_by(OutboxMessage.id)
            .limit(1)
        )
        if ids is not None:
            query = query.where(OutboxMessage.id.in_(ids))
        if skipped:
            query = query.where(OutboxMessage.id.not_in(skipped))
        if db.engine.dialect.name == "postgresql":
            # Workers step over each other's rows instead of queueing behind them.
            query = query.with_for_update(skip_locked=True)
        message_id = db.session.scalars(query).first()
        if message_id is None:
            break
        if not _claim(message_id):
            skipped.append(message_id)
            continue
        message = db.session.get(OutboxMessage, message_id)
        _deliver(message)
        if message.status == SENT:
            sent += 1
        else:
            not_sent += 1
            skipped.append(message.id)
        db.session.commit()
    db.session.commit()
    return sent, not_sent


def resend(message: OutboxMessage) -> None:
    """An admin's retry of a failed mail: back in the queue, due now."""
    message.status = PENDING
    message.attempts = 0
    message.next_attempt_at = utcnow()


def _send_in_background(app, ids: list[int]) -> None:
    def run():
        with app.app_context():
            try:
                send_due(ids=ids)
            except Exception:  # the cron run will pick these up
                log.exception("background mail delivery failed")
            finally:
                db.session.remove()

    threading.Thread(target=run, name="outbox-send", daemon=True).start()


@event.listens_for(db.session, "after_flush")
def _remember_flushed_ids(session, _flush_context):
    queued = session.info.get(_SESSION_KEY)
    if queued:
        ids = session.info.setdefault(_SESSION_KEY + "_ids", [])
        ids.extend(m.id for m in queued if m.id is not None)
        queued[:] = [m for m in queued if m.id is None]


@event.listens_for(db.session, "after_commit")
def _after_commit(session):
    session.info.pop(_SESSION_KEY, None)
    ids = session.info.pop(_SESSION_KEY + "_ids", [])
    if ids and has_app_context() and current_app.config.get("SATUPINTU_SEND_MAIL_AFTER_COMMIT"):
        _send_in_background(current_app._get_current_object(), ids)


@event.listens_for(db.session, "after_rollback")
def _after_rollback(session):
    session.info.pop(_SESSION_KEY, None)
    session.info.pop(_SESSION_KEY + "_ids", None)
