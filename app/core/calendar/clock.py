"""Time in one place: stored as naive UTC, shown in Asia/Jakarta."""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")

# Set by `travel`: the moment the code runs "at" (demo data of past days, through the engine).
_travelled: ContextVar[datetime | None] = ContextVar("clock_travelled", default=None)


def utcnow() -> datetime:
    # Naive UTC, because SQLite drops offsets and both databases must behave alike.
    return _travelled.get() or datetime.now(timezone.utc).replace(tzinfo=None)


@contextmanager
def travel(at: datetime):
    """Runs the block as if it were `at` (naive UTC): every timestamp, audit row and "today" follows.
    For demo data of earlier days, which goes through the engine like real work."""
    token = _travelled.set(at)
    try:
        yield
    finally:
        _travelled.reset(token)


def to_jakarta(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(JAKARTA)


def format_jakarta(value: datetime | None, fmt: str = "%d-%m-%Y %H:%M") -> str:
    local = to_jakarta(value)
    return "" if local is None else local.strftime(fmt) + " WIB"
