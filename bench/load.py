"""Load on loopback: nginx balancing two gunicorn nodes with a worker each, driven by locust (headless).

Usage: .venv/bin/python bench/load.py [--seconds 30] [--users 50,100,200] [--keep-db]

Everything listens on 127.0.0.1 only, every phase has a fixed duration and user count, and the whole
run is bounded (--deadline, default 20 minutes) after which it stops itself and everything it started.
Phases: the mix (bench/locustfile.py) at each user count on two nodes; then two nodes again with one
of them SIGKILLed a third of the way in; then the same user counts on one node. After the run the
outbox is drained and the database checked: no duplicate records, no duplicate document numbers, every
mail received once (the SMTP sink counts the X-SatuPintu-Outbox-Id of each).

Needs PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379), nginx (apt-get install nginx) and locust
(bench/requirements-load.txt, in its own venv: .bench-venv/ or SATUPINTU_LOCUST=/path/to/locust). When
one is missing it says so on one line and exits 0: the app needs none of them to run or be tested.
"""
from __future__ import annotations

import argparse
import collections
import csv
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
REDIS = "redis://127.0.0.1:6379/0"
PASSWORD = "SatuPintu-Demo-1"
STARTED: list[subprocess.Popen] = []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def missing_tools() -> str | None:
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        return "nginx is not installed (apt-get install nginx)"
    if not locust_path():
        return "locust is not installed (python3 -m venv .bench-venv && .bench-venv/bin/pip install -r " \
               "bench/requirements-load.txt, or set SATUPINTU_LOCUST)"
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
    except OSError:
        return "PostgreSQL is not reachable at 127.0.0.1:5432"
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
    except OSError:
        return "Redis is not reachable at 127.0.0.1:6379"
    return None


def locust_path() -> str | None:
    for candidate in (os.environ.get("SATUPINTU_LOCUST"), str(ROOT / ".bench-venv/bin/locust"),
                      str(ROOT.parent / "production-bench-venv/bin/locust"), shutil.which("locust")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


# --- the pieces ------------------------------------------------------------------------------------

class MailSink:
    """An SMTP server on loopback that counts every mail by its outbox id."""

    def __init__(self):
        self.port = free_port()
        self.seen: collections.Counter = collections.Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        import email

        message = email.message_from_bytes(envelope.original_content or envelope.content)
        with self.lock:
            self.seen[message.get("X-SatuPintu-Outbox-Id", "?")] += 1
        return "250 OK"

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()


def spawn(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    # Each in its own process group, so a node (master and workers) is killed as one.
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
                               start_new_session=True)
    STARTED.append(process)
    return process


def stop(process: subprocess.Popen, sig=signal.SIGTERM, wait: float = 30) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(wait)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def wait_for(url: str, seconds: float = 60) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds}s")


NGINX_CONF = """
daemon off;
master_process on;
worker_processes 1;
{user}
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 2048; }}
http {{
  log_format bench '$msec $status $upstream_addr $upstream_status $request_time "$request"';
  access_log {tmp}/nginx-access.log bench;
  client_body_temp_path {tmp}/nginx-body;
  proxy_temp_path {tmp}/nginx-proxy;
  fastcgi_temp_path {tmp}/nginx-fastcgi;
  uwsgi_temp_path {tmp}/nginx-uwsgi;
  scgi_temp_path {tmp}/nginx-scgi;
  upstream satupintu {{
{servers}
    keepalive 32;
  }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 25m;
    location / {{
      proxy_pass http://satupintu;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_connect_timeout 2s;
      # A dead node's GETs go to the other node; a POST is never sent twice (Idempotency-Key is the client's).
      proxy_next_upstream error timeout http_502 http_503;
    }}
  }}
}}
"""


