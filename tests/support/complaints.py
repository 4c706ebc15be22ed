"""Complaints as tests file and find them: a span of working days across a national holiday, and a
sample complaint with an address for the contract test's mails."""
from __future__ import annotations

from datetime import timedelta

import pytest

from app.core.calendar.workdays import jakarta_today, national_days_off


def holiday_span():
    """A working day just before a weekday national holiday, within the last year and at least 10 days ago,
    and the day three working days later counted by hand (skipping weekends and the holidays)."""
    today = jakarta_today()
    days_off = {**national_days_off(today.year - 1), **national_days_off(today.year)}
    for holiday in sorted(days_off, reverse=True):
        received = holiday - timedelta(days=1)
        if holiday.weekday() < 5 and received.weekday() < 5 and received not in days_off \
                and timedelta(days=10) < today - received < timedelta(days=300):
            day, counted = received, 0
            while counted < 3:
                day += timedelta(days=1)
                if day.weekday() < 5 and day not in days_off:
                    counted += 1
            return received, holiday, day
    pytest.skip("no weekday holiday in the last year")


def sample_complaint():
    """A complaint filed on the public page of 3324 by someone without an account who left an address."""
    from app.complaints.service import file_public

    return file_public({"office": "3324", "name": "Pelapor Contoh", "email": "pelapor.contoh@contoh.id",
                        "body": "Contoh pengaduan untuk uji kontrak."})
