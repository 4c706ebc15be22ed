"""The pages that need no login: the kiosk (take a number, fill the guest book, print the ticket),
the display board, and the one-time rating link. They show numbers, never a visitor's name."""
from __future__ import annotations

from flask import Response, abort, current_app, flash, jsonify, redirect, request, url_for
from flask_appbuilder import BaseView, expose
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.core.access.people import IDENTITY_DOCUMENTS
from app.core.access.scoping import current_user
from app.core.access.visitors import check_visitor, find_returning
from app.core.satisfaction.models import ELEMENTS, SCALE
from app.core.values.formatting import number_words
from app.core.web.headers import frameable
from app.core.workflow.engine import TransitionError
from app.extensions import db
from app.frontdesk.documents import render_ticket
from app.frontdesk.guestbook import rate_visit, rating_refusal, record_visit, ticket_by_token
from app.frontdesk.models import QueueTicket
from app.frontdesk.offices import lines_of, office_by_code, setting_for
from app.frontdesk.queue import ahead_of, display_state, take_ticket

# A kiosk's ticket page stays reachable (to print, or to fill the guest book) for the day.
TICKET_PAGE_SECONDS = 16 * 3600


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="satupintu-kiosk-ticket")


def ticket_key(ticket: QueueTicket) -> str:
    """An unguessable key of the kiosk's ticket page (the ticket id, signed and dated)."""
    return _signer().dumps(ticket.id)


def ticket_from_key(key: str) -> QueueTicket:
    try:
        ticket_id = _signer().loads(key, max_age=TICKET_PAGE_SECONDS)
    except BadSignature:
        abort(404)
    ticket = db.session.get(QueueTicket, ticket_id) if isinstance(ticket_id, int) else None
    if ticket is None:
        abort(404)
    return ticket


def rating_url(ticket: QueueTicket) -> str:
    return url_for("RatingView.rate", token=ticket.rating_token, _external=True)


def ticket_pdf_url(ticket: QueueTicket) -> str:
    return url_for("KioskView.ticket_pdf", key=ticket_key(ticket), _external=True)


def speech(number: str, desk: str | None) -> str:
    """How the board says a call: "Nomor antrian A tujuh, silakan menuju loket 1"."""
    prefix, _sep, digits = number.partition("-")
    spoken = number_words(int(digits)) if digits.isdigit() else number
    return f"Nomor antrian {prefix} {spoken}, silakan menuju loket {desk or ''}".strip()


def _office_or_404(code):
    office = office_by_code(code)
    if office is None:
        abort(404)
    return office


