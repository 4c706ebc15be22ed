"""Screens: the officer's worklist and walk-in form, the applicant's portal, the head's inbox, the
public register, the office letter templates and the admin's signing certificates."""
from __future__ import annotations

import io

from flask import abort, flash, redirect, request, send_file, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import permission_name
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.core.access import roles as r
from app.core.access.scoping import ScopedMixin, current_user, get_or_404
from app.core.calendar.clock import format_jakarta
from app.core.documents import attached as docs
from app.core.reference.models import Office
from app.core.values.validation import InvalidValue
from app.core.web.procedure_views import ProcedureModelView
from app.core.web.reference_views import SatuPintuModelView, label_of, shown
from app.core.web.worklist import WorklistInterface
from app.core.workflow.engine import TransitionError, edit_role, user_roles
from app.core.workflow.engine import edit as edit_record
from app.extensions import db
from app.recommendations import service
from app.recommendations.forms import FORM_FIELDS, missing_for_submit
from app.recommendations.letters import LETTER_KIND, check_template_text, render_letter
from app.recommendations.models import ACTIVITY_TYPES, LetterTemplate, RecommendationRequest, SigningCertificate
from app.recommendations.pades import store_certificate
from app.recommendations.procedure import BODY_LABELS, RECOMMENDATION, REQUIRED_UPLOADS

LABELS = {
    **{field.name: field.label for field in FORM_FIELDS}, **BODY_LABELS,
    "id": _l("No."), "office": _l("Office"), "applicant": _l("Applicant"),
    "channel": _l("Channel"), "status": _l("Status"), "sla_info": _l("Due"), "created_at": _l("Created"),
    "updated_at": _l("Last change"), "letter_number": _l("Letter number"), "letter_date": _l("Letter date"),
    "signer_name": _l("Signed by"),
}
# The drafted letter can be previewed (as PDF marked DRAFT) while the head reads or the officer revises it.
PREVIEW_STATES = ("letter_drafted", "revision_requested")
CHANNEL_LABELS = {"walk_in": _l("Walk-in"), "online": _l("Online")}
FORM_SECTIONS = [
    (_l("The activity"), ["title", "organiser", "activity_type", "objective"]),
    (_l("Design"), ["population", "sample_size", "method", "variables", "area", "start_date", "end_date", "funding"]),
    (_l("Contact"), ["contact_name", "contact_email"]),
]


def _latest(history, action: str):
    """The newest audit row of `action` (its note: why it was returned / what to revise)."""
    return next((event for event in reversed(history) if event.action == action), None)


