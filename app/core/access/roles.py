"""Roles and the one table of what each may open, built as views register themselves.

FAB checks "built-in" roles against regular expressions kept in memory (FAB_ROLES), so the
permission matrix lives in code next to the views, not in rows an admin can drift.
"""
from __future__ import annotations

ADMIN = "Admin"
OFFICER = "Officer"
TREASURER = "Treasurer"
HEAD = "Head"
COMPLAINTS = "ComplaintHandler"
APPLICANT = "Applicant"
MONITOR = "Monitor"
# A queue device at the front office (kios antrian): it may only take tickets for its own office.
KIOSK = "Kiosk"
PUBLIC = "Public"

STAFF = (OFFICER, TREASURER, HEAD, COMPLAINTS)
ALL = (ADMIN, OFFICER, TREASURER, HEAD, COMPLAINTS, APPLICANT, MONITOR, KIOSK)


def role_label(role: str) -> str:
    """A role as people call it ("Petugas PST"); the stored name otherwise."""
    from flask_babel import gettext as _

    return {OFFICER: _("Officer"), TREASURER: _("Treasurer"), HEAD: _("Head of office"),
            COMPLAINTS: _("Complaint handler"), APPLICANT: _("Applicant"), ADMIN: _("Administrator"),
            MONITOR: _("Monitor"), KIOSK: _("Queue kiosk"), PUBLIC: _("Member of the public"),
            "System": _("System")}.get(role, role)


READ_ONLY = "can_list|can_show|can_get|can_info|can_download|can_transitions|can_documents|can_history"

# What every signed-in user needs: their own profile, password and the menu API.
_SELF_SERVICE = [
    ["UserDBModelView", "can_userinfo"],
    ["UserInfoEditView", "can_this_form_get|can_this_form_post"],
    ["ResetMyPasswordView", "can_this_form_get|can_this_form_post"],
    ["MenuApi", "can_get"],
]


class RoleMatrix:
    """(view, permission) regexes per role; FAB reads it as FAB_ROLES."""

    def __init__(self) -> None:
        self.permissions: dict[str, list[list[str]]] = {}
        self.reset()

    def reset(self) -> None:
        self.permissions.clear()
        # Everything, except the applicant's own portal menu: an admin has no requests of their own.
        self.permissions[ADMIN] = [["^(?!Portal$).*", ".*"]]
        for role in ALL[1:]:
            self.permissions[role] = [list(p) for p in _SELF_SERVICE]
        self.permissions[PUBLIC] = []

    def grant(self, view_name: str, roles, permissions: str = ".*") -> None:
        for role in roles:
            if role != ADMIN:
                self.permissions[role].append([f"^{view_name}$", f"^({permissions})$"])

    def grant_menu(self, menu_name: str, roles) -> None:
        self.grant(menu_name, roles, "menu_access")

    def roles_for(self, view_name: str, permission: str) -> list[str]:
        import re

        return [
            role for role, pvms in self.permissions.items()
            if any(re.match(v, view_name) and re.match(p, permission) for v, p in pvms)
        ]


matrix = RoleMatrix()
