"""Errors as a person should meet them: a page in their language, or JSON for the API."""
from __future__ import annotations

import logging

import prison
from flask import jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import DataError
from werkzeug.exceptions import HTTPException

from app.extensions import appbuilder, db

log = logging.getLogger(__name__)


def _messages():
    return {
        400: _("The request could not be understood. Please check what you entered."),
        403: _("You do not have access to this page."),
        404: _("The page or record you are looking for does not exist, or is not yours to see."),
        405: _("This action is not allowed here."),
        409: _("This record has changed meanwhile. Reload the page and try again."),
        413: _("The uploaded file is too large."),
        422: _("Some of what you entered is not valid."),
        429: _("Too many attempts. Please wait a moment and try again."),
        500: _("Something went wrong on our side. Nothing you submitted was lost; please try again."),
    }


def _respond(code: int, description: str | None = None):
    message = _messages().get(code, description or "")
    if request.path.startswith("/api/"):
        return jsonify({"message": message}), code
    return render_template("satupintu/error.html", code=code, message=message,
                           appbuilder=appbuilder, base_template=appbuilder.base_template), code


def _takes_rison(view) -> bool:
    """Whether a view reads `q` as rison (FAB's @rison), not as plain words (e.g. a knowledge search)."""
    func = getattr(view, "__func__", view)
    while func is not None:
        code = getattr(func, "__code__", None)
        if code is not None and "rison.<locals>" in getattr(code, "co_qualname", ""):
            return True
        func = getattr(func, "__wrapped__", None)
    return False


def register_error_handlers(app) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if exc.code in (301, 302, 303, 307, 308):
            return exc
        return _respond(exc.code or 500, exc.description)

    @app.before_request
    def refuse_malformed_list_arguments():
        # FAB's list pages turn page_*/psize_* into numbers without a check; refuse, don't crash.
        for name, value in request.args.items():
            if name.startswith(("page_", "psize_")) and not (value.isdigit() and len(value) <= 6):
                return _respond(400)
        # FAB's REST `q` is a rison document; its parser raises more than the error FAB catches
        # (`q=-3.4e+38`: the "+" reads as a space and float() fails), so it is checked once here.
        if request.args.get("q") and _takes_rison(app.view_functions.get(request.endpoint)):
            try:
                prison.loads(request.args["q"])
            except Exception:  # noqa: BLE001 - any way the parser fails is the caller's bad input
                return _respond(400)
        return None

    def value_the_database_refused(exc: Exception):
        # A value from the URL that does not fit its column (text for a number, a number too
        # large): PostgreSQL says DataError, SQLite's driver OverflowError.
        db.session.rollback()
        return _respond(400)

    app.register_error_handler(DataError, value_the_database_refused)
    app.register_error_handler(OverflowError, value_the_database_refused)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        db.session.rollback()
        log.exception("unhandled error on %s", request.path)
        return _respond(500)
