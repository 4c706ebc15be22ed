"""`flask reports monthly --office 3324 --month 2026-11 --output report.pdf`."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from app.core.access.scoping import Scope


@click.group("reports", help="Reports of the offices (monthly PDF).")
def reports_cli():
    pass


@reports_cli.command("monthly", help="Writes the monthly report of an office (and the offices under it) as PDF.")
@click.option("--office", "office_code", required=True, help="Office code, e.g. 3324.")
@click.option("--month", required=True, help="YYYY-MM, e.g. 2026-11.")
@click.option("--output", required=True, type=click.Path(dir_okay=False, writable=True), help="PDF file to write.")
@with_appcontext
def monthly(office_code, month, output):
    from app.reports.monthly import render_monthly
    from app.reports.selection import SelectionError, month_period, offices_for

    try:
        offices = offices_for(office_code, Scope(everything=True), None)
        period = month_period(month)
    except SelectionError as exc:
        raise click.ClickException(exc.message)
    data = render_monthly(offices, period)
    with open(output, "wb") as handle:
        handle.write(data)
    click.echo(f"{output}: {len(data)} bytes")
