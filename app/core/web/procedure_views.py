"""The screens of a procedure record: FAB's list and show, plus the procedure panel —
state, SLA clock, the buttons of the actions this user may take now, documents, history."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import expose, has_access
from flask_appbuilder.security.decorators import permission_name
from flask_appbuilder.urltools import get_filter_args, get_order_args
from flask_babel import gettext as _
from markupsafe import Markup

from app.core.access.roles import role_label
from app.core.access.scoping import ScopedMixin, current_user, get_or_404
from app.core.calendar.clock import format_jakarta
from app.core.documents import attached as docs
from app.core.web import export
from app.core.web.list_filters import list_filters
from app.core.web.reference_views import SatuPintuModelView
from app.core.workflow.audit import history
from app.core.workflow.engine import (
    TransitionError,
    apply,
    available_actions,
    download,
    edit,
    event_label,
    upload,
    uploads_allowed,
    user_roles,
)
from app.core.workflow.sla import clock_for, prime_calendars

PROCEDURE_PERMISSIONS = "can_list|can_show|can_act|can_upload|can_download"


def sla_badge(info) -> Markup:
    """List formatter of a record's `sla_info`: due date, working days left, at-risk/overdue."""
    due, left = info or (None, None)
    if left is None:
        return Markup("")
    due_text = due.strftime("%d-%m-%Y")
    if left < 0:
        text, tone = _("%(due)s · overdue by %(days)d working days", due=due_text, days=-left), "danger"
    elif left <= 2:
        text, tone = _("%(due)s · %(days)d working days left", due=due_text, days=left), "warning"
    else:
        text, tone = _("%(due)s · %(days)d working days left", due=due_text, days=left), "success"
    return Markup('<span class="sp-badge sp-badge-%s">%s</span>') % (tone, text)


def flash_refusal(exc: TransitionError) -> None:
    """Why the action or upload was refused, then each field's own message."""
    flash(exc.message, "danger")
    for message in exc.fields.values():
        if message != exc.message:
            flash(message, "danger")


def state_badge(procedure):
    """List formatter of a record's state: its label, in the tone the procedure gives that state."""
    def badge(status) -> Markup:
        return Markup('<span class="sp-badge sp-badge-%s">%s</span>') % (
            procedure.state_tones.get(status, ""), procedure.state_label(status))
    return badge


def _calendars_primed(rows):
    """The rows, with the working-day calendars of each batch's offices read in one query first: the
    due-date column counts working days by each office's calendar (a list over many offices would
    otherwise read one calendar per office)."""
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == export.BATCH:
            prime_calendars({record.office_id for record in batch})
            yield from batch
            batch = []
    prime_calendars({record.office_id for record in batch})
    yield from batch
# A page's other forms carry what the person typed in its edit form but has not saved yet, as
# `edit.<field>`: it is saved first, so nothing typed is lost to an upload or a step.
TYPED_PREFIX = "edit."


def save_typed(procedure, pk, data: dict):
    """Saves (edit "form") the typed fields `data` carries and takes them out of it; returns the version
    the next step must expect: the saved one, or the one the page showed."""
    version = data.pop("version", None)
    typed = {name[len(TYPED_PREFIX):]: data.pop(name) for name in list(data) if name.startswith(TYPED_PREFIX)}
    if not typed or "form" not in procedure.edits:
        return version
    return edit(procedure, pk, "form", current_user(), typed, expected_version=version).record.version


