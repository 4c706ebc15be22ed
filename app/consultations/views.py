"""Screens: the public knowledge search, the applicant's consultations (search first, then ask), the
office's worklist and thread, the officer's log of walk-in/WhatsApp/e-mail consultations, the
knowledge base (FAQs) and the lists admins keep."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import permission_name
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.consultations import knowledge, meetings, service
from app.consultations.forms import topics
from app.consultations.models import (
    CHANNELS,
    ENTRY_KINDS,
    FOLLOW_UPS,
    Consultation,
    ConsultationSettings,
    ConsultationTopic,
    KnowledgeEntry,
    StemException,
)
from app.consultations.procedure import CONSULTATION
from app.consultations.stemming import WORD, forget_exceptions
from app.core.access import roles as r
from app.core.access.scoping import ScopedMixin, current_user, get_or_404
from app.core.calendar.clock import format_jakarta
from app.core.reference.models import Office
from app.core.service import walk_in_starters
from app.core.values.validation import InvalidValue
from app.core.web.procedure_views import ProcedureModelView, flash_refusal
from app.core.web.reference_views import SatuPintuModelView, label_of
from app.core.web.worklist import WorklistInterface
from app.core.workflow.engine import TransitionError, edit, user_roles
from app.extensions import db

LABELS = {
    "id": _l("No."), "subject": _l("Subject"), "question": _l("Question"), "topic": _l("Topic"),
    "office": _l("Office"), "applicant": _l("Applicant"), "channel": _l("Channel"), "status": _l("Status"),
    "sla_info": _l("Due"), "last_message_at": _l("Last message"), "created_at": _l("Created"),
    "updated_at": _l("Last change"), "follow_up_service": _l("Led to"),
}


class ConsultationScreens(ProcedureModelView):
    """What the office's and the applicant's screens share: the thread page."""

    procedure = CONSULTATION
    datamodel = WorklistInterface(Consultation, options=lambda: [joinedload(Consultation.topic),
                                                                  joinedload(Consultation.applicant)])
    show_template = "consultations/show.html"
    label_columns = LABELS
    formatters_columns = {**ProcedureModelView.formatters_columns, "channel": label_of(CHANNELS),
                          "follow_up_service": label_of(FOLLOW_UPS), "last_message_at": format_jakarta}
    show_columns = ["subject", "topic", "office", "channel", "applicant", "follow_up_service"]

    def _panel(self, record) -> dict:
        panel = super()._panel(record)
        user = current_user()
        staff = r.OFFICER in user_roles(user)
        published = db.session.scalars(select(KnowledgeEntry).where(
            KnowledgeEntry.consultation_id == record.id)).first()
        panel.update(
            messages=record.messages,
            meetings=meetings.meetings_of(record),
            published=published,
            staff=staff,
            log_editable=staff and self.appbuilder.sm.has_access("can_log", self.class_permission_name)
            and any(record.status in rule.states and rule.guard(record, r.OFFICER)
                    for rule in CONSULTATION.edits["form"]),
            topics=topics(),
            follow_ups=FOLLOW_UPS,
            starters={name: label for name, (label, _start) in walk_in_starters().items()
                      if name != "consultations" and name in FOLLOW_UPS},
        )
        return panel


class ConsultationView(ConsultationScreens):
    """The office's consultations (officer acts; head and monitor read), due dates first."""

    list_title = _l("Consultations")
    show_title = _l("Consultation")
    list_columns = ["id", "subject", "topic", "applicant", "channel", "status", "sla_info", "last_message_at"]
    search_columns = ["subject", "status", "channel", "topic"]
    base_permissions = ConsultationScreens.base_permissions + ["can_log"]

    @expose("/log/<int:pk>", methods=["POST"])
    @has_access
    @permission_name("log")
    def log(self, pk):
        """The officer's edit of the log: subject, topic, question, where the visit led."""
        data = {key: value for key, value in request.form.items() if key not in ("csrf_token", "version")}
        try:
            edit(CONSULTATION, pk, "form", current_user(), data, expected_version=request.form.get("version"))
        except TransitionError as exc:
            if exc.status == 404:
                abort(404)
            flash_refusal(exc)
        else:
            flash(_("The consultation log was saved."), "success")
        return redirect(url_for(f"{self.endpoint}.show", pk=pk))

    @expose("/follow_up/<int:pk>", methods=["POST"])
    @has_access
    @permission_name("log")
    def follow_up(self, pk):
        """Starts the service the visit led to (a sale, a recommendation request) for the same guest."""
        record = get_or_404(Consultation, pk)
        name = request.form.get("service", "")
        starter = walk_in_starters().get(name)
        if starter is None or name not in FOLLOW_UPS or record.applicant is None:
            flash(_("This service cannot be started from here."), "danger")
            return redirect(url_for(f"{self.endpoint}.show", pk=pk))
        started = starter[1](record.applicant, current_user())
        try:
            edit(CONSULTATION, pk, "form", current_user(),
                 {"follow_up_service": name, "follow_up_record_id": started.id})
        except TransitionError as exc:
            flash_refusal(exc)
        flash(_("%(service)s started for this guest.", service=starter[0]), "success")
        return redirect(url_for(f"{self.endpoint}.show", pk=pk))