class RequestScreens(ProcedureModelView):
    """What the staff and the applicant screens share: the record page and the form."""

    procedure = RECOMMENDATION
    datamodel = WorklistInterface(RecommendationRequest)
    show_template = "recommendations/show.html"
    form_template = "recommendations/form.html"
    label_columns = LABELS
    formatters_columns = {**ProcedureModelView.formatters_columns,
                          "activity_type": label_of(ACTIVITY_TYPES), "channel": label_of(CHANNEL_LABELS),
                          **{name: shown for name in ("start_date", "end_date", "letter_date", "sample_size",
                                                      "letter_number", "signer_name")}}
    show_fieldsets = [
        (_l("The activity"), {"fields": ["title", "organiser", "activity_type", "objective", "office", "channel"]}),
        (_l("Design"), {"fields": ["population", "sample_size", "method", "variables", "area", "start_date",
                                   "end_date", "funding"]}),
        (_l("Contact"), {"fields": ["contact_name", "contact_email"]}),
        (_l("Letter"), {"fields": ["letter_number", "letter_date", "signer_name"]}),
    ]
    base_permissions = ["can_list", "can_show", "can_add", "can_edit", "can_act", "can_upload", "can_download"]
    may_preview = False

    # -- record page ----------------------------------------------------------------------

    def _panel(self, record) -> dict:
        panel = super()._panel(record)
        user = current_user()
        # The base panel has already read the record's documents and history: no query again here.
        current = {doc.kind: doc for doc in panel["documents"] if doc.status == docs.VALID}
        incomplete = record.status in ("draft", "returned")
        preview = (self.may_preview and record.status in PREVIEW_STATES
                   and self.appbuilder.sm.has_access("can_preview", self.class_permission_name))
        panel.update(
            editable=edit_role(self.procedure, "form", record, user) is not None
            and self.appbuilder.sm.has_access("can_edit", self.class_permission_name),
            missing_fields=missing_for_submit(record) if incomplete else [],
            missing_documents=[self.procedure.kind_label(kind) for kind in REQUIRED_UPLOADS if kind not in current]
            if incomplete else [],
            returned=_latest(panel["history"], "return") if record.status == "returned" else None,
            revision=_latest(panel["history"], "request_revision")
            if record.status == "revision_requested" else None,
            preview_url=url_for(f"{self.endpoint}.preview", pk=record.id) if preview else None,
            letter=current.get(LETTER_KIND),
            body_labels=BODY_LABELS,
        )
        return panel

    # -- the form ---------------------------------------------------------------------------

    def _form_page(self, record, values: dict, errors: dict):
        roles = user_roles(current_user())
        extra = {"choose_office": record is None and r.APPLICANT in roles,
                 "walk_in": record is None and r.APPLICANT not in roles and r.OFFICER in roles}
        return self.render_template(
            self.form_template, record=record, values=values, errors=errors, fields=FORM_FIELDS,
            sections=FORM_SECTIONS, endpoint=self.endpoint, extra=extra,
            title=_("Edit the form") if record else _("New recommendation request"),
            offices=db.session.scalars(select(Office).order_by(Office.code)).all(),
        )

    def _values_of(self, record) -> dict:
        return {field.name: getattr(record, field.name) for field in FORM_FIELDS}

    def _after_save(self, record):
        flash(_("The form was saved. Upload the questionnaire and the cover letter, then submit."), "success")
        return redirect(url_for(f"{self.endpoint}.show", pk=record.id))

    @expose("/add", methods=["GET", "POST"])
    @has_access
    def add(self):
        if request.method == "POST":
            try:
                record = service.create_draft(request.form.to_dict(), current_user())
            except TransitionError as exc:
                if exc.status == 403:
                    abort(403)
                flash(exc.message, "danger")
                return self._form_page(None, request.form.to_dict(), exc.fields)
            return self._after_save(record)
        return self._form_page(None, {}, {})

    @expose("/edit/<pk>", methods=["GET", "POST"])
    @has_access
    def edit(self, pk):
        record = get_or_404(RecommendationRequest, pk)
        if request.method == "POST":
            typed = request.form.to_dict()
            try:
                edit_record(self.procedure, record.id, "form", current_user(), typed,
                            expected_version=typed.pop("version", None))
            except TransitionError as exc:
                flash(exc.message, "danger")
                if exc.status not in (409, 422) or edit_role(self.procedure, "form", record, current_user()) is None:
                    return redirect(url_for(f"{self.endpoint}.show", pk=record.id))
                # Refused (a stale page, a bad value): the form shows again with what the person typed,
                # against the record's present version.
                return self._form_page(record, typed, exc.fields)
            flash(_("The form was saved."), "success")
            return redirect(url_for(f"{self.endpoint}.show", pk=record.id))
        if edit_role(self.procedure, "form", record, current_user()) is None:
            flash(_("The form can no longer be changed while the record is %(state)s.",
                    state=RECOMMENDATION.state_label(record.status)), "warning")
            return redirect(url_for(f"{self.endpoint}.show", pk=record.id))
        return self._form_page(record, self._values_of(record), {})


class RecommendationView(RequestScreens):
    """The office's worklist (officer, head, monitor), due dates first; the officer's walk-in form."""

    list_title = _l("Recommendation requests")
    show_title = _l("Recommendation request")
    list_columns = ["id", "title", "organiser", "channel", "status", "sla_info", "updated_at"]
    search_columns = ["title", "organiser", "status", "channel", "letter_number", "area"]
    base_permissions = RequestScreens.base_permissions + ["can_preview"]
    may_preview = True

    @expose("/preview/<int:pk>", methods=["GET"])
    @has_access
    @permission_name("preview")
    def preview(self, pk):
        """The drafted letter as PDF, marked DRAF, without number: what the head is asked to sign."""
        record = get_or_404(RecommendationRequest, pk)
        if not record.considerations or record.status not in PREVIEW_STATES:
            abort(404)
        data = render_letter(record, draft=True)
        return send_file(io.BytesIO(data), mimetype="application/pdf", as_attachment=False,
                         download_name=f"draf-surat-rekomendasi-{record.id}.pdf")


class MyRecommendationView(RequestScreens):
    """The applicant's own requests: search the register first, then the form; track, fix, download, rate."""

    list_title = _l("My recommendation requests")
    show_title = _l("My recommendation request")
    list_columns = ["id", "title", "office", "status", "updated_at"]
    search_columns = ["title", "status"]
    base_order = ("updated_at", "desc")

    @expose("/add", methods=["GET", "POST"])
    @has_access
    def add(self):
        # Seed 002, online step 3: search the activities already recommended before filling in a form.
        if request.method == "GET" and not request.args.get("form"):
            words = request.args.get("q", "")
            total, rows = service.search_register(words) if words else (0, [])
            return self.render_template("recommendations/search_first.html", q=words, total=total, rows=rows,
                                        searched=bool(words), title=_("New recommendation request"),
                                        form_url=url_for(f"{self.endpoint}.add", form=1))
        return super().add()


