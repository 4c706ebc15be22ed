"""Where the tests run: the checkout, the database they target, the demo password."""
from __future__ import annotations

import os
import socket
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
# Unset: every session builds its own SQLite file; a PostgreSQL URL runs the suite there.
TEST_DATABASE_URL = os.environ.get("SATUPINTU_TEST_DATABASE_URL")
PASSWORD = "SatuPintu-Demo-1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
