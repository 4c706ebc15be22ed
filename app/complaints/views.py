"""Screens: the handler's worklist, record page and form for complaints from other channels; the public
complaint page of each office and the tracking page."""
from __future__ import annotations

import time

from flask import abort, current_app, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.security.decorators import permission_name
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.complaints import service
from app.complaints.models import CHANNELS, STAFF_CHANNELS, Complaint
from app.complaints.procedure import COMPLAINTS
from app.complaints.tracking import shown
from app.core.access import roles as r
from app.core.access.scoping import current_user
from app.core.calendar.clock import format_jakarta
from app.core.calendar.workdays import jakarta_today
from app.core.reference.models import Office
from app.core.web.procedure_views import ProcedureModelView, flash_refusal
from app.core.web.reference_views import label_of
from app.core.web.worklist import WorklistInterface
from app.core.workflow import engine
from app.core.workflow.engine import TransitionError
from app.core.workflow.procedure import PROCEDURES
from app.extensions import db

LABELS = {
    "label": _l("No."), "office": _l("Office"), "channel": _l("Channel"), "status": _l("Status"),
    "sla_info": _l("Due"), "received_at": _l("Received"), "tracking_code": _l("Tracking code"),
    "lapor_id": _l("LAPOR! ticket id"), "name": _l("Complainant"), "email": _l("E-mail"), "phone": _l("Phone"),
    "body": _l("Complaint"), "about_number": _l("About"), "answer": _l("Public answer"),
    "answered_at": _l("Answered"), "internal_note": _l("Internal note"), "about_officer": _l("Officer concerned"),
    "forwarded_from": _l("Forwarded from"), "created_at": _l("Recorded"),
}


def anonymous_if_empty(value) -> str:
    return value or str(_l("(anonymous)"))


def blank_if_none(value):
    return "" if value is None else value


class ComplaintView(ProcedureModelView):
    """The complaint handler's worklist and record page (the head and the monitor read it)."""

    route_base = "/complaintview"
    list_title = _l("Complaints")
    procedure = COMPLAINTS
    datamodel = WorklistInterface(Complaint, options=lambda: [joinedload(Complaint.office)])
    show_template = "complaints/show.html"
    base_permissions = ["can_list", "can_show", "can_act", "can_upload", "can_download", "can_record", "can_note"]
    label_columns = LABELS
    list_columns = ["label", "office", "channel", "status", "received_at", "sla_info", "about_number"]
    search_columns = ["status", "channel", "tracking_code", "lapor_id", "about_number", "office"]
    formatters_columns = {**ProcedureModelView.formatters_columns, "status": COMPLAINTS.state_label,
                          "channel": label_of(CHANNELS), "received_at": format_jakarta, "answered_at": format_jakarta,
                          "tracking_code": shown, "name": anonymous_if_empty,
                          **{name: blank_if_none for name in ("lapor_id", "about_officer", "forwarded_from", "answer")}}
    show_fieldsets = [
        (_l("Complaint"), {"fields": ["tracking_code", "office", "channel", "lapor_id", "received_at", "body",
                                      "about_number"]}),
        (_l("Complainant"), {"fields": ["name", "email", "phone"]}),
        (_l("Answer"), {"fields": ["answer", "answered_at"]}),
        (_l("For the office only"), {"fields": ["internal_note", "about_officer", "forwarded_from"]}),
    ]

    def _panel(self, record) -> dict:
        panel = super()._panel(record)
        panel["about_url"] = self._about_url(record)
        panel["may_note"] = engine.role_among(current_user(), (r.COMPLAINTS,)) is not None and \
            record.status in COMPLAINTS.edits["form"][0].states
        panel["officers"] = self._officers(record) if panel["may_note"] else []
        return panel

    @staticmethod
    def _about_url(record) -> str | None:
        procedure = PROCEDURES.get(record.about_procedure or "")
        if procedure is None or not procedure.staff_path or not record.about_record_id:
            return None
        return f"{procedure.staff_path}{record.about_record_id}"

    @staticmethod
    def _officers(record):
        from flask_appbuilder.security.sqla.models import Role

        from app.core.access.people import AppUser

        return db.session.scalars(select(AppUser).where(
            AppUser.office_id == record.office_id, AppUser.active.is_(True),
            AppUser.roles.any(Role.name.in_(r.STAFF))).order_by(AppUser.first_name)).all()

    @expose("/record", methods=["GET", "POST"])
    @has_access
    @permission_name("record")
    def record(self):
        """A complaint that arrived by another channel, recorded by the handler."""
        values, errors = dict(request.form), {}
        if request.method == "POST":
            try:
                complaint = service.record_by_staff(values, current_user())
            except TransitionError as exc:
                flash(exc.message, "danger")
                errors = exc.fields
            else:
                flash(_("Complaint %(label)s recorded. Tracking code: %(code)s.", label=complaint.label,
                        code=shown(complaint.tracking_code)), "success")
                return redirect(url_for(f"{self.endpoint}.show", pk=complaint.id))
        values.setdefault("received_at", jakarta_today().isoformat())
        # Someone of no office (an admin) says where it arrived.
        offices = [] if current_user().office_id else db.session.scalars(select(Office).order_by(Office.code)).all()
        return self.render_template("complaints/record.html", values=values, errors=errors, offices=offices,
                                    channels=STAFF_CHANNELS, title=_("Record a complaint"),
                                    today=jakarta_today().isoformat())

    @expose("/note/<int:pk>", methods=["POST"])
    @has_access
    @permission_name("note")
    def note(self, pk):
        data = {"internal_note": request.form.get("internal_note", ""),
                "about_officer": request.form.get("about_officer", "")}
        try:
            engine.edit(COMPLAINTS, pk, "form", current_user(), data, request.form.get("version"))
        except TransitionError as exc:
            if exc.status == 404:
                abort(404)
            flash_refusal(exc)
        else:
            flash(_("The internal note was saved."), "success")
        return redirect(url_for(f"{self.endpoint}.show", pk=pk))


