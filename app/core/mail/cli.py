"""`flask outbox send`: cron delivers the pending mails."""
from __future__ import annotations

import click
from flask.cli import AppGroup

outbox_cli = AppGroup("outbox", help="E-mail outbox.")


@outbox_cli.command("send")
@click.option("--limit", default=500, show_default=True, help="Most mails to try in this run.")
def send_command(limit):
    from app.core.mail.outbox import send_due

    sent, not_sent = send_due(limit=limit)
    click.echo(f"sent {sent}, not sent {not_sent}")
