"""`flask sales expire` and `flask sales autocomplete`: the automatic steps, safe to run from cron.

Each request goes through the engine (actor: the system), one transaction each; a request paid or
changed meanwhile is left alone. Running them twice does nothing the second time.
"""
from __future__ import annotations

import click
from flask.cli import AppGroup

sales_cli = AppGroup("sales", help="Sales of statistical products: automatic steps.")


@sales_cli.command("expire")
def expire_command():
    """Expire requests whose invoice is unpaid past its validity."""
    from app.sales.service import expire_overdue

    done, checked = expire_overdue()
    click.echo(f"expired {done} of {checked} overdue invoice(s)")


@sales_cli.command("autocomplete")
def autocomplete_command():
    """Complete delivered requests without a correction after N working days (SATUPINTU_SALES_AUTOCOMPLETE_DAYS)."""
    from app.sales.service import autocomplete_delivered

    done, checked = autocomplete_delivered()
    click.echo(f"completed {done} of {checked} delivered request(s)")
