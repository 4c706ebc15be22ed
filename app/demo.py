"""`flask satupintu seed-demo`: the core's demo data, then each service's."""
from __future__ import annotations

from flask import current_app


def seed_demo() -> list[str]:
    from app.core.demo import seed_core
    from app.sales.demo import seed_sales

    logins = seed_core()
    seed_sales()
    password = current_app.config["DEMO_PASSWORD"]
    lines = ["Demo logins (password: %s):" % password]
    lines += [f"  {username:<18} {role:<17} {office}" for username, role, office in logins]
    return lines
