"""The admin's change log screen (Log perubahan): every edit of reference data, newest first, read-only."""
from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from app.core.calendar.clock import format_jakarta
from app.core.reference.changelog import LOGGED, OPERATIONS, ChangeLogEntry
from app.core.web.reference_views import SatuPintuModelView, label_of


def _value(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "—"
    return str(value)


def changes_table(changes: dict) -> Markup:
    """Each changed field with its value before and after."""
    if not changes:
        return Markup("")
    rows = Markup("").join(
        Markup("<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>") % (field, _value(before), _value(after))
        for field, (before, after) in changes.items())
    return Markup('<table class="table table-condensed sp-changes"><thead><tr><th>%s</th><th>%s</th><th>%s</th>'
                  '</tr></thead><tbody>%s</tbody></table>') % (_l("Field"), _l("Before"), _l("After"), rows)


class ChangeLogView(SatuPintuModelView):
    datamodel = SQLAInterface(ChangeLogEntry)
    list_title = show_title = _l("Change log")
    list_columns = ["at", "actor", "entity", "record", "operation", "fields"]
    show_columns = ["at", "actor", "entity", "record_id", "record", "operation", "changes"]
    search_columns = ["at", "actor", "entity", "record", "operation"]
    base_order = ("id", "desc")
    base_permissions = ["can_list", "can_show"]
    label_columns = {"at": _l("Time"), "actor": _l("Who"), "entity": _l("Data"), "record_id": _l("No."),
                     "record": _l("Record"), "operation": _l("Change"), "fields": _l("Fields"),
                     "changes": _l("Before and after")}
    formatters_columns = {"at": format_jakarta, "operation": label_of(OPERATIONS),
                          "entity": lambda table: str(LOGGED[table][0]) if table in LOGGED else table,
                          "changes": changes_table}
