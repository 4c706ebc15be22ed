"""The 10-minute standard, measured from ticket timestamps, in SQL.

The published standard promises each visitor is served at most 10 minutes (per office setting)
after the previous visitor in that queue finished. For every called ticket, the wait that counts
starts at the later of its taking and the last finish in the same queue (office, day, service)
before its call, and ends at its call. Per the chosen grouping (office, day, service, desk):
tickets, served, no-shows, median and 90th-percentile wait (nearest rank), the share called within
the standard, and the average service time (serve → finish).
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.orm import aliased

from app.extensions import db
from app.frontdesk.models import FrontDeskSetting, QueueTicket

DIMENSIONS = ("office", "day", "service", "desk")
DEFAULT_MINUTES = 10


def _seconds(later, earlier):
    """Seconds from `earlier` to `later`, in the database's own date arithmetic."""
    if db.engine.dialect.name == "postgresql":
        return func.extract("epoch", later - earlier)
    return (func.julianday(later) - func.julianday(earlier)) * 86400.0


def _per_ticket(office_ids, start: date | None, end: date | None, service: str | None):
    ticket, previous = QueueTicket, aliased(QueueTicket)
    last_finish = (select(func.max(previous.finished_at))
                   .where(previous.office_id == ticket.office_id, previous.day == ticket.day,
                          previous.service == ticket.service, previous.id != ticket.id,
                          previous.finished_at <= ticket.called_at)
                   .correlate(ticket).scalar_subquery())
    wait_start = case((last_finish > ticket.created_at, last_finish), else_=ticket.created_at)
    wait = case((ticket.called_at.is_not(None), _seconds(ticket.called_at, wait_start)))
    limit = func.coalesce(FrontDeskSetting.standard_minutes, DEFAULT_MINUTES) * 60
    query = (select(ticket.office_id.label("office"), ticket.day.label("day"), ticket.service.label("service"),
                    ticket.desk.label("desk"), ticket.status.label("status"), wait.label("wait"),
                    case((wait <= limit, 1), (wait.is_not(None), 0)).label("within"),
                    case((and_(ticket.status == "done", ticket.served_at.is_not(None)),
                          _seconds(ticket.finished_at, ticket.served_at))).label("service_time"))
             .outerjoin(FrontDeskSetting, FrontDeskSetting.office_id == ticket.office_id))
    if office_ids is not None:
        query = query.where(ticket.office_id.in_(office_ids))
    if start:
        query = query.where(ticket.day >= start)
    if end:
        query = query.where(ticket.day <= end)
    if service:
        query = query.where(ticket.service == service)
    return query.subquery("per_ticket")


def standard_report(office_ids=None, start: date | None = None, end: date | None = None,
                    group_by: tuple[str, ...] = ("office", "day", "service"), service: str | None = None) -> list[dict]:
    """One row per group: {dims…, tickets, served, no_shows, called, median_wait, p90_wait (minutes),
    within_standard (share 0–1 of called tickets), avg_service (minutes)}."""
    dims = [d for d in DIMENSIONS if d in group_by]
    per_ticket = _per_ticket(office_ids, start, end, service)
    keys = [per_ticket.c[d] for d in dims]
    # Rank each wait within its group (called tickets only: the uncalled have no wait).
    ranked = select(per_ticket, func.cume_dist().over(
        partition_by=keys + [per_ticket.c.wait.is_(None)], order_by=per_ticket.c.wait).label("rank")).subquery()
    r = ranked.c
    query = select(
        *[r[d] for d in dims],
        func.count().label("tickets"),
        func.sum(case((r.status == "done", 1), else_=0)).label("served"),
        func.sum(case((r.status == "no_show", 1), else_=0)).label("no_shows"),
        func.count(r.wait).label("called"),
        func.min(case((and_(r.wait.is_not(None), r.rank >= 0.5), r.wait))).label("median_wait"),
        func.min(case((and_(r.wait.is_not(None), r.rank >= 0.9), r.wait))).label("p90_wait"),
        func.avg(r.within * literal(1.0)).label("within_standard"),
        func.avg(r.service_time).label("avg_service"),
    ).group_by(*[r[d] for d in dims]).order_by(*[r[d] for d in dims])
    rows = []
    for row in db.session.execute(query).mappings():
        item = {d: row[d] for d in dims}
        item.update(tickets=row["tickets"], served=int(row["served"] or 0), no_shows=int(row["no_shows"] or 0),
                    called=row["called"],
                    median_wait=_minutes(row["median_wait"]), p90_wait=_minutes(row["p90_wait"]),
                    within_standard=None if row["within_standard"] is None else round(float(row["within_standard"]), 3),
                    avg_service=_minutes(row["avg_service"]))
        rows.append(item)
    return rows


def _minutes(seconds) -> float | None:
    return None if seconds is None else round(max(float(seconds), 0.0) / 60, 1)
