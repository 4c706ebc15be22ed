"""Staff screens of the front desk: the desk (call, serve, finish …), today's queue, the guest book,
the 10-minute standard, and the office's queue settings."""
from __future__ import annotations

from datetime import date, timedelta

from flask import abort, flash, redirect, request, session, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import permission_name
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.core.access.people import IDENTITY_DOCUMENTS
from app.core.access.scoping import ScopedMixin, current_scope, current_user, get_or_404
from app.core.access.visitors import find_returning
from app.core.calendar.clock import format_jakarta
from app.core.calendar.workdays import jakarta_today
from app.core.reference.models import Office
from app.core.web.procedure_views import ProcedureModelView, flash_refusal
from app.core.web.reference_views import SatuPintuModelView, label_of, yes_no
from app.core.workflow.engine import TransitionError, apply, available_actions
from app.extensions import db
from app.frontdesk.guestbook import outcome_url, record_visit, start_request, starters
from app.frontdesk.models import GUEST_BOOK_ORDER, QUEUE_SERVICES, Desk, FrontDeskSetting, QueueLine, QueueTicket, Visit
from app.frontdesk.offices import desk_for, desks_of, lines_of
from app.frontdesk.procedure import QUEUE
from app.frontdesk.queue import call_next, current_at_desk, waiting_counts
from app.frontdesk.standard import standard_report

DESK_KEY = "frontdesk_desk"


class QueueTicketView(ProcedureModelView):
    """The office's queue tickets, today's first; each ticket's page has its history."""

    procedure = QUEUE
    datamodel = SQLAInterface(QueueTicket)
    class_permission_name = "QueueTickets"
    list_title = _l("Queue tickets")
    show_title = _l("Queue ticket")
    list_columns = ["number", "service", "status", "desk", "created_at", "called_at", "finished_at", "day"]
    show_columns = ["number", "office", "service", "status", "desk", "day", "created_at", "called_at", "recalls",
                    "served_at", "finished_at", "transferred_from", "rated_at"]
    search_columns = ["day", "status", "service", "desk"]
    order_columns = ["created_at", "number", "day"]
    base_order = ("created_at", "desc")
    label_columns = {"number": _l("Number"), "office": _l("Office"), "service": _l("Service"),
                     "status": _l("State"), "desk": _l("Desk"), "day": _l("Day"), "created_at": _l("Taken at"),
                     "called_at": _l("Called at"), "recalls": _l("Recalls"), "served_at": _l("Served from"),
                     "finished_at": _l("Finished at"), "transferred_from": _l("Transferred from"),
                     "rated_at": _l("Rated at")}
    formatters_columns = {**ProcedureModelView.formatters_columns, "called_at": format_jakarta,
                          "served_at": format_jakarta, "finished_at": format_jakarta, "rated_at": format_jakarta,
                          "service": label_of(QUEUE_SERVICES),
                          "transferred_from": label_of(QUEUE_SERVICES)}

    def _panel(self, record) -> dict:
        panel = super()._panel(record)
        # Calling is the desk's "Panggil berikutnya", which names the desk; the ticket page offers the rest.
        panel["actions"] = [action for action in panel["actions"] if action.name != "call"]
        return panel


class GuestBookView(ScopedMixin, SatuPintuModelView):
    """The guest book of the office (buku tamu); new entries through the desk's form."""

    datamodel = SQLAInterface(Visit)
    class_permission_name = "GuestBook"
    list_title = _l("Guest book")
    show_title = _l("Guest-book entry")
    base_permissions = ["can_list", "can_show", "can_record"]
    list_columns = ["created_at", "visitor_name", "service", "ticket", "purpose"]
    show_columns = ["created_at", "office", "visitor_name", "applicant", "service", "ticket", "purpose",
                    "outcome_procedure", "outcome_record_id"]
    search_columns = ["created_at", "service", "purpose"]
    base_order = ("created_at", "desc")
    list_template = "frontdesk/guestbook_list.html"
    label_columns = {"created_at": _l("Visited at"), "visitor_name": _l("Visitor"), "service": _l("Service"),
                     "ticket": _l("Queue number"), "purpose": _l("Purpose"), "office": _l("Office"),
                     "applicant": _l("Service user account"), "outcome_procedure": _l("Led to"),
                     "outcome_record_id": _l("Request number")}
    formatters_columns = {"created_at": format_jakarta, "service": label_of(QUEUE_SERVICES)}

    def _render(self, status=200, **kwargs):
        kwargs.setdefault("form", {})
        kwargs.setdefault("errors", {})
        kwargs.setdefault("returning", None)
        return self.render_template("frontdesk/guestbook_form.html", id_documents=IDENTITY_DOCUMENTS,
                                    services=QUEUE_SERVICES, title=_("Guest book"), **kwargs), status

    @staticmethod
    def _ticket_arg(raw):
        return get_or_404(QueueTicket, raw) if raw else None

    @expose("/record", methods=["GET"])
    @has_access
    @permission_name("record")
    def record(self):
        """Find a returning visitor by identity number or e-mail; otherwise the full form."""
        ticket = self._ticket_arg(request.args.get("ticket"))
        query = (request.args.get("q") or "").strip()[:120]
        returning = None
        if query:
            returning = find_returning(query, query)
        form = {"service": ticket.service if ticket else request.args.get("service", "")}
        if query and returning is None:
            form["email" if "@" in query else "id_document_number"] = query
        return self._render(ticket=ticket, query=query, returning=returning, searched=bool(query), form=form)

    @expose("/record", methods=["POST"])
    @has_access
    @permission_name("record")
    def save(self):
        form = request.form.to_dict()
        ticket = self._ticket_arg(form.get("ticket"))
        try:
            visit = record_visit(form, current_user())
        except TransitionError as exc:
            flash_refusal(exc)
            return self._render(ticket=ticket, form=form, errors=exc.fields, searched=True, status=exc.status)
        flash(_("Guest-book entry saved for %(name)s.", name=visit.visitor_name), "success")
        if ticket is not None:
            return redirect(url_for("DeskView.desk"))
        return redirect(url_for("GuestBookView.show", pk=visit.id))