# --- public pages ---------------------------------------------------------------------------------

FORM_SALT = "complaint-form"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=FORM_SALT)


def form_token() -> str:
    """When the form was opened, signed: a form sent back faster than a person can type is a robot's."""
    return _serializer().dumps(time.time())


def fill_time_problem(token) -> str | None:
    minimum = current_app.config.get("SATUPINTU_COMPLAINT_MIN_FILL_SECONDS", 3)
    try:
        opened = _serializer().loads(token or "", max_age=24 * 3600)
    except SignatureExpired:
        return _("The form was open for more than a day. Check what you wrote and send it again.")
    except BadSignature:
        return _("The form could not be checked. Check what you wrote and send it again.")
    if time.time() - float(opened) < minimum:
        return _("The form was sent too quickly. Check what you wrote and send it again.")
    return None


class ComplaintPublicView(BaseView):
    """No login: each office's complaint page, and the page where a tracking code shows its complaint."""

    route_base = "/complaints"
    default_view = "index"
    HONEYPOT = "website"

    def _office(self, code) -> Office:
        office = service.office_by_code(code)
        if office is None:
            abort(404)
        return office

    @expose("/")
    def index(self):
        offices = db.session.scalars(select(Office).order_by(Office.code)).all()
        return self.render_template("complaints/public_index.html", offices=offices, title=_("Complaints"))

    @expose("/<code>/new", methods=["GET", "POST"])
    def new(self, code):
        office = self._office(code)
        values, errors = {}, {}
        if request.method == "POST":
            values = {key: request.form.get(key, "") for key in ("name", "email", "phone", "body", "about")}
            problem = fill_time_problem(request.form.get("started"))
            if request.form.get(self.HONEYPOT):
                problem = _("The complaint could not be accepted. If you are a person, leave the last field empty.")
            if problem:
                flash(problem, "danger")
            else:
                file = request.files.get("attachment")
                attachment = (file.read(), file.filename) if file and file.filename else None
                try:
                    complaint = service.file_public({**values, "office": office.code}, attachment)
                except TransitionError as exc:
                    flash(exc.message, "danger")
                    errors = exc.fields
                else:
                    return self.render_template("complaints/public_filed.html", office=office,
                                                code=shown(complaint.tracking_code), complaint=complaint,
                                                title=_("Complaint received"))
        return self.render_template("complaints/public_form.html", office=office, values=values, errors=errors,
                                    started=form_token(), honeypot=self.HONEYPOT,
                                    title=_("File a complaint"))

    @expose("/track", methods=["GET"])
    def track_form(self):
        code = request.args.get("code")
        if code:
            return redirect(url_for(".track", code="".join(code.split())[:40]))
        return self.render_template("complaints/public_track.html", shown_complaint=None, code="",
                                    title=_("Track a complaint"))

    @expose("/track/<code>", methods=["GET"])
    def track(self, code):
        complaint = service.by_code(code)
        if complaint is None:
            flash(_("No complaint has this tracking code. Check the code and try again."), "warning")
            return self.render_template("complaints/public_track.html", shown_complaint=None, code=code[:40],
                                        title=_("Track a complaint")), 404
        return self.render_template("complaints/public_track.html", shown_complaint=service.public_view(complaint),
                                    code=shown(complaint.tracking_code), title=_("Track a complaint"))

    @expose("/track/<code>/reopen", methods=["POST"])
    def reopen(self, code):
        complaint = service.by_code(code)
        if complaint is None:
            abort(404)
        try:
            service.reopen_by_complainant(complaint, request.form.get("note"))
        except TransitionError as exc:
            flash_refusal(exc)
        else:
            flash(_("Your complaint is open again; the complaint handler will answer it."), "success")
        return redirect(url_for(".track", code=complaint.tracking_code))
