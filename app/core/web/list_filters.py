"""The query-string filters every procedure list understands, so a figure can link to its rows.

    ?office=3324               the office and the offices under it (within the caller's scope)
    ?status=verified           one state of the procedure
    ?channel=walk_in           the channel
    ?flag=overdue|at_risk      the running clock is past its due date, or close to it
    ?flag=met|missed           the clock stopped within the time limit, or after it
    ?filed_from=&filed_to=     filed between these Jakarta dates (inclusive)
    ?finished_from=&finished_to=   the clock stopped between these dates (inclusive)

The list, its export and the dashboards' links use the same names; a value that is not valid is
left out and said so (`ignored`), never a 500.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from flask import request
from flask_appbuilder.models.filters import BaseFilter
from flask_babel import gettext as _
from sqlalchemy import select

from app.core.access.scoping import current_user, descendant_office_ids
from app.core.calendar.clock import JAKARTA
from app.core.reference.models import CHANNELS, Office
from app.core.workflow.procedure import PROCEDURES
from app.core.workflow.sla import time_limit_condition
from app.extensions import db

FLAGS = ("overdue", "at_risk", "met", "missed")


def utc_start_of(day: date) -> datetime:
    """The naive UTC instant (as stored) at which a Jakarta day starts."""
    return datetime.combine(day, time(), tzinfo=JAKARTA).astimezone(timezone.utc).replace(tzinfo=None)


def parse_day(raw) -> date | None:
    try:
        return date.fromisoformat(str(raw).strip())
    except ValueError:
        return None


class OfficeFilter(BaseFilter):
    """value: the ids of an office and its descendants."""

    name = "office"

    def apply(self, query, value):
        return query.filter(self.model.office_id.in_(value))


class StatusFilter(BaseFilter):
    name = "status"

    def apply(self, query, value):
        return query.filter(self.model.status == value)


class ChannelFilter(BaseFilter):
    name = "channel"

    def apply(self, query, value):
        return query.filter(self.model.channel == value)


class TimeLimitFilter(BaseFilter):
    name = "time limit"

    def apply(self, query, value):
        condition = time_limit_condition(self.model, value, getattr(current_user(), "office_id", None))
        return query if condition is None else query.filter(condition)


class FiledBetween(BaseFilter):
    """value: (first day, last day) in Jakarta, either may be None."""

    name = "filed"

    def apply(self, query, value):
        first, last = value
        if first:
            query = query.filter(self.model.created_at >= utc_start_of(first))
        if last:
            query = query.filter(self.model.created_at < utc_start_of(last + timedelta(days=1)))
        return query


class FinishedBetween(BaseFilter):
    name = "finished"

    def apply(self, query, value):
        first, last = value
        if first:
            query = query.filter(self.model.sla_finished_on >= first)
        if last:
            query = query.filter(self.model.sla_finished_on <= last)
        return query


@dataclass
class ListFilters:
    filters: list = field(default_factory=list)    # (column, filter class, value) for FAB
    described: list = field(default_factory=list)  # what a person reads above the list
    ignored: list = field(default_factory=list)    # argument names whose value was not valid


def _range(args, prefix: str, found: ListFilters):
    first_raw, last_raw = args.get(f"{prefix}_from"), args.get(f"{prefix}_to")
    first, last = parse_day(first_raw) if first_raw else None, parse_day(last_raw) if last_raw else None
    if first_raw and first is None:
        found.ignored.append(f"{prefix}_from")
    if last_raw and last is None:
        found.ignored.append(f"{prefix}_to")
    return (first, last) if first or last else None


def _dates(value) -> str:
    first, last = value
    return " – ".join(day.strftime("%d-%m-%Y") if day else "…" for day in (first, last))


def list_filters(model, args=None) -> ListFilters:
    """The filters the query string asks for, on `model`'s list."""
    args = request.args if args is None else args
    found = ListFilters()
    code = args.get("office")
    if code:
        office = db.session.scalar(select(Office).where(Office.code == str(code)))
        if office is not None:
            found.filters.append(("office_id", OfficeFilter, descendant_office_ids(office.id)))
            found.described.append(_("Office: %(value)s", value=f"{office.code} {office.name}"))
        else:
            found.ignored.append("office")
    status = args.get("status")
    if status:
        procedure = next((p for p in PROCEDURES.values() if p.model is model), None)
        if procedure is not None and status in procedure.states:
            found.filters.append(("status", StatusFilter, status))
            found.described.append(_("State: %(value)s", value=procedure.state_label(status)))
        else:
            found.ignored.append("status")
    channel = args.get("channel")
    if channel:
        if channel in CHANNELS:
            found.filters.append(("channel", ChannelFilter, channel))
            found.described.append(_("Channel: %(value)s", value=CHANNELS[channel]))
        else:
            found.ignored.append("channel")
    flag = args.get("flag")
    if flag:
        if flag in FLAGS:
            found.filters.append(("sla_due_date", TimeLimitFilter, flag))
            found.described.append(_("Time limit: %(value)s", value=flag_label(flag)))
        else:
            found.ignored.append("flag")
    filed = _range(args, "filed", found)
    if filed:
        found.filters.append(("created_at", FiledBetween, filed))
        found.described.append(_("Filed: %(value)s", value=_dates(filed)))
    finished = _range(args, "finished", found)
    if finished:
        found.filters.append(("sla_finished_on", FinishedBetween, finished))
        found.described.append(_("Finished: %(value)s", value=_dates(finished)))
    return found


def flag_label(flag: str) -> str:
    return {"overdue": _("Overdue"), "at_risk": _("At risk"), "met": _("Finished within the time limit"),
            "missed": _("Finished after the time limit")}.get(flag, flag)
