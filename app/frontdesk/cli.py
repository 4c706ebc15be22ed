"""`flask frontdesk close-day`: tickets of earlier days still waiting become not served (cron; it
also runs when a day's first ticket is taken). Safe to run twice."""
from __future__ import annotations

import click
from flask.cli import AppGroup

frontdesk_cli = AppGroup("frontdesk", help="Front desk: the queue's automatic steps.")


@frontdesk_cli.command("close-day")
def close_day_command():
    """Mark the tickets of earlier days still waiting (or called, never served) as not served."""
    from app.frontdesk.queue import close_day

    done, checked = close_day()
    click.echo(f"closed {done} of {checked} ticket(s) of earlier days")
