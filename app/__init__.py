"""SatuPintu: the back-office of BPS's integrated statistical service desk (PST)."""
from __future__ import annotations

import logging

from flask import Flask

# Sets the constraint naming convention, which must precede the first model (see app.extensions).
from app import extensions  # noqa: F401
from app.registry import load_schema
from config import BASE_DIR, load_config

# The whole schema, loaded with the package: any import of a model then finds every class
# its relationships name, whatever was imported first.
load_schema()

log = logging.getLogger(__name__)


def create_app(overrides: dict | None = None) -> Flask:
    # FAB warns about its own role/group screens' filters on every start; nothing to act on.
    logging.getLogger("flask_appbuilder.models.filters").setLevel(logging.ERROR)
    app = Flask(__name__, instance_relative_config=False)
    app.config.update(load_config())
    if overrides:
        app.config.update(overrides)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # SQLite has one writer at a time: a writer waits for the lock (default 5 s) instead of
        # failing when many people act at once (queue peaks at opening hours).
        options = app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
        options.setdefault("connect_args", {}).setdefault("timeout", 30)

    from app.core.access.security import staff_password_complexity

    app.config.setdefault("FAB_PASSWORD_COMPLEXITY_ENABLED", True)
    app.config["FAB_PASSWORD_COMPLEXITY_ENABLED"] = True
    app.config["FAB_PASSWORD_COMPLEXITY_VALIDATOR"] = staff_password_complexity

    from app.core.access.roles import matrix
    from app.extensions import appbuilder, db, mail, migrate

    matrix.reset()
    app.config["FAB_ROLES"] = matrix.permissions
    db.init_app(app)
    mail.init_app(app)
    migrate.init_app(app, db, directory=str(BASE_DIR / "migrations"), compare_type=True)
    with app.app_context():
        appbuilder.init_app(app, db.session)
        from app.registry import register_all

        register_all(appbuilder)
    _protect_forms(app)
    from app.cli import register_cli
    from app.core.web.errors import register_error_handlers
    from app.core.web.templating import register_template_helpers

    register_cli(app)
    register_error_handlers(app)
    register_template_helpers(app)
    return app


def _protect_forms(app) -> None:
    """CSRF on every form post; the JWT-only APIs and the read-only verification are exempt."""
    from flask_appbuilder.api import BaseApi
    from flask_wtf.csrf import CSRFProtect

    from app.extensions import appbuilder

    csrf = CSRFProtect(app)
    for view in appbuilder.baseviews:
        if isinstance(view, BaseApi) or type(view).__name__ == "VerifyView":
            csrf.exempt(view.blueprint)
