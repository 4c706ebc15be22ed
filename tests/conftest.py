"""One app and one database per test session (SQLite file, or PostgreSQL when
SATUPINTU_TEST_DATABASE_URL is set), migrated from empty and seeded with the demo data."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from flask import request

from tests.support.mail import SmtpServer
from tests.support.settings import PASSWORD, ROOT, TEST_DATABASE_URL, free_port
from tests.support.sign_in import login


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
