"""Time in one place: stored as naive UTC, shown in Asia/Jakarta."""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")

# Set while something runs "as of" another moment (the living demo replays months of work):
# every stamp the engine, the audit trail and the SLA clock take reads it instead of the wall clock.
_as_of: ContextVar[datetime | None] = ContextVar("as_of", default=None)


def utcnow() -> datetime:
    fixed = _as_of.get()
    if fixed is not None:
        return fixed
    # Naive UTC, because SQLite drops offsets and both databases must behave alike.
    return datetime.now(timezone.utc).replace(tzinfo=None)


@contextmanager
def as_of(moment: datetime):
    """Runs the block with `utcnow()` (naive UTC) answering `moment`."""
    token = _as_of.set(moment)
    try:
        yield
    finally:
        _as_of.reset(token)


def to_jakarta(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(JAKARTA)


def format_jakarta(value: datetime | None, fmt: str = "%d-%m-%Y %H:%M") -> str:
    local = to_jakarta(value)
    return "" if local is None else local.strftime(fmt) + " WIB"