class MyConsultationView(ConsultationScreens):
    """The applicant's consultations: search the knowledge base first, then ask; the thread; rating."""

    list_title = _l("My consultations")
    show_title = _l("My consultation")
    list_columns = ["id", "subject", "office", "status", "last_message_at"]
    search_columns = ["subject", "status"]
    base_order = ("last_message_at", "desc")
    base_permissions = ConsultationScreens.base_permissions + ["can_add"]

    @expose("/add", methods=["GET", "POST"])
    @has_access
    def add(self):
        # Seed 004, online steps 3–4: search first; the form only when the answer is not there.
        if request.method == "GET" and not request.args.get("form"):
            return redirect(url_for("KnowledgeView.index", q=request.args.get("q", ""), ask=1))
        values = request.form.to_dict() if request.method == "POST" else {
            "subject": request.args.get("q", "")[:200], "office": request.args.get("office", "")}
        errors = {}
        if request.method == "POST":
            file = request.files.get("attachment")
            try:
                record = service.create_consultation(values, current_user(),
                                                     file if file and file.filename else None)
            except TransitionError as exc:
                if exc.status == 403:
                    abort(403)
                flash(exc.message, "danger")
                errors = exc.fields
            else:
                flash(_("Your consultation was sent. We answer within %(days)d working days; you get an e-mail "
                        "when we write.", days=3), "success")
                return redirect(url_for(f"{self.endpoint}.show", pk=record.id))
        return self.render_template("consultations/ask.html", values=values, errors=errors, topics=topics(),
                                    offices=db.session.scalars(select(Office).order_by(Office.code)).all(),
                                    title=_("Ask a statistician"))


class ConsultationLogView(BaseView):
    """The officer logs a consultation given at the desk, by WhatsApp or by e-mail."""

    route_base = "/consultations/log"
    default_view = "index"
    class_permission_name = "ConsultationLog"
    base_permissions = ["can_index"]

    def _render(self, values, errors, visitor=None):
        return self.render_template("consultations/log.html", values=values, errors=errors, topics=topics(),
                                    channels=service.channel_choices(), visitor=visitor, follow_ups=FOLLOW_UPS,
                                    title=_("Log a consultation"))

    @expose("/", methods=["GET", "POST"])
    @has_access
    def index(self):
        if request.method == "GET":
            values, visitor, errors = request.args.to_dict(), None, {}
            if values.get("applicant"):
                try:
                    visitor = service.find_applicant(values["applicant"])
                except InvalidValue as exc:
                    errors["applicant"] = str(exc)
            return self._render(values, errors, visitor)
        values = request.form.to_dict()
        file = request.files.get("attachment")
        try:
            record = service.log_consultation(values, current_user(), file if file and file.filename else None)
        except TransitionError as exc:
            if exc.status == 403:
                abort(403)
            flash(exc.message, "danger")
            return self._render(values, exc.fields)
        flash(_("The consultation was logged."), "success")
        return redirect(url_for("ConsultationView.show", pk=record.id))


