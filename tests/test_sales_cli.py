"""`flask sales expire` and `flask sales autocomplete`: the automatic steps, safe to repeat."""
from __future__ import annotations

from datetime import timedelta

import pytest

from app.core.calendar.clock import utcnow
from tests.support.sales import act, drive, line, new_request

pytestmark = pytest.mark.usefixtures("app_ctx")


def reload(record):
    from app.extensions import db

    db.session.expire_all()
    return db.session.get(type(record), record.id)


def test_expire_lapses_unpaid_invoices_only(app):
    from app.extensions import db

    overdue = drive(new_request(lines=[line("publication")]), "invoiced")
    valid = drive(new_request(lines=[line("publication")]), "invoiced")
    paid = drive(new_request(lines=[line("publication")]), "paid")
    overdue.invoice_expires_at = paid.invoice_expires_at = utcnow() - timedelta(days=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["sales", "expire"])
    assert result.exit_code == 0, result.output
    assert "expired" in result.output
    assert reload(overdue).status == "expired"
    assert reload(valid).status == "invoiced" and reload(paid).status == "paid"
    history = [event.action for event in __import__("app.core.workflow.audit", fromlist=["history"]).history(
        "sales", overdue.id)]
    assert history[-1] == "expire"
    again = app.test_cli_runner().invoke(args=["sales", "expire"])
    assert again.exit_code == 0 and reload(overdue).status == "expired"


def test_autocomplete_completes_delivered_requests_after_the_working_days(app):
    from app.extensions import db

    old = drive(new_request(lines=[line("publication")]), "delivered")
    recent = drive(new_request(lines=[line("publication")]), "delivered")
    corrected = drive(new_request(lines=[line("publication")]), "delivered")
    act(corrected, "request_correction", "applicant1", note="Salah file")
    old.delivered_at = corrected.delivered_at = utcnow() - timedelta(days=9)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["sales", "autocomplete"])
    assert result.exit_code == 0, result.output
    assert reload(old).status == "completed"
    assert reload(recent).status == "delivered"
    assert reload(corrected).status == "correction_requested"


def test_autocomplete_days_are_configurable(app):
    from app.extensions import db

    record = drive(new_request(lines=[line("publication")]), "delivered")
    record.delivered_at = utcnow() - timedelta(days=9)
    db.session.commit()
    app.config["SATUPINTU_SALES_AUTOCOMPLETE_DAYS"] = 20
    try:
        app.test_cli_runner().invoke(args=["sales", "autocomplete"])
        assert reload(record).status == "delivered"
    finally:
        app.config.pop("SATUPINTU_SALES_AUTOCOMPLETE_DAYS")
    app.test_cli_runner().invoke(args=["sales", "autocomplete"])
    assert reload(record).status == "completed"
