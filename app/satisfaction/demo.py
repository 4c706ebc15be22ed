"""Three months of demo ratings at every office, so the index screens show real figures.

Walk-in visitors' ratings as the front desk's one-time links store them (core `store_rating`, no account),
marked procedure "demo"; deterministic (seeded by the office code, dated back from today) and idempotent."""
from __future__ import annotations

import random
from datetime import datetime, time, timedelta, timezone

from sqlalchemy import func, select

from app.core.calendar.clock import utcnow
from app.core.calendar.workdays import JAKARTA, jakarta_today
from app.core.reference.models import Office
from app.core.satisfaction.index import store_rating
from app.core.satisfaction.models import ELEMENTS, Rating
from app.core.workflow.records import CHANNEL_WALK_IN
from app.extensions import db

PROCEDURE = "demo"
DAYS = 92
SERVICES = ("sales", "recommendation", "consultation", "library")
# How satisfied each office's visitors are, as the chance of a top score: grades A to C across the offices.
MOOD = {"0000": 0.8, "3300": 0.5, "3324": 0.4, "1904": 0.05}
COMMENTS = ("", "", "Pelayanan cepat dan ramah.", "Ruang tunggu kurang nyaman.", "Petugas sangat membantu.",
            "Informasi tarif kurang jelas.")


def _scores(rng: random.Random, mood: float) -> dict[str, int]:
    def one() -> int:
        roll = rng.random()
        return 4 if roll < mood else 3 if roll < 0.85 + mood / 10 else 2 if roll < 0.97 else 1

    return {key: one() for key in ELEMENTS}


def seed_ratings() -> list[str]:
    offices = db.session.scalars(select(Office).order_by(Office.code)).all()
    next_id = (db.session.scalar(select(func.max(Rating.record_id)).where(Rating.procedure == PROCEDURE)) or 0) + 1
    made = 0
    for office in offices:
        if db.session.scalar(select(Rating.id).where(Rating.procedure == PROCEDURE, Rating.office_id == office.id)
                             .limit(1)):
            continue
        rng = random.Random(f"ikm-{office.code}")
        mood = MOOD.get(office.code, 0.5)
        for days_ago in range(DAYS, -1, -1):
            day = jakarta_today() - timedelta(days=days_ago)
            if day.weekday() >= 5:
                continue
            for _visitor in range(rng.randint(0, 3)):
                moment = datetime.combine(day, time(rng.randint(8, 15), rng.randint(0, 59)), JAKARTA)
                store_rating(PROCEDURE, next_id, office.id, rng.choice(SERVICES), CHANNEL_WALK_IN,
                             _scores(rng, mood), rng.choice(COMMENTS),
                             at=min(moment.astimezone(timezone.utc).replace(tzinfo=None), utcnow()))
                next_id += 1
                made += 1
    db.session.commit()
    return [f"Satisfaction: {made} demo rating(s) over the last three months."] if made else []
