"""Engine throughput on PostgreSQL: 8 threads applying transitions; counts lost updates.

Usage: .venv/bin/python bench/transitions.py [--url postgresql://postgres@127.0.0.1:5432/postgres]
Creates (and drops) a throwaway database on that server. Prints transitions/s and checks.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--records", type=int, default=800)
    args = parser.parse_args()

    admin = sa.create_engine(args.url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    name = f"satupintu_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    url = args.url.rsplit("/", 1)[0] + "/" + name
    try:
        run(url, args.threads, args.records)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


def run(url: str, threads: int, records: int) -> None:
    os.environ["SATUPINTU_INSTANCE_DIR"] = tempfile.mkdtemp()
    from app import create_app
    from config import database_url

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url(url), "SATUPINTU_SEND_MAIL_AFTER_COMMIT": False,
                      "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": threads + 2}})
    from flask_migrate import upgrade
    from sqlalchemy import func, select

    from app.core.workflow.audit import AuditEvent
    from app.core.workflow.engine import TransitionError, apply
    from app.core.workflow.procedure import register
    from app.demo import seed_demo
    from app.extensions import appbuilder, db
    from tests.support.procedure_fixture import TICKET, Ticket, new_ticket

    register(TICKET)

    with app.app_context():
        upgrade()
        seed_demo()
        Ticket.__table__.create(db.engine)
        ids = [new_ticket().id for _ in range(records)]

    def work(chunk, steps, outcomes):
        with app.app_context():
            users = {name: appbuilder.sm.find_user(username=name) for _, name, _data in steps}
            for record_id in chunk:
                for action, name, data in steps:
                    try:
                        apply(TICKET, record_id, action, users[name], data)
                        outcomes.append(1)
                    except TransitionError:
                        outcomes.append(0)
            db.session.remove()

    steps = [("submit", "applicant1", {}), ("verify", "officer-3324", {})]
    outcomes: list[int] = []
    chunks = [ids[i::threads] for i in range(threads)]
    started = time.perf_counter()
    workers = [threading.Thread(target=work, args=(chunk, steps, outcomes)) for chunk in chunks]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - started
    done = sum(outcomes)
    print(f"disjoint records: {done} transitions in {elapsed:.2f} s = {done / elapsed:.0f} transitions/s "
          f"({threads} threads)")

    # Contention: every thread tries the same action on the same records; one may win each.
    contended: list[int] = []
    targets = ids[: records // 4]
    started = time.perf_counter()
    workers = [threading.Thread(target=work, args=(targets, [("return", "officer-3324", {"note": "bench"})], contended))
               for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - started
    print(f"contended records: {len(contended)} attempts in {elapsed:.2f} s, {sum(contended)} succeeded "
          f"(expected {len(targets)})")
    with app.app_context():
        wrong_versions = db.session.scalar(select(func.count(Ticket.id)).where(
            Ticket.id.in_(targets), Ticket.version != 4))
        audits = db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.procedure == "test_ticket"))
        expected_audits = records * 3 + len(targets)
        print(f"lost updates: {wrong_versions + (len(targets) - sum(contended))}; "
              f"audit rows {audits} (expected {expected_audits})")


if __name__ == "__main__":
    main()
