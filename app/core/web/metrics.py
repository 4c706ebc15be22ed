"""Request counts and latencies for /metrics, counted where every node can add to them.

With Redis configured (SATUPINTU_REDIS_URL) the counters are Redis hashes every process and node
increments, so one scrape through the balancer sees the whole cluster; without it, this process's
own counters (one machine, one process). Series are labelled by route (the URL rule, never the raw
path), method and status class, so their number stays bounded.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict

from flask import current_app, g, request

log = logging.getLogger(__name__)

BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
_redis_clients: dict[str, object] = {}
_client_lock = threading.Lock()
# After Redis fails, counting stays local this long: an outage must not add a timeout to every request.
PAUSE_AFTER_FAILURE = 30.0
_redis_paused_until = 0.0


def redis_client(url: str | None = None):
    """One shared client per URL (it pools its connections); None when no Redis is configured."""
    url = url or current_app.config.get("SATUPINTU_REDIS_URL")
    if not url:
        return None
    with _client_lock:
        if url not in _redis_clients:
            import redis

            _redis_clients[url] = redis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)
        return _redis_clients[url]


class LocalCounters:
    def __init__(self):
        self._lock = threading.Lock()
        self.hashes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))

    def add(self, increments: list[tuple[str, str, float]]) -> None:
        with self._lock:
            for name, field, amount in increments:
                self.hashes[name][field] += amount

    def read(self, name: str) -> dict[str, float]:
        with self._lock:
            return dict(self.hashes.get(name, {}))


_local = LocalCounters()


def _key(name: str) -> str:
    return f"{current_app.config.get('SATUPINTU_REDIS_PREFIX', 'satupintu')}:metrics:{name}"


def _add(increments: list[tuple[str, str, float]]) -> None:
    global _redis_paused_until
    client = redis_client()
    if client is None or time.monotonic() < _redis_paused_until:
        _local.add(increments)
        return
    try:
        pipe = client.pipeline(transaction=False)
        for name, field, amount in increments:
            pipe.hincrbyfloat(_key(name), field, amount)
        pipe.execute()
    except Exception as exc:  # counting must never fail (or slow) a request
        _redis_paused_until = time.monotonic() + PAUSE_AFTER_FAILURE
        _local.add(increments)
        log.warning("metrics counted locally for %ss, Redis failed: %s", PAUSE_AFTER_FAILURE, exc)


def read(name: str) -> dict[str, float]:
    client = redis_client()
    if client is None:
        return _local.read(name)
    return {k.decode(): float(v) for k, v in client.hgetall(_key(name)).items()}


def _started():
    g._satupintu_started = time.perf_counter()


def _count(response):
    started = getattr(g, "_satupintu_started", None)
    if started is None:
        return response
    elapsed = time.perf_counter() - started
    route = request.url_rule.rule if request.url_rule is not None else "(unmatched)"
    series = f"{request.method}|{route}|{response.status_code // 100}xx"
    increments = [("requests", series, 1), ("latency_sum", series, elapsed)]
    increments += [("latency_bucket", f"{series}|{le}", 1) for le in BUCKETS if elapsed <= le]
    _add(increments)
    return response


def register(app) -> None:
    app.before_request(_started)
    app.after_request(_count)
