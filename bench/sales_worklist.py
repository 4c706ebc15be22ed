"""The sales worklist and the inbox at scale on PostgreSQL: 200k requests over 50 offices.

Usage: .venv/bin/python bench/sales_worklist.py [--url postgresql://postgres@127.0.0.1:5432/postgres]
       [--requests 200000] [--offices 50] [-n 60] [--keep]

Creates a throwaway database on that server (dropped at the end unless --keep), migrates and seeds
the demo, bulk-loads the requests and their lines with COPY, then measures, interleaved, for an
officer of one office:
  - the worklist page (/salesrequestview/list/), its API list (/api/v1/sales_request/), and a plain
    FAB ModelView list over the same table, scoped alike, that lazy-loads its related columns;
  - the officer's inbox ("Pekerjaan saya"): the home page and GET /api/v1/my_work/;
  - SQL statements per request at page sizes 10, 25 and 100;
  - the invoice PDF (10 lines) in DejaVu against fpdf2's built-in Helvetica (target: ≤ 1.5×).
"""
from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

STATES = [  # status, share, sla_state
    ("draft", 4, "idle"), ("submitted", 8, "idle"), ("returned", 3, "paused"), ("verified", 8, "running"),
    ("invoiced", 10, "paused"), ("invoice_disputed", 2, "running"), ("payment_reported", 2, "running"),
    ("paid", 8, "running"), ("delivered", 10, "stopped"), ("correction_requested", 2, "stopped"),
    ("completed", 35, "stopped"), ("cancelled", 4, "stopped"), ("rejected", 2, "stopped"), ("expired", 2, "stopped"),
]


