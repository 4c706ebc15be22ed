"""What a dashboard is asked for: an office the caller may see (with the offices under it) and a
period of Jakarta days. Bad input is a `SelectionError` with the message the person reads."""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from app.core.access.scoping import Scope
from app.core.calendar.workdays import jakarta_today
from app.core.dashboard import OfficeSet, Period
from app.core.reference.models import Office
from app.extensions import db

LONGEST_DAYS = 3 * 366


class SelectionError(ValueError):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def month_period(raw: str) -> Period:
    try:
        year, month = (int(part) for part in str(raw).split("-"))
        first = date(year, month, 1)
    except (TypeError, ValueError):
        raise SelectionError(_("Give the month as YYYY-MM, e.g. 2026-11."))
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return Period(first, last)


def period_from(args) -> Period:
    """`from` and `to` (YYYY-MM-DD), or `month` (YYYY-MM); this Jakarta month when none is given."""
    if args.get("month"):
        return month_period(args["month"])
    today = jakarta_today()
    this_month = Period(today.replace(day=1), month_period(f"{today:%Y-%m}").last)
    try:
        first = date.fromisoformat(args["from"]) if args.get("from") else this_month.first
        last = date.fromisoformat(args["to"]) if args.get("to") else this_month.last
    except ValueError:
        raise SelectionError(_("Give dates as YYYY-MM-DD, e.g. 2026-11-30."))
    if last < first:
        raise SelectionError(_("The period ends before it starts."))
    if (last - first).days > LONGEST_DAYS:
        raise SelectionError(_("Choose a period of at most three years."))
    return Period(first, last)


def offices_for(code: str | None, scope: Scope, home_office_id: int | None) -> OfficeSet:
    """The office asked for (default: the caller's own, or the national office) and the offices under
    it that the caller may see; side by side: the office's own records and each office directly under it."""
    rows = db.session.execute(select(Office.id, Office.code, Office.name, Office.parent_id)).all()
    names = {oid: (ocode, name) for oid, ocode, name, _parent in rows}
    children: dict[int | None, list[int]] = {}
    for oid, _code, _name, parent in rows:
        children.setdefault(parent, []).append(oid)
    visible = set(names) if scope.everything else set(scope.office_ids)
    if code:
        chosen_id = next((oid for oid, (ocode, _name) in names.items() if ocode == str(code)), None)
    else:
        chosen_id = home_office_id if home_office_id in visible else None
        if chosen_id is None and children.get(None):
            chosen_id = children[None][0]
    if chosen_id is None or chosen_id not in visible:
        raise SelectionError(_("The page or record you are looking for does not exist, or is not yours to see."),
                             404)

    def under(office_id: int) -> set[int]:
        found, stack = set(), [office_id]
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(children.get(current, []))
        return found & visible

    groups = {chosen_id: {chosen_id}}
    for child in children.get(chosen_id, []):
        if child in visible:
            groups[child] = under(child)
    ids = sorted(set().union(*groups.values()))
    return OfficeSet(chosen=db.session.get(Office, chosen_id), ids=ids, groups=groups, names=names, scope=scope)
