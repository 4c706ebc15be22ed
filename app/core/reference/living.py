"""The living demo's shared machinery: months of an office's work replayed through the engine.

A service's demo (its `Service.demo`) writes scripts — "this person files, two working days later the
officer verifies, …" — and `Replay.run` takes each step at its past moment with the clock set there
(`app.core.calendar.clock.as_of`), so the audit trail, SLA clocks, documents and mails carry the dates
they would have had. Nothing writes a state: every step is the same engine call a screen makes.
Randomness comes from one seeded generator per service and office, so two runs make the same office.
"""
from __future__ import annotations

import random
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Callable

from flask import current_app
from sqlalchemy import func, select, update

from app.core.access import roles as r
from app.core.calendar.clock import JAKARTA, as_of, utcnow
from app.core.calendar.workdays import jakarta_today
from app.core.workflow.engine import TransitionError
from app.extensions import appbuilder, db

DAYS_OF_WORK = 90  # about three months

# Service users who come and go in the demo (besides applicant1/applicant2 of the core demo).
PEOPLE = [
    # username, full name, institution, segment, domicile, id type, id number, npwp
    ("warga-rina", "Rina Kartikasari", "Universitas Negeri Semarang", "education", "domestic", "ktp",
     "3324014101980003", None),
    ("warga-agus", "Agus Prasetyo", "Bappeda Kabupaten Kendal", "government", "domestic", "ktp",
     "3324020505800004", None),
    ("warga-dewi", "Dewi Anggraini", "CV Mitra Riset Nusantara", "private", "domestic", "ktp",
     "3374034409880005", "0998877665544000"),
    ("warga-hendra", "Hendra Gunawan", "Universitas Bangka Belitung", "research", "domestic", "ktp",
     "1904011507900006", None),
    ("warga-sari", "Sari Wulandari", "", "individual", "domestic", "sim", "900123456789", None),
    ("warga-yusuf", "Muhammad Yusuf", "Dinas Kesehatan Provinsi Jawa Tengah", "government", "domestic", "ktp",
     "3374061212820007", None),
    ("warga-maria", "Maria Hoffmann", "Universität Hamburg", "research", "foreign", "passport", "C4J8K2L9M",
     None),
    ("warga-tono", "Tono Sugiarto", "PT Agro Kendal Lestari", "private", "domestic", "ktp",
     "3324030303750008", "0112233445566000"),
]
SCORE_SETS = [  # nine IKM elements, mostly good, some frank
    [4, 4, 3, 4, 4, 4, 4, 3, 4], [3, 3, 3, 4, 3, 4, 4, 3, 3], [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [3, 2, 2, 4, 3, 3, 4, 3, 3], [4, 3, 3, 4, 4, 4, 4, 4, 3],
]
COMMENTS = ["Pelayanan cepat dan ramah.", "Petugas membantu menjelaskan variabel yang tersedia.", "",
            "Proses pembayaran agak lama dikonfirmasi.", "Terima kasih, data sesuai kebutuhan penelitian."]


# `flask satupintu seed-demo --empty` leaves the offices without work.
_wanted: ContextVar[bool] = ContextVar("living_demo_wanted", default=True)


def wanted() -> bool:
    """Whether a service's demo should replay its months of work (not under `seed-demo --empty`)."""
    return _wanted.get()


@contextmanager
def without_work():
    token = _wanted.set(False)
    try:
        yield
    finally:
        _wanted.reset(token)


def ensure_people() -> list:
    """The demo's service users with their profiles (created once, kept in step with PEOPLE)."""
    from app.core.access.people import ApplicantProfile

    sm = appbuilder.sm
    users = []
    for username, name, institution, segment, domicile, id_type, id_number, npwp in PEOPLE:
        user = sm.find_user(username=username)
        if user is None:
            first, _sep, last = name.partition(" ")
            user = sm.add_user(username, first, last or "-", f"{username}@example.org", sm.find_role(r.APPLICANT),
                               password=current_app.config["DEMO_PASSWORD"])
        profile = db.session.scalars(select(ApplicantProfile).where(ApplicantProfile.user_id == user.id)).first()
        if profile is None:
            profile = ApplicantProfile(user_id=user.id)
            db.session.add(profile)
        profile.full_name, profile.institution, profile.segment, profile.domicile = name, institution, segment, \
            domicile
        profile.id_document_type, profile.id_document_number, profile.npwp = id_type, id_number, npwp
        profile.phone = f"0812-{len(users) + 10:04d}-{len(users) * 37 % 10000:04d}"
        users.append(user)
    db.session.commit()
    return users


def user(username: str):
    return appbuilder.sm.find_user(username=username)


# Mails of the replay older than this count as delivered when they were queued; the newer ones wait in
# the outbox for `flask outbox send`, as an office's last hours of mail would.
MAIL_STILL_QUEUED = timedelta(days=2)


@contextmanager
def mail_held():
    """No delivery thread per step while replaying; afterwards the replay's old mails are marked sent at
    the moment they were queued (nothing is sent: demo addresses are made up)."""
    from app.core.mail.outbox import PENDING, SENT, OutboxMessage

    config = current_app.config
    before = config.get("SATUPINTU_SEND_MAIL_AFTER_COMMIT")
    first = (db.session.scalar(select(func.max(OutboxMessage.id))) or 0) + 1
    config["SATUPINTU_SEND_MAIL_AFTER_COMMIT"] = False
    try:
        yield
    finally:
        config["SATUPINTU_SEND_MAIL_AFTER_COMMIT"] = before
    db.session.execute(update(OutboxMessage).where(
        OutboxMessage.id >= first, OutboxMessage.status == PENDING,
        OutboxMessage.created_at < utcnow() - MAIL_STILL_QUEUED,
    ).values(status=SENT, attempts=1, sent_at=OutboxMessage.created_at))
    db.session.commit()


@dataclass
class Step:
    """One thing a person does: `run()` makes the engine (or service) call; `gap` working days after
    the previous step, at an office hour."""

    run: Callable[[], object]
    gap: int = 1
    name: str = ""


class Replay:
    """Working-day moments of one office over the last DAYS_OF_WORK days, and the scripts run at them."""

    def __init__(self, name: str, office):
        from app.core.workflow.sla import calendar_for

        self.office = office
        self.rng = random.Random(f"satupintu-demo-{name}-{office.code}")
        self.calendar = calendar_for(office.id)
        self.today = jakarta_today()
        self.first_day = self.today - timedelta(days=DAYS_OF_WORK)
        self.refused: list[str] = []

    def working_days_ago(self, n: int) -> date:
        """The working day n working days before today (0: today, if it is one)."""
        day = self.today
        while not self.calendar.is_working_day(day):
            day -= timedelta(days=1)
        while n > 0:
            day -= timedelta(days=1)
            if self.calendar.is_working_day(day):
                n -= 1
        return day

    def moment(self, day: date) -> datetime:
        """A time between 08:00 and 15:30 Jakarta on `day`, as naive UTC."""
        minutes = self.rng.randrange(8 * 60, 15 * 60 + 30)
        local = datetime.combine(day, time(minutes // 60, minutes % 60), JAKARTA)
        return local.astimezone(timezone.utc).replace(tzinfo=None)

    def run(self, start: date, steps: list[Step]) -> int:
        """Takes the steps from `start` on, each `gap` working days after the one before, while their
        moment is past; returns how many were taken. A refusal stops the script and is reported."""
        day, last, taken = start, None, 0
        for step in steps:
            for _ in range(step.gap):
                day = self.calendar.add_working_days(day, 1)
            moment = max(self.moment(day), last or datetime.min)
            if moment >= utcnow() or day > self.today:
                break
            with as_of(moment):
                try:
                    step.run()
                except TransitionError as exc:
                    db.session.rollback()
                    self.refused.append(f"{self.office.code} {step.name}: {exc.message} {exc.fields or ''}")
                    break
            last, taken = moment + timedelta(minutes=1), taken + 1
        return taken


def demo_zip(name: str = "data.csv") -> bytes:
    """A small product file (a zipped table) to deliver."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, "kode,nama,nilai\n3324010,Plantungan,1204\n3324020,Sukorejo,2301\n")
    return out.getvalue()


DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class DemoFile:
    """A file as an action's `file` field receives it from a form."""

    def __init__(self, filename: str, data: bytes = DEMO_PDF):
        self.filename, self._data = filename, data

    def read(self) -> bytes:
        return self._data
