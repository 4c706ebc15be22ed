"""The worker: delivers due mails and runs due jobs, tick after tick, until told to stop.

Start one per node (`flask satupintu worker`); any number may run at once, because every mail and
every job is claimed in the database before it is touched (app.core.mail.outbox, app.core.jobs.runner).
"""
from __future__ import annotations

import logging
import signal
import threading
import time

from app.core.jobs.runner import run_due
from app.core.mail.outbox import send_due
from app.extensions import db

log = logging.getLogger(__name__)


def tick(mail_batch: int) -> tuple[int, int, dict]:
    try:
        sent, not_sent = send_due(limit=mail_batch)
        ran = run_due()
        return sent, not_sent, ran
    finally:
        db.session.remove()


def run_worker(interval: float = 5.0, mail_batch: int = 100, max_seconds: float | None = None,
               once: bool = False, report=print) -> None:
    stop = threading.Event()
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            # Finish the mail or job in hand, then leave: nothing half-sent is left behind.
            signal.signal(signum, lambda *_: stop.set())
    deadline = time.monotonic() + max_seconds if max_seconds else None
    while not stop.is_set():
        try:
            sent, not_sent, ran = tick(mail_batch)
        except Exception:  # database away for a moment: the next tick tries again
            log.exception("worker tick failed")
            sent, not_sent, ran = 0, 0, {}
        if sent or not_sent or ran:
            report(f"mail sent {sent}, not sent {not_sent}; jobs {ran or '-'}")
        if once or (deadline and time.monotonic() >= deadline):
            break
        if sent < mail_batch:  # a full batch means more are waiting: go on at once
            stop.wait(interval if deadline is None else min(interval, max(0.0, deadline - time.monotonic())))
