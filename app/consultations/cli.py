"""`flask consultations close-idle` (cron) and `flask consultations reindex`."""
from __future__ import annotations

import click
from flask.cli import AppGroup

consultations_cli = AppGroup("consultations", help="Statistical consultation: automatic steps and the search index.")


@consultations_cli.command("close-idle")
def close_idle_command():
    """Close threads whose applicant has not answered for the office's N working days (default 5)."""
    from app.consultations.service import close_idle

    closed, checked = close_idle()
    click.echo(f"closed {closed} of {checked} waiting consultation(s)")


@consultations_cli.command("reindex")
def reindex_command():
    """Re-stem every knowledge entry (after upgrading the stemmer or editing many exceptions)."""
    from app.consultations.knowledge import reindex
    from app.consultations.stemming import forget_exceptions
    from app.extensions import db

    forget_exceptions()
    count = reindex()
    db.session.commit()
    click.echo(f"re-indexed {count} knowledge entr{'y' if count == 1 else 'ies'}")
