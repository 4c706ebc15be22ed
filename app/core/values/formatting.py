"""Indonesian formatting of money, amounts in words, dates and times.

Pure functions; documents and templates both use them so that an invoice and
the screen it came from print the same figures.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from numbers import Integral

from app.core.calendar.clock import to_jakarta

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)

_UNITS = (
    "nol", "satu", "dua", "tiga", "empat", "lima",
    "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas",
)
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu"))
_LIMIT = 10**15  # "seribu triliun" is not how anyone writes an amount; refuse instead


def _as_int(amount: object) -> int:
    # Money is whole rupiah. A float would hide rounding, so only exact integers pass.
    if isinstance(amount, bool):
        raise TypeError("amount must be an integer, not bool")
    if isinstance(amount, Integral):
        return int(amount)
    if isinstance(amount, Decimal) and amount == amount.to_integral_value():
        return int(amount)
    raise TypeError(f"amount must be a whole number of rupiah, got {amount!r}")


def rupiah(amount: int) -> str:
    """1250000 -> "Rp1.250.000"; -5000 -> "-Rp5.000"."""
    value = _as_int(amount)
    digits = f"{abs(value):,}".replace(",", ".")
    return f"-Rp{digits}" if value < 0 else f"Rp{digits}"


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds:
        words += [_UNITS[hundreds], "ratus"]
    if rest < 12:
        if rest:
            words.append(_UNITS[rest])
    elif rest < 20:
        words += [_UNITS[rest - 10], "belas"]
    else:
        tens, ones = divmod(rest, 10)
        words += [_UNITS[tens], "puluh"]
        if ones:
            words.append(_UNITS[ones])
    return words


def number_words(n: int) -> str:
    """2024 -> "dua ribu dua puluh empat" (integers below 10^15)."""
    value = _as_int(n)
    if value < 0:
        return "minus " + number_words(-value)
    if value >= _LIMIT:
        raise ValueError(f"{value} is too large to write in words")
    if value == 0:
        return _UNITS[0]
    words: list[str] = []
    for scale, name in _SCALES:
        group, value = divmod(value, scale)
        if group == 1 and scale == 1000:
            words.append("seribu")  # but "satu juta", "satu miliar": Indonesian usage
        elif group:
            words += _below_thousand(group) + [name]
    words += _below_thousand(value)
    return " ".join(words)


def terbilang(amount: int) -> str:
    """1250000 -> "satu juta dua ratus lima puluh ribu rupiah"."""
    return number_words(amount) + " rupiah"


def indonesian_date(d: date) -> str:
    """date(2026, 11, 21) -> "21 November 2026"."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def indonesian_month(d: date) -> str:
    """date(2026, 11, 21) -> "November 2026"."""
    return f"{MONTHS[d.month - 1]} {d.year}"


def indonesian_datetime(dt: datetime) -> str:
    """A UTC datetime -> "21 November 2026 14.05 WIB" in Jakarta time.

    Naive values are taken as UTC, the way the app stores them (see app.core.calendar.clock).
    """
    local = to_jakarta(dt)
    return f"{indonesian_date(local)} {local:%H.%M} WIB"
