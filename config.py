"""SatuPintu configuration: every setting comes from the environment, with safe defaults.

The README's configuration table lists each variable read here.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask_appbuilder.security.manager import AUTH_DB

BASE_DIR = Path(__file__).resolve().parent


def _flag(env: dict, name: str, default: bool = False) -> bool:
    value = env.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def database_url(raw: str) -> str:
    # psycopg 3 is the driver we ship; plain postgres URLs would pick psycopg2.
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix):]
    return raw


def _secret_key(env: dict, instance_dir: Path) -> str:
    if env.get("SECRET_KEY"):
        return env["SECRET_KEY"]
    # Generated once per installation so no key ever lives in git.
    key_file = instance_dir / "secret_key"
    if not key_file.exists():
        instance_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def load_config(env: dict | None = None) -> dict:
    env = dict(os.environ if env is None else env)
    instance_dir = Path(env.get("SATUPINTU_INSTANCE_DIR", BASE_DIR / "instance"))
    https = _flag(env, "SATUPINTU_HTTPS")
    max_upload_mb = int(env.get("SATUPINTU_MAX_UPLOAD_MB", "20"))
    return {
        "APP_NAME": "SatuPintu",
        "INSTANCE_DIR": str(instance_dir),
        "SECRET_KEY": _secret_key(env, instance_dir),
        "SQLALCHEMY_DATABASE_URI": database_url(
            env.get("SATUPINTU_DATABASE_URL") or f"sqlite:///{instance_dir / 'satupintu.db'}"
        ),
        "SQLALCHEMY_TRACK_MODIFICATIONS": False,
        # Migrations own the schema; FAB must never create tables behind Alembic's back.
        "FAB_CREATE_DB": False,
        "FAB_UPDATE_PERMS": False,
        # FAB's users/roles/permissions REST API: SatuPintu's admin keeps them on the screens, and no
        # client needs it (it also answered bad input with 500s). The JWT login API stays.
        "FAB_ADD_SECURITY_API": False,
        "FAB_API_SWAGGER_UI": False,
        "FAB_SECURITY_MANAGER_CLASS": "app.core.access.security.SatuPintuSecurityManager",
        "FAB_INDEX_VIEW": "app.core.web.home.HomeView",
        "FAB_BASE_TEMPLATE": "satupintu/base.html",
        "AUTH_TYPE": AUTH_DB,
        "AUTH_ROLE_ADMIN": "Admin",
        "AUTH_ROLE_PUBLIC": "Public",
        "AUTH_USER_REGISTRATION": True,
        "AUTH_USER_REGISTRATION_ROLE": "Applicant",
        "RECAPTCHA_ENABLED": False,
        "AUTH_RATE_LIMITED": True,
        "AUTH_RATE_LIMIT": env.get("SATUPINTU_LOGIN_RATE_LIMIT", "10 per 20 second"),
        "RATELIMIT_ENABLED": _flag(env, "SATUPINTU_RATELIMIT_ENABLED", True),
        # Shared by every node: login and kiosk limits, request metrics. Without it, one process only.
        "SATUPINTU_REDIS_URL": env.get("SATUPINTU_REDIS_URL") or None,
        # Keys are prefixed, so several deployments (or test runs) can share one Redis.
        "SATUPINTU_REDIS_PREFIX": env.get("SATUPINTU_REDIS_PREFIX", "satupintu"),
        "RATELIMIT_KEY_PREFIX": env.get("SATUPINTU_REDIS_PREFIX", "satupintu"),
        "RATELIMIT_STORAGE_URI": env.get("SATUPINTU_RATELIMIT_STORAGE_URI") or env.get("SATUPINTU_REDIS_URL")
        or "memory://",
        # How many proxies (nginx) stand in front of the app and may be believed about the client.
        "SATUPINTU_TRUSTED_PROXIES": int(env.get("SATUPINTU_TRUSTED_PROXIES", "0")),
        # Redis away: limits fall back to each process's memory instead of refusing every login.
        "RATELIMIT_SWALLOW_ERRORS": True,
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "SATUPINTU_METRICS_TOKEN": env.get("SATUPINTU_METRICS_TOKEN") or None,
        # The public complaint page and API, per address; and how fast a person can fill the form at least.
        "SATUPINTU_COMPLAINT_RATE_LIMIT": env.get("SATUPINTU_COMPLAINT_RATE_LIMIT", "5 per hour;20 per day"),
        "SATUPINTU_COMPLAINT_MIN_FILL_SECONDS": int(env.get("SATUPINTU_COMPLAINT_MIN_FILL_SECONDS", "3")),
        "FAB_PASSWORD_COMPLEXITY_ENABLED": False,  # our own validator applies to staff only
        "WTF_CSRF_ENABLED": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": https,
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        # Links in mails, PDFs and QR codes: the address `make run` serves (its PORT) unless set.
        "SERVER_BASE_URL": env.get("SATUPINTU_BASE_URL") or f"http://127.0.0.1:{env.get('PORT') or '8080'}",
        "SATUPINTU_STORAGE": env.get("SATUPINTU_STORAGE", "local"),
        "UPLOAD_FOLDER": env.get("SATUPINTU_UPLOAD_DIR", str(instance_dir / "uploads")),
        "SATUPINTU_MAX_UPLOAD_BYTES": max_upload_mb * 1024 * 1024,
        # A little headroom over the per-file limit so the form is parsed and answered with a message.
        "MAX_CONTENT_LENGTH": (max_upload_mb + 5) * 1024 * 1024,
        "MAIL_SERVER": env.get("MAIL_SERVER", "localhost"),
        "MAIL_PORT": int(env.get("MAIL_PORT", "25")),
        "MAIL_USE_TLS": _flag(env, "MAIL_USE_TLS"),
        "MAIL_USE_SSL": _flag(env, "MAIL_USE_SSL"),
        "MAIL_USERNAME": env.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD") or None,
        "MAIL_TIMEOUT": float(env.get("SATUPINTU_MAIL_TIMEOUT", "10")),
        "MAIL_DEFAULT_SENDER": env.get("MAIL_DEFAULT_SENDER", "SatuPintu <pst@localhost>"),
        "SATUPINTU_SEND_MAIL_AFTER_COMMIT": _flag(env, "SATUPINTU_SEND_MAIL_AFTER_COMMIT", True),
        "BABEL_DEFAULT_LOCALE": "id",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Jakarta",
        "BABEL_TRANSLATION_DIRECTORIES": str(BASE_DIR / "translations"),
        "LANGUAGES": {
            "id": {"flag": "id", "name": "Bahasa Indonesia"},
            "en": {"flag": "gb", "name": "English"},
        },
        # Sales: where billing codes come from ("" = the officer types the SIMPONI code; "demo" = fake
        # but well-formed codes, for demos only) and when a delivered request completes by itself.
        "SATUPINTU_BILLING_PROVIDER": env.get("SATUPINTU_BILLING_PROVIDER", ""),
        "SATUPINTU_SALES_AUTOCOMPLETE_DAYS": int(env.get("SATUPINTU_SALES_AUTOCOMPLETE_DAYS", "5")),
        # Front desk: queue tickets one address (a kiosk, a phone) may take.
        "SATUPINTU_KIOSK_RATE_LIMIT": env.get("SATUPINTU_KIOSK_RATE_LIMIT", "30 per minute"),
        "DEMO_PASSWORD": env.get("SATUPINTU_DEMO_PASSWORD", "SatuPintu-Demo-1"),
        "FAB_ROLES": None,  # filled from app.core.access.roles by create_app
    }
