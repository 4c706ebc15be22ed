"""The change log of reference data: who changed a tariff, a product, a template, a holiday, a signing
certificate, an office, a user or their roles, when, and each field before and after.

One flush listener writes it for every model that opts in (the `ChangeLogged` mixin, or
`log_changes_of` for models the app does not declare, such as FAB's roles), whatever made the change:
an admin screen, FAB's own user screens, the API or a command. Like Airflow's `action_logging`, but
on the data, so no screen can forget it.
"""
from __future__ import annotations

import json

from flask import has_request_context
from flask_appbuilder import Model
from flask_appbuilder.security.sqla.models import Role
from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, DateTime, Index, Integer, LargeBinary, String, Text, event, inspect
from sqlalchemy.orm import ColumnProperty, RelationshipProperty, Session
from sqlalchemy.orm.base import NO_VALUE
from sqlalchemy.orm.interfaces import MANYTOMANY, MANYTOONE

from app.core.access.people import AppUser
from app.core.calendar.clock import utcnow

CREATED, CHANGED, DELETED = "created", "changed", "deleted"
OPERATIONS = {CREATED: _l("Created"), CHANGED: _l("Changed"), DELETED: _l("Deleted")}
# Shown instead of a secret's value (a password, a key): that it changed is what the log keeps.
HIDDEN = "••••"
# Bookkeeping every model may carry; a change of these alone is not an edit.
BOOKKEEPING = frozenset({"created_at", "updated_at", "created_on", "changed_on", "created_by_fk", "changed_by_fk",
                         "created_by", "changed_by"})

# table name -> (label, ignored attributes, secret attributes) of every logged model.
LOGGED: dict[str, tuple] = {}


def log_changes_of(model, label, ignore=(), secret=()) -> None:
    """Opts `model` into the change log; `ignore` names attributes whose changes are not edits (a login
    count), `secret` those logged as changed without their values."""
    LOGGED[model.__tablename__] = (label, BOOKKEEPING | frozenset(ignore), frozenset(secret))


class ChangeLogged:
    """Mixin of a reference-data model whose edits are logged; set `__changelog_label__` (what one row
    is, translated), and optionally `__changelog_ignore__` / `__changelog_secret__`."""

    __changelog_label__ = None
    __changelog_ignore__: tuple = ()
    __changelog_secret__: tuple = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "__tablename__" in cls.__dict__:
            log_changes_of(cls, cls.__changelog_label__ or cls.__name__, cls.__changelog_ignore__,
                           cls.__changelog_secret__)


class ChangeLogEntry(Model):
    """One edit of one reference row. The actor is kept by name as well: the log outlives accounts."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_entity_record", "entity", "record_id"),)
    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, default=utcnow, index=True)
    actor_id = Column(Integer, index=True)
    actor = Column(String(256), nullable=False, default="")
    entity = Column(String(64), nullable=False)
    record_id = Column(String(40), nullable=False)
    record = Column(String(300), nullable=False, default="")
    operation = Column(String(10), nullable=False)
    changes_json = Column(Text, nullable=False, default="{}")

    @property
    def changes(self) -> dict:
        return json.loads(self.changes_json or "{}")

    @property
    def fields(self) -> str:
        """The changed fields' names, for the list."""
        return ", ".join(self.changes)


log_changes_of(AppUser, _l("User"), ignore=("last_login", "login_count", "fail_login_count"), secret=("password",))
log_changes_of(Role, _l("Role"))


def _shown(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set)):
        return sorted(str(item) for item in value)
    return str(value)


def _attributes(obj, ignore):
    """(key, property) of the columns and of the links to other rows (a user's roles, a product's tariff)."""
    for prop in inspect(type(obj)).attrs:
        if prop.key in ignore:
            continue
        if isinstance(prop, ColumnProperty):
            yield prop.key, prop
        elif isinstance(prop, RelationshipProperty) and prop.direction in (MANYTOMANY, MANYTOONE):
            yield prop.key, prop


def _is_secret(prop, key, secret) -> bool:
    return key in secret or (isinstance(prop, ColumnProperty) and isinstance(prop.columns[0].type, LargeBinary))


def _snapshot(obj, ignore, secret, created: bool) -> dict:
    """Every field of a row as it was created ([None, value]) or deleted ([value, None])."""
    state, changes = inspect(obj), {}
    for key, prop in _attributes(obj, ignore):
        if isinstance(prop, RelationshipProperty) and (prop.direction == MANYTOONE or key not in state.dict):
            continue  # its foreign key column says it already, or it was never loaded
        value = getattr(obj, key) if created else state.attrs[key].loaded_value
        if value is None or value is NO_VALUE or value == []:
            continue
        value = HIDDEN if _is_secret(prop, key, secret) else _shown(value)
        changes[key] = [None, value] if created else [value, None]
    return changes


def _differences(obj, ignore, secret) -> dict:
    state, changes = inspect(obj), {}
    for key, prop in _attributes(obj, ignore):
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        if isinstance(prop, RelationshipProperty) and prop.direction == MANYTOMANY:
            after = list(history.unchanged) + list(history.added)
            before = list(history.unchanged) + list(history.deleted)
        else:
            before = history.deleted[0] if history.deleted else None
            after = history.added[0] if history.added else None
        before, after = _shown(before), _shown(after)
        if before == after:
            continue
        changes[key] = [HIDDEN, HIDDEN] if _is_secret(prop, key, secret) else [before, after]
    return changes


def _actor() -> tuple[int | None, str]:
    if not has_request_context():
        return None, "System"
    from app.core.access.scoping import current_user

    user = current_user()
    if user is None or not getattr(user, "is_authenticated", False):
        return None, ""
    return user.id, user.username


@event.listens_for(Session, "after_flush")
def _log_reference_edits(session, flush_context) -> None:
    # After the flush new rows have their ids, and every attribute still holds its history.
    rows = []
    for objects, operation in ((session.new, CREATED), (session.dirty, CHANGED), (session.deleted, DELETED)):
        for obj in objects:
            table = getattr(type(obj), "__tablename__", None)
            if table not in LOGGED:
                continue
            _label, ignore, secret = LOGGED[table]
            if operation == CHANGED:
                changes = _differences(obj, ignore, secret)
                if not changes:
                    continue
            else:
                changes = _snapshot(obj, ignore, secret, created=operation == CREATED)
            rows.append({"entity": table, "record_id": str(obj.id), "record": str(obj)[:300], "operation": operation,
                         "changes_json": json.dumps(changes, default=str, ensure_ascii=False)})
    if not rows:
        return
    actor_id, actor = _actor()
    now = utcnow()
    for row in rows:
        row.update(at=now, actor_id=actor_id, actor=actor)
    session.connection().execute(ChangeLogEntry.__table__.insert(), rows)
