"""App nodes as separate processes (gunicorn with the repository's config), for tests that need more
than the one in-process app: two nodes sharing Redis, a restored database served afresh."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

from tests.support.settings import PASSWORD, ROOT, free_port


def node_env(database_url: str, upload_dir: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SATUPINTU_")}
    env.update({"SATUPINTU_DATABASE_URL": database_url, "SATUPINTU_UPLOAD_DIR": upload_dir,
                "SATUPINTU_DEMO_PASSWORD": PASSWORD, "SATUPINTU_INSTANCE_DIR": str(Path(upload_dir).parent),
                "FLASK_APP": "run.py", "PYTHONPATH": str(ROOT), "SATUPINTU_WORKERS": "1",
                "SATUPINTU_THREADS": "4", "SATUPINTU_ACCESS_LOG": "/dev/null"})
    env.update(extra)
    return env


def flask_command(env: dict, *args: str) -> str:
    flask = Path(sys.executable).with_name("flask")
    result = subprocess.run([str(flask), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@contextmanager
def node(env: dict):
    """A gunicorn node on a free loopback port; yields its base URL; stopped (SIGTERM) afterwards."""
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen([str(gunicorn), "-c", "gunicorn.conf.py", "run:app"], cwd=ROOT,
                               env={**env, "SATUPINTU_BIND": f"127.0.0.1:{port}"},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if call(base, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(f"node did not start:\n{process.communicate()[0][-3000:]}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def call(base: str, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
         timeout: float = 30) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(base + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


def call_json(base: str, method: str, path: str, payload=None, headers: dict | None = None):
    status, body, _ = call(base, method, path, json.dumps(payload).encode() if payload is not None else None,
                           {"Content-Type": "application/json", **(headers or {})})
    return status, json.loads(body) if body else None


def multipart(field: str, filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"
