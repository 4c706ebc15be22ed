"""One app and one database per test session (SQLite file, or PostgreSQL when
SATUPINTU_TEST_DATABASE_URL is set), migrated from empty and seeded with the demo data."""
from __future__ import annotations

import email
import email.message
import email.policy
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

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
def app(tmp_path_factory, smtp_port, compiled_catalogue):
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
        "MAIL_SUPPRESS_SEND": False,  # TESTING would otherwise swallow every mail
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


@pytest.fixture(scope="module", autouse=True)
def leave_no_mail_behind(app):
    """The session's database is shared: mails a module queued and did not send must not crowd
    the outbox later modules deliver from."""
    from sqlalchemy import delete, func, select

    from app.core.mail.outbox import PENDING, OutboxMessage
    from app.extensions import db

    with app.app_context():
        first = (db.session.scalar(select(func.max(OutboxMessage.id))) or 0) + 1
        db.session.remove()
    yield
    with app.app_context():
        db.session.execute(delete(OutboxMessage).where(OutboxMessage.id >= first,
                                                       OutboxMessage.status == PENDING))
        db.session.commit()
        db.session.remove()


@pytest.fixture()
def app_ctx(app):
    """The test body runs inside an app context; the session is cleaned up afterwards."""
    from app.extensions import db

    with app.app_context():
        yield
        db.session.rollback()
        db.session.remove()


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


# --- Indonesian catalogue -----------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS_DIR = ROOT / "translations"


