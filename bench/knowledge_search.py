"""The knowledge search at scale: p50/p95 of one search over 50,000 entries, on SQLite (FTS5) and on
PostgreSQL (tsvector + GIN), through the search function and through the public API.

Usage: .venv/bin/python bench/knowledge_search.py [--entries 50000] [-n 400] [--narrow]
       [--url postgresql://postgres@127.0.0.1:5432/postgres] [--only sqlite|postgresql]

Each backend gets a throwaway database (a temp file; a new PostgreSQL database, dropped at the end),
migrated and demo-seeded; the entries are synthetic texts (stemmed by app.consultations.knowledge.index
like real ones) spread over the four offices: statistics words and a long tail of other words, or with
--narrow statistics words only, so that a common query word matches most of the 50,000 entries. The
queries mix one to four words, derived word forms (kependudukan, pengangguran, perekonomian …),
queries that match nothing (the any-word fallback runs) and queries of operators and quotes.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

VOCABULARY = """
penduduk kependudukan kemiskinan miskin garis pengeluaran konsumsi rumah tangga inflasi harga konsumen indeks
produk domestik regional bruto pertumbuhan ekonomi perekonomian lapangan usaha pengusaha industri pengolahan
pertanian tanaman pangan padi jagung kedelai hortikultura perkebunan kelapa sawit karet kopi kakao lada perikanan
tangkap budidaya nelayan peternakan sapi ayam ketenagakerjaan angkatan kerja bekerja pengangguran terbuka upah
pendidikan sekolah partisipasi melek huruf kesehatan imunisasi balita gizi perumahan sanitasi air minum listrik
transportasi pariwisata hotel kunjungan wisatawan ekspor impor neraca perdagangan nilai tukar petani desa kecamatan
kabupaten kota provinsi nasional sensus survei susenas sakernas podes metodologi klasifikasi kbli kbji sampel
estimasi proyeksi tahunan triwulanan bulanan publikasi tabel dinamis data mikro peta wilkerstat blok sensus
indeks pembangunan manusia gender ketimpangan rasio gini kedalaman keparahan konsumsi kalori protein
""".split()
QUERIES = [
    "kemiskinan kabupaten", "penduduk", "kependudukan", "pengangguran terbuka", "inflasi bulanan kota",
    "pertumbuhan ekonomi triwulanan", "perekonomian provinsi", "data mikro susenas", "peta wilkerstat desa",
    "produksi padi kecamatan", "nilai tukar petani", "rasio gini", "indeks pembangunan manusia kabupaten",
    "upah buruh tani", "ekspor kopi", "partisipasi sekolah", "angka melek huruf perempuan", "sensus pertanian",
    "tabel dinamis", "proyeksi penduduk kabupaten kota", "kunjungan wisatawan hotel", "sawit", "nelayan",
    "garis kemiskinan makanan", "klasifikasi kbli", "metodologi sampel survei", "gizi balita",
    "satelit antariksa", "dinosaurus purba", '"&|!():*', "kemiskinan\" OR 1=1", "NEAR(penduduk)",
]


def p(values, q):
    return statistics.quantiles(values, n=100)[q - 1] * 1000


SYLLABLES = "ba be bi bo bu da de di do du ga gi gu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu " \
            "pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu wa wi ya".split()


def entries(count: int, office_ids: list[int], rng: random.Random, narrow: bool):
    """Synthetic entries. Words follow Zipf's law: a fifth of them from the statistics vocabulary, the rest
    from a long tail of 5,000 made-up words, as in real text (`narrow`: only the statistics vocabulary, so
    that most queries match most entries — the worst case for ranking)."""
    shuffled = VOCABULARY[:]
    rng.shuffle(shuffled)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(shuffled))]
    tail = sorted({"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(5200)})[:5000]
    rng.shuffle(tail)
    tail_weights = [1 / (rank + 1) for rank in range(len(tail))]

    def words(k: int) -> str:
        if narrow:
            return " ".join(rng.choices(shuffled, weights, k=k))
        stats = rng.choices(shuffled, weights, k=max(1, k // 5))
        return " ".join(stats + rng.choices(tail, tail_weights, k=k - len(stats)))

    for i in range(count):
        yield {"office_id": rng.choice(office_ids), "kind": "faq",
               "title": f"{words(rng.randint(4, 9)).capitalize()} {i}"[:250], "body": words(rng.randint(30, 90)) + "."}


def load(app, count: int, narrow: bool) -> float:
    from app.consultations.knowledge import index
    from app.consultations.models import KnowledgeEntry
    from app.core.calendar.clock import utcnow
    from app.extensions import db

    rng = random.Random(11)
    started = time.perf_counter()
    with app.app_context():
        office_ids = list(db.session.scalars(sa.select(sa.text("id")).select_from(sa.text("office"))))
        batch = []
        for data in entries(count, office_ids, rng, narrow):
            entry = KnowledgeEntry(**data)
            index(entry)
            now = utcnow()
            batch.append({**data, "title_stems": entry.title_stems, "stems": entry.stems, "published": True,
                          "helpful_count": rng.randint(0, 30), "created_at": now, "updated_at": now})
            if len(batch) == 2000:
                db.session.execute(sa.insert(KnowledgeEntry), batch)
                batch = []
        if batch:
            db.session.execute(sa.insert(KnowledgeEntry), batch)
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(sa.text("VACUUM ANALYZE knowledge_entry"))
        else:
            db.session.execute(sa.text("INSERT INTO knowledge_fts(knowledge_fts) VALUES ('optimize')"))
            db.session.execute(sa.text("ANALYZE"))
            db.session.commit()
        db.session.remove()
    return time.perf_counter() - started


def measure(app, n: int) -> dict:
    from app.consultations.knowledge import search
    from app.extensions import db

    rng = random.Random(3)
    offices = [None, "3324", "3300", "1904", "0000"]
    timings = {"search()": [], "GET /api/v1/knowledge/": []}
    hits = []
    client = app.test_client()
    with app.app_context():
        for query in QUERIES:  # warm up: the stemmer's cache, the database's pages
            search(query, None)
        for i in range(n):
            query, office = rng.choice(QUERIES), rng.choice(offices)
            started = time.perf_counter()
            found = search(query, office)
            timings["search()"].append(time.perf_counter() - started)
            hits.append(len(found))
            params = {"q": query, **({"office": office} if office else {})}
            started = time.perf_counter()
            response = client.get("/api/v1/knowledge/", query_string=params)
            timings["GET /api/v1/knowledge/"].append(time.perf_counter() - started)
            assert response.status_code == 200, response.get_data(as_text=True)[:300]
        db.session.remove()
    return {"timings": timings, "mean_hits": statistics.mean(hits)}


def run(url: str, args) -> None:
    os.environ["SATUPINTU_INSTANCE_DIR"] = tempfile.mkdtemp()
    from flask_migrate import upgrade

    from app import create_app
    from app.demo import seed_demo
    from config import database_url

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url(url), "SATUPINTU_SEND_MAIL_AFTER_COMMIT": False,
                      "RATELIMIT_ENABLED": False, "SERVER_NAME": "bench.local"})
    with app.app_context():
        upgrade()
        seed_demo()
    seconds = load(app, args.entries, args.narrow)
    result = measure(app, args.n)
    backend = "PostgreSQL (tsvector + GIN)" if url.startswith("postgres") else "SQLite (FTS5)"
    vocabulary = "narrow" if args.narrow else "long-tail"
    print(f"{backend}, {vocabulary} vocabulary: {args.entries} entries loaded and indexed in {seconds:.1f} s; "
          f"{args.n} searches, {result['mean_hits']:.1f} hits on average (at most 10)")
    for name, values in result["timings"].items():
        print(f"  {name:<24} p50 {p(values, 50):6.1f} ms   p95 {p(values, 95):6.1f} ms   "
              f"max {max(values) * 1000:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("-n", type=int, default=400, help="timed searches per backend")
    parser.add_argument("--url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--narrow", action="store_true", help="statistics words only: most entries match")
    parser.add_argument("--database", help=argparse.SUPPRESS)  # one backend, in its own process
    args = parser.parse_args()
    if args.database:
        run(args.database, args)
        return

    from config import database_url

    def child(url: str) -> None:
        # One app per process: FAB's singletons do not take a second create_app().
        subprocess.run([sys.executable, __file__, "--database", url, "--entries", str(args.entries), "-n", str(args.n)]
                       + (["--narrow"] if args.narrow else []), check=True)

    if args.only != "postgresql":
        child(f"sqlite:///{tempfile.mkdtemp()}/bench.db")
    if args.only == "sqlite":
        return
    server = sa.engine.make_url(database_url(args.url))
    admin = sa.create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    name = f"sp_knowledge_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        child(server.set(database=name).render_as_string(hide_password=False))
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
