"""Dashboards, inbox, worklist and a 100,000-row XLSX export at national scale on PostgreSQL.

Usage: .venv/bin/python bench/scale.py [--url postgresql://postgres@127.0.0.1:5432/postgres]
       [--sizes 200000,2000000] [--offices 550] [-n 20] [--keep]

For each size, a throwaway database (satupintu_bench_<size>_<hex>, dropped at the end unless --keep) is
migrated and seeded with the demo, then 550 offices (34 provinces, the rest regencies; Jawa Tengah 3300
gets 15 regencies, Kendal 3324 among them) and, with COPY from Python generators: sales requests spread
over two years of history with their lines, recommendation requests (5 % of that), and ratings of the
completed requests. It then times, interleaved, p95 over n requests of:
  - the head's dashboard of Kendal for this month (/reports/dashboard/), and its JSON API;
  - the monitor's province dashboard of 3300 (its regencies side by side and rolled up);
  - the officer's inbox (home page and GET /api/v1/my_work/) and the sales worklist;
  - a plain FAB ModelView list of the office's requests (the reference the dashboards must beat);
and an XLSX export of 100,000 requests (and of 1,000, for the memory comparison): time and the
Python heap's peak (tracemalloc) while the file is written and sent.
Each p95 at the largest size should be within 1.3x of the smallest; EXPLAIN ANALYZE of the dashboard's
queries is printed with --explain.
"""
from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

HISTORY_DAYS = 730
RESULT = "RESULT "
PLAIN_RUNS = 5
STATES = [  # status, share, sla_state
    ("submitted", 6, "idle"), ("returned", 3, "paused"), ("verified", 6, "running"), ("invoiced", 8, "paused"),
    ("paid", 6, "running"), ("delivered", 8, "stopped"), ("completed", 55, "stopped"), ("cancelled", 4, "stopped"),
    ("rejected", 2, "stopped"), ("expired", 2, "stopped"),
]
REC_STATES = [("submitted", 10, "idle"), ("verified", 10, "running"), ("letter_drafted", 10, "running"),
              ("sent", 20, "stopped"), ("completed", 50, "stopped")]
PRICES = (50_000, 65_000, 48_000, 30_000, 70_000, 170_000)


def p95(values):
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--sizes", default="200000,2000000")
    parser.add_argument("--offices", type=int, default=550)
    parser.add_argument("-n", type=int, default=20, help="timed requests per variant")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the dashboard's queries")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # an unexpected error on a timed page prints its traceback

    from config import database_url

    sizes = [int(size) for size in args.sizes.split(",")]
    if len(sizes) > 1:
        # One process per size: the app (FAB's registry of views) is built once per process.
        results = {}
        for size in sizes:
            command = [sys.executable, "-u", __file__, "--url", args.url, "--sizes", str(size),
                       "--offices", str(args.offices), "-n", str(args.n)] + (["--explain"] if args.explain else []) \
                + (["--keep"] if args.keep else [])
            output = subprocess.run(command, capture_output=True, text=True)
            print(output.stdout, end="", flush=True)
            found = [line for line in output.stdout.splitlines() if line.startswith(RESULT)]
            if output.returncode or not found:
                print(output.stderr[-3000:])
                return
            results[size] = json.loads(found[-1][len(RESULT):])
        small, large = min(results), max(results)
        print(f"\np95 (ms; export: s and MB) at {small:,} vs {large:,} requests; target: ratio <= 1.3")
        for variant in results[small]:
            a, b = results[small][variant], results[large][variant]
            print(f"{variant:<26}{a:10.1f}{b:10.1f}{b / a:8.2f}x")
        return


    server = sa.engine.make_url(database_url(args.url))
    admin = sa.create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    size = sizes[0]
    name = f"satupintu_bench_{size}_{uuid.uuid4().hex[:6]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    print(f"\n=== {size:,} sales requests: database {name}", flush=True)
    try:
        result = run(server.set(database=name), size, args)
    finally:
        if not args.keep:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    print(RESULT + json.dumps(result), flush=True)


