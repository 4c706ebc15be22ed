"""Working-day calendar tests.

The expected dates are copied from the SKB 3 Menteri on hari libur nasional and
cuti bersama for 2025 and 2026, so a reader can check them against the decrees.
"""

from datetime import date, datetime, timedelta, timezone

import pytest

from app.core.calendar.workdays import (
    Overrides,
    WorkingCalendar,
    jakarta_today,
    national_days_off,
    to_jakarta_date,
)

CAL = WorkingCalendar()

WEEKDAYS_OFF_2025 = [
    date(2025, 1, 1),  # Tahun Baru Masehi
    date(2025, 1, 27),  # Isra Mikraj
    date(2025, 1, 28),  # cuti bersama Imlek
    date(2025, 1, 29),  # Imlek
    date(2025, 3, 28),  # cuti bersama Nyepi (Nyepi itself is Saturday 29 March)
    date(2025, 3, 31),  # Idul Fitri 1446 H
    date(2025, 4, 1),  # Idul Fitri 1446 H, second day
    date(2025, 4, 2),  # cuti bersama Idul Fitri
    date(2025, 4, 3),  # cuti bersama Idul Fitri
    date(2025, 4, 4),  # cuti bersama Idul Fitri
    date(2025, 4, 7),  # cuti bersama Idul Fitri
    date(2025, 4, 18),  # Wafat Yesus Kristus
    date(2025, 5, 1),  # Hari Buruh
    date(2025, 5, 12),  # Waisak
    date(2025, 5, 13),  # cuti bersama Waisak
    date(2025, 5, 29),  # Kenaikan Yesus Kristus
    date(2025, 5, 30),  # cuti bersama Kenaikan
    date(2025, 6, 6),  # Idul Adha
    date(2025, 6, 9),  # cuti bersama Idul Adha
    date(2025, 6, 27),  # Tahun Baru Islam
    date(2025, 8, 18),  # cuti bersama HUT RI (added by the August 2025 amendment)
    date(2025, 9, 5),  # Maulid Nabi
    date(2025, 12, 25),  # Natal
    date(2025, 12, 26),  # cuti bersama Natal
]

WEEKDAYS_OFF_2026 = [
    date(2026, 1, 1),  # Tahun Baru Masehi
    date(2026, 1, 16),  # Isra Mikraj
    date(2026, 2, 16),  # cuti bersama Imlek
    date(2026, 2, 17),  # Imlek
    date(2026, 3, 18),  # cuti bersama Nyepi
    date(2026, 3, 19),  # Nyepi
    date(2026, 3, 20),  # cuti bersama Idul Fitri
    # Idul Fitri 1447 H falls on Saturday 21 and Sunday 22 March.
    date(2026, 3, 23),  # cuti bersama Idul Fitri
    date(2026, 3, 24),  # cuti bersama Idul Fitri
    date(2026, 4, 3),  # Wafat Yesus Kristus
    date(2026, 5, 1),  # Hari Buruh
    date(2026, 5, 14),  # Kenaikan Yesus Kristus
    date(2026, 5, 15),  # cuti bersama Kenaikan
    date(2026, 5, 27),  # Idul Adha
    date(2026, 5, 28),  # cuti bersama Idul Adha
    # Waisak is Sunday 31 May.
    date(2026, 6, 1),  # Hari Lahir Pancasila
    date(2026, 6, 16),  # Tahun Baru Islam
    date(2026, 8, 17),  # HUT RI
    date(2026, 8, 25),  # Maulid Nabi
    date(2026, 12, 24),  # cuti bersama Natal (26 December is a Saturday)
    date(2026, 12, 25),  # Natal
]


@pytest.mark.parametrize(
    ("year", "expected"), [(2025, WEEKDAYS_OFF_2025), (2026, WEEKDAYS_OFF_2026)]
)
def test_weekdays_off_match_the_decree(year, expected):
    assert list(CAL.days_off(year)) == expected


