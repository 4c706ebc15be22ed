"""Every demo login the README prints works, through the login page and through the API."""
from __future__ import annotations

import pytest

from tests.support.sign_in import api_token, login

OFFICES = ("0000", "3300", "3324", "1904")
DEMO_USERS = (["admin", "monitor-3300", "applicant1", "applicant2"]
              + [f"{prefix}-{code}" for code in OFFICES
                 for prefix in ("officer", "treasurer", "head", "complaints")])


@pytest.mark.parametrize("username", DEMO_USERS)
def test_demo_user_signs_in_on_the_page_and_the_api(app, username):
    client = app.test_client()
    response = login(client, username)
    assert response.status_code == 302 and "/login" not in response.headers["Location"]
    assert client.get("/").status_code == 200
    assert api_token(app.test_client(), username)


def test_seed_demo_is_idempotent_and_prints_the_logins(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["satupintu", "seed-demo"])
    second = runner.invoke(args=["satupintu", "seed-demo"])
    assert first.exit_code == 0 and second.exit_code == 0
    assert first.output == second.output
    for username in DEMO_USERS:
        assert username in second.output
