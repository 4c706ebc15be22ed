"""Registering a screen or API also grants it to roles: one call answers who sees what."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from app.core.access import roles
from app.core.access.roles import matrix
from app.extensions import appbuilder


@dataclass(frozen=True)
class Category:
    """A navbar menu: its stable name (permissions refer to it), its label and icon."""

    name: str
    label: object
    icon: str


ADMINISTRATION = Category("Administration", _l("Administration"), "fa-cogs")
REFERENCE = Category("Reference", _l("Reference data"), "fa-book")
SERVICES = Category("Services", _l("Services"), "fa-inbox")
PORTAL = Category("Portal", _l("My services"), "fa-user")
HELP = Category("Help", _l("Help"), "fa-question-circle")


def permission_name(view) -> str:
    return getattr(view, "class_permission_name", None) or (
        view.__name__ if isinstance(view, type) else type(view).__name__
    )


def _grant(view, full_roles, read_roles):
    name = permission_name(view)
    matrix.grant(name, full_roles)
    matrix.grant(name, read_roles, roles.READ_ONLY)


def add_view(view, name, *, category: Category, label, icon="fa-table", full=(), read=()):
    appbuilder.add_view(view, name, label=label, icon=icon, category=category.name,
                        category_label=category.label, category_icon=category.icon)
    _grant(view, full, read)
    matrix.grant_menu(name, tuple(full) + tuple(read))
    matrix.grant_menu(category.name, tuple(full) + tuple(read))


def add_link(name, *, label, href, icon, category: Category, visible_to=()):
    """A menu entry to a page outside FAB's views (e.g. a public page), shown to `roles_`."""
    appbuilder.add_link(name, label=label, href=href, icon=icon, category=category.name,
                        category_label=category.label, category_icon=category.icon)
    matrix.grant_menu(name, tuple(visible_to))
    matrix.grant_menu(category.name, tuple(visible_to))


def add_view_no_menu(view, *, full=(), read=()):
    appbuilder.add_view_no_menu(view)
    _grant(view, full, read)


def add_api(api, *, full=(), read=()):
    appbuilder.add_api(api)
    _grant(api, full, read)