class Balancer:
    def __init__(self, tmp: Path):
        self.tmp, self.port, self.process = tmp, free_port(), None
        self.conf = tmp / "nginx.conf"
        for sub in ("nginx-body", "nginx-proxy", "nginx-fastcgi", "nginx-uwsgi", "nginx-scgi"):
            (tmp / sub).mkdir(exist_ok=True)
        self.log = tmp / "nginx-access.log"

    def route_to(self, ports: list[int]) -> None:
        servers = "\n".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in ports)
        user = "user root root;" if os.geteuid() == 0 else ""
        self.conf.write_text(NGINX_CONF.format(tmp=self.tmp, servers=servers, port=self.port, user=user))
        if self.process is None:
            nginx = shutil.which("nginx") or "/usr/sbin/nginx"
            self.process = spawn([nginx, "-c", str(self.conf), "-p", str(self.tmp)], dict(os.environ),
                                 self.tmp / "nginx-stdout.log")
            time.sleep(0.5)
        else:
            os.kill(self.process.pid, signal.SIGHUP)  # reload: new upstreams, no dropped connection
            time.sleep(1.0)

    def offset(self) -> int:
        return self.log.stat().st_size if self.log.exists() else 0

    def statuses_since(self, offset: int) -> list[tuple[float, int, str]]:
        rows = []
        with self.log.open() as handle:
            handle.seek(offset)
            for line in handle:
                parts = line.split(" ", 4)
                if len(parts) >= 3 and parts[1].isdigit():
                    rows.append((float(parts[0]), int(parts[1]), parts[2]))
        return rows


# --- a phase ---------------------------------------------------------------------------------------

def run_locust(base: str, users: int, seconds: int, classes: list[str], tmp: Path, label: str,
               during=None) -> dict:
    prefix = tmp / f"locust-{label}"
    env = {**os.environ, "SATUPINTU_LOAD_PASSWORD": PASSWORD, "SATUPINTU_LOAD_TAG": "load"}
    command = [locust_path(), "-f", str(ROOT / "bench/locustfile.py"), "--headless", "-u", str(users),
               "-r", str(max(5, users // 5)), "-t", f"{seconds}s", "--stop-timeout", "10", "--host", base,
               "--csv", str(prefix), "--only-summary", "--loglevel", "ERROR", *classes]
    process = spawn(command, env, tmp / f"locust-{label}.log")
    if during:
        during(process)
    try:
        process.wait(seconds + 90)
    except subprocess.TimeoutExpired:
        stop(process, signal.SIGKILL)
    return read_stats(Path(f"{prefix}_stats.csv"))


def read_stats(path: Path) -> dict:
    if not path.exists():
        return {}
    stats = {}
    with path.open() as handle:
        for row in csv.DictReader(handle):
            stats[row["Name"]] = {
                "count": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]), "p50": row["50%"], "p95": row["95%"], "p99": row["99%"],
            }
    return stats


def report(title: str, stats: dict, five_xx: int, extra: str = "") -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n== {title} (machine load average after: {load}) ==")
    print(f"{'kind':32} {'requests':>9} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>7}")
    for name, row in sorted(stats.items(), key=lambda item: (item[0] == "Aggregated", item[0])):
        print(f"{name:32} {row['count']:>9} {row['rps']:>7.1f} {row['p50']:>7} {row['p95']:>7} {row['p99']:>7} "
              f"{row['failures']:>7}")
    print(f"5xx at the balancer: {five_xx}{extra}")
    sys.stdout.flush()


# --- checks after the run --------------------------------------------------------------------------

