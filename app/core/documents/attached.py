"""Documents of a record: files people upload, and numbered PDFs the office issues.

Every issued document keeps its kind, number, office, issuer, time, the SHA-256 of its bytes
and a random token: /verify/<token> lets anyone holding it check it. Re-issuing a kind for a
record marks the earlier one superseded.
"""
from __future__ import annotations

import hashlib
import logging
import secrets
from contextlib import contextmanager
from typing import Callable

from flask import current_app, url_for
from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, select
from sqlalchemy.orm import relationship

from app.core.calendar.clock import utcnow
from app.core.documents import storage
from app.core.values.validation import parse_id
from app.core.workflow import page_cache
from app.core.workflow.audit import record_event
from app.extensions import db

log = logging.getLogger(__name__)

UPLOADED, ISSUED = "uploaded", "issued"
VALID, SUPERSEDED, REVOKED = "valid", "superseded", "revoked"
DOCUMENT_STATUSES = {VALID: _l("Valid"), SUPERSEDED: _l("Superseded"), REVOKED: _l("Revoked")}


class Document(Model):
    __tablename__ = "document"
    __table_args__ = (Index("ix_document_record", "procedure", "record_id"),)
    __scope_office__ = "office_id"

    id = Column(Integer, primary_key=True)
    procedure = Column(String(30), nullable=False)
    record_id = Column(Integer, nullable=False)
    office_id = Column(Integer, ForeignKey("office.id"), nullable=False, index=True)
    office = relationship("Office")
    kind = Column(String(30), nullable=False)
    origin = Column(String(10), nullable=False)
    filename = Column(String(200), nullable=False)
    storage_path = Column(String(200), nullable=False)
    content_type = Column(String(100), nullable=False)
    size = Column(Integer, nullable=False)
    sha256 = Column(String(64), nullable=False)
    number = Column(String(80))
    token = Column(String(64), unique=True, nullable=False)
    status = Column(String(12), nullable=False, default=VALID)
    supersedes_id = Column(Integer, ForeignKey("document.id"))
    actor_id = Column(Integer, ForeignKey("ab_user.id"))
    actor = relationship("AppUser")
    created_at = Column(DateTime, nullable=False, default=utcnow)

    @property
    def status_label(self):
        return DOCUMENT_STATUSES.get(self.status, self.status)


def verify_url(token: str) -> str:
    base = current_app.config.get("SERVER_BASE_URL", "").rstrip("/")
    return f"{base}/verify/{token}"


def _supersede(procedure: str, record_id: int, kind: str) -> Document | None:
    previous = db.session.scalars(select(Document).where(
        Document.procedure == procedure, Document.record_id == record_id, Document.kind == kind,
        Document.status == VALID)).all()
    for doc in previous:
        doc.status = SUPERSEDED
    return previous[-1] if previous else None


def attach_upload(procedure: str, record, kind: str, data: bytes, filename: str, user, role: str,
                  allowed: tuple[str, ...] = storage.DOCUMENT_TYPES) -> Document:
    extension = storage.check_upload(data, allowed)
    previous = _supersede(procedure, record.id, kind)
    doc = Document(
        procedure=procedure, record_id=record.id, office_id=record.office_id, kind=kind, origin=UPLOADED,
        filename=(filename or f"{kind}.{extension}")[-200:], storage_path=storage.save(data, extension),
        content_type=storage.CONTENT_TYPES[extension], size=len(data),
        sha256=hashlib.sha256(data).hexdigest(), token=secrets.token_urlsafe(24), status=VALID,
        supersedes_id=previous.id if previous else None, actor_id=getattr(user, "id", None),
    )
    db.session.add(doc)
    record_event(procedure, record, "upload", user, role, fields={"kind": kind, "filename": doc.filename})
    return doc


def issue(procedure: str, record, kind: str, render: Callable[[str, str], bytes], filename: str, user,
          role: str, number: str | None = None, extension: str = "pdf") -> Document:
    """Renders a document (a PDF that carries its own verification link, or e.g. an `ics` invitation),
    stores it and records it."""
    token = secrets.token_urlsafe(24)
    data = render(token, verify_url(token))
    previous = _supersede(procedure, record.id, kind)
    doc = Document(
        procedure=procedure, record_id=record.id, office_id=record.office_id, kind=kind, origin=ISSUED,
        filename=filename, storage_path=storage.save(data, extension), content_type=storage.CONTENT_TYPES[extension],
        size=len(data), sha256=hashlib.sha256(data).hexdigest(), number=number, token=token, status=VALID,
        supersedes_id=previous.id if previous else None, actor_id=getattr(user, "id", None),
    )
    db.session.add(doc)
    db.session.flush()
    record_event(procedure, record, "issue", user, role, fields={"kind": kind, "number": number})
    return doc


def documents_of(procedure: str, record_id: int, include_superseded: bool = True) -> list[Document]:
    query = select(Document).where(Document.procedure == procedure, Document.record_id == record_id)
    if not include_superseded:
        query = query.where(Document.status == VALID)
    return db.session.scalars(query.order_by(Document.id)).all()


# While a page works out what many records allow (the inbox), their valid documents are read in one
# query and answered from here; outside `preloaded` every question goes to the database.
_PRELOAD_KEY = "preloaded_documents"


def current_document(procedure: str, record_id: int, kind: str) -> Document | None:
    kinds = page_cache.cached(_PRELOAD_KEY, (procedure, record_id))
    if kinds is not None:
        return kinds.get(kind)
    return db.session.scalars(select(Document).where(
        Document.procedure == procedure, Document.record_id == record_id, Document.kind == kind,
        Document.status == VALID).order_by(Document.id.desc())).first()


@contextmanager
def preloaded(procedure: str, record_ids: list[int]):
    """Answers `current_document` for these records from one query while the block runs."""
    found: dict[tuple[str, int], dict[str, Document]] = {(procedure, record_id): {} for record_id in record_ids}
    for doc in db.session.scalars(select(Document).where(
            Document.procedure == procedure, Document.record_id.in_(record_ids), Document.status == VALID)
            .order_by(Document.id)):
        found[(procedure, doc.record_id)][doc.kind] = doc  # the latest of a kind wins
    with page_cache.holding(_PRELOAD_KEY, found):
        yield


def describe(doc: Document, download_url: str) -> dict:
    return {
        "id": doc.id, "kind": doc.kind, "filename": doc.filename, "number": doc.number,
        "status": doc.status, "origin": doc.origin,
        "issued_at": doc.created_at.isoformat() + "Z",
        "download_url": download_url,
        "verify_url": url_for("VerifyView.show", token=doc.token) if doc.origin == ISSUED else None,
    }


def find_for_record(procedure: str, record, doc_id) -> Document | None:
    doc_id = parse_id(doc_id)  # text, or a number no row can have (the database would refuse it)
    if doc_id is None:
        return None
    return db.session.scalars(select(Document).where(
        Document.id == doc_id, Document.procedure == procedure, Document.record_id == record.id)).first()


def serve(procedure: str, record, doc: Document, user, role: str):
    """The file as a download response, once the caller may have it (engine.download); audited."""
    import io

    from flask import abort, send_file

    try:
        data = storage.load(doc.storage_path)
    except FileNotFoundError:
        # The row outlived its file (a restore without the upload folder): say so, keep serving.
        log.error("document %s: file %s is missing", doc.id, doc.storage_path)
        abort(404)
    record_event(procedure, record, "download", user, role, fields={"kind": doc.kind, "document": doc.id})
    db.session.commit()
    return send_file(io.BytesIO(data), mimetype=doc.content_type, as_attachment=True,
                     download_name=doc.filename)
