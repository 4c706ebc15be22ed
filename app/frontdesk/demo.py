"""The front desk's living demo: every seeded office's queue (services, desks, settings) and three
weeks of working days of visitors — taken, called, served or not, some in the guest book, some rated —
all through the engine at the times they happened (app.core.calendar.clock.as_of).

Deterministic (a seeded random per office and day) and idempotent (a day that has tickets is left as
it is): running it again adds only the working days that passed since."""
from __future__ import annotations

import random
from datetime import datetime, time, timedelta, timezone

from sqlalchemy import func, select

from app.core.access import roles as r
from app.core.access.people import AppUser
from app.core.access.visitors import enrol_visitor, find_returning
from app.core.calendar.clock import as_of
from app.core.calendar.workdays import JAKARTA, jakarta_today
from app.core.reference.models import Office
from app.core.reference.offices_data import OFFICES
from app.core.workflow.engine import apply
from app.core.workflow.sla import calendar_for
from app.extensions import appbuilder, db
from app.frontdesk.guestbook import rate_visit, record_visit
from app.frontdesk.models import DEFAULT_PREFIXES, QUEUE_SERVICES, Desk, FrontDeskSetting, QueueLine, QueueTicket
from app.frontdesk.procedure import QUEUE
from app.frontdesk.queue import take_ticket

DEMO_DAYS = 15  # working days: three weeks
# Desk code -> services it calls; the library has its own desk.
DESKS = {"1": ("sales", "recommendation", "consultation"), "2": ("sales", "recommendation", "consultation"),
         "3": ("consultation", "sales"), "4": ("library",)}
# Offices that ask for the guest book before the number (the others: after).
GUEST_BOOK_FIRST = ("3300",)
VISITORS = [
    ("Rina Wulandari", "rina.wulandari@example.org", "3324016104950003", "Universitas Negeri Semarang"),
    ("Agus Prasetyo", "agus.prasetyo@example.org", "3324011708880004", "Dinas Pertanian Kabupaten Kendal"),
    ("Dewi Anggraini", "dewi.anggraini@example.org", "1904024403000005", "SMA Negeri 1 Koba"),
    ("Hendra Gunawan", "hendra.gunawan@example.org", "3374022009790006", "PT Riset Pasar Nusantara"),
    ("Siti Rahmawati", "siti.rahmawati@example.org", "3171035012920007", "Bappeda Provinsi Jawa Tengah"),
]
PURPOSES = {"sales": "Membeli publikasi untuk bahan skripsi", "recommendation": "Konsultasi rencana survei",
            "consultation": "Menanyakan data kemiskinan kabupaten", "library": "Membaca publikasi di perpustakaan"}


def _seed_queue_settings(offices: list[Office]) -> None:
    for office in offices:
        for position, service in enumerate(QUEUE_SERVICES, start=1):
            line = db.session.scalars(select(QueueLine).where(QueueLine.office_id == office.id,
                                                              QueueLine.service == service)).first()
            if line is None:
                db.session.add(QueueLine(office_id=office.id, service=service, prefix=DEFAULT_PREFIXES[service],
                                         position=position, active=True))
        for code, services in DESKS.items():
            desk = db.session.scalars(select(Desk).where(Desk.office_id == office.id, Desk.code == code)).first()
            if desk is None:
                db.session.add(Desk(office_id=office.id, code=code, services=",".join(services), active=True))
        if db.session.scalars(select(FrontDeskSetting).where(FrontDeskSetting.office_id == office.id)).first() is None:
            db.session.add(FrontDeskSetting(office_id=office.id, standard_minutes=10,
                                            guest_book="before" if office.code in GUEST_BOOK_FIRST else "after"))
    db.session.commit()


def _visitors(office: Office) -> list[AppUser]:
    people = []
    for name, email, nik, institution in VISITORS:
        found = find_returning(nik, email)
        people.append(found.user if found else enrol_visitor(
            {"full_name": name, "email": email, "id_document_type": "ktp", "id_document_number": nik,
             "institution": institution, "phone": "0812-0000-0000"}, office.id))
    return people


def _at(day, minutes: int) -> datetime:
    """Naive UTC of `minutes` after 08:00 in Jakarta on `day`."""
    local = datetime.combine(day, time(8, 0), tzinfo=JAKARTA) + timedelta(minutes=minutes)
    return local.astimezone(timezone.utc).replace(tzinfo=None)


def _demo_days(office: Office) -> list:
    calendar = calendar_for(office.id)
    days, day = [], jakarta_today()
    while len(days) < DEMO_DAYS:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            days.append(day)
    return sorted(days)


def _run_day(office: Office, day, officer, visitors: list[AppUser]) -> int:
    rng = random.Random(f"frontdesk-{office.code}-{day.isoformat()}")
    arrivals = sorted(rng.randint(0, 420) for _ in range(rng.randint(1, 4)))
    desk_free = {"1": 0, "2": 0, "4": 0}
    for minute in arrivals:
        service = rng.choices(list(QUEUE_SERVICES), weights=(5, 2, 3, 2))[0]
        with as_of(_at(day, minute)):
            ticket = take_ticket(office, service, officer)
        desk = "4" if service == "library" else min(("1", "2"), key=lambda code: desk_free[code])
        called = max(minute, desk_free[desk]) + rng.choice((0, 1, 2, 4, 7, 12))
        if rng.random() < 0.08:  # nobody answers the call, nor the recall
            for step, extra in (("call", {"desk": desk}), ("recall", {}), ("no_show", {})):
                with as_of(_at(day, called)):
                    apply(QUEUE, ticket.id, step, officer, extra)
                called += 2
            desk_free[desk] = called
            continue
        with as_of(_at(day, minute + 1)):
            record_visit({"ticket": ticket.id, "visitor": rng.choice(visitors).id,
                                  "purpose": PURPOSES[service]}, officer)
        finished = called + rng.randint(5, 25)
        for step, at, extra in (("call", called, {"desk": desk}), ("serve", called + 1, {}), ("finish", finished, {})):
            with as_of(_at(day, at)):
                apply(QUEUE, ticket.id, step, officer, extra)
        desk_free[desk] = finished
        if rng.random() < 0.6:
            scores = {key: rng.choice((3, 3, 4, 4, 4, 2)) for key in ("requirements", "procedure", "time", "cost",
                                                                       "product", "competence", "behaviour",
                                                                       "complaints", "facilities")}
            with as_of(_at(day, finished + 3)):
                rate_visit(ticket.rating_token, {"scores": scores, "comment": ""})
    return len(arrivals)


def seed_frontdesk() -> list[str]:
    # The offices of the core demo only: an office an admin added keeps the queue they set up.
    codes = [data["code"] for data in OFFICES]
    offices = db.session.scalars(select(Office).where(Office.code.in_(codes)).order_by(Office.code)).all()
    _seed_queue_settings(offices)
    taken = 0
    for office in offices:
        officer = appbuilder.sm.find_user(username=f"officer-{office.code}")
        if officer is None or r.OFFICER not in {role.name for role in officer.roles}:
            continue
        visitors = _visitors(office)
        seeded = set(db.session.scalars(select(QueueTicket.day).where(QueueTicket.office_id == office.id)
                                        .group_by(QueueTicket.day).having(func.count() > 0)))
        for day in _demo_days(office):
            if day not in seeded:
                taken += _run_day(office, day, officer, visitors)
    return [f"Front desk: {taken} demo queue ticket(s) added"] if taken else []