class DeskView(BaseView):
    """An officer's desk: open it for some services, call the next visitor, serve, finish."""

    route_base = "/frontdesk/desk"
    default_view = "desk"
    class_permission_name = "Desk"

    def _opened(self):
        """(desk, services) the officer opened in this session, if the desk still exists."""
        user = current_user()
        saved = session.get(DESK_KEY) or {}
        desk = desk_for(user.office_id, saved.get("desk")) if user.office_id else None
        if desk is None:
            return None, []
        return desk, [s for s in saved.get("services", []) if s in desk.service_codes] or desk.service_codes

    @expose("/", methods=["GET"])
    @has_access
    @permission_name("serve")
    def desk(self):
        user = current_user()
        desk, services = self._opened()
        ticket = current_at_desk(user.office_id, desk.code) if desk else None
        visit = ticket.visit if ticket else None
        return self.render_template(
            "frontdesk/desk.html", desks=desks_of(user.office_id), desk=desk, services=services,
            lines=lines_of(user.office_id), counts=waiting_counts(user.office_id), ticket=ticket, visit=visit,
            actions=available_actions(QUEUE, ticket, user) if ticket else [],
            starters=starters() if ticket is not None and ticket.status == "serving" else {},
            outcome=outcome_url(visit) if visit and visit.outcome_record_id else None,
            labels=QUEUE_SERVICES, state_label=QUEUE.state_label, title=_("My desk"))

    @expose("/open", methods=["POST"])
    @has_access
    @permission_name("serve")
    def open(self):
        user = current_user()
        desk = desk_for(user.office_id, request.form.get("desk"))
        if desk is None:
            flash(_("Choose one of the office's desks."), "danger")
            return redirect(url_for("DeskView.desk"))
        chosen = [s for s in request.form.getlist("services") if s in desk.service_codes]
        session[DESK_KEY] = {"desk": desk.code, "services": chosen or desk.service_codes}
        flash(_("Desk %(desk)s is open.", desk=desk.code), "success")
        return redirect(url_for("DeskView.desk"))

    @expose("/call", methods=["POST"])
    @has_access
    @permission_name("serve")
    def call(self):
        desk, services = self._opened()
        if desk is None:
            flash(_("Open a desk first."), "danger")
            return redirect(url_for("DeskView.desk"))
        try:
            ticket = call_next(current_user(), desk.code, services)
        except TransitionError as exc:
            flash_refusal(exc) if exc.status != 404 else flash(exc.message, "info")
        else:
            flash(_("Number %(number)s is called to desk %(desk)s.", number=ticket.number, desk=desk.code), "success")
        return redirect(url_for("DeskView.desk"))

    @expose("/act/<int:pk>/<action>", methods=["POST"])
    @has_access
    @permission_name("serve")
    def act(self, pk, action):
        data = request.form.to_dict()
        try:
            outcome = apply(QUEUE, pk, action, current_user(), data, expected_version=data.pop("version", None))
        except TransitionError as exc:
            if exc.status == 404:
                abort(404)
            flash_refusal(exc)
        else:
            flash(_("Done: %(action)s. The record is now %(state)s.", action=QUEUE.actions[action].label,
                    state=QUEUE.state_label(outcome.status)), "success")
        return redirect(url_for("DeskView.desk"))

    @expose("/start/<int:pk>", methods=["POST"])
    @has_access
    @permission_name("serve")
    def start(self, pk):
        ticket = get_or_404(QueueTicket, pk)
        try:
            start_request(ticket, request.form.get("service", ""), current_user())
        except TransitionError as exc:
            flash_refusal(exc)
            return redirect(url_for("DeskView.desk"))
        visit = ticket.visit
        flash(_("Request started for %(name)s.", name=visit.visitor_name), "success")
        return redirect(outcome_url(visit) or url_for("DeskView.desk"))


