"""Migrations build the whole schema from an empty database, match the models exactly
(`flask db check`), and go back down to empty.

Each database gets one subprocess that loads run.py, as `flask db ...` does, and runs
Flask-Migrate's upgrade/check/downgrade in turn (one process instead of three `flask` runs keeps
this fast); a second create_app() in the test process would fight FAB's singletons."""
from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from config import database_url
from tests.support.settings import ROOT, TEST_DATABASE_URL

NO_DRIFT = "No new upgrade operations detected"
# A few tables every layer relies on; `check` proves the rest matches the models.
CORE_TABLES = {"alembic_version", "ab_user", "ab_role", "ab_register_user", "office", "service_standard",
               "applicant_profile", "login_event", "outbox_message", "email_template", "holiday_override",
               "document_type", "tariff", "product"}
ON_POSTGRES = bool(TEST_DATABASE_URL and TEST_DATABASE_URL.startswith("postgres"))

# The steps of `flask db upgrade`, `flask db check`, `flask db downgrade base`, in one process.
# Flask-Migrate's commands log Alembic's output and exit 1 on failure, exactly as on the CLI.
STEPS = """
import sys
import sqlalchemy as sa
from flask_migrate import check, downgrade, upgrade
from run import app
from app.extensions import db

with app.app_context():
    for step in sys.argv[1:]:
        print("STEP " + step, flush=True)
        if step == "upgrade":
            upgrade()
        elif step == "check":
            check()
        elif step == "downgrade":
            downgrade(revision="base")
        elif step == "tables":
            print("TABLES " + " ".join(sorted(sa.inspect(db.engine).get_table_names())), flush=True)
"""


def migrate(*steps: str, url: str, instance: Path) -> str:
    env = dict(os.environ, FLASK_APP="run.py", SATUPINTU_DATABASE_URL=url, SATUPINTU_INSTANCE_DIR=str(instance))
    result = subprocess.run([sys.executable, "-c", STEPS, *steps], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=300)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        # Alembic's drift report repeats every column; the "Detected ..." lines say it all.
        lines = [line[:300] for line in output.splitlines()
                 if line.startswith("STEP ") or ("Detected" in line and "Detected sequence" not in line)
                 or "Error" in line or "Traceback" in line]
        pytest.fail(f"migrations {' '.join(steps)} on {url.split('@')[-1]} failed (exit {result.returncode}):\n"
                    + "\n".join(lines[-40:] or output.splitlines()[-40:]), pytrace=False)
    return output


def table_listings(output: str) -> list[set[str]]:
    return [set(line.split()[1:]) for line in output.splitlines() if line.startswith("TABLES")]


def upgrade_check_downgrade(url: str, instance: Path) -> None:
    output = migrate("upgrade", "tables", "check", "downgrade", "tables", url=url, instance=instance)
    after_upgrade, after_downgrade = table_listings(output)
    assert CORE_TABLES <= after_upgrade
    # No table missing or extra, no column, index, constraint or type differing from the models:
    assert NO_DRIFT in output
    assert after_downgrade <= {"alembic_version"}


def test_every_constraint_and_index_is_named_by_the_convention(app):
    # app.extensions sets the convention; a model defined before it would leave its constraints unnamed
    # (and SQLite's batch migrations unable to drop them).
    from flask_appbuilder import Model

    prefixes = {sa.PrimaryKeyConstraint: ("pk_",), sa.ForeignKeyConstraint: ("fk_",), sa.UniqueConstraint: ("uq_",),
                sa.CheckConstraint: ("ck_",), sa.Index: ("ix_", "idx_")}  # FAB names its own indexes idx_...
    unnamed = [f"{table.name}: {type(item).__name__} {item.name}" for table in Model.metadata.tables.values()
               for item in (*table.constraints, *table.indexes)
               if not str(item.name or "").startswith(prefixes[type(item)])]
    assert unnamed == []


def test_sqlite_from_empty_to_head_without_drift_and_back(tmp_path):
    upgrade_check_downgrade(f"sqlite:///{tmp_path / 'empty.db'}", tmp_path)


def test_session_database_matches_the_models(app, tmp_path):
    # The database every other test uses (SQLite or PostgreSQL), migrated by the `app` fixture.
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    assert NO_DRIFT in migrate("check", url=url, instance=tmp_path)


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
