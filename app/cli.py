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
@click.option("--empty", is_flag=True, help="Offices, people and catalogues only: no months of work.")
def seed_demo_command(empty):
    """Idempotent demo data: the four offices of the seeds, tariffs, catalogue, one user per role, and
    (unless --empty) about three months of work at each office, made through the procedure engine."""
    from app.demo import seed_demo

    for line in seed_demo(living=not empty):
        click.echo(line)


def register_cli(app) -> None:
    app.cli.add_command(satupintu_cli)
    from app.core.mail.cli import outbox_cli

    app.cli.add_command(outbox_cli)
    from app.core.calendar.cli import calendar_cli

    app.cli.add_command(calendar_cli)
