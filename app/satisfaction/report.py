"""What an index report covers (which offices, which service, which days) and its figures."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.core.access.scoping import Scope, descendant_office_ids
from app.core.calendar.workdays import JAKARTA, jakarta_today
from app.core.reference.models import SERVICES, Office
from app.core.satisfaction.index import satisfaction_by_service, satisfaction_index
from app.core.satisfaction.models import ELEMENT_CODES, ELEMENTS, Rating
from app.extensions import db

# A report spans at most this many days (a few years of months): beyond, the question is a mistake.
MAX_DAYS = 5 * 366


class ReportError(Exception):
    """Why a report cannot be made; `status` is the HTTP code (404: an office not the caller's to see)."""

    def __init__(self, status: int, message: str, field: str):
        super().__init__(message)
        self.status, self.message, self.field = status, message, field


@dataclass(frozen=True)
class Query:
    office: Office
    office_ids: frozenset[int]
    service: str | None
    start: date   # first day, Jakarta
    end: date     # last day, Jakarta, inclusive

    @property
    def utc_bounds(self) -> tuple[datetime, datetime]:
        """[start of the first day, start of the day after the last) in Jakarta, as naive UTC."""
        def utc(day: date) -> datetime:
            return datetime.combine(day, time(0), JAKARTA).astimezone(timezone.utc).replace(tzinfo=None)

        return utc(self.start), utc(self.end + timedelta(days=1))


def quarter_of(day: date) -> tuple[date, date]:
    first_month = (day.month - 1) // 3 * 3 + 1
    last_month = date(day.year, first_month + 2, 28)
    return date(day.year, first_month, 1), (last_month + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _day(raw, field: str) -> date | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        if not isinstance(raw, str) or len(raw.strip()) != 10:
            raise ValueError(raw)
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise ReportError(422, _("Enter a date as YYYY-MM-DD."), field)


def offices_in_view(scope: Scope, office: Office) -> frozenset[int]:
    """The office and those below it that the caller may see: a monitor's province includes its regencies,
    a head's office is just their own."""
    below = descendant_office_ids(office.id)
    return frozenset(below if scope.everything else below & scope.office_ids)


def build_query(scope: Scope, home_office_id: int | None, office_code=None, service=None, start=None,
                end=None) -> Query:
    """The report a person asked for, checked: an office they may see (else 404), a known service, a
    period the right way round (default: the current quarter)."""
    code = office_code.strip() if isinstance(office_code, str) and office_code.strip() else None
    if code:
        office = db.session.scalars(select(Office).where(Office.code == code)).first()
    elif home_office_id:
        office = db.session.get(Office, home_office_id)
    else:  # someone of no office (an admin): the top of the tree, everything rolled up
        office = db.session.scalars(select(Office).where(Office.parent_id.is_(None)).order_by(Office.code)).first()
    if office is None or not (scope.everything or office.id in scope.office_ids):
        raise ReportError(404, _("The page or record you are looking for does not exist, or is not yours to see."),
                          "office")
    if service is not None and (not isinstance(service, str) or (service.strip() and service.strip() not in SERVICES)):
        raise ReportError(422, _("Choose a service from the list."), "service")
    first, last = _day(start, "from"), _day(end, "to")
    default_first, default_last = quarter_of(jakarta_today())
    first, last = first or (last and last.replace(day=1)) or default_first, last or default_last
    if first > last:
        raise ReportError(422, _("The period ends before it starts: swap the dates."), "to")
    if (last - first).days > MAX_DAYS:
        raise ReportError(422, _("Choose a period of at most five years."), "from")
    return Query(office, offices_in_view(scope, office), (service or "").strip() or None, first, last)


def months_of(query: Query) -> list[tuple[date, date]]:
    months, day = [], query.start.replace(day=1)
    while day <= query.end:
        following = (day + timedelta(days=32)).replace(day=1)
        months.append((max(day, query.start), min(following - timedelta(days=1), query.end)))
        day = following
    return months


def total(query: Query) -> dict:
    return satisfaction_index(query.office_ids, query.service, *query.utc_bounds)


def figures(query: Query) -> dict:
    """The whole period, each service, and each month: respondents, U1–U9, index and grade."""
    start, end = query.utc_bounds
    ids = query.office_ids
    months = []
    for first, last in months_of(query):
        bounded = Query(query.office, ids, query.service, first, last)
        months.append((first, satisfaction_index(ids, query.service, *bounded.utc_bounds)))
    by_service = satisfaction_by_service(ids, start, end)
    if query.service:
        by_service = {name: result for name, result in by_service.items() if name == query.service}
    return {"total": total(query), "by_service": by_service,
            "by_month": months}


def comments(query: Query, limit: int = 10) -> list[Rating]:
    """The newest comments respondents left in the period (what to act on, beside the figures)."""
    start, end = query.utc_bounds
    statement = (select(Rating).where(Rating.office_id.in_(query.office_ids), Rating.created_at >= start,
                                      Rating.created_at < end, Rating.comment != "")
                 .options(joinedload(Rating.office)).order_by(Rating.created_at.desc(), Rating.id.desc()).limit(limit))
    if query.service:
        statement = statement.where(Rating.service == query.service)
    return db.session.scalars(statement).all()


def element_labels() -> list[tuple[str, str]]:
    """(U1, "Requirements") … in survey order."""
    return [(code, str(label)) for code, label in zip(ELEMENT_CODES, ELEMENTS.values())]
