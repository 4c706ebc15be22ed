"""Mails and periodic jobs run by workers: each job once per period however many workers, a job that
died half-way finishes on the next run, each mail sent once, and a hung SMTP server cannot block."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy import delete, func, select

from app.core.jobs.registry import Job

# The runner resolves "tests.test_jobs:…"; whatever name pytest imported this file under, it is this module.
sys.modules.setdefault("tests.test_jobs", sys.modules[__name__])
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CALLS: list[str] = []
BATCH: dict[str, object] = {}


def count_a_call():
    CALLS.append("call")
    return len(CALLS)


def half_done_then_fail():
    """Does the first half of its items, then dies; run again, it does the rest."""
    items = BATCH.setdefault("todo", list(range(6)))
    done = BATCH.setdefault("done", [])
    for item in list(items):
        if BATCH.get("die_after") is not None and len(done) >= BATCH["die_after"]:
            BATCH["die_after"] = None
            raise ConnectionError("worker lost the database half-way")
        done.append(item)
        items.remove(item)
    return len(done)


COUNTING = Job("test.counting", "tests.test_jobs:count_a_call", period=3600)
HALF = Job("test.half", "tests.test_jobs:half_done_then_fail", period=3600, lease=60)
NOON = datetime(2026, 11, 30, 12, 0)


@pytest.fixture()
def fresh_jobs(app_ctx):
    from app.core.jobs.runner import JobState
    from app.extensions import db

    CALLS.clear()
    BATCH.clear()
    db.session.execute(delete(JobState).where(JobState.name.like("test.%")))
    db.session.commit()
    yield
    db.session.execute(delete(JobState).where(JobState.name.like("test.%")))
    db.session.commit()


def test_a_job_runs_once_per_period(fresh_jobs):
    from app.core.jobs.runner import run_if_due

    assert run_if_due(COUNTING, NOON) == "ok"
    assert run_if_due(COUNTING, NOON + timedelta(minutes=59)) is None
    assert run_if_due(COUNTING, NOON + timedelta(minutes=61)) == "ok"
    assert CALLS == ["call", "call"]


def test_a_job_that_died_half_way_finishes_on_the_next_run(fresh_jobs):
    from app.core.jobs.runner import RETRY_AFTER, JobState, run_if_due
    from app.extensions import db

    BATCH["die_after"] = 3
    assert run_if_due(HALF, NOON) == "failed"
    state = db.session.get(JobState, HALF.name)
    assert state.last_status == "failed" and "half-way" in state.last_error and BATCH["done"] == [0, 1, 2]
    assert run_if_due(HALF, NOON + RETRY_AFTER / 2) is None  # not hammered
    assert run_if_due(HALF, NOON + RETRY_AFTER) == "ok"
    assert BATCH["done"] == list(range(6)) and BATCH["todo"] == []
    assert run_if_due(HALF, NOON + RETRY_AFTER * 2) is None  # done for this period


def test_a_worker_that_dies_holding_a_job_is_replaced(app, fresh_jobs):
    """PostgreSQL: the claim is an advisory lock on the worker's connection, gone with it. SQLite: the
    claim is a lease, which the next worker waits out."""
    from app.core.jobs import runner
    from app.extensions import db

    if db.engine.dialect.name == "postgresql":
        dying = db.engine.connect()
        dying.execute(runner.text("SELECT pg_advisory_lock(:k)"), {"k": runner._lock_key(COUNTING.name)})
        assert runner.run_if_due(COUNTING, NOON) is None  # held by the (still living) worker
        dying.close()  # the worker's process ends: its connection and lock go
        dying.engine.dispose()
        assert runner.run_if_due(COUNTING, NOON) == "ok"
    else:
        runner._ensure_row(COUNTING.name)
        assert runner._mark_running(COUNTING, COUNTING.window(runner._epoch(NOON)), NOON, honour_lease=True)
        # ... and the worker dies here, never finishing.
        assert runner.run_if_due(COUNTING, NOON + timedelta(minutes=1)) is None
        assert runner.run_if_due(COUNTING, NOON + timedelta(seconds=COUNTING.lease + 1)) == "ok"
    assert CALLS == ["call"]


def test_every_service_job_is_declared_and_resolvable(app_ctx):
    from app.core.jobs.registry import registered_jobs
    from app.core.service import resolve

    jobs = {job.name: job for job in registered_jobs()}
    assert {"sales.expire", "sales.autocomplete", "complaints.close_answered", "consultations.close_idle",
            "core.idempotency_purge"} <= set(jobs)
    assert all(callable(resolve(job.target)) and job.period > 0 for job in jobs.values())


def test_idempotency_keys_are_purged_after_a_day(app_ctx):
    from app.core.calendar.clock import utcnow
    from app.core.web.idempotency import IdempotencyKey, purge_expired
    from app.extensions import db

    old = IdempotencyKey(owner="user:0", key="old", fingerprint="x", created_at=utcnow() - timedelta(hours=25))
    new = IdempotencyKey(owner="user:0", key="new", fingerprint="x", created_at=utcnow())
    db.session.add_all([old, new])
    db.session.commit()
    assert purge_expired() >= 1
    left = set(db.session.scalars(select(IdempotencyKey.key).where(IdempotencyKey.owner == "user:0")))
    assert left == {"new"}
    db.session.execute(delete(IdempotencyKey).where(IdempotencyKey.owner == "user:0"))
    db.session.commit()


# --- two worker processes ----------------------------------------------------------------------

def worker_env(app, smtp_port) -> dict:
    env = dict(os.environ)
    env.update({
        "FLASK_APP": "run.py", "SATUPINTU_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(smtp_port),
        "SATUPINTU_UPLOAD_DIR": app.config["UPLOAD_FOLDER"], "PYTHONPATH": ROOT,
    })
    return env


def start_workers(app, smtp_port, count=2, seconds=6.0):
    flask = os.path.join(os.path.dirname(sys.executable), "flask")
    return [subprocess.Popen([flask, "satupintu", "worker", "--interval", "0.2", "--mail-batch", "5",
                              "--max-seconds", str(seconds)], cwd=ROOT, env=worker_env(app, smtp_port),
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for _ in range(count)]


def finish(workers) -> list[str]:
    outputs = []
    for worker in workers:
        out, _ = worker.communicate(timeout=120)
        assert worker.returncode == 0, out
        outputs.append(out)
    return outputs


def test_two_workers_send_each_mail_once_and_run_each_job_once(app, smtp_server):
    from app.core.calendar.clock import utcnow
    from app.core.jobs.runner import JobState
    from app.core.mail.outbox import SENT, OutboxMessage, queue_mail
    from app.core.workflow.audit import AuditEvent
    from app.extensions import db
    from tests.support.sales import drive, line, new_request

    with app.app_context():
        expired = []
        for _ in range(3):
            record = drive(new_request(lines=[line("publication")]), "invoiced")
            record.invoice_expires_at = utcnow() - timedelta(hours=1)
            expired.append(record.id)
        db.session.commit()
        db.session.execute(delete(JobState))  # whatever ran earlier in this session, due now
        queued = [queue_mail(f"twice-{n}@example.org", f"Mail {n}", "Isi") for n in range(20)]
        db.session.commit()
        ids = [message.id for message in queued]
        db.session.execute(OutboxMessage.__table__.update()
                           .where(OutboxMessage.id.not_in(ids), OutboxMessage.status == "pending")
                           .values(next_attempt_at=utcnow() + timedelta(days=1)))
        db.session.commit()
        db.session.remove()

    outputs = finish(start_workers(app, smtp_server.port))

    for n in range(20):
        assert len(smtp_server.to(f"twice-{n}@example.org")) == 1, outputs
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)
                                 .where(OutboxMessage.id.in_(ids), OutboxMessage.status == SENT)) == 20
        for record_id in expired:
            expiries = db.session.scalar(select(func.count()).select_from(AuditEvent).where(
                AuditEvent.procedure == "sales", AuditEvent.record_id == record_id, AuditEvent.action == "expire"))
            assert expiries == 1
        runs = {state.name: state.runs for state in db.session.scalars(select(JobState))}
        assert all(count == 1 for count in runs.values()) and runs["sales.expire"] == 1, (runs, outputs)
        db.session.remove()
    assert sum("jobs {" in out and "sales.expire" in out for out in outputs) == 1, outputs


def test_a_hung_smtp_server_does_not_block_the_sender(app):
    """A server that accepts the connection and never speaks: the mail waits for the next try."""
    from app.core.mail.outbox import PENDING, OutboxMessage, queue_mail, send_due
    from app.extensions import db

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    accepted = []
    stop = threading.Event()

    def accept_and_hang():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept_and_hang, daemon=True)
    thread.start()
    previous = {k: app.config[k] for k in ("MAIL_PORT", "MAIL_TIMEOUT")}
    mail_state = app.extensions["mail"]
    try:
        app.config.update(MAIL_PORT=listener.getsockname()[1], MAIL_TIMEOUT=0.5)
        mail_state.port = listener.getsockname()[1]
        with app.app_context():
            queued = queue_mail("hung@example.org", "Hung", "Isi")
            db.session.commit()
            message_id = queued.id
            started = time.monotonic()
            sent, not_sent = send_due(ids=[message_id])
            took = time.monotonic() - started
            message = db.session.get(OutboxMessage, message_id)
            assert (sent, not_sent) == (0, 1) and took < 5
            assert message.status == PENDING and "timed out" in message.last_error.lower()
            db.session.remove()
    finally:
        stop.set()
        thread.join(2)
        for conn in accepted:
            conn.close()
        listener.close()
        app.config.update(previous)
        mail_state.port = previous["MAIL_PORT"]
