"""Command-line entry points, grouped by concern; each calls the same domain code the screens do."""
from __future__ import annotations

import click
from flask.cli import AppGroup

satupintu_cli = AppGroup("satupintu", help="SatuPintu set-up and demo data.")


@satupintu_cli.command("init")
def init_command():
    """Create the roles (run after `flask db upgrade`)."""
    from app.core.reference.demo import ensure_roles

    ensure_roles()
    click.echo("roles ready")


@satupintu_cli.command("seed-demo")
def seed_demo_command():
    """Idempotent demo data: the four offices of the seeds, tariffs, catalogue and one user per role."""
    from app.demo import seed_demo

    for line in seed_demo():
        click.echo(line)


def register_cli(app) -> None:
    from app.core.jobs.cli import register as register_job_commands

    register_job_commands(satupintu_cli)
    app.cli.add_command(satupintu_cli)
    from app.core.mail.cli import outbox_cli

    app.cli.add_command(outbox_cli)
    from app.core.calendar.cli import calendar_cli

    app.cli.add_command(calendar_cli)
