"""The dashboard's figures, from aggregate SQL over every registered procedure and the ratings.

Each query groups by office (at most a few hundred rows), so the same answer gives the roll-up of a
province or the nation and its offices side by side; nothing loads records into Python except the
handful of oldest overdue cases shown by name.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, not_, select

from app.core.access.scoping import Scope
from app.core.calendar.workdays import jakarta_today
from app.core.dashboard import (
    DASHBOARD,
    DATE,
    DECIMAL,
    INT,
    PERCENT,
    TEXT,
    Chart,
    Column,
    OfficeSet,
    Period,
    Table,
    jakarta_month,
    share,
)
from app.core.reference.models import CHANNELS
from app.core.satisfaction.index import grade, ikm_of
from app.core.satisfaction.models import ELEMENTS, Rating
from app.core.service import dashboard_tables
from app.core.workflow.procedure import PROCEDURES
from app.core.workflow.sla import RUNNING
from app.extensions import db

OLDEST_OVERDUE = 15


def _counted(model, offices: OfficeSet):
    return model.office_id.in_(offices.ids)


def _filed(procedure, offices: OfficeSet, period: Period):
    model = procedure.model
    # What the office's lists show: an applicant's online draft is not the office's yet (a walk-in
    # draft, recorded at the desk, is), so each figure and the list it links to count the same rows.
    conditions = [_counted(model, offices), model.created_at >= period.utc_start, model.created_at < period.utc_end]
    if hasattr(model, "hidden_from_staff"):
        hidden = model.hidden_from_staff(offices.scope or Scope())
        if hidden is not None:
            conditions.append(not_(hidden))
    return and_(*conditions)


def volumes(offices: OfficeSet, period: Period) -> Table:
    """Requests filed per month, per service and channel (one column each), with links to each list."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    columns = [Column("month", _l("Month"), TEXT)]
    series, channels_of = [], {}
    for procedure in PROCEDURES.values():
        model = procedure.model
        month = jakarta_month(model.created_at)
        rows = db.session.execute(
            select(month, model.channel, func.count(model.id))
            .where(_filed(procedure, offices, period)).group_by(month, model.channel)).all()
        # Walk-in and online always; a service's own channels (a complaint's WhatsApp …) when used.
        channels_of[procedure.name] = list(CHANNELS) + sorted({channel for _m, channel, _c in rows} - set(CHANNELS))
        for month_key, channel, count in rows:
            counts[month_key][f"{procedure.name}:{channel}"] += count
        for channel in channels_of[procedure.name]:
            key = f"{procedure.name}:{channel}"
            label = CHANNELS.get(channel) or channel.replace("_", " ").capitalize()
            columns.append(Column(key, f"{procedure.label} — {label}", INT))
            series.append(key)
    columns.append(Column("total", _l("Total"), INT))
    table = Table("volumes", _l("Requests filed per month, by service and channel"), columns,
                  chart=Chart("month", tuple(series), kind="stacked"))
    for index, month_key in enumerate(period.months()):
        row = {"month": month_key, **{key: counts[month_key].get(key, 0) for key in series}}
        row["total"] = sum(row[key] for key in series)
        table.rows.append(row)
        month_period = _month_within(month_key, period)
        for procedure in PROCEDURES.values():
            for channel in channels_of[procedure.name]:
                table.link(index, f"{procedure.name}:{channel}", procedure.list_url(
                    channel=channel, office=_office_code(offices), **month_period.list_args()))
    table.total = {"month": _("Total"), **{key: sum(row[key] for row in table.rows) for key in series + ["total"]}}
    return table


