"""Registering a screen or API also grants it to roles: one call answers who sees what."""
from __future__ import annotations

from app.core import roles
from app.core.roles import matrix
from app.extensions import appbuilder


def permission_name(view) -> str:
    return getattr(view, "class_permission_name", None) or (
        view.__name__ if isinstance(view, type) else type(view).__name__
    )


def _grant(view, full_roles, read_roles):
    name = permission_name(view)
    matrix.grant(name, full_roles)
    matrix.grant(name, read_roles, roles.READ_ONLY)


def add_view(view, name, *, category, label, category_label, icon="fa-table",
             category_icon="fa-folder", full=(), read=()):
    appbuilder.add_view(view, name, label=label, icon=icon, category=category,
                        category_label=category_label, category_icon=category_icon)
    _grant(view, full, read)
    matrix.grant_menu(name, tuple(full) + tuple(read))
    matrix.grant_menu(category, tuple(full) + tuple(read))


def add_view_no_menu(view, *, full=(), read=()):
    appbuilder.add_view_no_menu(view)
    _grant(view, full, read)


def add_api(api, *, full=(), read=()):
    appbuilder.add_api(api)
    _grant(api, full, read)