def integrity(engine, sink: MailSink, drain_seconds: int = 90) -> list[str]:
    import sqlalchemy as sa

    lines = []
    deadline = time.monotonic() + drain_seconds
    with engine.connect() as conn:
        while time.monotonic() < deadline:
            pending = conn.execute(sa.text("SELECT count(*) FROM outbox_message WHERE status = 'pending'")).scalar()
            conn.commit()
            if pending == 0:
                break
            time.sleep(1)
        sent_ids = {str(i) for i in conn.execute(sa.text("SELECT id FROM outbox_message WHERE status = 'sent'"))
                    .scalars()}
        duplicates = conn.execute(sa.text(
            "SELECT count(*) FROM (SELECT purpose FROM sales_request WHERE purpose LIKE 'load %' "
            "GROUP BY purpose HAVING count(*) > 1) d")).scalar()
        filed = conn.execute(sa.text("SELECT count(*) FROM sales_request WHERE purpose LIKE 'load %'")).scalar()
        numbers = conn.execute(sa.text(
            "SELECT count(*) FROM (SELECT office_id, kind, number FROM document WHERE origin = 'issued' "
            "AND number IS NOT NULL GROUP BY office_id, kind, number "
            "HAVING count(DISTINCT record_id) > 1) d")).scalar()
        issued = conn.execute(sa.text(
            "SELECT kind, count(*) FROM document WHERE origin = 'issued' GROUP BY kind")).all()
        transitions = conn.execute(sa.text(
            "SELECT action, count(*) FROM audit_event WHERE to_state IS NOT NULL "
            "GROUP BY action ORDER BY action")).all()
    with sink.lock:
        received = dict(sink.seen)
    twice = {k: v for k, v in received.items() if v > 1}
    lines.append(f"requests filed: {filed}, duplicated (same Idempotency-Key twice): {duplicates}")
    lines.append(f"documents issued: {dict(issued)}; numbers used by two records: {numbers}")
    lines.append(f"transitions: {dict(transitions)}")
    lines.append(f"mails sent (outbox): {len(sent_ids)}, received: {sum(received.values())} "
                 f"({len(received)} distinct), received twice: {len(twice)}, "
                 f"sent but never received: {len(sent_ids - set(received))}, pending left: {pending}")
    return lines


