"""Signing in as a demo user: a test client session, an API token, a browser page."""
from __future__ import annotations

from tests.support.settings import PASSWORD


def login(client, username, password=PASSWORD):
    return client.post("/login/", data={"username": username, "password": password}, follow_redirects=False)


def api_token(client, username, password=PASSWORD) -> str:
    response = client.post("/api/v1/security/login",
                           json={"username": username, "password": password, "provider": "db"})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["access_token"]


def auth_header(client, username) -> dict:
    return {"Authorization": f"Bearer {api_token(client, username)}"}


def browser_login(page, username: str, password: str = PASSWORD) -> None:
    """Signs in through the login page like a person does, and waits for the next page."""
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("input[type=submit], button[type=submit]")