class KnowledgeView(BaseView):
    """Public: search FAQs and published answers, read one, say whether it answered the question."""

    route_base = "/knowledge"
    default_view = "index"

    @expose("/")
    def index(self):
        q = request.args.get("q", "")[:500]
        office = request.args.get("office", "")[:4]
        hits = knowledge.search(q, office or None) if q.strip() else []
        return self.render_template("consultations/search.html", q=q, office=office, hits=hits,
                                    searched=bool(q.strip()), ask=bool(request.args.get("ask")),
                                    offices=db.session.scalars(select(Office).order_by(Office.code)).all(),
                                    title=_("Search before you ask"))

    @expose("/<int:pk>")
    def article(self, pk):
        entry = db.session.get(KnowledgeEntry, pk)
        if entry is None or not entry.published:
            abort(404)
        wanted = set(knowledge.query_terms(request.args.get("q", "")))
        return self.render_template("consultations/article.html", entry=entry, q=request.args.get("q", ""),
                                    body=knowledge.highlight(entry.body, wanted), title=entry.title)

    @expose("/<int:pk>/helpful", methods=["POST"])
    def helpful(self, pk):
        """"Does this answer your question?" Yes counts and ends the search; no opens the form."""
        q = request.form.get("q", "")[:200]
        if request.form.get("answer") == "yes":
            if not knowledge.record_helpful(pk):
                abort(404)
            flash(_("Thank you: glad it helped."), "success")
            return redirect(url_for("KnowledgeView.article", pk=pk))
        return redirect(url_for("MyConsultationView.add", form=1, q=q))


class KnowledgeEntryView(ScopedMixin, SatuPintuModelView):
    """The office's knowledge base: FAQs the officers write, and the answers they published."""

    datamodel = SQLAInterface(KnowledgeEntry)
    list_title = _l("Knowledge base")
    list_columns = ["title", "kind", "topic", "office", "published", "helpful_count", "updated_at"]
    search_columns = ["title", "body", "kind", "topic", "published"]
    add_columns = ["office", "title", "body", "topic", "published"]
    edit_columns = add_columns
    show_columns = ["title", "body", "kind", "topic", "office", "published", "helpful_count", "updated_at"]
    base_order = ("updated_at", "desc")
    label_columns = {"title": _l("Question / title"), "body": _l("Answer"), "kind": _l("Kind"),
                     "topic": _l("Topic"), "office": _l("Office"), "published": _l("Published"),
                     "helpful_count": _l("Answered someone"), "updated_at": _l("Last change")}
    description_columns = {"office": _l("Entries of BPS RI (0000) are national: every office's search finds them.")}
    formatters_columns = {"kind": label_of(ENTRY_KINDS), "updated_at": format_jakarta}

    def pre_add(self, item):
        super().pre_add(item)
        item.created_by_id = getattr(current_user(), "id", None)
        knowledge.index(item)

    def pre_update(self, item):
        super().pre_update(item)
        knowledge.index(item)


class ConsultationTopicView(SatuPintuModelView):
    datamodel = SQLAInterface(ConsultationTopic)
    list_title = _l("Consultation topics")
    list_columns = ["code", "name", "active"]
    add_columns = edit_columns = show_columns = ["code", "name", "active"]
    base_order = ("name", "asc")
    label_columns = {"code": _l("Code"), "name": _l("Name"), "active": _l("Active")}


class StemExceptionView(SatuPintuModelView):
    """Words the stemmer gets wrong; saving one re-indexes the entries that contain the word."""

    datamodel = SQLAInterface(StemException)
    list_title = _l("Search: stemming exceptions")
    list_columns = add_columns = edit_columns = show_columns = ["word", "stem"]
    base_order = ("word", "asc")
    label_columns = {"word": _l("Word"), "stem": _l("Index it as")}
    description_columns = {"word": _l("One word, lower case, e.g. pengangguran."),
                           "stem": _l("The stem it shares with its other forms, e.g. nganggur.")}

    def _check(self, item):
        for name in ("word", "stem"):
            value = (getattr(item, name) or "").strip().lower()
            if not WORD.fullmatch(value):
                raise InvalidValue(_("Use one word of letters and digits only."))
            setattr(item, name, value)

    def pre_add(self, item):
        self._check(item)

    def pre_update(self, item):
        self._check(item)

    def _reindex(self, item):
        forget_exceptions()
        knowledge.reindex(containing=item.word)
        db.session.commit()

    post_add = post_update = post_delete = _reindex


class ConsultationSettingsView(ScopedMixin, SatuPintuModelView):
    datamodel = SQLAInterface(ConsultationSettings)
    list_title = _l("Consultation settings")
    list_columns = add_columns = edit_columns = show_columns = ["office", "idle_close_days"]
    label_columns = {"office": _l("Office"), "idle_close_days": _l("Close after this many working days without "
                                                                   "a response")}
