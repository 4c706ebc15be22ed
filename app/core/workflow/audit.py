"""The append-only audit trail: one row per state change, download and upload of every record."""
from __future__ import annotations

import json
from contextlib import contextmanager

from flask_appbuilder import Model
from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, Text, func, select
from sqlalchemy.orm import column_property, relationship, selectinload

from app.core.access.people import AppUser
from app.core.calendar.clock import utcnow
from app.core.workflow import page_cache
from app.extensions import db


class AuditEvent(Model):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_record", "procedure", "record_id", "id"),)
    id = Column(Integer, primary_key=True)
    procedure = Column(String(30), nullable=False)
    record_id = Column(Integer, nullable=False)
    office_id = Column(Integer, ForeignKey("office.id"), index=True)
    action = Column(String(40), nullable=False)
    from_state = Column(String(30))
    to_state = Column(String(30))
    actor_id = Column(Integer, ForeignKey("ab_user.id"))
    actor = relationship("AppUser")
    actor_role = Column(String(30), nullable=False)
    at = Column(DateTime, nullable=False, default=utcnow)
    note = Column(Text)
    fields_json = Column(Text)

    __scope_office__ = "office_id"

    @property
    def fields(self) -> dict:
        return json.loads(self.fields_json) if self.fields_json else {}


def first_taken_at(model, procedure: str, action: str):
    """A read-only column of `model`: when `action` was first taken on the record (e.g. when it was
    submitted, not when its draft was started), read from the trail in the row's own query."""
    return column_property(
        select(func.min(AuditEvent.at))
        .where(AuditEvent.procedure == procedure, AuditEvent.record_id == model.id, AuditEvent.action == action)
        .correlate_except(AuditEvent).scalar_subquery())


def record_event(procedure: str, record, action: str, actor, role: str, from_state=None, to_state=None,
                 note: str | None = None, fields: dict | None = None) -> AuditEvent:
    event = AuditEvent(
        procedure=procedure, record_id=record.id, office_id=getattr(record, "office_id", None),
        action=action, from_state=from_state, to_state=to_state,
        actor_id=getattr(actor, "id", None), actor_role=role, at=utcnow(), note=note or None,
        fields_json=json.dumps(fields, default=str, ensure_ascii=False) if fields else None,
    )
    db.session.add(event)
    return event


def history(procedure: str, record_id: int, with_actors: bool = False) -> list[AuditEvent]:
    """The record's trail in order; `with_actors` loads who acted in the same round trip,
    for pages that print their names."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.procedure == procedure, AuditEvent.record_id == record_id)
        .order_by(AuditEvent.id)
    )
    if with_actors:
        query = query.options(selectinload(AuditEvent.actor).selectinload(AppUser.applicant_profile))
    return db.session.scalars(query).all()


# As for documents (app.core.documents.attached.preloaded): one query for a page of records.
_PRELOAD_KEY = "preloaded_actors"


@contextmanager
def preloaded(procedure: str, record_ids: list[int]):
    """Answers `actors_of` for these records from one query while the block runs."""
    found: dict[tuple[str, int], list[tuple[str, int]]] = {(procedure, record_id): [] for record_id in record_ids}
    for record_id, action, actor_id in db.session.execute(
            select(AuditEvent.record_id, AuditEvent.action, AuditEvent.actor_id).where(
                AuditEvent.procedure == procedure, AuditEvent.record_id.in_(record_ids),
                AuditEvent.actor_id.is_not(None))):
        found[(procedure, record_id)].append((action, actor_id))
    with page_cache.holding(_PRELOAD_KEY, found):
        yield


def actors_of(procedure: str, record_id: int, actions: tuple[str, ...]) -> set[int]:
    preloaded_events = page_cache.cached(_PRELOAD_KEY, (procedure, record_id))
    if preloaded_events is not None:
        return {actor for action, actor in preloaded_events if action in actions}
    return set(db.session.scalars(
        select(AuditEvent.actor_id).where(
            AuditEvent.procedure == procedure, AuditEvent.record_id == record_id,
            AuditEvent.action.in_(actions), AuditEvent.actor_id.is_not(None),
        )
    ).all())
