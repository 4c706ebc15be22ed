"""`make fuzz`: schemathesis over /api/v1/_openapi, signed in as each role and as nobody.

A throwaway instance (SQLite, the living demo) is served on a free port; every operation of the OpenAPI
document then gets generated input, valid and not, as every role. Any 5xx fails the run. Bounded by
SATUPINTU_FUZZ_SECONDS per role (default 40) so CI stays within minutes. What it finds becomes an
ordinary test (tests/test_api_input.py and friends).
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "SatuPintu-Demo-1"
ROLES = ("admin", "officer-3324", "treasurer-3324", "head-3324", "complaints-3324", "monitor-3300", "applicant1",
         "applicant2", None)
SECONDS = int(os.environ.get("SATUPINTU_FUZZ_SECONDS", "40"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(url: str, body: dict | None = None, token: str | None = None) -> dict:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=30) as answer:
        return json.loads(answer.read())


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            raise SystemExit("the server stopped before answering")
        try:
            urllib.request.urlopen(f"{base}/login/", timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the server did not answer within a minute")


def main() -> int:
    instance = Path(tempfile.mkdtemp(prefix="satupintu-fuzz-"))
    port = free_port()
    env = dict(os.environ, FLASK_APP="run.py", SATUPINTU_INSTANCE_DIR=str(instance), PORT=str(port),
               SATUPINTU_DEMO_PASSWORD=PASSWORD, SATUPINTU_SEND_MAIL_AFTER_COMMIT="0",
               SATUPINTU_BILLING_PROVIDER="demo", SATUPINTU_DATABASE_URL=f"sqlite:///{instance / 'fuzz.db'}")
    env.pop("SATUPINTU_BASE_URL", None)
    for command in (["db", "upgrade"], ["satupintu", "seed-demo"]):
        subprocess.run([str(BIN / "flask"), *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "run.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=open(instance / "server.log", "w"))
    failed = []
    try:
        wait_until_up(base, server)
        tokens = {role: request(f"{base}/api/v1/security/login",
                                {"username": role, "password": PASSWORD, "provider": "db"})["access_token"]
                  for role in ROLES if role}
        spec = instance / "openapi.json"
        spec.write_text(json.dumps(request(f"{base}/api/v1/_openapi", token=tokens["admin"])))
        for role in ROLES:
            print(f"== fuzzing the API as {role or 'anonymous'} ({SECONDS} s) ==", flush=True)
            command = [str(BIN / "schemathesis"), "run", str(spec), "--url", base, "--checks", "not_a_server_error",
                       "--max-time", str(SECONDS), "--continue-on-failure", "--warnings", "off",
                       "--generation-deterministic", "--suppress-health-check", "all"]
            if role:
                command += ["--header", f"Authorization: Bearer {tokens[role]}"]
            if subprocess.run(command, cwd=instance).returncode != 0:
                failed.append(role or "anonymous")
    finally:
        server.terminate()
        server.wait(timeout=30)
    if failed:
        print(f"server errors found as: {', '.join(failed)} (server log: {instance / 'server.log'})")
        return 1
    print("no operation answered a server error to any role")
    return 0


if __name__ == "__main__":
    sys.exit(main())
