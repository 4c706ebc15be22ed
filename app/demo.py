"""`flask satupintu seed-demo`: the core's demo data, then each service's."""
from __future__ import annotations

from flask import current_app


def seed_demo(living: bool = True) -> list[str]:
    """Returns the lines to print. `living`: each service also replays months of work (deterministic,
    through the engine, skipped when it is there already)."""
    from contextlib import nullcontext

    from app.core.reference.demo import seed_core
    from app.core.reference.living import without_work
    from app.registry import services

    logins = seed_core()
    extra = []
    with nullcontext() if living else without_work():
        for service in services():
            extra += service.seed_demo()
    password = current_app.config["DEMO_PASSWORD"]
    lines = ["Demo logins (password: %s):" % password]
    lines += [f"  {username:<18} {role:<17} {office}" for username, role, office in logins]
    return lines + extra