def _month_within(month_key: str, period: Period) -> Period:
    year, month = map(int, month_key.split("-"))
    first = date(year, month, 1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return Period(max(first, period.first), min(last, period.last))


def _office_code(offices: OfficeSet) -> str | None:
    return offices.chosen.code if offices.chosen is not None else None


def time_limits(offices: OfficeSet, period: Period) -> Table:
    """Of the requests whose time-limit clock stopped in the period: how many within the limit."""
    table = Table("time_limits", _l("Finished within the time limit (working days)"), [
        Column("service", _l("Service"), TEXT), Column("finished", _l("Finished"), INT),
        Column("met", _l("Within the time limit"), INT), Column("missed", _l("After the time limit"), INT),
        Column("share", _l("Share within the time limit"), PERCENT),
    ], chart=Chart("service", ("share",), horizontal=True),
        note=_l("Counted when the clock stops (delivered, sent, rejected …); the clock pauses while the "
                "office waits on the applicant."))
    for procedure in PROCEDURES.values():
        model = procedure.model
        finished, met = db.session.execute(
            select(func.count(model.id), func.count(case((model.sla_met.is_(True), 1))))
            .where(_counted(model, offices), model.sla_met.is_not(None),
                   model.sla_finished_on.between(period.first, period.last))).one()
        index = len(table.rows)
        table.rows.append({"service": str(procedure.label), "finished": finished, "met": met,
                           "missed": finished - met, "share": share(met, finished)})
        base = {"office": _office_code(offices), **period.list_args("finished")}
        table.link(index, "finished", procedure.list_url(**base))
        table.link(index, "met", procedure.list_url(flag="met", **base))
        table.link(index, "missed", procedure.list_url(flag="missed", **base))
    return table


def overdue(offices: OfficeSet) -> list[Table]:
    """Work past its due date now: how many per service, and the oldest cases by name."""
    today = jakarta_today()
    counts = Table("overdue_counts", _l("Overdue now, per service"), [
        Column("service", _l("Service"), TEXT), Column("count", _l("Overdue"), INT),
    ], chart=Chart("service", ("count",), horizontal=True))
    oldest = Table("overdue", _l("Overdue now, oldest first"), [
        Column("record", _l("Request"), TEXT), Column("service", _l("Service"), TEXT),
        Column("office", _l("Office"), TEXT), Column("state", _l("State"), TEXT),
        Column("due", _l("Due"), DATE), Column("days", _l("Days past due"), INT),
    ], note=_l("At most the %(count)d oldest; the count per service links to all of them.", count=OLDEST_OVERDUE))
    found = []
    for procedure in PROCEDURES.values():
        model = procedure.model
        late = and_(_counted(model, offices), model.sla_state == RUNNING, model.sla_due_date < today)
        count = db.session.scalar(select(func.count(model.id)).where(late)) or 0
        counts.rows.append({"service": str(procedure.label), "count": count})
        counts.link(len(counts.rows) - 1, "count", procedure.list_url(flag="overdue", office=_office_code(offices)))
        if count:
            found += [(procedure, record) for record in db.session.scalars(
                select(model).where(late).order_by(model.sla_due_date, model.id).limit(OLDEST_OVERDUE))]
    counts.total = {"service": _("Total"), "count": sum(row["count"] for row in counts.rows)}
    found.sort(key=lambda pair: (pair[1].sla_due_date, pair[1].id))
    for index, (procedure, record) in enumerate(found[:OLDEST_OVERDUE]):
        code, name = offices.names.get(record.office_id, ("", ""))
        oldest.rows.append({"record": procedure.record_label(record), "service": str(procedure.label),
                            "office": f"{code} {name}".strip(), "state": procedure.state_label(record.status),
                            "due": record.sla_due_date, "days": (today - record.sla_due_date).days})
        oldest.link(index, "record", f"{procedure.staff_path}{record.id}")
    return [counts, oldest]


def states(offices: OfficeSet, period: Period) -> list[Table]:
    """Per service, the requests filed in the period by the state they are in now."""
    tables = []
    for procedure in PROCEDURES.values():
        model = procedure.model
        rows = dict(db.session.execute(
            select(model.status, func.count(model.id)).where(_filed(procedure, offices, period))
            .group_by(model.status)).all())
        table = Table(f"states_{procedure.name}", _("%(service)s: by state", service=procedure.label), [
            Column("state", _l("State"), TEXT), Column("count", _l("Requests"), INT),
        ], chart=Chart("state", ("count",), horizontal=True))
        for code in procedure.states:
            if rows.get(code):
                index = len(table.rows)
                table.rows.append({"state": procedure.state_label(code), "count": rows[code]})
                table.link(index, "count", procedure.list_url(status=code, office=_office_code(offices),
                                                              **period.list_args()))
        table.total = {"state": _("Total"), "count": sum(rows.values())}
        tables.append(table)
    return tables


def _rating_sums(offices: OfficeSet, period: Period):
    """(office id, service, count, sum of each element) of the ratings given in the period."""
    return db.session.execute(
        select(Rating.office_id, Rating.service, func.count(Rating.id),
               *[func.sum(getattr(Rating, f"score_{key}")) for key in ELEMENTS])
        .where(Rating.office_id.in_(offices.ids), Rating.created_at >= period.utc_start,
               Rating.created_at < period.utc_end)
        .group_by(Rating.office_id, Rating.service)).all()


def _ikm(count: int, sums) -> tuple[float | None, str]:
    if not count:
        return None, ""
    index = round(ikm_of(total / count for total in sums), 2)
    letter, label = grade(index)
    return index, f"{letter} ({label})"


def satisfaction(offices: OfficeSet, period: Period, rating_rows=None) -> Table:
    """IKM per service (Permen PANRB 14/2017): mean over the nine elements of the mean score × 25."""
    rating_rows = _rating_sums(offices, period) if rating_rows is None else rating_rows
    per_service: dict[str, list] = {}
    for _office, service, count, *sums in rating_rows:
        totals = per_service.setdefault(service, [0] + [0] * len(ELEMENTS))
        totals[0] += count
        for i, value in enumerate(sums, 1):
            totals[i] += value or 0
    labels = {p.name: p.label for p in PROCEDURES.values()}
    table = Table("satisfaction", _l("Satisfaction index (IKM) per service"), [
        Column("service", _l("Service"), TEXT), Column("ratings", _l("Ratings"), INT),
        Column("ikm", _l("IKM"), DECIMAL), Column("grade", _l("Grade"), TEXT),
    ], chart=Chart("service", ("ikm",), horizontal=True))
    everything = [0] + [0] * len(ELEMENTS)
    for service, (count, *sums) in sorted(per_service.items()):
        index, grade_text = _ikm(count, sums)
        table.rows.append({"service": str(labels.get(service, service)), "ratings": count, "ikm": index,
                           "grade": grade_text})
        everything = [a + b for a, b in zip(everything, [count, *sums])]
    index, grade_text = _ikm(everything[0], everything[1:])
    table.total = {"service": _("All services"), "ratings": everything[0], "ikm": index, "grade": grade_text}
    return table


def comparison(offices: OfficeSet, period: Period, rating_rows=None) -> Table | None:
    """The offices side by side (a province's regencies, the nation's provinces) and rolled up."""
    if len(offices.groups) < 2:
        return None
    per_office: dict[int, dict] = {shown: defaultdict(int) for shown in offices.groups}
    today = jakarta_today()

    def add(key, rows):
        for office_id, value in rows:
            shown = offices.group_of(office_id)
            if shown is not None:
                per_office[shown][key] += value

    for procedure in PROCEDURES.values():
        model = procedure.model
        # Three grouped counts, each over an index that starts with the office: the cost follows the
        # period asked for, not the years of history.
        add("filed", db.session.execute(select(model.office_id, func.count(model.id))
                                        .where(_filed(procedure, offices, period)).group_by(model.office_id)))
        for office_id, finished, met in db.session.execute(
                select(model.office_id, func.count(model.id), func.count(case((model.sla_met.is_(True), 1))))
                .where(_counted(model, offices), model.sla_met.is_not(None),
                       model.sla_finished_on.between(period.first, period.last)).group_by(model.office_id)):
            add("finished", [(office_id, finished)])
            add("met", [(office_id, met)])
        add("overdue", db.session.execute(
            select(model.office_id, func.count(model.id))
            .where(_counted(model, offices), model.sla_state == RUNNING, model.sla_due_date < today)
            .group_by(model.office_id)))
    rating_rows = _rating_sums(offices, period) if rating_rows is None else rating_rows
    for office_id, _service, count, *sums in rating_rows:
        shown = offices.group_of(office_id)
        if shown is None:
            continue
        per_office[shown]["ratings"] += count
        sums_so_far = per_office[shown].setdefault("sums", [0] * len(ELEMENTS))
        per_office[shown]["sums"] = [a + (b or 0) for a, b in zip(sums_so_far, sums)]
    table = Table("offices", _l("Offices side by side"), [
        Column("office", _l("Office"), TEXT), Column("filed", _l("Requests filed"), INT),
        Column("share", _l("Share within the time limit"), PERCENT), Column("overdue", _l("Overdue now"), INT),
        Column("ikm", _l("IKM"), DECIMAL),
    ], chart=Chart("office", ("filed", "overdue"), horizontal=True))
    totals = defaultdict(int)
    for shown in sorted(offices.groups, key=lambda oid: offices.names[oid][0]):
        figures = per_office[shown]
        code, name = offices.names[shown]
        index = len(table.rows)
        ikm, _grade = _ikm(figures["ratings"], figures.get("sums", []))
        table.rows.append({"office": f"{code} {name}", "filed": figures["filed"],
                           "share": share(figures["met"], figures["finished"]), "overdue": figures["overdue"],
                           "ikm": ikm})
        table.link(index, "office", f"/reports/dashboard/?office={code}&from={period.first}&to={period.last}")
        for key in ("filed", "finished", "met", "overdue", "ratings"):
            totals[key] += figures[key]
        totals["sums"] = [a + b for a, b in zip(totals.get("sums") or [0] * len(ELEMENTS),
                                                figures.get("sums") or [0] * len(ELEMENTS))]
    ikm, _grade = _ikm(totals["ratings"], totals["sums"])
    table.total = {"office": _("All offices"), "filed": totals["filed"],
                   "share": share(totals["met"], totals["finished"]), "overdue": totals["overdue"], "ikm": ikm}
    return table


def dashboard(offices: OfficeSet, period: Period, audience: str = DASHBOARD) -> list[Table]:
    """Every table of the dashboard (or of the treasurer's screen), the services' own included."""
    contributed = [table for table in dashboard_tables(offices, period) if audience in table.audience]
    if audience != DASHBOARD:
        return contributed
    rating_rows = _rating_sums(offices, period)
    tables = [comparison(offices, period, rating_rows), volumes(offices, period), time_limits(offices, period),
              *overdue(offices), satisfaction(offices, period, rating_rows), *contributed, *states(offices, period)]
    return [table for table in tables if table is not None]