# --- the run ---------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=30, help="Duration of each phase.")
    parser.add_argument("--users", default="50,100,200")
    parser.add_argument("--kill-users", type=int, default=100)
    parser.add_argument("--node-workers", type=int, default=2, help="gunicorn workers per node.")
    parser.add_argument("--deadline", type=int, default=20 * 60, help="Seconds after which the run stops itself.")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    why = missing_tools()
    if why:
        print(f"load benchmark SKIPPED: {why}")
        return
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(TimeoutError("deadline reached")))
    signal.alarm(args.deadline)
    import sqlalchemy as sa

    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"satupintu_prod_load_{uuid.uuid4().hex[:6]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    url = f"postgresql://postgres@127.0.0.1:5432/{name}"
    tmp = Path(tempfile.mkdtemp(prefix="satupintu-load-"))
    tmp.chmod(0o755)
    sink = MailSink().start()
    prefix = f"satupintu-load-{uuid.uuid4().hex[:6]}"
    env = {**os.environ, "SATUPINTU_DATABASE_URL": url, "SATUPINTU_STORAGE": "database",
           "SATUPINTU_REDIS_URL": REDIS, "SATUPINTU_REDIS_PREFIX": prefix, "SATUPINTU_BILLING_PROVIDER": "demo",
           "SATUPINTU_TRUSTED_PROXIES": "1", "SATUPINTU_LOGIN_RATE_LIMIT": "100000 per 1 minute",
           "SATUPINTU_DEMO_PASSWORD": PASSWORD, "SATUPINTU_INSTANCE_DIR": str(tmp), "SECRET_KEY": uuid.uuid4().hex,
           "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(sink.port), "FLASK_APP": "run.py",
           "SATUPINTU_WORKERS": str(args.node_workers), "SATUPINTU_THREADS": "4", "SATUPINTU_ACCESS_LOG": "/dev/null",
           "SATUPINTU_BASE_URL": "http://127.0.0.1"}
    flask = str(Path(sys.executable).with_name("flask"))
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        for command in (["db", "upgrade"], ["satupintu", "seed-demo"]):
            subprocess.run([flask, *command], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
        ports = [free_port(), free_port()]
        nodes = [spawn([gunicorn, "-c", "gunicorn.conf.py", "run:app"], {**env, "SATUPINTU_BIND": f"127.0.0.1:{p}"},
                       tmp / f"node-{i}.log") for i, p in enumerate(ports)]
        for i in range(2):
            spawn([flask, "satupintu", "worker", "--interval", "1"], env, tmp / f"worker-{i}.log")
        for port in ports:
            wait_for(f"http://127.0.0.1:{port}/readyz")
        balancer = Balancer(tmp)
        balancer.route_to(ports)
        base = f"http://127.0.0.1:{balancer.port}"
        wait_for(base + "/healthz")
        classes = ["Officer", "Treasurer", "Applicant"]
        import urllib.request

        try:
            urllib.request.urlopen(base + "/display/3324/state.json", timeout=5)
            classes += ["Kiosk", "DisplayBoard"]
        except OSError:
            print("front desk not installed here: the mix has no kiosks and no display boards")
        print(f"load: nginx 127.0.0.1:{balancer.port} -> nodes {ports} ({args.node_workers} gunicorn workers x 4 "
              f"threads each) + 2 workers; PostgreSQL {name}; Redis prefix {prefix}; {args.seconds}s per phase; "
              f"{os.cpu_count()} CPUs shared by everything")
        users = [int(u) for u in args.users.split(",")]
        summary = {}
        # Two nodes and one node alternate at each user count, so a neighbour's load on this shared machine
        # falls on both sides of the comparison alike.
        for count in users:
            for label, routed in (("two", ports), ("one", ports[:1])):
                balancer.route_to(routed)
                offset = balancer.offset()
                stats = run_locust(base, count, args.seconds, classes, tmp, f"{label}-{count}")
                five = sum(1 for _, status, _ in balancer.statuses_since(offset) if status >= 500)
                report(f"{'two nodes' if label == 'two' else 'one node'}, {count} users", stats, five)
                summary[(label, count)] = stats.get("Aggregated", {})

        killed_at = {}

        def kill_second_node(_locust):
            time.sleep(args.seconds / 3)
            killed_at["t"] = time.time()
            stop(nodes[1], signal.SIGKILL)

        balancer.route_to(ports)
        offset = balancer.offset()
        stats = run_locust(base, args.kill_users, args.seconds, classes, tmp, "kill", during=kill_second_node)
        rows = balancer.statuses_since(offset)
        five = [r for r in rows if r[1] >= 500]
        dead = f"127.0.0.1:{ports[1]}"
        in_flight = [r for r in five if dead in r[2] and abs(r[0] - killed_at["t"]) < 5]
        report(f"two nodes, {args.kill_users} users, node 2 SIGKILLed after {args.seconds // 3}s", stats, len(five),
               f" (of which on the killed node within 5 s of the kill: {len(in_flight)})")
        print("\n== what the second node adds (aggregate req/s, p95 ms) ==")
        for count in users:
            two, one = summary.get(("two", count), {}), summary.get(("one", count), {})
            if two and one and one["rps"]:
                print(f"{count:>4} users: two nodes {two['rps']:.1f} req/s p95 {two['p95']} ms | one node "
                      f"{one['rps']:.1f} req/s p95 {one['p95']} ms | ratio {two['rps'] / one['rps']:.2f}")
        print("\n== after the run ==")
        for line in integrity(engine, sink):
            print(line)
    finally:
        signal.alarm(0)
        for process in reversed(STARTED):
            stop(process)
        sink.stop()
        engine.dispose()
        if not args.keep_db:
            with admin.connect() as conn:
                conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
        try:
            import redis

            client = redis.Redis.from_url(REDIS)
            for key in client.scan_iter(f"{prefix}*"):
                client.delete(key)
        except Exception:
            pass
        print(f"logs in {tmp}")


if __name__ == "__main__":
    main()
