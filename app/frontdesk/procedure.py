"""The queue ticket's procedure (SPEC §3.5, the walk-in half of every seed), read top to bottom.

    waiting ─call→ called ─serve→ serving ─finish→ done
    called ─recall→ called            (the number is announced again; at least once before a no-show)
    called ─no_show→ no_show          (after one recall)
    waiting / called / serving ─transfer→ waiting   (another service's queue; the place in time is kept)
    waiting / called ─close_day→ not_served        (system: a ticket of an earlier day nobody served)

`call` is what "Panggil berikutnya" applies to the oldest waiting ticket (app.frontdesk.queue.call_next);
the 10-minute standard is measured from the timestamps these steps write (app.frontdesk.standard).
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.core.access import roles as r
from app.core.calendar.clock import utcnow
from app.core.calendar.workdays import jakarta_today
from app.core.values.validation import InvalidValue, is_choice
from app.core.workflow.procedure import SYSTEM, Action, Field, Guard, Procedure, register
from app.frontdesk.models import QUEUE_SERVICES, QueueTicket
from app.frontdesk.offices import desk_for, line_for

NAME = "queue"

STATES = {
    "waiting": _l("Waiting"),
    "called": _l("Called"),
    "serving": _l("Being served"),
    "done": _l("Served"),
    "no_show": _l("Did not come"),
    "not_served": _l("Not served (day closed)"),
}
OPEN_STATES = ("waiting", "called", "serving")


def _refusal(field: str, message: str) -> InvalidValue:
    error = InvalidValue(message)
    error.field = field
    return error


def is_today(ticket) -> bool:
    return ticket.day == jakarta_today()


TODAY = Guard(is_today, _l("This ticket is from an earlier day: its queue is closed."))
EARLIER_DAY = Guard(lambda ticket: ticket.day < jakarta_today(), _l("The ticket's day is not over yet."))
RECALLED = Guard(lambda ticket: ticket.recalls >= 1,
                 _l("Call the number once more (recall) before marking the visitor as not present."))


def clean_desk(raw) -> str:
    if not isinstance(raw, (str, int)) or not str(raw).strip() or len(str(raw).strip()) > 10:
        raise InvalidValue(_("Name the desk that calls."))
    return str(raw).strip()


def is_queue_service(raw) -> bool:
    """Whether input (of any JSON shape) names one of the front desk's services."""
    return is_choice(raw, QUEUE_SERVICES)


def clean_service(raw) -> str:
    if not is_queue_service(raw):
        raise InvalidValue(_("Choose one of the front desk's services."))
    return raw


def service_choices():
    return [(code, str(label)) for code, label in QUEUE_SERVICES.items()]


def call(ticket, ctx) -> None:
    desk = desk_for(ticket.office_id, ctx.values["desk"])
    if desk is None:
        raise _refusal("desk", _("This office has no desk %(desk)s.", desk=ctx.values["desk"]))
    if ticket.service not in desk.service_codes:
        raise _refusal("desk", _("Desk %(desk)s does not serve %(service)s.", desk=desk.code,
                                 service=ticket.service_label))
    now = utcnow()
    ticket.desk, ticket.called_at, ticket.last_called_at = desk.code, now, now
    ctx.extra_audit["desk"] = desk.code


def recall(ticket, ctx) -> None:
    ticket.recalls = (ticket.recalls or 0) + 1
    ticket.last_called_at = utcnow()


def serve(ticket, ctx) -> None:
    ticket.served_at = utcnow()


def finish(ticket, ctx) -> None:
    ticket.finished_at = utcnow()


def transfer(ticket, ctx) -> None:
    service = ctx.values["service"]
    if service == ticket.service:
        raise _refusal("service", _("The ticket is already in this queue."))
    if line_for(ticket.office_id, service) is None:
        raise _refusal("service", _("This office's queue does not offer %(service)s.",
                                    service=QUEUE_SERVICES[service]))
    ctx.extra_audit.update({"from_service": ticket.service, "to_service": service})
    ticket.transferred_from, ticket.service = ticket.service, service
    # A new wait in the new queue: the place in it comes from taken_at, which stays.
    ticket.desk = ticket.called_at = ticket.last_called_at = ticket.served_at = None
    ticket.recalls = 0


QUEUE = register(Procedure(
    name=NAME, resource="queue_ticket", model=QueueTicket, states=STATES, initial="waiting",
    label=_l("Queue"),
    record_label=lambda ticket: ticket.number,
    staff_path="/queueticketview/show/",
    state_tones={"called": "warning", "serving": "warning", "done": "success", "no_show": "danger",
                 "not_served": "danger"},
    actions=(
        # The desk calls the oldest waiting ticket of the services it serves ("Panggil berikutnya").
        Action("call", _l("Call"), ("waiting",), "called", (r.OFFICER,),
               fields=(Field("desk", _l("Desk"), kind="json", clean=clean_desk),), guards=(TODAY,), effect=call,
               awaited=False),  # the desk's button, not a to-do per waiting visitor
        Action("recall", _l("Call again"), ("called",), "called", (r.OFFICER,), guards=(TODAY,), effect=recall,
               style="default", awaited=False),
        Action("serve", _l("Serve"), ("called",), "serving", (r.OFFICER,), guards=(TODAY,), effect=serve),
        Action("finish", _l("Finish"), ("serving",), "done", (r.OFFICER,), effect=finish),
        Action("no_show", _l("Did not come"), ("called",), "no_show", (r.OFFICER,), guards=(TODAY, RECALLED),
               effect=finish, style="danger", confirm=_l("Mark this visitor as not present?")),
        Action("transfer", _l("Transfer to another service"), OPEN_STATES, "waiting", (r.OFFICER,),
               fields=(Field("service", _l("Service"), kind="select", choices=service_choices,
                             clean=clean_service),),
               guards=(TODAY,), effect=transfer, style="default", awaited=False),
        # flask frontdesk close-day (cron, and when a day's first ticket is taken).
        Action("close_day", _l("Close the day"), ("waiting", "called"), "not_served", (SYSTEM,),
               guards=(EARLIER_DAY,)),
    ),
))