class ProcedureModelView(ScopedMixin, SatuPintuModelView):
    """The base of every procedure screen. A service sets `procedure`, and `datamodel` to a
    `WorklistInterface` of its model; the state shows as the procedure's badge and worklists open
    in the worklist order (by due date)."""

    procedure = None  # set by each service
    show_template = "satupintu/procedure_show.html"
    list_template = "satupintu/procedure_list.html"
    page_size = 25
    base_order = ("sla_due_date", "asc")
    base_permissions = ["can_list", "can_show", "can_act", "can_upload", "can_download"]
    formatters_columns = {"created_at": format_jakarta, "updated_at": format_jakarta, "sla_info": sla_badge}
    # Columns holding whole rupiah: exported as numbers (formatted as rupiah in XLSX).
    money_columns: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        self.formatters_columns = {"status": state_badge(self.procedure), **self.formatters_columns}
        super().__init__(*args, **kwargs)

    def render_template(self, template, **kwargs):
        kwargs.setdefault("kind_labels", {kind: str(label) for kind, label in self.procedure.document_kinds.items()})
        if template == self.list_template:
            kwargs.setdefault("export_urls", {fmt: url_for(f"{self.endpoint}.export", **{**request.args, "format": fmt})
                                              for fmt in export.FORMATS})
            asked = list_filters(self.datamodel.obj)
            kwargs.setdefault("active_filters", asked.described)
            for name in asked.ignored:
                flash(_("The filter \"%(name)s\" was left out: its value is not valid.", name=name), "warning")
        return super().render_template(template, **kwargs)

    # -- the list's filters: FAB's search, the base filters, and the query-string filters -----------

    def _extra_filters(self):
        """Filters the list takes from its query string (the dashboards link here with them):
        channel, time limit (overdue, at_risk, met, missed), filed and finished dates."""
        extra = self.datamodel.get_filters()
        for column, filter_class, value in list_filters(self.datamodel.obj).filters:
            extra.add_filter(column, filter_class, value)
        return extra

    def _get_list_widget(self, filters, **kwargs):
        return super()._get_list_widget(filters.get_joined_filters(self._extra_filters()), **kwargs)

    def export_columns(self) -> list[export.ExportColumn]:
        datamodel = self.datamodel

        def kind(name):
            if datamodel.is_datetime(name):
                return export.DATETIME
            return export.DATE if datamodel.is_date(name) else None

        return export.columns_of(self.list_columns, self.label_columns, self.formatters_columns,
                                 self.money_columns, kind)

    @expose("/export", methods=["GET"])
    @has_access
    @permission_name("list")
    def export(self):
        """The list as it is filtered and ordered now, every page, as CSV or XLSX."""
        fmt = request.args.get("format", "xlsx")
        if fmt not in export.FORMATS:
            flash(_("Choose CSV or XLSX."), "danger")
            return redirect(url_for(f"{self.endpoint}.list"))
        order_column, order_direction = get_order_args().get(self.__class__.__name__, ("", ""))
        if not order_column and self.base_order:
            order_column, order_direction = self.base_order
        get_filter_args(self._filters)
        filters = self._filters.get_joined_filters(self._base_filters).get_joined_filters(self._extra_filters())
        query = self.datamodel.apply_all(self.datamodel.session.query(self.datamodel.obj), filters,
                                         order_column, order_direction)
        title = str(self.list_title or self.procedure.label)
        return export.export_response(self.export_columns(), _calendars_primed(export.query_rows(query)), fmt,
                                      export.export_filename(self.procedure.resource), title)

    def _panel(self, record) -> dict:
        user = current_user()
        procedure = self.procedure
        events = history(procedure.name, record.id, with_actors=True)
        return {
            "procedure": procedure,
            "record": record,
            "status_label": procedure.state_label(record.status),
            "clock": clock_for(record, procedure, events),
            "actions": available_actions(procedure, record, user),
            "documents": [doc for doc in docs.documents_of(procedure.name, record.id)
                          if procedure.downloadable(record, doc, user_roles(user))],
            "history": events,
            "role_label": role_label,
            "event_label": lambda name: event_label(procedure, name),
            "uploads": uploads_allowed(procedure, record, user),
            "endpoint": self.endpoint,
        }

    @expose("/show/<pk>", methods=["GET"])
    @has_access
    def show(self, pk):
        record = get_or_404(self.datamodel.obj, pk)
        widgets = self._get_show_widget(pk, record)
        self.update_redirect()
        return self.render_template(self.show_template, pk=pk, title=self.show_title, widgets=widgets,
                                    related_views=self._related_views, panel=self._panel(record))

    @expose("/act/<int:pk>/<action>", methods=["POST"])
    @has_access
    @permission_name("act")
    def act(self, pk, action):
        data = request.form.to_dict()
        data.pop("next", None)
        for name, file in request.files.items():
            if file and file.filename:
                data[name] = file
        self._gather_scores(action, data)
        try:
            version = save_typed(self.procedure, pk, data)
            outcome = apply(self.procedure, pk, action, current_user(), data, expected_version=version)
        except TransitionError as exc:
            if exc.status == 404:
                abort(404)
            flash_refusal(exc)
            # Back where the missing thing can be filled in (a form's `next`), the message with it.
            return self._back(pk)
        taken = self.procedure.actions[action]
        flash(_("%(done)s. The record is now %(state)s.", done=taken.done or taken.label,
                state=self.procedure.state_label(outcome.status)), "success")
        return redirect(url_for(f"{self.endpoint}.show", pk=pk))

    def _gather_scores(self, action_name: str, data: dict) -> None:
        # A rating is posted as one radio group per element (<field>_<element>).
        action = self.procedure.actions.get(action_name)
        for field in action.fields if action else ():
            if field.kind == "scores":
                data[field.name] = {key: data.pop(f"{field.name}_{key}", None) for key, _label in field.choices()}

    @expose("/upload/<int:pk>", methods=["POST"])
    @has_access
    @permission_name("upload")
    def upload(self, pk):
        file = request.files.get("file")
        if file is None or not file.filename:
            flash(_("Choose a file to upload."), "danger")
            return self._back(pk)
        try:
            save_typed(self.procedure, pk, request.form.to_dict())
            upload(self.procedure, pk, request.form.get("kind", ""), file.read(), file.filename, current_user())
        except TransitionError as exc:
            if exc.status == 404:
                abort(404)
            flash_refusal(exc)
        else:
            flash(_("The file was uploaded."), "success")
        return self._back(pk)

    def _back(self, pk):
        """The record's page, or the local page a form names in `next` (e.g. a service's compose page)."""
        target = request.form.get("next") or ""
        if target.startswith("/") and not target.startswith("//") and "\\" not in target:
            return redirect(target)
        return redirect(url_for(f"{self.endpoint}.show", pk=pk))

    @expose("/download/<int:pk>/<int:doc_id>", methods=["GET"])
    @has_access
    @permission_name("download")
    def download(self, pk, doc_id):
        return download(self.procedure, get_or_404(self.datamodel.obj, pk), doc_id, current_user())


