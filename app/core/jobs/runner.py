"""Runs each registered job once per period window, however many workers run on however many nodes.

Why the database and not Celery: the mails are already rows written in the transaction of the change
they report (a broker could not know about a rolled-back change, nor keep a mail through its own
outage), PostgreSQL is already shared by every node and backed up, and a job's state is then a row
the admin can read. Redis stays a cache of counters that may be lost.

A claim is a conditional UPDATE of the job's row ("not yet run in this window, not failing"). On
PostgreSQL the claimer also holds a session advisory lock on its own connection while the job runs:
if the worker dies, the connection closes, the lock goes, and the next tick of any worker reruns the
job (jobs are idempotent, so it finishes what was left). SQLite has no such lock; there the claim is
a lease (Job.lease) that a crashed worker's successor waits out.
"""
from __future__ import annotations

import hashlib
import logging
import os
import socket
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

from flask_appbuilder import Model
from sqlalchemy import BigInteger, Column, DateTime, Integer, String, Text, or_, select, text, update
from sqlalchemy.exc import IntegrityError

from app.core.calendar.clock import utcnow
from app.core.jobs.registry import Job, registered_jobs
from app.core.service import resolve
from app.extensions import db

log = logging.getLogger(__name__)

OK, FAILED = "ok", "failed"
RETRY_AFTER = timedelta(minutes=1)
NODE = f"{socket.gethostname()}:{os.getpid()}"


class JobState(Model):
    __tablename__ = "job_state"
    name = Column(String(80), primary_key=True)
    last_window = Column(BigInteger)  # the last period window the job finished
    holder = Column(String(120))
    started_at = Column(DateTime)
    finished_at = Column(DateTime)
    lease_until = Column(DateTime)
    retry_at = Column(DateTime)
    last_status = Column(String(10))
    last_result = Column(Text)
    last_error = Column(Text)
    runs = Column(Integer, nullable=False, default=0)


def _epoch(at: datetime) -> float:
    return at.replace(tzinfo=timezone.utc).timestamp()


def _lock_key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(f"satupintu.job:{name}".encode()).digest()[:8], "big", signed=True)


def _ensure_row(name: str) -> None:
    if db.session.get(JobState, name) is not None:
        return
    try:
        db.session.add(JobState(name=name, runs=0))
        db.session.commit()
    except IntegrityError:  # another worker created it at the same moment
        db.session.rollback()


def _mark_running(job: Job, window: int, now: datetime, honour_lease: bool) -> bool:
    due = [JobState.name == job.name,
           or_(JobState.last_window.is_(None), JobState.last_window < window),
           or_(JobState.retry_at.is_(None), JobState.retry_at <= now)]
    if honour_lease:
        due.append(or_(JobState.lease_until.is_(None), JobState.lease_until < now))
    claimed = db.session.execute(
        update(JobState).where(*due).values(holder=NODE, started_at=now,
                                            lease_until=now + timedelta(seconds=job.lease))
        .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return claimed == 1


@contextmanager
def _claim(job: Job, window: int, now: datetime):
    """Yields whether this worker runs the job now."""
    if db.engine.dialect.name != "postgresql":
        yield _mark_running(job, window, now, honour_lease=True)
        return
    key = _lock_key(job.name)
    with db.engine.connect() as lock:
        locked = lock.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar()
        lock.commit()
        try:
            yield bool(locked) and _mark_running(job, window, now, honour_lease=False)
        finally:
            if locked:
                lock.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                lock.commit()


def _finish(job: Job, window: int, started: datetime, status: str, result=None, error: str | None = None) -> None:
    state = db.session.get(JobState, job.name)
    state.finished_at = utcnow()
    state.lease_until = None
    state.last_status = status
    state.runs = (state.runs or 0) + 1
    if status == OK:
        state.last_window = window
        state.retry_at = None
        state.last_result = None if result is None else repr(result)[:2000]
        state.last_error = None
    else:
        state.retry_at = started + RETRY_AFTER
        state.last_error = (error or "")[:2000]
    db.session.commit()


def run_if_due(job: Job, at: datetime | None = None) -> str | None:
    """Runs the job if no worker has yet run it in the current window: "ok", "failed", or None."""
    now = at or utcnow()
    window = job.window(_epoch(now))
    _ensure_row(job.name)
    with _claim(job, window, now) as mine:
        if not mine:
            return None
        try:
            result = resolve(job.target)()
        except Exception as exc:  # the next tick (after RETRY_AFTER) runs it again
            db.session.rollback()
            log.exception("job %s failed", job.name)
            _finish(job, window, now, FAILED, error=f"{type(exc).__name__}: {exc}")
            return FAILED
        _finish(job, window, now, OK, result=result)
        log.info("job %s done: %r", job.name, result)
        return OK


def run_due(at: datetime | None = None) -> dict[str, str]:
    """One pass over every registered job: name -> outcome, for the jobs this worker ran."""
    ran = {}
    for job in registered_jobs():
        outcome = run_if_due(job, at)
        if outcome:
            ran[job.name] = outcome
    return ran


def job_states() -> list[JobState]:
    return db.session.scalars(select(JobState).order_by(JobState.name)).all()