# --- Lebaran and Christmas weeks -------------------------------------------


def test_lebaran_2025_week_is_off():
    # Fri 28 Mar .. Mon 7 Apr 2025: cuti bersama, Nyepi, Idul Fitri, weekends.
    for offset in range(11):
        assert not CAL.is_working_day(date(2025, 3, 28) + timedelta(days=offset))
    assert CAL.is_working_day(date(2025, 3, 27))
    assert CAL.is_working_day(date(2025, 4, 8))


def test_lebaran_2025_names():
    off = CAL.days_off(2025)
    assert off[date(2025, 3, 31)] == "Hari Raya Idul Fitri"
    assert off[date(2025, 4, 1)] == "Hari kedua dari Hari Raya Idul Fitri"
    for day in (2, 3, 4, 7):
        assert off[date(2025, 4, day)] == "Cuti Bersama Hari Raya Idul Fitri"


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        (date(2025, 3, 27), 1, date(2025, 4, 8)),
        (date(2025, 3, 26), 2, date(2025, 4, 8)),
        (date(2025, 3, 24), 5, date(2025, 4, 9)),
        # A request filed during the holiday starts counting after it.
        (date(2025, 4, 1), 1, date(2025, 4, 8)),
    ],
)
def test_due_date_jumps_over_lebaran_2025(start, n, due):
    assert CAL.add_working_days(start, n) == due


def test_lebaran_2026_week_is_off():
    # Wed 18 .. Tue 24 Mar 2026: cuti Nyepi, Nyepi, cuti, Idul Fitri (weekend), cuti.
    for offset in range(7):
        assert not CAL.is_working_day(date(2026, 3, 18) + timedelta(days=offset))
    off = national_days_off(2026)
    assert off[date(2026, 3, 21)] == "Hari Raya Idul Fitri"
    assert off[date(2026, 3, 22)] == "Hari kedua dari Hari Raya Idul Fitri"
    assert CAL.add_working_days(date(2026, 3, 17), 1) == date(2026, 3, 25)


def test_christmas_2025():
    off = CAL.days_off(2025)
    assert off[date(2025, 12, 25)] == "Hari Raya Natal"
    assert off[date(2025, 12, 26)] == "Cuti Bersama Hari Raya Natal"
    assert CAL.add_working_days(date(2025, 12, 24), 1) == date(2025, 12, 29)
    # Crosses into 2026 and skips Tahun Baru on Thu 1 Jan.
    assert CAL.add_working_days(date(2025, 12, 24), 4) == date(2026, 1, 2)


def test_christmas_2026():
    off = CAL.days_off(2026)
    assert off[date(2026, 12, 24)] == "Cuti Bersama Hari Raya Natal"
    assert off[date(2026, 12, 25)] == "Hari Raya Natal"
    assert CAL.add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)


# --- counting rules ----------------------------------------------------------


def test_weekend_is_skipped():
    assert CAL.add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 12)  # Fri -> Mon
    assert CAL.add_working_days(date(2026, 1, 9), 5) == date(2026, 1, 19)  # Isra Mikraj Fri 16


def test_start_is_not_counted():
    assert CAL.add_working_days(date(2026, 1, 12), 1) == date(2026, 1, 13)
    assert CAL.add_working_days(date(2026, 1, 10), 1) == date(2026, 1, 12)  # from a Saturday


def test_zero_returns_start_even_on_a_holiday():
    assert CAL.add_working_days(date(2025, 12, 25), 0) == date(2025, 12, 25)


def test_negative_n_is_rejected():
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2026, 1, 12), -1)


def test_working_days_between():
    assert CAL.working_days_between(date(2026, 1, 12), date(2026, 1, 12)) == 0
    assert CAL.working_days_between(date(2026, 1, 9), date(2026, 1, 12)) == 1
    assert CAL.working_days_between(date(2025, 3, 27), date(2025, 4, 8)) == 1
    assert CAL.working_days_between(date(2025, 4, 8), date(2025, 3, 27)) == -1


