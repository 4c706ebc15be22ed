"""Document numbers: one counter per office, year and kind — never duplicated, never skipped.

The increment is a single `UPDATE … RETURNING` on the counter row, so concurrent callers
queue on its row lock and each gets the next value; if the caller's transaction rolls back,
so does its increment, which is why no number is ever skipped.
"""
from __future__ import annotations

from datetime import date

from flask_appbuilder import Model
from sqlalchemy import Column, ForeignKey, Integer, String, UniqueConstraint, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from app.extensions import db


class NumberSequence(Model):
    __tablename__ = "number_sequence"
    __table_args__ = (UniqueConstraint("office_id", "year", "kind", name="uq_number_sequence"),)
    id = Column(Integer, primary_key=True)
    office_id = Column(Integer, ForeignKey("office.id"), nullable=False)
    year = Column(Integer, nullable=False)
    kind = Column(String(30), nullable=False)
    last_value = Column(Integer, nullable=False, default=0)


def _increment(office_id: int, year: int, kind: str) -> int | None:
    statement = (
        update(NumberSequence)
        .where(NumberSequence.office_id == office_id, NumberSequence.year == year,
               NumberSequence.kind == kind)
        .values(last_value=NumberSequence.last_value + 1)
        .returning(NumberSequence.last_value)
    )
    return db.session.execute(statement).scalar()


def next_number(office_id: int, year: int, kind: str) -> int:
    """The next number in the caller's transaction (commit or roll back with the document)."""
    value = _increment(office_id, year, kind)
    if value is not None:
        return value
    # First number of the year: create the counter; if a concurrent caller created it first,
    # ON CONFLICT leaves theirs and we queue behind their row lock on the increment.
    dialect_insert = postgresql_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    db.session.execute(
        dialect_insert(NumberSequence)
        .values(office_id=office_id, year=year, kind=kind, last_value=0)
        .on_conflict_do_nothing(index_elements=["office_id", "year", "kind"])
    )
    return _increment(office_id, year, kind)


def next_daily_number(office_id: int, day: date, kind: str) -> int:
    """The next number of a counter that restarts every day (a queue: A-001 each morning).

    The day is the counter's period, written as YYYYMMDD where yearly counters write the year."""
    return next_number(office_id, day.year * 10000 + day.month * 100 + day.day, kind)