class PublicRecommendationView(BaseView):
    """The public register of recommended activities, no login: never any contact detail."""

    route_base = "/public"
    default_view = "register"
    PAGE_SIZE = 25

    @expose("/recommendations")
    def register(self):
        words = request.args.get("q", "")[:200]
        try:  # a page far past the end shows the empty page, not a database overflow
            page = min(max(int(request.args.get("page", 1)), 1), 100_000)
        except ValueError:
            page = 1
        total, rows = service.search_register(words, limit=self.PAGE_SIZE, offset=(page - 1) * self.PAGE_SIZE)
        return self.render_template("recommendations/public_register.html", q=words, rows=rows, total=total,
                                    page=page, pages=max((total + self.PAGE_SIZE - 1) // self.PAGE_SIZE, 1),
                                    title=_("Recommended statistical activities"))


class LetterTemplateView(ScopedMixin, SatuPintuModelView):
    """An office's wording of the letter (admin for every office, the head for theirs)."""

    datamodel = SQLAInterface(LetterTemplate)
    list_title = _l("Recommendation letter templates")
    list_columns = ["office", "subject", "place", "updated_at"]
    add_columns = edit_columns = ["office", "place", "signer_title", "subject", "opening", "considerations",
                                  "suggestions", "conclusion", "closing"]
    show_columns = add_columns + ["updated_at"]
    label_columns = {
        "office": _l("Office"), "place": _l("Place of signing"), "signer_title": _l("Title of the signer"),
        "subject": _l("Subject"), "opening": _l("Opening"), "considerations": _l("Considerations"),
        "suggestions": _l("Suggestions"), "conclusion": _l("Conclusion"), "closing": _l("Closing"),
        "updated_at": _l("Last change"),
    }
    description_columns = {
        "opening": _l("Placeholders: {{ title }}, {{ organiser }}, {{ activity_type }}, {{ area }}, {{ period }}, "
                      "{{ office }}. An empty text keeps the built-in wording."),
        "place": _l("The city before the date, e.g. Kendal. Empty: taken from the office name."),
    }
    formatters_columns = {"updated_at": format_jakarta}
    # ScopedMixin limits the office drop-down to the offices the user may see (the head: their own).

    def _check(self, item):
        for name in ("subject", "opening", "considerations", "suggestions", "conclusion", "closing"):
            check_template_text(getattr(item, name) or "")

    def pre_add(self, item):
        super().pre_add(item)
        self._check(item)

    def pre_update(self, item):
        super().pre_update(item)
        self._check(item)


class SigningCertificateView(SatuPintuModelView):
    """Admin only: an office's PKCS#12 certificate for PAdES signatures. Upload replaces; never shown."""

    datamodel = SQLAInterface(SigningCertificate)
    list_title = _l("Signing certificates")
    list_columns = ["office", "subject", "not_after", "uploaded_at"]
    show_columns = ["office", "subject", "serial", "not_after", "uploaded_at", "uploaded_by"]
    label_columns = {"office": _l("Office"), "subject": _l("Certificate holder"), "serial": _l("Serial number"),
                     "not_after": _l("Valid until"), "uploaded_at": _l("Uploaded"), "uploaded_by": _l("Uploaded by")}
    base_permissions = ["can_list", "can_show", "can_add", "can_delete"]

    @expose("/add", methods=["GET", "POST"])
    @has_access
    def add(self):
        offices = db.session.scalars(select(Office).order_by(Office.code)).all()
        error = None
        if request.method == "POST":
            office = db.session.get(Office, request.form.get("office_id", type=int) or 0)
            file = request.files.get("file")
            if office is None or file is None or not file.filename:
                error = _("Choose the office and the certificate file.")
            else:
                try:
                    store_certificate(office.id, file.read(), request.form.get("passphrase", ""), current_user())
                    db.session.commit()
                except InvalidValue as exc:
                    db.session.rollback()
                    error = str(exc)
                else:
                    flash(_("The certificate was stored; letters of %(office)s are now also signed with it.",
                            office=office.name), "success")
                    return redirect(url_for(f"{self.endpoint}.list"))
            flash(error, "danger")
        return self.render_template("recommendations/certificate_form.html", offices=offices,
                                    title=_("Upload a signing certificate"), endpoint=self.endpoint)
