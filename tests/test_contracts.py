"""Contracts every registered procedure keeps, whichever service declares it.

- Every state can be reached from the initial one by the procedure's own actions (a callable
  target counts with the states it declares in `Action.targets`).
- Every action is exercised by some test. This is a pragmatic, static check: the action's name must
  appear in the source of a test module or a test helper (tests/support/) as a quoted string or as a
  path segment ("verify", '/verify', `.../verify/`), which is how tests name the action they take
  through `apply`, a helper, a REST call or a CLI command. It cannot tell a call from a mention, but
  it does catch the action no test has heard of.
- Every link a notification carries resolves: each action's mail is rendered for a sample record
  (tests/support/samples.py), as the engine would send it, and every address in it is opened by its
  recipient (the applicant, or a user of the notified role at the record's office; someone without an
  account, without signing in): the page opens (200).

And one about the tests themselves: a test module takes shared helpers from tests/support/, never from
another test module or from conftest.
"""
from __future__ import annotations

import re
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from app.core.workflow import notifications
from app.core.workflow.procedure import PROCEDURES, Procedure
from tests.support.samples import SAMPLES
from tests.support.sign_in import login

TESTS = Path(__file__).resolve().parent
LINK = re.compile(r"https?://[^\s<>\"')]+")


def service_procedures() -> list[Procedure]:
    # Only the services' procedures: a test module may register its own while it runs.
    return [procedure for procedure in PROCEDURES.values() if procedure.model.__module__.startswith("app.")]


PROCEDURE_IDS = [procedure.name for procedure in service_procedures()]


@pytest.fixture(params=service_procedures(), ids=PROCEDURE_IDS)
def procedure(request) -> Procedure:
    return request.param


def test_services_register_procedures():
    assert {"sales", "recommendation"} <= set(PROCEDURE_IDS)


def test_every_state_is_reachable_from_the_initial_one(procedure):
    reached, queue = {procedure.initial}, deque([procedure.initial])
    while queue:
        state = queue.popleft()
        for action in procedure.actions.values():
            if state in action.sources:
                for target in set(action.possible_targets) - reached:
                    reached.add(target)
                    queue.append(target)
    assert set(procedure.states) - reached == set(), f"{procedure.name}: states no action leads to"


def _tests_source() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(TESTS.rglob("*.py"))
                     if path.resolve() != Path(__file__).resolve())


def test_every_action_is_exercised_by_some_test(procedure):
    source = _tests_source()
    unexercised = [name for name in procedure.actions
                   if not re.search(rf"""["'/]{re.escape(name)}["'/?]""", source)]
    assert unexercised == [], f"{procedure.name}: no test takes these actions"


def _mails(monkeypatch, procedure, record, action) -> list[tuple[str, str]]:
    """(recipient, body) of every mail the engine would queue for this action on this record."""
    sent = []
    monkeypatch.setattr(notifications, "queue_mail", lambda email, subject, body, **kw: sent.append((email, body)))
    for audience in action.notify:
        notifications.notify(procedure, record, action, audience, "", record.status)
    return sent


def test_every_link_a_notification_carries_resolves(app, procedure, monkeypatch):
    from app.core.access.people import AppUser
    from app.extensions import db

    assert procedure.name in SAMPLES, f"{procedure.name}: add a sample record maker to tests/support/samples.py"
    with app.app_context():
        record_id = SAMPLES[procedure.name]().id
        db.session.commit()
        db.session.remove()
    broken = []
    clients = {}

    def signed_in(username):
        """A client signed in as the recipient, or None for an account without the demo password
        (one another test created): its mail is the same as its demo colleague's."""
        if username not in clients:
            client = app.test_client()
            response = login(client, username)
            clients[username] = client if "/login" not in response.headers.get("Location", "/login") else None
        return clients[username]

    for action in procedure.actions.values():
        if not action.notify:
            continue
        with app.app_context():
            record = db.session.get(procedure.model, record_id)
            mails = _mails(monkeypatch, procedure, record, action)
            recipients = {email: db.session.scalars(select(AppUser.username).where(AppUser.email == email)).first()
                          for email, _ in mails}
            db.session.remove()
        assert mails, f"{procedure.name}.{action.name}: notifies {action.notify} but nobody would hear"
        checked = 0
        for email, body in mails:
            links = LINK.findall(body)
            assert links, f"{procedure.name}.{action.name}: the mail to {email} carries no link"
            # Someone without an account (a complainant who left an address) opens it as anyone would.
            client = signed_in(recipients[email]) if recipients[email] else app.test_client()
            for link in links if client else ():
                parts = urlsplit(link)
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                status = client.get(path).status_code
                checked += 1
                if status != 200:
                    broken.append(f"{action.name} -> {recipients[email]}: GET {path} = {status}")
        assert checked, f"{procedure.name}.{action.name}: no recipient of its mail could be signed in"
    assert broken == [], f"{procedure.name}: links in notifications that do not open"


def test_test_modules_share_helpers_through_tests_support_only():
    crossing = re.compile(r"^\s*(from|import)\s+tests\.(test_\w+|conftest)\b", re.M)
    offenders = {path.name: match.group(0).strip() for path in sorted(TESTS.rglob("*.py"))
                 for match in crossing.finditer(path.read_text(encoding="utf-8"))}
    assert offenders == {}, "move what is shared into tests/support/"
