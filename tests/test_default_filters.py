"""Every role's lists open on the rows it uses them for: the officer on the open work, a monitor (who acts
on nothing) on every request of the offices it watches, so neither meets an empty page in a living office."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.sales.models import SalesRequest


def demo_labels(app, status: str, office: str) -> list[str]:
    with app.app_context():
        return [record.label for record in db.session.scalars(select(SalesRequest).where(
            SalesRequest.status == status, SalesRequest.office.has(code=office)).order_by(SalesRequest.id))]


def listing(client, **args) -> str:
    return client.get("/salesrequestview/list/", query_string={"psize_SalesRequestView": 100, **args}) \
        .get_data(as_text=True)


def test_a_monitor_opens_on_every_request_of_its_offices(app, as_user):
    monitor = as_user("monitor-3300")
    page = listing(monitor)
    completed = demo_labels(app, "completed", "3324")
    assert completed and any(label in page for label in completed)  # finished work of a regency it watches
    assert not any(label in page for label in demo_labels(app, "completed", "1904"))  # not its province


def test_an_officer_opens_on_the_open_work_and_can_ask_for_everything(app, as_user):
    officer = as_user("officer-3324")
    page = listing(officer)
    assert any(label in page for label in demo_labels(app, "paid", "3324"))
    assert not any(label in page for label in demo_labels(app, "completed", "3324"))
    everything = listing(officer, state="all")
    assert any(label in everything for label in demo_labels(app, "completed", "3324"))