class KioskView(BaseView):
    """The touch screen at the entrance: pick a service, take a number, fill the guest book."""

    route_base = "/kiosk"
    default_view = "kiosk"

    def _render_form(self, office, ticket=None, service=None, form=None, errors=None, status=200):
        return self.render_template(
            "frontdesk/kiosk_guestbook.html", office=office, ticket=ticket, service=service,
            line=next((line for line in lines_of(office.id) if line.service == service), None),
            form=form or {}, errors=errors or {}, id_documents=IDENTITY_DOCUMENTS,
            key=ticket_key(ticket) if ticket else None, title=_("Guest book")), status

    @expose("/<code>")
    def kiosk(self, code):
        office = _office_or_404(code)
        return self.render_template("frontdesk/kiosk.html", office=office, lines=lines_of(office.id),
                                    setting=setting_for(office.id), title=_("Take a queue number"))

    @expose("/<code>/guestbook", methods=["GET"])
    def guestbook_first(self, code):
        """Offices that ask for the guest book before the number: the form, then the ticket."""
        office = _office_or_404(code)
        service = request.args.get("service", "")
        if not any(line.service == service for line in lines_of(office.id)):
            abort(404)
        return self._render_form(office, service=service)

    @expose("/<code>/take", methods=["POST"])
    def take(self, code):
        office = _office_or_404(code)
        service = request.form.get("service", "")
        form = request.form.to_dict()
        if setting_for(office.id).guest_book == "before":
            # Checked before a number is drawn, so a refused form never uses one up.
            returning = find_returning(form.get("id_document_number", ""), form.get("email", ""))
            _values, errors = check_visitor(form) if returning is None else ({}, {})
            if errors:
                flash(_("Some of what you entered is not valid."), "danger")
                return self._render_form(office, service=service, form=form, errors=errors, status=422)
        try:
            ticket = take_ticket(office, service, current_user())
        except TransitionError as exc:
            flash(" ".join(str(m) for m in exc.fields.values()) or exc.message, "danger")
            return redirect(url_for("KioskView.kiosk", code=office.code))
        if setting_for(office.id).guest_book == "before":
            try:
                record_visit(form, None, office=office, ticket=ticket)
            except TransitionError as exc:  # the number is taken: the ticket page offers the form again
                flash(" ".join(str(m) for m in exc.fields.values()) or exc.message, "danger")
        return redirect(url_for("KioskView.ticket", key=ticket_key(ticket)))

    @expose("/ticket/<key>")
    def ticket(self, key):
        ticket = ticket_from_key(key)
        return self.render_template("frontdesk/kiosk_ticket.html", ticket=ticket, office=ticket.office,
                                    ahead=ahead_of(ticket), key=key, rating_url=rating_url(ticket),
                                    setting=setting_for(ticket.office_id), title=ticket.number)

    @expose("/ticket/<key>/guestbook", methods=["GET", "POST"])
    def ticket_guestbook(self, key):
        ticket = ticket_from_key(key)
        if ticket.visit is not None:
            return redirect(url_for("KioskView.ticket", key=key))
        if request.method == "GET":
            return self._render_form(ticket.office, ticket=ticket, service=ticket.service)
        form = request.form.to_dict()
        try:
            record_visit(form, None, office=ticket.office, ticket=ticket)
        except TransitionError as exc:
            flash(_("Some of what you entered is not valid."), "danger")
            return self._render_form(ticket.office, ticket=ticket, service=ticket.service, form=form,
                                     errors=exc.fields, status=exc.status)
        flash(_("Thank you: your guest-book entry is saved."), "success")
        return redirect(url_for("KioskView.ticket", key=key))

    @expose("/ticket/<key>.pdf")
    def ticket_pdf(self, key):
        ticket = ticket_from_key(key)
        body = render_ticket(ticket, ahead_of(ticket), rating_url(ticket), str(ticket.service_label))
        return Response(body, mimetype="application/pdf", headers={
            "Content-Disposition": f'inline; filename="antrian-{ticket.number}.pdf"', "Cache-Control": "no-store"})


class DisplayView(BaseView):
    """The TV board: numbers called and at which desk, the last few, waiting counts; it polls."""

    route_base = "/display"
    default_view = "board"

    @expose("/<code>")
    @frameable  # a TV may show it inside another page (the office's signage)
    def board(self, code):
        office = _office_or_404(code)
        return self.render_template("frontdesk/display.html", office=office, state=self._state(office),
                                    title=_("Queue display"))

    @expose("/<code>/state.json")
    def state(self, code):
        office = _office_or_404(code)
        response = jsonify(self._state(office))
        response.headers["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def _state(office) -> dict:
        state = display_state(office)
        if state["announce"]:
            state["announce"]["speech"] = speech(state["announce"]["number"], state["announce"]["desk"])
        return state


class RatingView(BaseView):
    """The one-time rating link of a visit (the QR code on the ticket): no account, works once."""

    route_base = "/rate"
    default_view = "rate"

    def _page(self, ticket, refusal=None, errors=None, form=None, status=200):
        return self.render_template("frontdesk/rate.html", ticket=ticket, refusal=refusal, errors=errors or {},
                                    form=form or {}, elements=ELEMENTS, scale=SCALE,
                                    title=_("Rate our service")), status

    @expose("/<token>", methods=["GET", "POST"])
    def rate(self, token):
        ticket = ticket_by_token(token)
        if ticket is None:
            abort(404)
        if request.method == "GET":
            return self._page(ticket, rating_refusal(ticket))
        form = request.form.to_dict()
        data = {"scores": {key: form.get(f"score_{key}") for key in ELEMENTS}, "comment": form.get("comment", "")}
        try:
            rate_visit(token, data)
        except TransitionError as exc:
            if exc.status == 409:
                return self._page(ticket, exc.message, status=409)
            return self._page(ticket, errors=exc.fields, form=form, status=exc.status)
        return self.render_template("frontdesk/rate.html", ticket=ticket, thanks=True, refusal=None, errors={},
                                    form={}, elements=ELEMENTS, scale=SCALE, title=_("Rate our service"))
