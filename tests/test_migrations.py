"""Migrations build the whole schema from an empty database, match the models exactly
(`flask db check`), and go back down to empty; run as `flask` subprocesses, the way an
installation runs them (a second create_app() in this process would fight FAB's singletons)."""
from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from config import database_url
from tests.conftest import ROOT, TEST_DATABASE_URL

FLASK = Path(sys.executable).with_name("flask")
NO_DRIFT = "No new upgrade operations detected"
# A few tables every layer relies on; the full list is whatever the models declare.
CORE_TABLES = {"alembic_version", "ab_user", "ab_role", "ab_register_user", "office", "service_standard",
               "applicant_profile", "login_event", "outbox_message", "email_template", "holiday_override",
               "document_type", "tariff", "product"}
ON_POSTGRES = bool(TEST_DATABASE_URL and TEST_DATABASE_URL.startswith("postgres"))


def flask(*args: str, url: str, instance: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, FLASK_APP="run.py", SATUPINTU_DATABASE_URL=url, SATUPINTU_INSTANCE_DIR=str(instance))
    command = [str(FLASK)] if FLASK.exists() else [sys.executable, "-m", "flask"]
    return subprocess.run(command + list(args), cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)


def ok(result: subprocess.CompletedProcess) -> str:
    output = result.stdout + result.stderr
    if result.returncode != 0:
        # Alembic's drift report repeats every column; the "Detected ..." lines say it all.
        lines = [line[:300] for line in output.splitlines()
                 if ("Detected" in line and "Detected sequence" not in line) or "Error" in line
                 or "Traceback" in line or line.startswith(("E ", "sqlalchemy", "alembic"))]
        pytest.fail(f"`flask {' '.join(result.args[1:])}` failed (exit {result.returncode}):\n"
                    + "\n".join(lines[-40:] or output.splitlines()[-40:]), pytrace=False)
    return output


def tables(url: str) -> set[str]:
    engine = sa.create_engine(database_url(url))
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def upgrade_check_downgrade(url: str, instance: Path) -> None:
    ok(flask("db", "upgrade", url=url, instance=instance))
    assert CORE_TABLES <= tables(url)
    # No table missing or extra, no column, index or type differing from the models:
    assert NO_DRIFT in ok(flask("db", "check", url=url, instance=instance))
    ok(flask("db", "downgrade", "base", url=url, instance=instance))
    assert tables(url) <= {"alembic_version"}


def test_sqlite_from_empty_to_head_without_drift_and_back(tmp_path):
    upgrade_check_downgrade(f"sqlite:///{tmp_path / 'empty.db'}", tmp_path)


def test_session_database_matches_the_models(app, tmp_path):
    # The database every other test uses (SQLite or PostgreSQL), migrated by the `app` fixture.
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    assert NO_DRIFT in ok(flask("db", "check", url=url, instance=tmp_path))


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="the suite runs on SQLite (set SATUPINTU_TEST_DATABASE_URL)")
def test_postgres_from_empty_to_head_without_drift_and_back(tmp_path):
    server = sa.engine.make_url(database_url(TEST_DATABASE_URL))
    name = f"sp_migrations_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        url = server.set(database=name).render_as_string(hide_password=False)
        upgrade_check_downgrade(url, tmp_path)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