def p95(values):
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--requests", type=int, default=200_000)
    parser.add_argument("--offices", type=int, default=50)
    parser.add_argument("-n", type=int, default=60, help="timed requests per variant")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()

    from config import database_url

    server = sa.engine.make_url(database_url(args.url))
    admin = sa.create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    name = f"sp_sales_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    print(f"database {name}")
    try:
        run(server.set(database=name), args)
    finally:
        if not args.keep:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def bulk_load(app, requests: int, offices: int) -> tuple[int, str]:
    """Offices, applicants, requests and lines with COPY; returns (office id, officer username) to time."""
    from app.core.access import roles as r
    from app.extensions import db
    from app.sales.models import Product

    rng = random.Random(7)
    with app.app_context():
        engine = db.engine
        with engine.begin() as conn:
            existing = conn.execute(sa.text("select count(*) from office")).scalar()
            parent = conn.execute(sa.text("select id from office where code = '3300'")).scalar()
            rows = [{"code": f"{5000 + i:04d}", "name": f"BPS Kabupaten Bench {i}", "parent": parent}
                    for i in range(offices - existing)]
            if rows:
                conn.execute(sa.text(
                    "insert into office (code, name, level, parent_id, address, letter_number_pattern) "
                    "values (:code, :name, 'regency', :parent, 'Jl. Bench', "
                    "'B-{seq:03d}/{office_code}0/HM.310/{year}')"),
                    rows)
            office_ids = [row[0] for row in conn.execute(sa.text("select id from office order by id"))]
            kendal = conn.execute(sa.text("select id from office where code = '3324'")).scalar()
            role = conn.execute(sa.text("select id from ab_role where name = :n"), {"n": r.APPLICANT}).scalar()
            first_user = conn.execute(sa.text("select coalesce(max(id), 0) + 1 from ab_user")).scalar()
            applicants = 2000
            raw = conn.connection.driver_connection
            with raw.cursor() as cur:
                with cur.copy("COPY ab_user (id, first_name, last_name, username, password, active, email, "
                              "login_count, fail_login_count, created_on, changed_on) FROM STDIN") as copy:
                    now = datetime.utcnow()
                    for i in range(applicants):
                        uid = first_user + i
                        copy.write_row((uid, f"Pengguna{i}", "Bench", f"bench{i}", "x", True,
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

        weights = [share for _s, share, _c in STATES]
        today = date.today()
        with engine.begin() as conn:
            raw = conn.connection.driver_connection
            with raw.cursor() as cur:
                columns = ("id, status, version, channel, created_at, updated_at, sla_due_date, sla_state, "
                           "office_id, applicant_id, purpose, total, line_types, zero_tariff_requested, "
                           "invoice_version, sppd_originals_received, hardcopy_handed_over")
                lines = []
                with cur.copy(f"COPY sales_request ({columns}) FROM STDIN") as copy:
                    for rid in range(1, requests + 1):
                        status, _share, sla = rng.choices(STATES, weights)[0]
                        office = kendal if rid % offices == 0 else office_ids[rid % len(office_ids)]
                        created = datetime.utcnow() - timedelta(days=rng.randint(0, 700), minutes=rng.randint(0, 1440))
                        due = today + timedelta(days=rng.randint(-10, 14)) if sla == "running" else None
                        n_lines = rng.choice((1, 1, 2, 3))
                        total, types = 0, set()
                        for _ in range(n_lines):
                            ptype = rng.choice(("publication", "microdata", "map"))
                            pid, title, tariff = rng.choice(products[ptype])
                            price = rng.choice((50_000, 65_000, 48_000, 30_000, 70_000))
                            quantity = rng.randint(1, 3)
                            lines.append((rid, pid, ptype, title[:250], tariff, quantity, False, "", "", price, price,
                                          price * quantity))
                            total += price * quantity
                            types.add(ptype)
                        copy.write_row((rid, status, 1, rng.choice(("online", "online", "walk_in")), created, created,
                                        due, sla, office, first_user + rng.randrange(applicants), "bench", total,
                                        ",".join(sorted(types)), False, 0, False, False))
                with cur.copy("COPY sales_line (request_id, product_id, product_type, description, tariff_id, "
                              "quantity, hardcopy, variables, area, list_price, unit_price, line_total) "
                              "FROM STDIN") as copy:
                    for row in lines:
                        copy.write_row(row)
                cur.execute("select setval(pg_get_serial_sequence('sales_request', 'id'), %s)", (requests,))
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            # As autovacuum leaves a table in steady state: statistics and the visibility map.
            for table in ("sales_request", "sales_line", "ab_user", "ab_user_role", "applicant_profile"):
                conn.execute(sa.text(f"VACUUM ANALYZE {table}"))
        return kendal, "officer-3324"


def run(url, args) -> None:
    os.environ["SATUPINTU_INSTANCE_DIR"] = tempfile.mkdtemp()
    from flask_appbuilder import ModelView
    from flask_appbuilder.models.sqla.filters import FilterEqual
    from flask_appbuilder.models.sqla.interface import SQLAInterface

    from app import create_app
    from app.core.access.roles import matrix

    app = create_app({"SQLALCHEMY_DATABASE_URI": url.render_as_string(hide_password=False),
                      "SATUPINTU_SEND_MAIL_AFTER_COMMIT": False, "WTF_CSRF_ENABLED": False,
                      "RATELIMIT_ENABLED": False})
    from flask_migrate import upgrade

    from app.demo import seed_demo
    from app.extensions import appbuilder, db
    from app.sales.models import SalesRequest

    started = time.perf_counter()
    with app.app_context():
        upgrade()
        seed_demo()
    office_id, officer = bulk_load(app, args.requests, args.offices)
    with app.app_context():
        count = db.session.scalar(sa.select(sa.func.count(SalesRequest.id)))
        mine = db.session.scalar(sa.select(sa.func.count(SalesRequest.id)).where(SalesRequest.office_id == office_id))
        lines = db.session.scalar(sa.text("select count(*) from sales_line"))
        db.session.remove()
    print(f"seeded {count} requests ({lines} lines) over {args.offices} offices in "
          f"{time.perf_counter() - started:.1f} s; {mine} at the timed office")

    class PlainSalesView(ModelView):
        """What FAB gives out of the box: related columns lazy-loaded row by row."""

        datamodel = SQLAInterface(SalesRequest)
        list_columns = ["id", "applicant", "office", "channel", "status", "total", "sla_due_date", "created_at"]
        base_filters = [["office_id", FilterEqual, office_id]]
        base_order = ("sla_due_date", "asc")
        base_permissions = ["can_list"]
        search_columns = ["status", "channel"]

    with app.app_context():
        appbuilder.add_view_no_menu(PlainSalesView)
    matrix.grant("PlainSalesView", ("Officer",), "can_list")

    client = app.test_client()
    client.post("/login/", data={"username": officer, "password": app.config["DEMO_PASSWORD"]})
    token = app.test_client().post("/api/v1/security/login", json={
        "username": officer, "password": app.config["DEMO_PASSWORD"], "provider": "db"}).get_json()["access_token"]
    api_headers = {"Authorization": f"Bearer {token}"}

    def urls(size):
        return {
            "worklist": (f"/salesrequestview/list/?state=all&psize_SalesRequestView={size}", {}),
            "api list": (f"/api/v1/sales_request/?q=(page_size:{size})", api_headers),
            "plain FAB": (f"/plainsalesview/list/?psize_PlainSalesView={size}", {}),
            "my_work api": (f"/api/v1/my_work/?q=(page_size:{size})", api_headers),
            "inbox page": ("/?page=0", {}),  # the home page's fixed page of 25
        }

    engine = None
    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def listener(conn, cursor, statement, *rest):
        statements.append(statement)

    print("\nSQL statements per request (whole request: session, permissions, count, page, related rows)")
    print(f"{'page size':<12}" + "".join(f"{name:>12}" for name in urls(10)))
    for size in (10, 25, 100):
        counts = []
        for name, (url_, headers) in urls(size).items():
            statements.clear()
            sa.event.listen(engine, "before_cursor_execute", listener)
            response = client.get(url_, headers=headers)
            sa.event.remove(engine, "before_cursor_execute", listener)
            assert response.status_code == 200, (name, response.status_code, response.get_data(as_text=True)[:300])
            counts.append(len(statements))
        print(f"{size:<12}" + "".join(f"{c:>12}" for c in counts))

    # As a production worker does after start-up (gunicorn preload): the app's long-lived objects
    # leave the garbage collector's generations, so its pauses do not land on random requests.
    gc.collect()
    gc.freeze()
    timings = {name: [] for name in urls(25)}
    for name, (url_, headers) in urls(25).items():  # warm-up
        for _ in range(3):
            client.get(url_, headers=headers)
    for _ in range(args.n):
        for name, (url_, headers) in urls(25).items():
            start = time.perf_counter()
            response = client.get(url_, headers=headers)
            timings[name].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
    print(f"\nLatency, page size 25, {args.n} requests each (ms)")
    print(f"{'variant':<12}{'median':>9}{'p95':>9}")
    for name, values in timings.items():
        print(f"{name:<12}{statistics.median(values):9.1f}{p95(values):9.1f}")

    invoice_pdf(app)


def invoice_pdf(app, n: int = 100) -> None:
    """A 10-line invoice through app.sales.documents.render_invoice, DejaVu vs Helvetica (ASCII text)."""
    from types import SimpleNamespace

    from app.core.documents.pdf import warm_up
    from app.sales.documents import render_invoice

    office = SimpleNamespace(name="BPS Kabupaten Kendal", address="Jl. Pramuka (Komplek Perkantoran) Patebon-Kendal",
                             phone="(0294) 381461", fax="(0294) 383461", email="bps3324@bps.go.id",
                             website="pst.bps.go.id", code="3324", tariff_regulation="PP 13/2024",
                             treasurer_bank_name="BRI", treasurer_bank_account="0331-01-000789-30-3",
                             treasurer_bank_holder="BPN 054 BPS Kabupaten Kendal", sppd_address="Kendal")
    lines = [SimpleNamespace(description=f"Publikasi Kabupaten Kendal Dalam Angka {2016 + i}", parameters="softcopy",
                             quantity=1 + i % 3, unit_price=50_000 + 15_000 * i,
                             line_total=(1 + i % 3) * (50_000 + 15_000 * i),
                             requires_sppd=False, product_type="publication") for i in range(10)]
    profile = SimpleNamespace(institution="Universitas Diponegoro")
    request = SimpleNamespace(
        office=office, lines=lines, total=sum(line.line_total for line in lines), label="PJ-000001",
        applicant=SimpleNamespace(applicant_profile=profile, email="ayu@example.org"), applicant_name="Ayu Lestari",
        invoice_issued_at=datetime.utcnow(), invoice_expires_at=datetime.utcnow() + timedelta(days=7),
        billing_code="820261234567890", channel="online", needs_sppd=False)
    officer = SimpleNamespace(display_name="Petugas PST Kabupaten Kendal", nip="198001012005011001")
    with app.test_request_context():
        warm_up()
        variants = {font: render_invoice(request, "INV/3324/2026/00001", 1, officer, font=font)
                    for font in ("dejavu", "helvetica")}
        for render in variants.values():
            render("t", "https://satupintu.example/verify/t")
        times = {font: [] for font in variants}
        for i in range(n):
            for font, render in variants.items():
                start = time.perf_counter()
                data = render("t", f"https://satupintu.example/verify/{i}")
                times[font].append((time.perf_counter() - start) * 1000)
                assert data.startswith(b"%PDF")
    dejavu, helvetica = statistics.median(times["dejavu"]), statistics.median(times["helvetica"])
    print(f"\nInvoice PDF (10 lines, QR code), {n} each: DejaVu median {dejavu:.1f} ms "
          f"(p95 {p95(times['dejavu']):.1f}), Helvetica median {helvetica:.1f} ms; "
          f"ratio {dejavu / helvetica:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
