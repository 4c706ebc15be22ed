"""Payment codes: the SIMPONI billing code (kode billing) and the NTPN, and who supplies codes.

The office creates billing codes in SIMPONI, outside SatuPintu. The officer types the code in,
or a provider named by SATUPINTU_BILLING_PROVIDER supplies it: "demo" makes well-formed fake
codes, "package.module:Class" loads your own (an object with `billing_code(request) -> str`).
"""
from __future__ import annotations

import importlib
import re
import secrets
from datetime import date
from typing import Protocol

from flask import current_app
from flask_babel import gettext as _

from app.core.calendar.workdays import jakarta_today
from app.core.values.validation import InvalidValue

DEFAULT_VALID_DAYS = 7  # as SIMPONI commonly issues them
MAX_VALID_DAYS = 30


def clean_billing_code(raw) -> str:
    code = re.sub(r"[\s.\-]", "", str(raw or ""))
    if not re.fullmatch(r"\d{15}", code):
        raise InvalidValue(_("A billing code has exactly 15 digits."))
    return code


def clean_ntpn(raw) -> str:
    ntpn = re.sub(r"[\s\-]", "", str(raw or "")).upper()
    if not re.fullmatch(r"[0-9A-Z]{16}", ntpn):
        raise InvalidValue(_("An NTPN has exactly 16 letters and digits."))
    return ntpn


def clean_valid_days(raw) -> int:
    try:
        days = int(str(raw).strip())
    except (TypeError, ValueError):
        raise InvalidValue(_("Enter a whole number of days."))
    if not 1 <= days <= MAX_VALID_DAYS:
        raise InvalidValue(_("The validity must be between 1 and %(max)d days.", max=MAX_VALID_DAYS))
    return days


def clean_date(raw) -> date:
    if isinstance(raw, date):
        value = raw
    else:
        try:
            value = date.fromisoformat(str(raw).strip())
        except ValueError:
            raise InvalidValue(_("Enter a date as YYYY-MM-DD."))
    if value > jakarta_today():
        raise InvalidValue(_("The date cannot be in the future."))
    return value


class BillingProvider(Protocol):
    def billing_code(self, request) -> str: ...


class DemoBillingProvider:
    """Well-formed fake codes (15 digits) for demonstrations and tests; SIMPONI never sees them."""

    def billing_code(self, request) -> str:
        return "8" + f"{request.office.code}"[:4].rjust(4, "0") + "".join(secrets.choice("0123456789")
                                                                        for _ in range(10))


def billing_provider() -> BillingProvider | None:
    name = str(current_app.config.get("SATUPINTU_BILLING_PROVIDER") or "").strip()
    if not name or name == "none":
        return None
    if name == "demo":
        return DemoBillingProvider()
    module_name, _sep, class_name = name.partition(":")
    return getattr(importlib.import_module(module_name), class_name)()
