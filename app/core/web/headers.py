"""Security headers on every response, and a Content-Security-Policy the pages meet.

Scripts run only from our own origin or with the per-response nonce (FAB's templates ask for it
through `csp_nonce()`); <style> elements likewise. Style *attributes* stay allowed (style-src-attr):
FAB's widgets and select2 write them, and they cannot run code. Pages are never framed, except views
marked `frameable` (the display board on a screen of the office's own site).
"""
from __future__ import annotations

import functools
import secrets

from flask import current_app, g, request

HSTS = "max-age=31536000; includeSubDomains"


def csp_nonce() -> str:
    if not hasattr(g, "_satupintu_nonce"):
        g._satupintu_nonce = secrets.token_urlsafe(16)
    return g._satupintu_nonce


def frameable(view):
    """The view's pages may be shown inside a frame on another site (e.g. a public display board)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        g._satupintu_frameable = True
        return view(*args, **kwargs)

    return wrapper


def _policy(nonce: str, framed: bool) -> str:
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
        f"style-src 'self' 'nonce-{nonce}'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors *" if framed else "frame-ancestors 'none'",
    ])


def _secure(response):
    headers = response.headers
    framed = getattr(g, "_satupintu_frameable", False)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("Content-Security-Policy", _policy(csp_nonce(), framed))
    if not framed:
        headers.setdefault("X-Frame-Options", "DENY")
    if current_app.config.get("PREFERRED_URL_SCHEME") == "https" or request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def register(app) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.after_request(_secure)
