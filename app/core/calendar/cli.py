"""`flask calendar …`: the working-day calendar for admins, and re-deriving SLA due dates."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

calendar_cli = AppGroup("calendar", help="Indonesian working-day calendar (holidays, cuti bersama, overrides).")


def _office_id(code: str | None) -> int | None:
    if not code:
        return None
    from app.core.reference.models import Office
    from app.extensions import db

    office = db.session.scalars(select(Office).where(Office.code == code)).first()
    if office is None:
        raise click.BadParameter(f"no office with code {code}")
    return office.id


@calendar_cli.command("due")
@click.option("--start", required=True, type=click.DateTime(formats=["%Y-%m-%d"]), help="Day the clock starts.")
@click.option("--days", required=True, type=click.IntRange(min=0), help="Working days allowed.")
@click.option("--office", default=None, help="Office code, to include its local days off.")
def due_command(start, days, office):
    """Print the due date: the Nth working day after START."""
    from app.core.workflow.sla import calendar_for

    click.echo(calendar_for(_office_id(office)).add_working_days(start.date(), days).isoformat())


@calendar_cli.command("holidays")
@click.option("--year", required=True, type=int)
@click.option("--office", default=None, help="Office code, to include its local days off.")
def holidays_command(year, office):
    """List the days off of a year (weekends aside) with their names."""
    from app.core.workflow.sla import calendar_for

    for day, name in calendar_for(_office_id(office)).days_off(year).items():
        click.echo(f"{day.isoformat()}  {day.strftime('%a')}  {name}")


@calendar_cli.command("refresh-sla")
def refresh_sla_command():
    """Recompute the due dates of every open record (after the calendar changed)."""
    from app.core.workflow.sla import refresh_open_clocks
    from app.extensions import db

    count = refresh_open_clocks()
    db.session.commit()
    click.echo(f"{count} open records recomputed")


