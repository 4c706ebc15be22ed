"""What operators and balancers see of a node: health, readiness, metrics, security headers, and a
deactivated user's token refused at once."""
from __future__ import annotations

import pytest

from tests.support.sign_in import api_token, login

PAGE_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin",
                "X-Frame-Options": "DENY"}


def test_healthz_and_readyz_answer_without_login(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["status"] == "ready" and ready.get_json()["database"] == "ok"


def test_readyz_is_503_when_redis_is_configured_but_away(app, client):
    from app.core.web import metrics

    app.config["SATUPINTU_REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/readyz")
    finally:
        app.config["SATUPINTU_REDIS_URL"] = None
        metrics._redis_clients.pop("redis://127.0.0.1:1/0", None)
    assert response.status_code == 503
    assert response.get_json()["redis"].startswith("unreachable")
    assert response.get_json()["status"] == "not ready"


def test_readyz_is_503_when_the_database_is_behind_the_migrations(app, client, monkeypatch):
    from app.core.web import operations

    monkeypatch.setattr(operations, "_migration_heads", lambda: frozenset({"a_newer_revision"}))
    response = client.get("/readyz")
    assert response.status_code == 503 and "migrations not at head" in response.get_json()["database"]


def test_metrics_only_for_an_admin_or_the_scraper_token(app, as_user, client):
    assert client.get("/metrics").status_code == 403
    assert as_user("officer-3324").get("/metrics").status_code == 403
    assert client.get("/metrics", headers={"Authorization": "Bearer guess"}).status_code == 403
    app.config["SATUPINTU_METRICS_TOKEN"] = "scrape-secret-1"
    try:
        scraped = client.get("/metrics", headers={"Authorization": "Bearer scrape-secret-1"})
    finally:
        app.config["SATUPINTU_METRICS_TOKEN"] = None
    assert scraped.status_code == 200 and scraped.mimetype == "text/plain"
    admin = as_user("admin").get("/metrics")
    assert admin.status_code == 200
    text = admin.get_data(as_text=True)
    for name in ("satupintu_http_requests_total{", "satupintu_http_request_duration_seconds_bucket{",
                 "satupintu_outbox_pending ", "satupintu_outbox_oldest_pending_seconds ",
                 "# TYPE satupintu_transitions_total counter"):
        assert name in text, name
    assert 'route="/healthz",status="2xx"' in text
    admin_token = {"Authorization": f"Bearer {api_token(client, 'admin')}"}
    assert client.get("/metrics", headers=admin_token).status_code == 200
    officer_token = {"Authorization": f"Bearer {api_token(client, 'officer-3324')}"}
    assert client.get("/metrics", headers=officer_token).status_code == 403


def test_redis_away_neither_fails_nor_slows_requests(app, client):
    import time

    from app.core.web import metrics

    app.config["SATUPINTU_REDIS_URL"] = "redis://127.0.0.1:1/0"
    try:
        started = time.monotonic()
        answers = [client.get("/healthz").status_code for _ in range(10)]
        took = time.monotonic() - started
    finally:
        app.config["SATUPINTU_REDIS_URL"] = None
        metrics._redis_clients.pop("redis://127.0.0.1:1/0", None)
        metrics._redis_paused_until = 0.0
    assert answers == [200] * 10 and took < 3  # one failed try, then counted locally


def test_metrics_count_transitions_as_they_happen(app, as_user):
    from tests.support.sales import act, line, new_request

    def submitted():
        text = as_user("admin").get("/metrics").get_data(as_text=True)
        rows = [r for r in text.splitlines()
                if r.startswith('satupintu_transitions_total{procedure="sales",action="submit"}')]
        return int(rows[0].rsplit(" ", 1)[1]) if rows else 0

    before = submitted()
    with app.app_context():
        act(new_request(lines=[line("publication")]), "submit", "applicant1")
    assert submitted() == before + 1


@pytest.mark.parametrize("path", ["/login/", "/public/offices", "/api/v1/office/", "/healthz"])
def test_security_headers_on_pages_and_api(client, path):
    response = client.get(path)
    for name, value in PAGE_HEADERS.items():
        assert response.headers.get(name) == value, (path, name)
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy.split("style-src-attr")[0]  # no inline script, no <style> without nonce
    assert "Strict-Transport-Security" not in response.headers


def test_hsts_only_over_https(client):
    response = client.get("/login/", base_url="https://satupintu.test")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_every_inline_script_carries_the_responses_nonce(as_user):
    import re

    response = as_user("admin").get("/users/list/")
    html = response.get_data(as_text=True)
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all(f'nonce="{nonce}"' in attrs for attrs in scripts), scripts
    assert " onclick=" not in html and "javascript:" not in html


def test_a_frameable_view_may_be_framed(app):
    from flask import Flask

    from app.core.web import headers

    demo = Flask("frame-demo")
    headers.register(demo)

    @demo.get("/board")
    @headers.frameable
    def board():
        return "board"

    response = demo.test_client().get("/board")
    assert "X-Frame-Options" not in response.headers
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]


def test_a_deactivated_users_token_and_session_stop_working_at_once(app, client):
    from app.extensions import db
    from tests.support.sales import ensure_user

    with app.app_context():
        person = ensure_user("leaver-3324", ["Officer"])
        person.active = True
        person_id = person.id
        db.session.commit()
    token = {"Authorization": f"Bearer {api_token(client, 'leaver-3324')}"}
    browser = app.test_client()
    assert login(browser, "leaver-3324").status_code == 302
    assert client.get("/api/v1/sales_request/", headers=token).status_code == 200
    assert browser.get("/salesrequestview/list/").status_code == 200
    with app.app_context():
        from app.core.access.people import AppUser

        db.session.get(AppUser, person_id).active = False
        db.session.commit()
    assert client.get("/api/v1/sales_request/", headers=token).status_code == 401
    assert browser.get("/salesrequestview/list/", follow_redirects=False).status_code in (302, 403)
