"""Row scoping — the one mechanism every screen, API, download and action goes through.

Who sees which rows:
- Admin: everything.
- Officer, Treasurer, Head, ComplaintHandler: rows of their own office.
- Monitor: rows of their office and its descendants (read-only by role permissions).
- Applicant: rows they own.
Staff never see what a record hides from them (`hidden_from_staff`): an applicant's online draft
until it is submitted, for example.
A model says which column holds its office (`__scope_office__`, default "office_id") and which
its owner (`__scope_owner__`, default none). A row outside the scope is simply not found: 404.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort, g, has_request_context
from flask_appbuilder.models.filters import BaseFilter
from sqlalchemy import and_, false, not_, or_, select, true
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import MANYTOONE

from app.core.access import roles
from app.core.values.validation import parse_id
from app.extensions import appbuilder, db


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    office_ids: frozenset[int] = frozenset()
    owner_id: int | None = None
    user_id: int | None = None

    @property
    def owner_only(self) -> bool:
        """An applicant's scope: their own records, no office's (their links open the portal)."""
        return self.owner_id is not None and not self.office_ids and not self.everything


def descendant_office_ids(office_id: int) -> set[int]:
    from app.core.reference.models import Office

    rows = db.session.execute(select(Office.id, Office.parent_id)).all()
    children: dict[int, list[int]] = {}
    for oid, parent in rows:
        children.setdefault(parent, []).append(oid)
    found, stack = set(), [office_id]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, []))
    return found


def scope_for(user) -> Scope:
    if user is None or not getattr(user, "is_authenticated", True) or not getattr(user, "id", None):
        return Scope()
    names = {role.name for role in user.roles}
    if roles.ADMIN in names:
        return Scope(everything=True, user_id=user.id)
    offices: set[int] = set()
    if user.office_id and names & set(roles.STAFF):
        offices.add(user.office_id)
    if user.office_id and roles.MONITOR in names:
        offices |= descendant_office_ids(user.office_id)
    owner = user.id if roles.APPLICANT in names else None
    return Scope(office_ids=frozenset(offices), owner_id=owner, user_id=user.id)


def current_user():
    return appbuilder.sm.current_user if has_request_context() else None


def current_scope() -> Scope:
    if not has_request_context():
        return Scope()
    cached = getattr(g, "_satupintu_scope", None)
    user = current_user()
    if cached is None or cached.user_id != getattr(user, "id", None):
        cached = g._satupintu_scope = scope_for(user)
    return cached


def visible(model, scope: Scope | None = None):
    """The SQL condition that keeps only the rows `scope` may see."""
    scope = scope or current_scope()
    if scope.everything:
        return true()
    clauses = []
    office_column = getattr(model, "__scope_office__", "office_id")
    owner_column = getattr(model, "__scope_owner__", None)
    if scope.office_ids and office_column:
        office_rows = getattr(model, office_column).in_(scope.office_ids)
        hidden = model.hidden_from_staff(scope) if hasattr(model, "hidden_from_staff") else None
        clauses.append(office_rows if hidden is None else and_(office_rows, not_(hidden)))
    if scope.owner_id and owner_column:
        clauses.append(getattr(model, owner_column) == scope.owner_id)
    return or_(*clauses) if clauses else false()


def scoped_select(model, scope: Scope | None = None):
    return select(model).where(visible(model, scope))


def get_or_404(model, pk, scope: Scope | None = None):
    """The record if the caller may see it; otherwise 404, as if it did not exist."""
    pk = parse_id(pk)
    if pk is None:
        abort(404)
    row = db.session.scalars(
        scoped_select(model, scope).where(model.id == pk)
    ).first()
    if row is None:
        abort(404)
    return row


def is_visible(record, scope: Scope | None = None) -> bool:
    model = type(record)
    return db.session.scalar(
        select(model.id).where(model.id == record.id, visible(model, scope))
    ) is not None


class ScopeFilter(BaseFilter):
    """FAB base filter form of `visible`, so FAB's list/show/edit/delete/API use it too."""

    name = "scope"

    def apply(self, query, value):
        return query.filter(visible(self.model))


SCOPE_FILTER = ["id", ScopeFilter, lambda: None]


def _many_to_one_on(model, column: str):
    """The many-to-one relationship whose foreign key is `column` (e.g. office for office_id)."""
    for relation in sa_inspect(model).relationships:
        if relation.direction is MANYTOONE and [c.key for c in relation.local_columns] == [column]:
            return relation
    return None


class ScopedMixin:
    """Put first in a view's bases: the scope filter is always there, whatever base_filters says."""

    base_filters: list = []

    def __init__(self, *args, **kwargs):
        self.base_filters = [SCOPE_FILTER] + [f for f in (self.base_filters or []) if f is not SCOPE_FILTER]
        # The office drop-down of a form offers only the offices the user may file in.
        for attribute in ("add_form_query_rel_fields", "edit_form_query_rel_fields"):
            if hasattr(self, attribute) and "office" in self.datamodel.obj.__mapper__.relationships:
                fields = dict(getattr(self, attribute) or {})
                fields.setdefault("office", [SCOPE_FILTER])
                setattr(self, attribute, fields)
        super().__init__(*args, **kwargs)

    def _own_office_only(self, item):
        # Staff can only file records in their own office; admins choose any. An applicant has no
        # office: their own record keeps the office it names (else editing it blanked the office).
        scope = current_scope()
        column = getattr(type(item), "__scope_office__", "office_id")
        if scope.everything or not column or column == "id":
            return
        if scope.owner_id is not None and not scope.office_ids:
            return
        user = current_user()
        # FAB's forms set the relationship (item.office), not the column: at flush the relationship
        # wins, so check and correct both, or a form could file the record in another office.
        relation = _many_to_one_on(type(item), column)
        office_id = getattr(item, column)
        if relation is not None and getattr(item, relation.key) is not None:
            office_id = getattr(item, relation.key).id
        if office_id not in scope.office_ids:
            setattr(item, column, user.office_id)
            if relation is not None:
                setattr(item, relation.key,
                        db.session.get(relation.mapper.class_, user.office_id) if user.office_id else None)

    def pre_add(self, item):
        self._own_office_only(item)
        super_pre_add = getattr(super(), "pre_add", None)
        if super_pre_add:
            super_pre_add(item)

    def pre_update(self, item):
        self._own_office_only(item)
        super_pre_update = getattr(super(), "pre_update", None)
        if super_pre_update:
            super_pre_update(item)