def test_between_inverts_add():
    starts = [date(2025, 1, 1) + timedelta(days=k) for k in range(0, 730, 5)]
    for start in starts:
        for n in (0, 1, 2, 3, 5, 8, 14, 30):
            due = CAL.add_working_days(start, n)
            assert CAL.working_days_between(start, due) == n, (start, n)
            assert CAL.working_days_between(due, start) == -n, (start, n)


# --- overrides ---------------------------------------------------------------


def test_override_day_off_delays_due_date():
    local = WorkingCalendar(Overrides(days_off={date(2026, 1, 13): "Hari Jadi Kabupaten"}))
    assert CAL.add_working_days(date(2026, 1, 12), 3) == date(2026, 1, 15)
    assert local.add_working_days(date(2026, 1, 12), 3) == date(2026, 1, 19)  # Fri 16 is off
    assert local.add_working_days(date(2026, 1, 12), 1) == date(2026, 1, 14)
    assert local.days_off(2026)[date(2026, 1, 13)] == "Hari Jadi Kabupaten"


def test_override_working_saturday_counts():
    saturday = date(2026, 1, 10)
    local = WorkingCalendar(Overrides(working_days=frozenset({saturday})))
    assert local.is_working_day(saturday)
    assert local.add_working_days(date(2026, 1, 9), 1) == saturday
    assert local.working_days_between(date(2026, 1, 9), date(2026, 1, 12)) == 2


def test_override_working_day_cancels_cuti_bersama():
    local = WorkingCalendar(Overrides(working_days=frozenset({date(2026, 12, 24)})))
    assert date(2026, 12, 24) not in local.days_off(2026)
    assert local.add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 24)


def test_overrides_are_snapshotted():
    extra = {date(2026, 1, 13): "Libur lokal"}
    overrides = Overrides(days_off=extra)
    extra[date(2026, 1, 14)] = "added later"
    assert list(overrides.days_off) == [date(2026, 1, 13)]
    assert hash(overrides) == hash(Overrides(days_off={date(2026, 1, 13): "Libur lokal"}))


# --- days_off listing ---------------------------------------------------------


def test_days_off_2026_in_indonesian_without_weekends():
    off = CAL.days_off(2026)
    assert off[date(2026, 1, 1)] == "Tahun Baru Masehi"
    assert off[date(2026, 8, 17)] == "Hari Kemerdekaan Republik Indonesia"
    assert off[date(2026, 3, 20)] == "Cuti Bersama Hari Raya Idul Fitri"
    assert date(2026, 3, 21) not in off  # Idul Fitri on a Saturday
    assert all(d.weekday() < 5 for d in off)
    assert list(off) == sorted(off)


def test_national_lookup_is_cached():
    assert national_days_off(2026) is national_days_off(2026)


# --- Jakarta dates --------------------------------------------------------------


def test_jakarta_today_after_17_utc_is_next_day():
    assert jakarta_today(datetime(2026, 3, 1, 18, 0, tzinfo=timezone.utc)) == date(2026, 3, 2)
    assert jakarta_today(datetime(2026, 3, 1, 16, 59, tzinfo=timezone.utc)) == date(2026, 3, 1)


def test_jakarta_today_defaults_to_now():
    utc_today = datetime.now(timezone.utc).date()
    assert jakarta_today() in (utc_today, utc_today + timedelta(days=1))


def test_to_jakarta_date():
    assert to_jakarta_date(datetime(2026, 3, 1, 18, 0)) == date(2026, 3, 2)  # naive = UTC
    tokyo = timezone(timedelta(hours=9))
    assert to_jakarta_date(datetime(2026, 3, 2, 1, 0, tzinfo=tokyo)) == date(2026, 3, 1)
