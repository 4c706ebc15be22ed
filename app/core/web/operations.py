"""What operators and balancers ask of every node: /healthz, /readyz and /metrics."""
from __future__ import annotations

import hmac
from datetime import timezone
from functools import lru_cache

from flask import Blueprint, Response, current_app, jsonify, request
from sqlalchemy import func, select, text

from app.core.web import metrics

blueprint = Blueprint("operations", __name__)


@blueprint.get("/healthz")
def healthz():
    """The process answers (no database needed: a balancer must not drop a node for a database hiccup)."""
    return jsonify({"status": "ok"})


@lru_cache(maxsize=1)
def _migration_heads() -> frozenset[str]:
    from alembic.script import ScriptDirectory
    config = current_app.extensions["migrate"].migrate.get_config()
    return frozenset(ScriptDirectory.from_config(config).get_heads())


def _check_database() -> str:
    from app.extensions import db

    try:
        current = set(db.session.scalars(text("SELECT version_num FROM alembic_version")).all())
    except Exception as exc:
        db.session.rollback()
        return f"unreachable: {type(exc).__name__}"
    finally:
        db.session.remove()
    return "ok" if current == set(_migration_heads()) else f"migrations not at head ({', '.join(sorted(current))})"


def _check_redis() -> str:
    client = metrics.redis_client()
    if client is None:
        return "not configured"
    try:
        client.ping()
    except Exception as exc:
        return f"unreachable: {type(exc).__name__}"
    return "ok"


@blueprint.get("/readyz")
def readyz():
    """Ready to serve: the database answers at the migrations' head, and Redis answers if configured."""
    checks = {"database": _check_database(), "redis": _check_redis()}
    ready = checks["database"] == "ok" and checks["redis"] in ("ok", "not configured")
    return jsonify({"status": "ready" if ready else "not ready", **checks}), 200 if ready else 503


def _allowed() -> bool:
    token = current_app.config.get("SATUPINTU_METRICS_TOKEN")
    offered = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(offered.encode(), f"Bearer {token}".encode()):
        return True
    from flask_jwt_extended import verify_jwt_in_request

    from app.core.access.roles import ADMIN
    from app.core.access.scoping import current_user

    if offered.startswith("Bearer "):
        try:  # an admin's API token
            verify_jwt_in_request(optional=True)
        except Exception:
            return False
    user = current_user()
    return bool(user and getattr(user, "is_active", False) and any(r.name == ADMIN for r in user.roles))


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def _request_lines() -> list[str]:
    lines = ["# HELP satupintu_http_requests_total Requests answered, by method, route and status class.",
             "# TYPE satupintu_http_requests_total counter"]
    counts = metrics.read("requests")
    for series, count in sorted(counts.items()):
        method, route, status = series.split("|")
        lines.append(f'satupintu_http_requests_total{{method="{method}",route="{_label(route)}",'
                     f'status="{status}"}} {int(count)}')
    lines += ["# HELP satupintu_http_request_duration_seconds Time to answer, by method, route and status class.",
              "# TYPE satupintu_http_request_duration_seconds histogram"]
    sums, buckets = metrics.read("latency_sum"), metrics.read("latency_bucket")
    for series, count in sorted(counts.items()):
        method, route, status = series.split("|")
        labels = f'method="{method}",route="{_label(route)}",status="{status}"'
        for le in metrics.BUCKETS:
            lines.append(f'satupintu_http_request_duration_seconds_bucket{{{labels},le="{le}"}} '
                         f'{int(buckets.get(f"{series}|{le}", 0))}')
        lines.append(f'satupintu_http_request_duration_seconds_bucket{{{labels},le="+Inf"}} {int(count)}')
        lines.append(f"satupintu_http_request_duration_seconds_sum{{{labels}}} {sums.get(series, 0):.6f}")
        lines.append(f"satupintu_http_request_duration_seconds_count{{{labels}}} {int(count)}")
    return lines


def _database_lines() -> list[str]:
    """What the database knows, so every node reports the same: transitions, outbox, jobs."""
    from app.core.calendar.clock import utcnow
    from app.core.jobs.runner import OK, JobState
    from app.core.mail.outbox import PENDING, OutboxMessage
    from app.core.workflow.audit import AuditEvent
    from app.extensions import db

    lines = ["# HELP satupintu_transitions_total State changes recorded, by procedure and action.",
             "# TYPE satupintu_transitions_total counter"]
    rows = db.session.execute(select(AuditEvent.procedure, AuditEvent.action, func.count())
                              .where(AuditEvent.to_state.is_not(None))
                              .group_by(AuditEvent.procedure, AuditEvent.action)
                              .order_by(AuditEvent.procedure, AuditEvent.action)).all()
    lines += [f'satupintu_transitions_total{{procedure="{p}",action="{a}"}} {n}' for p, a, n in rows]
    depth, oldest = db.session.execute(select(func.count(), func.min(OutboxMessage.created_at))
                                       .where(OutboxMessage.status == PENDING)).one()
    age = (utcnow() - oldest).total_seconds() if oldest else 0
    lines += ["# HELP satupintu_outbox_pending Mails waiting to be sent.", "# TYPE satupintu_outbox_pending gauge",
              f"satupintu_outbox_pending {depth}",
              "# HELP satupintu_outbox_oldest_pending_seconds Age of the oldest mail waiting (0 when none).",
              "# TYPE satupintu_outbox_oldest_pending_seconds gauge",
              f"satupintu_outbox_oldest_pending_seconds {age:.0f}",
              "# HELP satupintu_job_last_success_timestamp_seconds When each periodic job last finished well.",
              "# TYPE satupintu_job_last_success_timestamp_seconds gauge"]
    for state in db.session.scalars(select(JobState).order_by(JobState.name)):
        if state.last_status == OK and state.finished_at is not None:
            stamp = state.finished_at.replace(tzinfo=timezone.utc).timestamp()
            lines.append(f'satupintu_job_last_success_timestamp_seconds{{job="{state.name}"}} {stamp:.0f}')
    return lines


@blueprint.get("/metrics")
def metrics_view():
    """Prometheus text format, for an admin or a scraper holding SATUPINTU_METRICS_TOKEN."""
    if not _allowed():
        return Response("forbidden\n", status=403, mimetype="text/plain")
    body = "\n".join(_request_lines() + _database_lines()) + "\n"
    return Response(body, mimetype="text/plain; version=0.0.4")


def register(app) -> None:
    app.register_blueprint(blueprint)
    metrics.register(app)
