"""Field checks shared by forms, the REST API and the CLI, with messages in the user's language."""
from __future__ import annotations

import re

from flask_babel import gettext as _


class InvalidValue(ValueError):
    """A value a person typed that we refuse, with a message they can act on."""


def normalise_npwp(raw: str | None) -> str:
    """NPWP: 15 digits (old format, often typed with dots and dashes) or 16 (NIK-based)."""
    digits = re.sub(r"[\s.\-]", "", raw or "")
    if not digits.isdigit() or len(digits) not in (15, 16):
        raise InvalidValue(
            _("The NPWP must have 15 or 16 digits (for example 01.234.567.8-901.000).")
        )
    return digits


def check_staff_password(password: str) -> None:
    """Staff accounts guard public money and signatures: ask for a password that resists guessing."""
    if (
        len(password or "") < 10
        or not re.search(r"[a-z]", password)
        or not re.search(r"[A-Z]", password)
        or not re.search(r"\d", password)
        or not re.search(r"[^A-Za-z0-9]", password)
    ):
        raise InvalidValue(
            _(
                "The password must have at least 10 characters with upper-case and lower-case letters, digits and symbols."  # noqa: E501 (one msgid)
            )
        )


def check_applicant_password(password: str) -> None:
    if len(password or "") < 8:
        raise InvalidValue(_("The password must have at least 8 characters."))


# The largest id an Integer column holds: a larger number is no row's id, and the database would
# fail on it rather than find nothing.
MAX_ID = 2**31 - 1


def is_choice(raw, choices) -> bool:
    """Whether input of any JSON shape is one of `choices`' codes (a list or an object never is; a
    membership test of those would raise instead of answering)."""
    return isinstance(raw, str) and raw in choices


def parse_id(raw) -> int | None:
    """A row id from input (URL, form, JSON, query string), or None when it cannot be one: text,
    a fraction, a list, zero, or a number no row can have."""
    if isinstance(raw, bool):
        return None
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        return None
    return value if 0 < value <= MAX_ID else None