def add_offices(conn, total: int) -> None:
    """34 provinces under the national office and regencies under them up to `total` offices;
    Jawa Tengah (3300) gets 15 regencies, Kendal among them."""
    existing = {code: oid for oid, code in conn.execute(sa.text("select id, code from office"))}
    national, central_java = existing["0000"], existing["3300"]
    insert = sa.text("insert into office (code, name, level, parent_id, address, letter_number_pattern) "
                     "values (:code, :name, :level, :parent, 'Jl. Bench', 'B-{seq:03d}/{office_code}0/HM.310/{year}') "
                     "returning id")
    provinces = [central_java]
    for i in range(33):
        provinces.append(conn.execute(insert, {"code": f"60{i:02d}", "name": f"BPS Provinsi Bench {i}",
                                               "level": "province", "parent": national}).scalar())
    count = len(existing) + 33
    regency = 0
    while count < total:
        parent = central_java if regency < 14 else provinces[1 + regency % 33]
        conn.execute(insert, {"code": f"7{regency:03d}", "name": f"BPS Kabupaten Bench {regency}",
                              "level": "regency", "parent": parent})
        regency += 1
        count += 1


def bulk_load(app, requests: int) -> None:
    from app.core.access import roles as r
    from app.core.satisfaction.models import ELEMENTS
    from app.extensions import db
    from app.sales.models import Product

    rng = random.Random(13)
    now = datetime.utcnow()
    today = date.today()
    with app.app_context():
        engine = db.engine
        with engine.begin() as conn:
            add_offices(conn, app.config["BENCH_OFFICES"])
        with engine.begin() as conn:
            office_ids = [row[0] for row in conn.execute(sa.text("select id from office order by id"))]
            role = conn.execute(sa.text("select id from ab_role where name = :n"), {"n": r.APPLICANT}).scalar()
            first_user = conn.execute(sa.text("select coalesce(max(id), 0) + 1 from ab_user")).scalar()
            applicants = 5000
            raw = conn.connection.driver_connection
            with raw.cursor() as cur:
                with cur.copy("COPY ab_user (id, first_name, last_name, username, password, active, email, "
                              "login_count, fail_login_count, created_on, changed_on) FROM STDIN") as copy:
                    for i in range(applicants):
                        copy.write_row((first_user + i, f"Pengguna{i}", "Bench", f"bench{i}", "x", True,
                                        f"bench{i}@example.org", 0, 0, now, now))
                with cur.copy("COPY ab_user_role (user_id, role_id) FROM STDIN") as copy:
                    for i in range(applicants):
                        copy.write_row((first_user + i, role))
                with cur.copy("COPY applicant_profile (user_id, full_name, segment, domicile, office_id) "
                              "FROM STDIN") as copy:
                    for i in range(applicants):
                        copy.write_row((first_user + i, f"Pengguna Bench {i}", "education", "domestic",
                                        rng.choice(office_ids)))
                cur.execute("select setval(pg_get_serial_sequence('ab_user', 'id'), (select max(id) from ab_user))")
        products = {}
        for product in db.session.scalars(sa.select(Product)).all():
            products.setdefault(product.product_type, []).append((product.id, product.title, product.tariff_id))
        db.session.remove()

        def when() -> datetime:
            return now - timedelta(days=rng.randint(0, HISTORY_DAYS), minutes=rng.randint(0, 1440))

        def sla_columns(sla: str, created: datetime):
            due = today + timedelta(days=rng.randint(-10, 14)) if sla == "running" else None
            finished = met = None
            if sla == "stopped":
                finished = min((created + timedelta(days=rng.randint(1, 20))).date(), today)
                met = rng.random() < 0.85
            return due, finished, met

        weights = [share for _s, share, _c in STATES]

        def sale(rid: int):
            """The request row and its line rows, the same each time it is asked (one RNG per request):
            a COPY runs one at a time per connection, so requests and lines are two passes."""
            rand = random.Random(rid * 7919)
            status, _share, sla = rand.choices(STATES, weights)[0]
            office = office_ids[rid % len(office_ids)]
            created = now - timedelta(days=rand.randint(0, HISTORY_DAYS), minutes=rand.randint(0, 1440))
            due = today + timedelta(days=rand.randint(-10, 14)) if sla == "running" else None
            finished = min((created + timedelta(days=rand.randint(1, 20))).date(), today) if sla == "stopped" else None
            met = rand.random() < 0.85 if finished else None
            lines, total, types = [], 0, set()
            for _ in range(rand.choice((1, 1, 2, 3))):
                ptype = rand.choice(("publication", "publication", "microdata", "map"))
                pid, title, tariff = rand.choice(products[ptype])
                price, quantity = rand.choice(PRICES), rand.randint(1, 2)
                lines.append((rid, pid, ptype, title[:250], tariff, quantity, False, "", "", price, price,
                              price * quantity))
                total += price * quantity
                types.add(ptype)
            invoiced = status not in ("submitted", "returned", "verified", "cancelled", "rejected")
            paid = status in ("paid", "delivered", "completed")
            row = (rid, status, 3, rand.choice(("online", "online", "walk_in")), created, created, due, sla,
                   finished, met, office, first_user + rand.randrange(applicants), "bench", total,
                   ",".join(sorted(types)), False, 1 if invoiced else 0, f"8{rid:014d}" if invoiced else None,
                   created + timedelta(days=2) if invoiced else None, "billing" if paid else None,
                   f"N{rid:015d}" if paid else None, "Pembayar Bench" if paid else None, total if paid else None,
                   created + timedelta(days=4) if paid else None, f"KW/{rid}" if paid else None, False, False)
            rating = (rid, office, created + timedelta(days=6)) if status == "completed" and rand.random() < 0.6 \
                else None
            return row, lines, rating

        with engine.begin() as conn:
            raw = conn.connection.driver_connection
            with raw.cursor() as cur:
                columns = ("id, status, version, channel, created_at, updated_at, sla_due_date, sla_state, "
                           "sla_finished_on, sla_met, office_id, applicant_id, purpose, total, line_types, "
                           "zero_tariff_requested, invoice_version, billing_code, invoice_issued_at, payment_method, "
                           "ntpn, payer_name, paid_amount, paid_at, receipt_number, sppd_originals_received, "
                           "hardcopy_handed_over")
                with cur.copy(f"COPY sales_request ({columns}) FROM STDIN") as copy:
                    for rid in range(1, requests + 1):
                        copy.write_row(sale(rid)[0])
                cur.execute("select setval(pg_get_serial_sequence('sales_request', 'id'), %s)", (requests,))
                ratings = []
                with cur.copy("COPY sales_line (request_id, product_id, product_type, description, tariff_id, "
                              "quantity, hardcopy, variables, area, list_price, unit_price, line_total) "
                              "FROM STDIN") as copy:
                    for rid in range(1, requests + 1):
                        _row, lines, rating = sale(rid)
                        for line in lines:
                            copy.write_row(line)
                        if rating:
                            ratings.append(rating)
                with cur.copy("COPY rating (procedure, record_id, office_id, service, channel, comment, created_at, "
                              + ", ".join(f"score_{k}" for k in ELEMENTS) + ") FROM STDIN") as copy:
                    for rid, office, at in ratings:
                        copy.write_row(("sales", rid, office, "sales", "online", "", at,
                                        *[rng.choice((3, 3, 4, 4, 2)) for _ in ELEMENTS]))
                rec_weights = [share for _s, share, _c in REC_STATES]
                with cur.copy("COPY recommendation_request (id, status, version, channel, created_at, updated_at, "
                              "sla_due_date, sla_state, sla_finished_on, sla_met, office_id, applicant_id, title, "
                              "organiser, objective, activity_type, population, method, variables, area, funding, "
                              "contact_name, contact_email) FROM STDIN") as copy:
                    for rid in range(1, requests // 20 + 1):
                        status, _share, sla = rng.choices(REC_STATES, rec_weights)[0]
                        created = when()
                        due, finished, met = sla_columns(sla, created)
                        copy.write_row((rid, status, 3, "online", created, created, due, sla, finished, met,
                                        office_ids[rid % len(office_ids)], first_user + rng.randrange(applicants),
                                        f"Survei Bench {rid}", "Dinas Bench", "-", "survey", "-", "-", "-", "-", "-",
                                        "Kontak", "kontak@example.org"))
                cur.execute("select setval(pg_get_serial_sequence('recommendation_request', 'id'), %s)",
                            (requests // 20,))
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in ("sales_request", "sales_line", "rating", "recommendation_request", "office", "ab_user",
                          "applicant_profile"):
                conn.execute(sa.text(f"VACUUM ANALYZE {table}"))


def run(url, size: int, args) -> dict[str, float]:
    os.environ["SATUPINTU_INSTANCE_DIR"] = tempfile.mkdtemp()
    from flask_appbuilder import ModelView
    from flask_appbuilder.models.sqla.filters import FilterEqual
    from flask_appbuilder.models.sqla.interface import SQLAInterface
    from flask_migrate import upgrade

    from app import create_app
    from app.core.access.roles import matrix
    from app.demo import seed_demo
    from app.extensions import appbuilder, db
    from app.sales.models import SalesRequest

    app = create_app({"SQLALCHEMY_DATABASE_URI": url.render_as_string(hide_password=False),
                      "SATUPINTU_SEND_MAIL_AFTER_COMMIT": False, "WTF_CSRF_ENABLED": False,
                      "RATELIMIT_ENABLED": False, "BENCH_OFFICES": args.offices, "PROPAGATE_EXCEPTIONS": True,
                      "JWT_ACCESS_TOKEN_EXPIRES": timedelta(hours=12)})
    started = time.perf_counter()
    with app.app_context():
        upgrade()
        seed_demo()
    bulk_load(app, size)
    errors = logging.getLogger("app.core.web.errors")  # alembic's logging set-up disables it
    errors.disabled = False
    errors.addHandler(logging.StreamHandler())
    with app.app_context():
        kendal = db.session.scalar(sa.text("select id from office where code = '3324'"))
        counts = {table: db.session.scalar(sa.text(f"select count(*) from {table}"))
                  for table in ("office", "sales_request", "sales_line", "rating", "recommendation_request")}
        mine = db.session.scalar(sa.select(sa.func.count(SalesRequest.id)).where(SalesRequest.office_id == kendal))
        db.session.remove()
    print(f"loaded in {time.perf_counter() - started:.0f} s: " + ", ".join(f"{v:,} {k}" for k, v in counts.items())
          + f"; {mine:,} requests at Kendal", flush=True)

    class PlainSalesView(ModelView):
        """What FAB gives out of the box: the office's requests, related columns lazy-loaded row by row."""

        datamodel = SQLAInterface(SalesRequest)
        list_columns = ["id", "applicant", "office", "channel", "status", "total", "sla_due_date", "created_at"]
        base_filters = [["office_id", FilterEqual, kendal]]
        base_order = ("sla_due_date", "asc")
        base_permissions = ["can_list"]
        # FAB's default searches every column, relations too: its drop-downs would load every user and
        # every sales line of the table into the page. The reference keeps FAB's list, not that.
        search_columns = ["status", "channel"]

    with app.app_context():
        appbuilder.add_view_no_menu(PlainSalesView)
    for role in ("Officer", "Head"):
        matrix.grant("PlainSalesView", (role,), "can_list")

    password = app.config["DEMO_PASSWORD"]

    def signed_in(username):
        client = app.test_client()
        client.post("/login/", data={"username": username, "password": password})
        token = client.post("/api/v1/security/login", json={"username": username, "password": password,
                                                            "provider": "db"}).get_json()["access_token"]
        return client, {"Authorization": f"Bearer {token}"}

    head, head_api = signed_in("head-3324")
    monitor, _monitor_api = signed_in("monitor-3300")
    officer, officer_api = signed_in("officer-3324")
    variants = {
        "head dashboard": (head, "/reports/dashboard/", {}),
        "head dashboard API": (head, "/api/v1/dashboard/", head_api),
        "monitor 3300 dashboard": (monitor, "/reports/dashboard/", {}),
        "officer inbox (home)": (officer, "/", {}),
        "officer my_work API": (officer, "/api/v1/my_work/", officer_api),
        "officer worklist": (officer, "/salesrequestview/list/", {}),
        "plain FAB list": (officer, "/plainsalesview/list/", {}),
    }
    if args.explain:
        explain(app)
    gc.collect()
    gc.freeze()
    for client, path, headers in variants.values():
        for _ in range(2):
            response = client.get(path, headers=headers)
            assert response.status_code == 200, (path, response.status_code, response.get_data(as_text=True)[:500])
    timings = {name: [] for name in variants}
    for round_ in range(args.n):
        for name, (client, path, headers) in variants.items():
            if name == "plain FAB list" and round_ >= PLAIN_RUNS:
                continue  # seconds per page: a few runs say enough
            start = time.perf_counter()
            response = client.get(path, headers=headers)
            timings[name].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (name, response.status_code)
    print(f"latency over {args.n} requests each ({PLAIN_RUNS} for the plain FAB list) (ms)")
    print(f"{'variant':<26}{'median':>9}{'p95':>9}")
    result = {}
    for name, values in timings.items():
        result[name] = p95(values)
        print(f"{name:<26}{statistics.median(values):9.1f}{result[name]:9.1f}")
    result.update(export_figures(app, monitor))
    return result


def _window(app, rows: int) -> str:
    """filed_from (a Jakarta date) such that about `rows` requests were filed since."""
    from app.extensions import db

    with app.app_context():
        created = db.session.scalar(sa.text("select created_at from sales_request order by created_at desc "
                                            "offset :n limit 1"), {"n": rows})
        db.session.remove()
    return (created + timedelta(hours=7)).date().isoformat() if created else "2000-01-01"


def export_figures(app, client) -> dict[str, float]:
    """XLSX exports of ~1,000 and ~100,000 requests by the national admin: time, rows, Python heap peak."""
    admin = app.test_client()
    admin.post("/login/", data={"username": "admin", "password": app.config["DEMO_PASSWORD"]})
    figures = {}
    for rows in (1_000, 100_000):
        since = _window(app, rows)
        with app.app_context():
            from app.extensions import db

            expected = db.session.scalar(sa.text("select count(*) from sales_request where created_at >= :since"),
                                         {"since": datetime.fromisoformat(since) - timedelta(hours=7)})
            db.session.remove()
        url = f"/salesrequestview/export?format=xlsx&state=all&filed_from={since}"
        start = time.perf_counter()
        response = admin.get(url, buffered=False)
        size = sum(len(chunk) for chunk in response.response)
        seconds = time.perf_counter() - start
        tracemalloc.start()
        response = admin.get(url, buffered=False)
        for _chunk in response.response:
            pass
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"XLSX export of {expected:,} rows: {seconds:.1f} s, {size / 1e6:.1f} MB, Python heap peak "
              f"{peak / 1e6:.1f} MB", flush=True)
        figures[f"export {rows:,} rows (s)"] = seconds * 1000
        figures[f"export {rows:,} heap (MB)"] = peak / 1e6
    return figures


def explain(app) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of each statement of the head's dashboard."""
    from app.extensions import db

    statements = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and ("sales_request" in statement or "rating" in statement):
            statements.append((statement, parameters))

    client = app.test_client()
    client.post("/login/", data={"username": "head-3324", "password": app.config["DEMO_PASSWORD"]})
    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", listener)
    client.get("/reports/dashboard/")
    sa.event.remove(engine, "before_cursor_execute", listener)
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        with raw.cursor() as cur:
            for statement, parameters in statements:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
                plan = [row[0] for row in cur.fetchall()]
                print("\n" + " ".join(statement.split())[:300])
                print("\n".join("    " + line for line in plan[:14]))


if __name__ == "__main__":
    main()