def _date_arg(name: str, default: date) -> date:
    try:
        return date.fromisoformat(request.args.get(name) or "") if request.args.get(name) else default
    except ValueError:
        flash(_("Give dates as YYYY-MM-DD."), "warning")
        return default


class StandardView(BaseView):
    """The 10-minute standard for the head and the monitor: per day and service, and per desk."""

    route_base = "/frontdesk/standard"
    default_view = "report"
    class_permission_name = "QueueStandard"

    @expose("/", methods=["GET"])
    @has_access
    @permission_name("report")
    def report(self):
        today = jakarta_today()
        end = _date_arg("to", today)
        start = _date_arg("from", end - timedelta(days=13))
        scope = current_scope()
        office_ids = None if scope.everything else list(scope.office_ids)
        offices = {o.id: o for o in db.session.scalars(select(Office).order_by(Office.code))
                   if office_ids is None or o.id in office_ids}
        by_day = standard_report(office_ids, start, end, ("office", "day", "service"))
        by_desk = standard_report(office_ids, start, end, ("office", "desk"))
        overall = standard_report(office_ids, start, end, ("office",))
        return self.render_template("frontdesk/standard.html", start=start, end=end, by_day=by_day,
                                    by_desk=[row for row in by_desk if row["desk"]], overall=overall,
                                    offices=offices, labels=QUEUE_SERVICES, title=_("10-minute standard"))


# --- the office's queue settings (reference data) --------------------------------------------------

class QueueLineView(ScopedMixin, SatuPintuModelView):
    datamodel = SQLAInterface(QueueLine)
    class_permission_name = "QueueLines"
    list_title = _l("Queue services")
    list_columns = ["office", "prefix", "service", "position", "active"]
    add_columns = edit_columns = ["office", "service", "prefix", "position", "active"]
    base_order = ("office_id", "asc")
    label_columns = {"office": _l("Office"), "prefix": _l("Prefix"), "service": _l("Service"),
                     "position": _l("Order on the kiosk"), "active": _l("Active")}
    choices_columns = {"service": QUEUE_SERVICES}
    formatters_columns = {"service": label_of(QUEUE_SERVICES), "active": yes_no}
    validators_columns = {}


class DeskAdminView(ScopedMixin, SatuPintuModelView):
    datamodel = SQLAInterface(Desk)
    class_permission_name = "Desks"
    list_title = _l("Service desks")
    list_columns = ["office", "code", "services", "active"]
    add_columns = edit_columns = ["office", "code", "services", "active"]
    base_order = ("office_id", "asc")
    label_columns = {"office": _l("Office"), "code": _l("Desk"), "services": _l("Services it calls"),
                     "active": _l("Active")}
    description_columns = {"services": _l("Service codes separated by commas: sales, recommendation, "
                                          "consultation, library.")}
    formatters_columns = {"active": yes_no,
                          "services": lambda value: ", ".join(str(QUEUE_SERVICES.get(s, s))
                                                              for s in (value or "").split(",") if s)}

    def pre_add(self, item):
        self._clean_services(item)
        super().pre_add(item)

    def pre_update(self, item):
        self._clean_services(item)
        super().pre_update(item)

    @staticmethod
    def _clean_services(item):
        codes = [code.strip() for code in (item.services or "").split(",") if code.strip()]
        unknown = [code for code in codes if code not in QUEUE_SERVICES]
        if unknown or not codes:
            raise ValueError(_("Unknown services: %(codes)s.", codes=", ".join(unknown) or "-"))
        item.services = ",".join(codes)


class FrontDeskSettingView(ScopedMixin, SatuPintuModelView):
    datamodel = SQLAInterface(FrontDeskSetting)
    class_permission_name = "FrontDeskSettings"
    list_title = _l("Front desk settings")
    list_columns = add_columns = edit_columns = ["office", "guest_book", "standard_minutes"]
    label_columns = {"office": _l("Office"), "guest_book": _l("Guest book"),
                     "standard_minutes": _l("Served within (minutes)")}
    choices_columns = {"guest_book": GUEST_BOOK_ORDER}
    formatters_columns = {"guest_book": label_of(GUEST_BOOK_ORDER)}
