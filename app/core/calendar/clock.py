"""Time in one place: stored as naive UTC, shown in Asia/Jakarta."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")


def utcnow() -> datetime:
    # Naive UTC, because SQLite drops offsets and both databases must behave alike.
    return datetime.now(timezone.utc).replace(tzinfo=None)


def to_jakarta(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(JAKARTA)


def format_jakarta(value: datetime | None, fmt: str = "%d-%m-%Y %H:%M") -> str:
    local = to_jakarta(value)
    return "" if local is None else local.strftime(fmt) + " WIB"
