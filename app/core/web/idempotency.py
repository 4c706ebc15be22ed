"""`Idempotency-Key` on creating endpoints: a client that retries after a timeout gets the first
answer, not a second record.

    @idempotent
    def post_headless(self): ...

The key is reserved in its own committed row before the request runs (a unique index on owner + key
makes a concurrent duplicate wait, then find it), and the successful answer is stored on it. Only
successes are kept: a refused request created nothing, so its retry simply runs again. Rows are
shared by every node through the database and purged after KEEP by the core job.
"""
from __future__ import annotations

import functools
import hashlib
from datetime import timedelta

from flask import Response, jsonify, request
from flask_appbuilder import Model
from flask_babel import gettext as _
from sqlalchemy import Column, DateTime, Integer, String, Text, UniqueConstraint, delete, select
from sqlalchemy.exc import IntegrityError

from app.core.access.scoping import current_user
from app.core.calendar.clock import utcnow
from app.extensions import db

HEADER = "Idempotency-Key"
KEEP = timedelta(hours=24)
# A reservation this old without an answer belongs to a request that died: let the retry run.
ABANDONED = timedelta(seconds=60)
MAX_KEY_LENGTH = 200


class IdempotencyKey(Model):
    __tablename__ = "idempotency_key"
    __table_args__ = (UniqueConstraint("owner", "key", name="uq_idempotency_key_owner_key"),)
    id = Column(Integer, primary_key=True)
    owner = Column(String(80), nullable=False)
    key = Column(String(MAX_KEY_LENGTH), nullable=False)
    fingerprint = Column(String(64), nullable=False)  # method, path and body of the first request
    status_code = Column(Integer)  # None while the first request runs
    body = Column(Text)
    content_type = Column(String(100))
    created_at = Column(DateTime, nullable=False, default=utcnow, index=True)


def _owner() -> str:
    """Keys are per user; an anonymous client's (public endpoints) per address, so nobody replays
    another person's answer by guessing their key."""
    user = current_user()
    if getattr(user, "id", None):
        return f"user:{user.id}"
    return f"public:{request.remote_addr or '-'}"[:80]


def _fingerprint() -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    digest.update(request.get_data(cache=True))
    return digest.hexdigest()


def _find(owner: str, key: str) -> IdempotencyKey | None:
    return db.session.scalars(select(IdempotencyKey).where(IdempotencyKey.owner == owner,
                                                           IdempotencyKey.key == key)).first()


def _refusal(status: int, message: str):
    response = jsonify({"message": message})
    response.status_code = status
    return response


def _replay(row: IdempotencyKey, fingerprint: str):
    if row.fingerprint != fingerprint:
        return _refusal(422, _("This Idempotency-Key was already used for a different request."))
    if row.status_code is None:
        return _refusal(409, _("The first request with this Idempotency-Key is still being processed. "
                               "Try again in a moment."))
    response = Response(row.body, status=row.status_code, content_type=row.content_type)
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _reserve(owner: str, key: str, fingerprint: str) -> IdempotencyKey | None:
    """The new reservation, or None when the key is already taken (then _find tells by whom)."""
    stale = _find(owner, key)
    if stale is not None and stale.status_code is None and stale.created_at < utcnow() - ABANDONED:
        db.session.delete(stale)
        db.session.commit()
    row = IdempotencyKey(owner=owner, key=key, fingerprint=fingerprint, created_at=utcnow())
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return None
    return row


def _release(row_id: int) -> None:
    db.session.rollback()
    db.session.execute(delete(IdempotencyKey).where(IdempotencyKey.id == row_id))
    db.session.commit()


def idempotent(view):
    """Makes a creating view honour the Idempotency-Key header (without the header it runs as before)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return view(*args, **kwargs)
        key = key.strip()
        if not key or len(key) > MAX_KEY_LENGTH:
            return _refusal(422, _("The Idempotency-Key header must be 1 to %(n)d characters.", n=MAX_KEY_LENGTH))
        owner, fingerprint = _owner(), _fingerprint()
        row = _reserve(owner, key, fingerprint)
        if row is None:
            return _replay(_find(owner, key), fingerprint)
        row_id = row.id
        try:
            response = view(*args, **kwargs)
        except BaseException:
            _release(row_id)
            raise
        if not 200 <= response.status_code < 300:
            _release(row_id)
            return response
        row = db.session.get(IdempotencyKey, row_id)
        row.status_code = response.status_code
        row.body = response.get_data(as_text=True)
        row.content_type = response.content_type
        db.session.commit()
        return response

    return wrapper


def purge_expired() -> int:
    """The core job: keys older than KEEP are forgotten."""
    removed = db.session.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at < utcnow() - KEEP)).rowcount
    db.session.commit()
    return removed
