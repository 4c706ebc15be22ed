"""Indonesian money, amount-in-words and date formatting."""

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from app.core.values.formatting import (
    indonesian_date,
    indonesian_datetime,
    number_words,
    rupiah,
    terbilang,
)


@pytest.mark.parametrize(
    "amount, words",
    [
        (0, "nol rupiah"),
        (1, "satu rupiah"),
        (11, "sebelas rupiah"),
        (100, "seratus rupiah"),
        (1_000, "seribu rupiah"),
        (1_000_000, "satu juta rupiah"),
        (1_250_000, "satu juta dua ratus lima puluh ribu rupiah"),
        (2_024, "dua ribu dua puluh empat rupiah"),
        (12_000_000, "dua belas juta rupiah"),
        (36_000_000, "tiga puluh enam juta rupiah"),
    ],
)
def test_terbilang(amount, words):
    assert terbilang(amount) == words


@pytest.mark.parametrize(
    "n, words",
    [
        (10, "sepuluh"),
        (19, "sembilan belas"),
        (21, "dua puluh satu"),
        (110, "seratus sepuluh"),
        (111, "seratus sebelas"),
        (1_100, "seribu seratus"),
        (101_000, "seratus satu ribu"),
        (1_001_000, "satu juta seribu"),
        (1_000_001, "satu juta satu"),
        (1_000_000_000, "satu miliar"),
        (2_500_000_000_000, "dua triliun lima ratus miliar"),
        (999_999_999_999_999,
         "sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan "
         "miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh "
         "sembilan ribu sembilan ratus sembilan puluh sembilan"),
        (-5_000, "minus lima ribu"),
    ],
)
def test_number_words(n, words):
    assert number_words(n) == words


def test_number_words_refuses_what_it_cannot_say():
    with pytest.raises(ValueError):
        number_words(10**15)
    with pytest.raises(TypeError):
        number_words(12.5)


@pytest.mark.parametrize(
    "amount, text",
    [
        (0, "Rp0"),
        (500, "Rp500"),
        (1_250_000, "Rp1.250.000"),
        (-75_000, "-Rp75.000"),
        (Decimal("36000000"), "Rp36.000.000"),
    ],
)
def test_rupiah(amount, text):
    assert rupiah(amount) == text


@pytest.mark.parametrize("amount", [1.5, Decimal("10.50"), "1000", True])
def test_rupiah_takes_whole_rupiah_only(amount):
    with pytest.raises(TypeError):
        rupiah(amount)


def test_indonesian_date():
    assert indonesian_date(date(2026, 11, 21)) == "21 November 2026"
    assert indonesian_date(date(2025, 1, 5)) == "5 Januari 2025"
    assert indonesian_date(date(2025, 8, 17)) == "17 Agustus 2025"


def test_indonesian_datetime_is_jakarta_time():
    moment = datetime(2026, 11, 21, 7, 5, tzinfo=timezone.utc)
    assert indonesian_datetime(moment) == "21 November 2026 14.05 WIB"
    # Naive values are the app's stored UTC.
    assert indonesian_datetime(datetime(2026, 11, 21, 7, 5)) == "21 November 2026 14.05 WIB"
    # Late UTC evening is already the next day, and year, in Jakarta.
    new_year = datetime(2026, 12, 31, 18, 30, tzinfo=timezone.utc)
    assert indonesian_datetime(new_year) == "1 Januari 2027 01.30 WIB"
