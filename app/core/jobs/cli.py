"""`flask satupintu worker` (the one command that runs mails and jobs) and `flask satupintu jobs`."""
from __future__ import annotations

import click


def register(group) -> None:
    @group.command("worker")
    @click.option("--interval", default=5.0, show_default=True, help="Seconds between ticks when idle.")
    @click.option("--mail-batch", default=100, show_default=True, help="Most mails per tick.")
    @click.option("--once", is_flag=True, help="One tick, then exit (for cron instead of a service).")
    @click.option("--max-seconds", type=float, default=None, help="Stop after this long (benchmarks).")
    def worker_command(interval, mail_batch, once, max_seconds):
        """Deliver the e-mail outbox and run the periodic jobs; safe to run on every node."""
        from app.core.jobs.worker import run_worker

        run_worker(interval=interval, mail_batch=mail_batch, once=once, max_seconds=max_seconds,
                   report=click.echo)

    @group.command("jobs")
    def jobs_command():
        """The periodic jobs and their last run."""
        from app.core.jobs.registry import registered_jobs
        from app.core.jobs.runner import job_states

        states = {state.name: state for state in job_states()}
        for job in registered_jobs():
            state = states.get(job.name)
            last = f"{state.last_status} at {state.finished_at:%Y-%m-%d %H:%M} UTC" if state and state.finished_at \
                else "never run"
            click.echo(f"{job.name:32} every {job.period:>6}s  {job.target:45} {last}")
