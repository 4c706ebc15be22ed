"""Front desk: queue tickets taken per second, and the display board's state.json p95 with 200 waiting.

Usage: .venv/bin/python bench/frontdesk.py [--url postgresql://postgres@127.0.0.1:5432/postgres] [--skip-sqlite]
Runs on a throwaway SQLite file and a throwaway PostgreSQL database (created and dropped). For each:
tickets/s taken one after the other and by 8 kiosks at once (through POST /api/v1/queue_ticket/, numbers
checked for gaps and doubles), then the p50/p95 of GET /display/<code>/state.json with 200 waiting tickets
and a few called.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

SERVICES = ("sales", "recommendation", "consultation", "library")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--tickets", type=int, default=200)  # per phase: one kiosk, then 8 at once
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--polls", type=int, default=300)
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--one", nargs=2, metavar=("LABEL", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run(args.one[0], args.one[1], args)
        return
    if not args.skip_sqlite:
        _child("sqlite", f"sqlite:///{tempfile.mkdtemp()}/bench.db", args)
    if not args.skip_postgres:
        admin = sa.create_engine(args.url.replace("postgresql://", "postgresql+psycopg://"),
                                 isolation_level="AUTOCOMMIT")
        name = f"satupintu_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.execute(sa.text(f"CREATE DATABASE {name}"))
        try:
            _child("postgresql", args.url.rsplit("/", 1)[0] + "/" + name, args)
        finally:
            with admin.connect() as conn:
                conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


def _child(label: str, url: str, args) -> None:
    """Each database in its own process: the app's singletons are set up once per process."""
    subprocess.run([sys.executable, __file__, "--one", label, url, "--tickets", str(args.tickets),
                    "--threads", str(args.threads), "--polls", str(args.polls)], check=True)


def run(label: str, url: str, args) -> None:
    os.environ["SATUPINTU_INSTANCE_DIR"] = tempfile.mkdtemp()
    from app import create_app
    from config import database_url

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url(url), "SATUPINTU_SEND_MAIL_AFTER_COMMIT": False,
                      "RATELIMIT_ENABLED": False, "SERVER_NAME": "bench.local",
                      "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": args.threads + 2} if label == "postgresql" else {}})
    from flask_migrate import upgrade

    from app.core.reference.demo import seed_core
    from app.core.reference.models import Office
    from app.extensions import db
    from app.frontdesk.demo import _seed_queue_settings

    with app.app_context():
        upgrade()
        seed_core()
        offices = db.session.scalars(sa.select(Office)).all()
        _seed_queue_settings(offices)
        db.session.remove()

    client = app.test_client()
    token = client.post("/api/v1/security/login", json={"username": "kiosk-3324", "password": app.config[
        "DEMO_PASSWORD"], "provider": "db"}).get_json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}

    def take(service: str) -> str:
        response = app.test_client().post("/api/v1/queue_ticket/", json={"office": "3324", "service": service},
                                          headers=headers)
        assert response.status_code == 201, response.get_data(as_text=True)
        return response.get_json()["number"]

    # One kiosk after the other.
    started = time.perf_counter()
    numbers = [take(SERVICES[i % 4]) for i in range(args.tickets)]
    sequential = args.tickets / (time.perf_counter() - started)

    # Eight kiosks at once, all for the same service (the counter row is the contended one).
    taken: list[str] = []
    lock = threading.Lock()

    def kiosk(count):
        mine = [take("sales") for _ in range(count)]
        with lock:
            taken.extend(mine)

    per_thread = args.tickets // args.threads
    threads = [threading.Thread(target=kiosk, args=(per_thread,)) for _ in range(args.threads)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    concurrent = len(taken) / (time.perf_counter() - started)
    sales = sorted(int(n.split("-")[1]) for n in numbers + taken if n.startswith("A-"))
    assert sales == list(range(1, len(sales) + 1)), "gap or double in the numbers"

    # The board of another office with exactly 200 waiting and six called.
    board_token = client.post("/api/v1/security/login", json={"username": "kiosk-3300", "password": app.config[
        "DEMO_PASSWORD"], "provider": "db"}).get_json()["access_token"]
    for i in range(206):
        response = app.test_client().post("/api/v1/queue_ticket/", json={"office": "3300", "service": SERVICES[i % 4]},
                                          headers={"Authorization": f"Bearer {board_token}"})
        assert response.status_code == 201
    with app.app_context():
        from app.extensions import appbuilder
        from app.frontdesk.queue import call_next

        officer = appbuilder.sm.find_user(username="officer-3300")
        for desk in ("1", "2", "3", "4", "1", "2"):
            call_next(officer, desk)
        db.session.remove()
    board = app.test_client()
    board.get("/display/3300/state.json")  # warm-up
    timings = []
    for _ in range(args.polls):
        started = time.perf_counter()
        response = board.get("/display/3300/state.json")
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    body = response.get_json()
    waiting_now = sum(item["count"] for item in body["waiting"])
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"[{label}] tickets taken: {sequential:.1f}/s one kiosk, {concurrent:.1f}/s with {args.threads} kiosks "
          f"at once ({len(numbers) + len(taken)} tickets, numbers 1..{len(sales)} for sales without gap or double)")
    print(f"[{label}] display state.json with {waiting_now} waiting: p50 {statistics.median(timings):.1f} ms, "
          f"p95 {p95:.1f} ms over {args.polls} polls")


if __name__ == "__main__":
    main()
