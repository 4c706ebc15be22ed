"""What a dashboard shows, in a shape every service can contribute to without knowing the screens.

A figure is a `Table`: columns with their kind (so money stays a number, a share reads as a percentage)
and rows of values, each cell optionally linked to the filtered list behind it, with an optional
chart. The reports package computes the generic tables from every procedure; a service adds its own
(revenue, payment register, queue waiting times …) through its `Service.dashboard` hook:

    def dashboard(offices: OfficeSet, period: Period) -> list[Table]

`offices` are the office ids the figures cover (already limited to the caller's scope); the hook
answers from aggregate queries, never by loading records into Python.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from app.core.web.list_filters import utc_start_of

# Where a table is shown: the head's and monitor's dashboard, and/or the treasurer's screen.
DASHBOARD, TREASURY = "dashboard", "treasury"
# Column kinds.
TEXT, INT, DECIMAL, MONEY, PERCENT, DATETIME, DATE, FLAG = (
    "text", "int", "decimal", "money", "percent", "datetime", "date", "flag")


@dataclass(frozen=True)
class Period:
    """Jakarta days from `first` to `last`, inclusive."""

    first: date
    last: date

    @property
    def utc_start(self) -> datetime:
        return utc_start_of(self.first)

    @property
    def utc_end(self) -> datetime:
        """The naive UTC instant just after the period (exclusive bound)."""
        return utc_start_of(self.last + timedelta(days=1))

    def months(self) -> list[str]:
        """"YYYY-MM" of every month the period touches, in order."""
        found, day = [], self.first.replace(day=1)
        while day <= self.last:
            found.append(f"{day:%Y-%m}")
            day = (day + timedelta(days=32)).replace(day=1)
        return found

    def list_args(self, prefix: str = "filed") -> dict:
        return {f"{prefix}_from": self.first.isoformat(), f"{prefix}_to": self.last.isoformat()}


@dataclass(frozen=True)
class Column:
    key: str
    label: Any
    kind: str = TEXT


@dataclass(frozen=True)
class Chart:
    """A small chart of the table: one bar group per row (labelled by `label`), one bar per series."""

    label: str
    series: tuple[str, ...]
    kind: str = "bar"  # bar, or stacked
    horizontal: bool = False


@dataclass
class Table:
    key: str
    title: Any
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    # row index -> column key -> address of the filtered list behind that figure
    links: dict[int, dict[str, str]] = field(default_factory=dict)
    chart: Chart | None = None
    audience: tuple[str, ...] = (DASHBOARD,)
    note: Any = ""
    # A last row summing the others (shown apart, left out of the chart).
    total: dict | None = None

    def link(self, row: int, column: str, url: str | None) -> None:
        if url:
            self.links.setdefault(row, {})[column] = url

    def as_json(self) -> dict:
        return {
            "key": self.key, "title": str(self.title), "note": str(self.note or ""),
            "columns": [{"key": c.key, "label": str(c.label), "kind": c.kind} for c in self.columns],
            "rows": [{**{k: _json(v) for k, v in row.items()}, "links": self.links.get(i, {})}
                     for i, row in enumerate(self.rows)],
            "total": {k: _json(v) for k, v in self.total.items()} if self.total else None,
        }


@dataclass
class OfficeSet:
    """The offices a dashboard covers: `ids` (already within the caller's scope), and how they roll
    up into the columns shown side by side (`groups`: shown office id -> office ids under it)."""

    chosen: Any  # the Office chosen, or None for everything in scope
    ids: list[int]
    groups: dict[int, set[int]] = field(default_factory=dict)
    names: dict[int, tuple[str, str]] = field(default_factory=dict)  # id -> (code, name)
    # Whose figures: what the caller's lists hide from them is not counted (app.core.access.scoping).
    scope: Any = None

    def group_of(self, office_id: int) -> int | None:
        for shown, members in self.groups.items():
            if office_id in members:
                return shown
        return None


def jakarta_month(column):
    """'YYYY-MM' of a stored naive-UTC time, in Jakarta (UTC+7, no daylight saving), in SQL."""
    from sqlalchemy import func, literal_column

    from app.extensions import db

    if db.engine.dialect.name == "postgresql":
        return func.to_char(column + literal_column("interval '7 hours'"), "YYYY-MM")
    return func.strftime("%Y-%m", column, "+7 hours")


def _json(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)


def share(part: int, whole: int) -> float | None:
    """part / whole as a percentage with one decimal; None when there is nothing to divide."""
    return round(100.0 * part / whole, 1) if whole else None