def _stale_catalogues() -> list[Path]:
    stale = []
    for po in sorted(TRANSLATIONS_DIR.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            stale.append(po)
    return stale


@pytest.fixture(scope="session")
def compiled_catalogue() -> Path:
    """`pybabel compile -d translations` when a .mo is missing or older than its .po.

    Requested by `app`: Flask-Babel caches the catalogue it first loads, so the .mo files must be
    current before the first request is served."""
    if _stale_catalogues():
        pybabel = Path(sys.executable).with_name("pybabel")
        command = [str(pybabel)] if pybabel.exists() else [sys.executable, "-m", "babel.messages.frontend"]
        result = subprocess.run(command + ["compile", "-d", str(TRANSLATIONS_DIR)],
                                capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, f"pybabel compile failed:\n{result.stdout}\n{result.stderr}"
        assert not _stale_catalogues(), "pybabel compile left a catalogue uncompiled (fuzzy header?)"
    return TRANSLATIONS_DIR


# --- a real SMTP server -------------------------------------------------------------------------


class SmtpServer:
    """aiosmtpd on 127.0.0.1:<smtp_port>, the port the app sends to. Collects every message.

    `stop()` and `start()` simulate an outage; `messages` keeps what arrived across restarts."""

    host = "127.0.0.1"

    def __init__(self, port: int):
        self.port = port
        self.messages: list[email.message.Message] = []
        self._lock = threading.Lock()
        self._controller = None

    # aiosmtpd handler hook
    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    @property
    def running(self) -> bool:
        return self._controller is not None

    def start(self) -> "SmtpServer":
        if self._controller is None:
            from aiosmtpd.controller import Controller

            for attempt in range(50):  # the port may linger briefly after a stop
                controller = Controller(self, hostname=self.host, port=self.port, ready_timeout=5)
                try:
                    controller.start()
                    break
                except (OSError, RuntimeError):
                    if attempt == 49:
                        raise
                    time.sleep(0.1)
            self._controller = controller
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()

    def to(self, address: str) -> list[email.message.Message]:
        """Messages whose To header names `address` (other tests' mails may arrive too)."""
        with self._lock:
            return [m for m in self.messages if address.lower() in str(m.get("To", "")).lower()]

    def wait_for(self, address: str, count: int = 1, timeout: float = 5.0) -> list[email.message.Message]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(address)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"{count} mail(s) to {address} expected, {len(self.to(address))} arrived")


def mail_text(message: email.message.Message) -> str:
    """The plain-text body of a received mail."""
    part = message.get_body(preferencelist=("plain", "html")) if hasattr(message, "get_body") else message
    return part.get_content() if hasattr(part, "get_content") else part.get_payload(decode=True).decode()


@pytest.fixture()
def smtp_server(smtp_port):
    """A running SMTP server for this test; stopped (and the port freed) afterwards."""
    server = SmtpServer(smtp_port).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture()
def send_outbox(app):
    """send_outbox(ids=[...]) delivers due outbox mails now, as the `flask outbox send` cron would.

    Pass the ids of the test's own mails: other tests leave mails pending, and a cron run takes
    the oldest first (at most `limit`), so without ids a test's mail may not be reached.
    Returns (sent, not sent)."""

    def send(ids: list[int] | None = None, limit: int = 500):
        from app.core.mail.outbox import send_due
        from app.extensions import db

        with app.app_context():
            try:
                return send_due(limit=limit, ids=ids)
            finally:
                db.session.remove()

    return send


# --- browser harness ----------------------------------------------------------------------------

CHROMIUM = os.environ.get("SATUPINTU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS_DIR = ROOT / "test-artifacts"


BROWSER_FIXTURES = {"browser", "page"}


def pytest_collection_modifyitems(session, config, items):
    """Browser tests run last, in their collected order, and carry the `browser` marker.

    Playwright's sync API runs its event loop in a greenlet of the main thread, so while the
    (session-wide) browser is open the main thread counts as "inside a running loop": any
    asyncio.run() in a later test's own thread (pyHanko's PDF signing, aiosmtpd helpers …) fails.
    Code under test that runs in the live server's thread is not affected."""
    browser_items = []
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("browser") is not None:
            browser_items.append(item)
    if browser_items:
        chosen = set(map(id, browser_items))
        items[:] = [item for item in items if id(item) not in chosen] + browser_items


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # Lets the `page` fixture know whether the test failed, to keep a screenshot of it.
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """test-artifacts/ at the repository root (gitignored): screenshots and other evidence."""
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    return ARTIFACTS_DIR


@pytest.fixture(scope="session")
def live_server(app):
    """The session's app served on http://127.0.0.1:<free port> by werkzeug in a thread.

    SERVER_NAME follows the live server while it runs, so links built with
    url_for(_external=True), in a request or not (mails, PDFs), point at it; test clients then
    talk to the same host, which is harmless. Restored at the end of the session."""
    from werkzeug.serving import WSGIRequestHandler, make_server

    class QuietHandler(WSGIRequestHandler):
        def log_request(self, *args, **kwargs):
            pass

    port = free_port()
    previous = app.config.get("SERVER_NAME")
    app.config["SERVER_NAME"] = f"127.0.0.1:{port}"
    server = make_server("127.0.0.1", port, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        app.config["SERVER_NAME"] = previous


def _no_browser(message: str):
    if os.environ.get("SATUPINTU_REQUIRE_BROWSER") == "1":
        pytest.fail(message + " (SATUPINTU_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium driven by Playwright (no browser download, ever)."""
    if not Path(CHROMIUM).exists():
        _no_browser(f"browser tests need Debian's chromium at {CHROMIUM}: apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("browser tests need the playwright package (pip install -r requirements.txt)")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    except Exception as exc:
        playwright.stop()
        _no_browser(f"chromium at {CHROMIUM} did not start: {exc}")
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()


@pytest.fixture()
def page(request, browser, live_server, artifacts_dir):
    """A page in a fresh browser context (own cookies), Indonesian locale, base URL = live server.

    page.goto("/login/") works; a failed test leaves test-artifacts/FAILED-<test>.png."""
    context = browser.new_context(base_url=live_server, locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 1366, "height": 850})
    context.set_default_timeout(10_000)
    browser_page = context.new_page()
    try:
        yield browser_page
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            name = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in request.node.name)
            try:
                browser_page.screenshot(path=str(artifacts_dir / f"FAILED-{name}.png"), full_page=True)
            except Exception:  # the page may be gone; the test's own error matters more
                pass
        context.close()


def browser_login(page, username: str, password: str = PASSWORD) -> None:
    """Signs in through the login page like a person does, and waits for the next page."""
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("input[type=submit], button[type=submit]")
