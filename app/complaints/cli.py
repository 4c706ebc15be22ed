"""`flask complaints close-answered`: the daily step that closes complaints nobody replied to.

Each complaint goes through the engine (actor: the system), one transaction each; one reopened
meanwhile is left alone. Running it twice does nothing the second time."""
from __future__ import annotations

import click
from flask.cli import AppGroup

complaints_cli = AppGroup("complaints", help="Complaints: automatic steps.")


@complaints_cli.command("close-answered")
def close_answered_command():
    """Close answered complaints 10 working days after the answer when the complainant did not reopen them."""
    from app.complaints.service import close_answered

    closed = close_answered()
    click.echo(f"closed {len(closed)} answered complaint(s)" + (f": {', '.join(closed)}" if closed else ""))
