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


@satupintu_cli.command("backup")
@click.argument("archive", type=click.Path(dir_okay=False))
def backup_command(archive):
    """Write the database and the stored files into ARCHIVE (.tar.gz) with a manifest of SHA-256 sums."""
    from app.core.backup import BackupError, backup

    try:
        manifest = backup(archive)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"backup written to {archive}: {manifest['database']['dialect']} database, "
               f"{len(manifest['sha256']) - 1} file(s) ({manifest['storage']} storage)")


@satupintu_cli.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
def restore_command(archive):
    """Check ARCHIVE against its manifest and load it into the configured, empty database and storage."""
    from app.core.backup import BackupError, restore

    try:
        manifest = restore(archive)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"restored {archive} (made {manifest['created_at']}): database and "
               f"{len(manifest['sha256']) - 1} file(s); every SHA-256 matched")


def register_cli(app) -> None:
    from app.core.jobs.cli import register as register_job_commands

    register_job_commands(satupintu_cli)
    app.cli.add_command(satupintu_cli)
    from app.core.mail.cli import outbox_cli

    app.cli.add_command(outbox_cli)
    from app.core.calendar.cli import calendar_cli

    app.cli.add_command(calendar_cli)
