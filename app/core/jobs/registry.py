"""Periodic jobs as data: each service declares its own (`Service.jobs`), the worker runs them all.

    Job("sales.expire", "app.sales.service:expire_overdue", period=3600)

A job runs at most once per period window (the windows are counted from the Unix epoch, in UTC, so
every node agrees on them) however many workers there are; see app.core.jobs.runner.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    name: str
    target: str  # "module:function"; the function takes no argument and commits its own work
    period: int  # seconds
    # A job must be idempotent: whatever it did before dying, running it again finishes the rest.
    lease: int = 15 * 60  # seconds a claim stays valid where no advisory lock exists (SQLite)

    def window(self, epoch_seconds: float) -> int:
        return int(epoch_seconds // self.period)


CORE_JOBS = (
    Job("core.idempotency_purge", "app.core.web.idempotency:purge_expired", period=60 * 60),
)


def registered_jobs() -> list[Job]:
    """The core's jobs and every loaded service's, by name."""
    from app.core.service import SERVICES

    jobs = list(CORE_JOBS) + [job for service in SERVICES.values() for job in service.jobs]
    names = [job.name for job in jobs]
    duplicated = {name for name in names if names.count(name) > 1}
    if duplicated:
        raise RuntimeError(f"job names declared twice: {sorted(duplicated)}")
    return sorted(jobs, key=lambda job: job.name)
