"""The procedure engine: the one function that changes the state of any service record.

apply() checks, in order: the record is in the caller's scope (404), the caller's role may take
the action (403), the record's state allows it (409), the submitted fields are valid (422),
the guards hold (409 with their reason), then changes the state with a compare-and-set on
id + state + version (a concurrent change answers 409 "reload"), runs the action's effects,
writes the audit row and queues the notifications — all in one database transaction.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import event, inspect, update
from sqlalchemy.orm import Session

from app.core.access import roles as r
from app.core.access.scoping import get_or_404, scope_for
from app.core.values.validation import InvalidValue
from app.core.workflow.audit import actors_of, record_event
from app.core.workflow.procedure import SYSTEM, Action, Context, Edit, Procedure
from app.core.workflow.records import ProcedureRecord
from app.core.workflow.sla import refresh_clock
from app.extensions import db

log = logging.getLogger(__name__)


class TransitionError(Exception):
    """Why an action was refused; `status` is the HTTP code the API answers with."""

    def __init__(self, status: int, message: str, fields: dict | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = fields or {}


class EngineBypassed(RuntimeError):
    """A record's status or version was written outside the engine: a programming error."""


# Set while the engine itself writes a status or version; the flush hook refuses any other write.
_engine_writes: ContextVar[bool] = ContextVar("engine_writes", default=False)


@contextmanager
def _engine_writing():
    token = _engine_writes.set(True)
    try:
        yield
    finally:
        _engine_writes.reset(token)


@event.listens_for(Session, "before_flush")
def _refuse_writes_outside_the_engine(session, flush_context, instances) -> None:
    if _engine_writes.get():
        return
    for obj in list(session.new) + list(session.dirty):
        if not isinstance(obj, ProcedureRecord):
            continue
        state = inspect(obj)
        for name in ("status", "version"):
            if state.attrs[name].history.has_changes():
                raise EngineBypassed(f"{type(obj).__name__}.{name} is written only by the procedure engine")


@dataclass(frozen=True)
class Outcome:
    status: str
    record: object


def user_roles(user) -> set[str]:
    if user is None:
        return {SYSTEM}
    return {role.name for role in user.roles}


def role_among(user, allowed) -> str | None:
    """The first of `allowed` that the user holds; None when they hold none of them."""
    held = user_roles(user)
    return next((role for role in allowed if role in held), None)


def acting_role(user, action: Action) -> str | None:
    """The role the user acts in; None when none of theirs may take the action."""
    return role_among(user, action.roles)


def primary_role(user) -> str:
    """The role written in the audit trail for acts any role may do (a download)."""
    return role_among(user, r.ALL) or SYSTEM


def _visible_record(procedure: Procedure, record_id, user):
    """The record if `user` may see it (the system sees all); TransitionError 404 otherwise."""
    from werkzeug.exceptions import NotFound

    try:
        if user is None:
            record = db.session.get(procedure.model, int(record_id))
        else:
            record = get_or_404(procedure.model, record_id, scope_for(user))
    except (NotFound, TypeError, ValueError):
        record = None
    if record is None:
        raise TransitionError(404, _("The page or record you are looking for does not exist, or is not yours to see."))
    return record


def _is_stale(expected_version, record) -> bool:
    # A version the form or client sent that is not the record's (or not a number) is stale.
    try:
        return int(expected_version) != record.version
    except (TypeError, ValueError):
        return True


# Plain typed fields: anything but a string (a JSON list, a number) is refused, not guessed at.
TEXT_KINDS = ("text", "textarea")


