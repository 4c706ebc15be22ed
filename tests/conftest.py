"""One app and one database per test session (SQLite file, or PostgreSQL when
SATUPINTU_TEST_DATABASE_URL is set), migrated from empty and seeded with the demo data."""
from __future__ import annotations

import os
import socket
import uuid

import pytest
from flask import request

TEST_DATABASE_URL = os.environ.get("SATUPINTU_TEST_DATABASE_URL")
PASSWORD = "SatuPintu-Demo-1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _test_client_key():
    # Each request its own bucket, unless a test names one to exercise the login rate limit.
    return request.headers.get("X-Test-Client") or uuid.uuid4().hex


def _reset_postgres(url: str) -> None:
    import sqlalchemy as sa

    from config import database_url

    engine = sa.create_engine(database_url(url))
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def smtp_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def app(tmp_path_factory, smtp_port):
    instance = tmp_path_factory.mktemp("instance")
    os.environ["SATUPINTU_INSTANCE_DIR"] = str(instance)
    os.environ["SATUPINTU_DEMO_PASSWORD"] = PASSWORD
    url = TEST_DATABASE_URL or f"sqlite:///{instance / 'test.db'}"
    if url.startswith("postgres"):
        _reset_postgres(url)

    from app import create_app
    from config import database_url

    flask_app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url(url),
        "WTF_CSRF_ENABLED": False,
        "SATUPINTU_SEND_MAIL_AFTER_COMMIT": False,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp_port,
        "MAIL_TIMEOUT": 3,
        "RATELIMIT_KEY_FUNC": _test_client_key,
        "FAB_PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "SERVER_NAME": "satupintu.test",
    })
    with flask_app.app_context():
        from flask_migrate import upgrade

        from app.demo import seed_demo

        upgrade()
        seed_demo()
    yield flask_app


@pytest.fixture()
def db_session(app):
    from app.extensions import db

    with app.app_context():
        yield db.session
        db.session.rollback()


@pytest.fixture()
def client(app):
    return app.test_client()


def login(client, username, password=PASSWORD):
    return client.post("/login/", data={"username": username, "password": password}, follow_redirects=False)


def api_token(client, username, password=PASSWORD) -> str:
    response = client.post("/api/v1/security/login",
                           json={"username": username, "password": password, "provider": "db"})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["access_token"]


def auth_header(client, username) -> dict:
    return {"Authorization": f"Bearer {api_token(client, username)}"}


@pytest.fixture()
def as_user(app):
    """A logged-in test client for a demo user: as_user("officer-3324")."""

    def make(username):
        client = app.test_client()
        response = login(client, username)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client

    return make
