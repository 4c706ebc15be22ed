"""Answers read for a whole page at once (the inbox), held on the database session while the page is
built: the per-record questions of guards (documents, who acted) then cost no query each."""
from __future__ import annotations

from contextlib import contextmanager

from app.extensions import db


def cached(kind: str, key):
    """The answer held for `key` under `kind`, or None when nothing was read for it."""
    return db.session.info.get(kind, {}).get(key)


@contextmanager
def holding(kind: str, found: dict):
    """Holds `found` (key -> answer) under `kind` while the block runs, then forgets it."""
    cache = db.session.info.setdefault(kind, {})
    cache.update(found)
    try:
        yield
    finally:
        for key in found:
            cache.pop(key, None)
