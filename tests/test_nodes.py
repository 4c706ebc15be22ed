"""Two app nodes sharing Redis count as one: the login rate limit and the request metrics."""
from __future__ import annotations

import uuid

import pytest

from tests.support.nodes import call, call_json, node, node_env

REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_or_skip():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    return client


def failed_logins(bases: list[str], attempts: int) -> list[int]:
    """Wrong passwords from one client, alternating between the nodes: the status of each answer."""
    return [call_json(bases[n % len(bases)], "POST", "/api/v1/security/login",
                      {"username": "officer-3324", "password": "wrong-password", "provider": "db"})[0]
            for n in range(attempts)]


def test_the_login_limit_is_counted_across_two_nodes_sharing_redis(app):
    client = redis_or_skip()
    prefix = f"satupintu-test-{uuid.uuid4().hex[:8]}"
    env = node_env(app.config["SQLALCHEMY_DATABASE_URI"], app.config["UPLOAD_FOLDER"],
                   SATUPINTU_REDIS_URL=REDIS_URL, SATUPINTU_REDIS_PREFIX=prefix,
                   SATUPINTU_LOGIN_RATE_LIMIT="4 per 1 minute", SATUPINTU_METRICS_TOKEN="scraper-token-1")
    try:
        with node(env) as first, node(env) as second:
            answers = failed_logins([first, second], 8)
            assert answers[:4] == [401] * 4 and answers[4:] == [429] * 4, answers
            # The right password is refused too while the client is over its limit, on either node.
            assert call_json(second, "POST", "/api/v1/security/login",
                             {"username": "officer-3324", "password": "SatuPintu-Demo-1", "provider": "db"})[0] == 429

            for _ in range(5):
                assert call(first, "GET", "/healthz")[0] == 200
            status, body, _ = call(second, "GET", "/metrics", headers={"Authorization": "Bearer scraper-token-1"})
            assert status == 200
            line = next(row for row in body.decode().splitlines()
                        if row.startswith('satupintu_http_requests_total{method="GET",route="/healthz"'))
            assert int(line.rsplit(" ", 1)[1]) >= 5  # counted on the first node, read on the second
    finally:
        for key in client.scan_iter(f"{prefix}*"):
            client.delete(key)


def test_without_redis_each_node_counts_alone(app):
    """Why Redis is needed: with each node's own memory a client gets the limit once per node."""
    env = node_env(app.config["SQLALCHEMY_DATABASE_URI"], app.config["UPLOAD_FOLDER"],
                   SATUPINTU_LOGIN_RATE_LIMIT="4 per 1 minute")
    with node(env) as first, node(env) as second:
        answers = failed_logins([first, second], 8)
    assert answers == [401] * 8, answers
