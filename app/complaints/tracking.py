"""Tracking codes: 10 characters of Crockford base32 (50 random bits from `secrets`), short enough to
read over the phone, too many to guess; typed back forgivingly (case, dashes, spaces, O/0, I/L/1)."""
from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 10
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(raw) -> str | None:
    """The code a person typed, in its stored form; None when it cannot be a code at all."""
    if not isinstance(raw, str) or len(raw) > 40:
        return None
    code = "".join(raw.split()).replace("-", "").upper().translate(_READ_AS)
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def shown(code: str) -> str:
    """As printed for people: two groups of five (7K3QD-9ZP2M)."""
    return f"{code[:5]}-{code[5:]}"