def _clean(action: Action, data: dict) -> tuple[dict, dict]:
    values, errors = {}, {}
    for field in action.fields:
        raw = data.get(field.name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if field.required:
                errors[field.name] = _("This field is required.")
            continue
        if field.clean is None and field.kind in TEXT_KINDS and not isinstance(raw, str):
            errors[field.name] = _("Enter a text.")
            continue
        try:
            values[field.name] = field.clean(raw) if field.clean else (raw.strip() if isinstance(raw, str) else raw)
        except InvalidValue as exc:
            errors[field.name] = str(exc)
        except (TypeError, AttributeError):  # a JSON shape the field's check did not expect
            errors[field.name] = _("Some of what you entered is not valid.")
    return values, errors


def _failed_guard(action: Action, record, role: str | None = None) -> str | None:
    for guard in action.guards:
        if not (guard.check(record, role) if guard.uses_role else guard.check(record)):
            return str(guard.reason)
    return None


def _separation_violated(procedure: Procedure, action: Action, record, user) -> bool:
    if not action.not_by_actor_of or user is None:
        return False
    return user.id in actors_of(procedure.name, record.id, action.not_by_actor_of)


def available_actions(procedure: Procedure, record, user) -> list[Action]:
    """The actions this user may take on this record now (role, state, guards, duties)."""
    possible = []
    for action in procedure.actions.values():
        if record.status not in action.sources or acting_role(user, action) is None:
            continue
        if _failed_guard(action, record, acting_role(user, action)) or \
                _separation_violated(procedure, action, record, user):
            continue
        possible.append(action)
    return possible


def waiting_reason(procedure: Procedure, record, user) -> str:
    """Why this user's actions in the record's state cannot be taken yet (a guard's reason, or
    separation of duties); empty when they have none there at all."""
    for action in procedure.actions.values():
        role = acting_role(user, action)
        if record.status not in action.sources or role is None:
            continue
        reason = _failed_guard(action, record, role)
        if reason:
            return reason
        if _separation_violated(procedure, action, record, user):
            return _("Another colleague takes this step (separation of duties).")
    return ""


def _notify(procedure: Procedure, record, action: Action, note: str, new_status: str) -> None:
    from app.core.workflow.notifications import notify

    for audience in action.notify:
        notify(procedure, record, action, audience, note, new_status)


def _compare_and_set(procedure: Procedure, record, expected_status: str, expected_version: int, target: str):
    model = procedure.model
    with _engine_writing():
        db.session.flush()  # the record's other pending changes go first, under the same check
        result = db.session.execute(
            update(model)
            .where(model.id == record.id, model.status == expected_status, model.version == expected_version)
            .values(status=target, version=model.version + 1)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            raise TransitionError(409, _("This record has changed meanwhile. Reload the page and try again."))
        db.session.refresh(record, attribute_names=["status", "version"])


def apply(procedure: Procedure, record_id, action_name: str, user, data: dict | None = None,
          expected_version: int | None = None) -> Outcome:
    """Applies one named action for `user` (None: the system, from the CLI) and commits."""
    data = dict(data or {})
    try:
        outcome = _apply(procedure, record_id, action_name, user, data, expected_version)
        db.session.commit()
        return outcome
    except BaseException:
        db.session.rollback()
        raise


def _apply(procedure, record_id, action_name, user, data, expected_version):
    record = _visible_record(procedure, record_id, user)
    action = procedure.actions.get(action_name)
    if action is None:
        raise TransitionError(404, _("Unknown action."))
    role = acting_role(user, action)
    if role is None:
        raise TransitionError(403, _("Your role may not take the action \"%(action)s\".", action=action.label))
    if record.status not in action.sources:
        raise TransitionError(409, _("\"%(action)s\" is not possible while the record is %(state)s.",
                                     action=action.label, state=procedure.state_label(record.status)))
    if expected_version is not None and _is_stale(expected_version, record):
        raise TransitionError(409, _("This record has changed meanwhile. Reload the page and try again."))
    values, errors = _clean(action, data)
    note = data.get("note") or ""
    if not isinstance(note, str):
        errors["note"], note = _("Enter a text."), ""
    note = note.strip()
    if errors:
        raise TransitionError(422, _("Some of what you entered is not valid."), errors)
    reason = _failed_guard(action, record, role)
    if reason:
        raise TransitionError(409, reason)
    if _separation_violated(procedure, action, record, user):
        raise TransitionError(409, _("Separation of duties: you took part in an earlier step of this "
                                     "record, so another colleague must take this one."))
    from_status, version = record.status, record.version
    target = action.target_for(record, values)
    _compare_and_set(procedure, record, from_status, version, target)
    context = Context(user=user, role=role, values=values, note=note, action=action, procedure=procedure)
    if action.effect:
        try:
            action.effect(record, context)
        except InvalidValue as exc:
            raise TransitionError(422, str(exc), {getattr(exc, "field", "note"): str(exc)})
    audit_fields = {k: v for k, v in values.items() if k != "note" and not hasattr(v, "read")}
    audit_fields.update(context.extra_audit)
    record_event(procedure.name, record, action.name, user, role, from_status, record.status,
                 note or values.get("note"), audit_fields)
    db.session.flush()
    refresh_clock(record, procedure)
    # The note, or the message an action speaks with (a consultation's answer), goes into the mail.
    _notify(procedure, record, action, note or values.get("note") or values.get("message") or "", record.status)
    return Outcome(record.status, record)


def start(procedure: Procedure, record, user, role: str, note: str = "") -> None:
    """Files a new record in the procedure's initial state, with the first audit row."""
    with _engine_writing():
        record.status = procedure.initial
        record.version = 1
        db.session.add(record)
        db.session.flush()
    record_event(procedure.name, record, "create", user, role, None, record.status, note)
    if procedure.sla_on_create:
        db.session.flush()
        refresh_clock(record, procedure)


def edit_role(procedure: Procedure, name: str, record, user) -> str | None:
    """The role in which `user` may make the named edit of `record` now (for showing the form), or None."""
    try:
        return _edit_rule(procedure, name, record, user)[1]
    except TransitionError:
        return None


def _edit_rule(procedure: Procedure, name: str, record, user) -> tuple[Edit, str]:
    rules = procedure.edits.get(name)
    if not rules:
        raise TransitionError(404, _("Unknown action."))
    mine = [(rule, role_among(user, rule.roles)) for rule in rules if role_among(user, rule.roles)]
    if not mine:
        raise TransitionError(403, _("Your role may not change this record."))
    for rule, role in mine:
        if record.status in rule.states and (rule.guard is None or rule.guard(record, role)):
            return rule, role
    raise TransitionError(409, _("This record can no longer be changed while it is %(state)s.",
                                 state=procedure.state_label(record.status)))


def _shown(value):
    """How a changed value reads in the audit trail (JSON-safe)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def edit(procedure: Procedure, record_id, name: str, user, data: dict | None = None,
         expected_version=None) -> Outcome:
    """Applies the named edit for `user` and commits: scope (404), role (403), state and guard (409),
    staleness (409), fields (422); then bumps the version and audits an `edit` with what changed."""
    data = dict(data or {})
    try:
        record = _visible_record(procedure, record_id, user)
        rule, role = _edit_rule(procedure, name, record, user)
        if expected_version is not None and _is_stale(expected_version, record):
            raise TransitionError(409, _("This record has changed meanwhile. Reload the page and try again."))
        values, errors = rule.clean(record, data)
        if errors:
            raise TransitionError(422, _("Some of what you entered is not valid."), errors)
        context = Context(user=user, role=role, values=values, note="", action=None, procedure=procedure)
        before = {key: getattr(record, key, None) for key in values}
        try:
            changed = rule.apply(record, values, context) if rule.apply else None
        except InvalidValue as exc:
            raise TransitionError(422, str(exc), {getattr(exc, "field", "note"): str(exc)})
        if rule.apply is None:
            for key, value in values.items():
                setattr(record, key, value)
        if changed is None:
            changed = {key: [_shown(before[key]), _shown(getattr(record, key, None))] for key in values
                       if before[key] != getattr(record, key, None)}
        if not changed:  # saving a form as it was: nothing to version or audit
            db.session.rollback()
            return Outcome(record.status, record)
        _compare_and_set(procedure, record, record.status, record.version, record.status)
        record_event(procedure.name, record, "edit", user, role, record.status, record.status,
                     None, {"edit": name, "changes": changed})
        db.session.commit()
        return Outcome(record.status, record)
    except BaseException:
        db.session.rollback()
        raise


def event_label(procedure: Procedure, action_name: str) -> str:
    """How a history row reads: the procedure action's label, or a record operation's."""
    if action_name in procedure.actions:
        return str(procedure.actions[action_name].label)
    return {"create": _("Created"), "upload": _("Document uploaded"), "download": _("Document downloaded"),
            "issue": _("Document issued"), "edit": _("Details changed")}.get(action_name, action_name)




def uploads_allowed(procedure: Procedure, record, user) -> dict:
    """The document kinds this user may upload to the record in its present state."""
    held = user_roles(user)
    return {kind: rule for kind, rule in procedure.uploads.items()
            if record.status in rule.states and set(rule.roles) & held}


def upload(procedure: Procedure, record_id, kind: str, data: bytes, filename: str, user):
    """Attaches a file a person uploads to a record, after the same scope/role/state checks."""
    from app.core.documents.attached import attach_upload

    record = _visible_record(procedure, record_id, user)
    rule = procedure.uploads.get(kind)
    if rule is None:
        raise TransitionError(422, _("Some of what you entered is not valid."),
                              {"kind": _("This kind of document cannot be uploaded here.")})
    role = role_among(user, rule.roles)
    if role is None:
        raise TransitionError(403, _("Your role may not upload this document."))
    if record.status not in rule.states:
        raise TransitionError(409, _("This document cannot be uploaded while the record is %(state)s.",
                                     state=procedure.state_label(record.status)))
    try:
        doc = attach_upload(procedure.name, record, kind, data, filename, user, role, rule.types)
        db.session.commit()
    except InvalidValue as exc:
        db.session.rollback()
        raise TransitionError(422, str(exc), {"file": str(exc)})
    return doc


def download(procedure: Procedure, record, doc_id, user):
    """A document of a record the caller can see, if it is theirs to have now; audited."""
    from flask import abort

    from app.core.documents.attached import find_for_record, serve

    doc = find_for_record(procedure.name, record, doc_id)
    if doc is None or not procedure.downloadable(record, doc, user_roles(user)):
        abort(404)
    return serve(procedure.name, record, doc, user, primary_role(user))
