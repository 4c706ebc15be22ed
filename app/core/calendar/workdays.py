"""Working-day calendar for service-level due dates.

Days off are weekends, Indonesian national holidays and cuti bersama (both from
the ``holidays`` package), plus admin overrides. Overrides are injected by the
caller so this module stays free of database and Flask dependencies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays

from app.core.calendar.clock import utcnow

JAKARTA = ZoneInfo("Asia/Jakarta")

# In the `holidays` package, cuti bersama (SKB 3 Menteri collective leave) is
# the "government" category; "public" alone would treat those days as working.
HOLIDAY_CATEGORIES = ("public", "government")

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=64)
def national_days_off(year: int) -> Mapping[date, str]:
    """National holidays and cuti bersama of `year` (weekends included), by date."""
    # Building the holiday table is slow-ish, and every due-date computation needs it.
    table = holidays.Indonesia(years=year, categories=HOLIDAY_CATEGORIES, language="id")
    # Read-only, because the cached object is shared by every caller.
    return MappingProxyType(dict(sorted(table.items())))


def _is_weekend(d: date) -> bool:
    return d.weekday() >= 5


@dataclass(frozen=True)
class Overrides:
    """Admin decisions that take precedence over the national calendar."""

    days_off: Mapping[date, str] = field(default_factory=dict)
    working_days: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        # Snapshot the inputs: a calendar caches what it derives from them, so a
        # caller mutating its dict afterwards must not desynchronise that cache.
        object.__setattr__(self, "days_off", MappingProxyType(dict(self.days_off)))
        object.__setattr__(self, "working_days", frozenset(self.working_days))

    def __hash__(self) -> int:
        return hash((frozenset(self.days_off.items()), self.working_days))


class WorkingCalendar:
    def __init__(self, overrides: Overrides | None = None):
        self.overrides = overrides or Overrides()
        self._off_by_year: dict[int, frozenset[date]] = {}

    def days_off(self, year: int) -> dict[date, str]:
        """Every weekday off in `year` with its Indonesian name, sorted by date."""
        merged = dict(national_days_off(year))
        # An admin-named day off replaces the national name: it is the local decision.
        merged.update((d, name) for d, name in self.overrides.days_off.items() if d.year == year)
        return {
            d: merged[d]
            for d in sorted(merged)
            if not _is_weekend(d) and d not in self.overrides.working_days
        }

    def _weekdays_off(self, year: int) -> frozenset[date]:
        off = self._off_by_year.get(year)
        if off is None:
            off = self._off_by_year[year] = frozenset(self.days_off(year))
        return off

    def is_working_day(self, d: date) -> bool:
        if d in self.overrides.working_days:
            return True
        return not _is_weekend(d) and d not in self._weekdays_off(d.year)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start`; `start` itself never counts."""
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        d = start
        while n:
            d += _ONE_DAY
            if self.is_working_day(d):
                n -= 1
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """Working days d with start < d <= end; negated when end precedes start."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        d = start
        while d < end:
            d += _ONE_DAY
            count += self.is_working_day(d)
        return count


def to_jakarta_date(dt: datetime) -> date:
    """Calendar date in Jakarta of `dt`; a naive `dt` is taken to be UTC."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(JAKARTA).date()


def jakarta_today(now: datetime | None = None) -> date:
    # The server runs in UTC; between 17:00 and 24:00 UTC it is already tomorrow in Jakarta.
    return to_jakarta_date(now if now is not None else utcnow())


__all__ = [
    "HOLIDAY_CATEGORIES",
    "JAKARTA",
    "Overrides",
    "WorkingCalendar",
    "jakarta_today",
    "national_days_off",
    "to_jakarta_date",
]
