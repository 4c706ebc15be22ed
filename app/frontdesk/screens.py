"""Screens and APIs of the front desk, registered with the roles that may use them."""
from __future__ import annotations

from flask import current_app, request
from flask_babel import lazy_gettext as _l

from app.core.access import roles as r
from app.core.access.menu import REFERENCE, SERVICES, add_api, add_view, permission_name
from app.core.access.roles import matrix
from app.core.web.procedure_api import PARTICIPANT


def register(appbuilder) -> None:
    from app.frontdesk.api import QueueTicketApi, VisitApi
    from app.frontdesk.public import DisplayView, KioskView, RatingView
    from app.frontdesk.views import (
        DeskAdminView,
        DeskView,
        FrontDeskSettingView,
        GuestBookView,
        QueueLineView,
        QueueTicketView,
        StandardView,
    )

    # Staff: the desk, today's queue, the guest book; the head and monitor read the standard.
    add_view(DeskView, "Desk", label=_l("My desk"), icon="fa-bullhorn", category=SERVICES, full=(r.OFFICER,))
    add_view(QueueTicketView, "QueueTickets", label=_l("Queue tickets"), icon="fa-ticket", category=SERVICES,
             full=(r.OFFICER,), read=(r.HEAD, r.MONITOR))
    add_view(GuestBookView, "GuestBook", label=_l("Guest book"), icon="fa-address-book", category=SERVICES,
             full=(r.OFFICER,), read=(r.HEAD, r.MONITOR))
    add_view(StandardView, "QueueStandard", label=_l("10-minute standard"), icon="fa-clock-o", category=SERVICES,
             full=(r.HEAD, r.MONITOR))
    # Reference: what each office's queue offers; the admin keeps it, the office reads it.
    add_view(QueueLineView, "QueueLines", label=_l("Queue services"), icon="fa-list", category=REFERENCE,
             read=(r.OFFICER, r.HEAD))
    add_view(DeskAdminView, "Desks", label=_l("Service desks"), icon="fa-desktop", category=REFERENCE,
             read=(r.OFFICER, r.HEAD))
    add_view(FrontDeskSettingView, "FrontDeskSettings", label=_l("Front desk settings"), icon="fa-sliders",
             category=REFERENCE, read=(r.OFFICER, r.HEAD))

    add_api(QueueTicketApi, read=(r.HEAD, r.MONITOR))
    matrix.grant(permission_name(QueueTicketApi), (r.OFFICER,), PARTICIPANT + "|can_call_next")
    matrix.grant(permission_name(QueueTicketApi), (r.HEAD, r.MONITOR), "can_standard")
    matrix.grant(permission_name(QueueTicketApi), (r.KIOSK,), "can_post")
    add_api(VisitApi, read=(r.HEAD, r.MONITOR), full=(r.OFFICER,))
    matrix.grant(permission_name(VisitApi), (r.KIOSK,), "can_post")

    # Public pages: no login; the kiosk's posts are rate-limited per address.
    limit = current_app.config["SATUPINTU_KIOSK_RATE_LIMIT"]
    for view in (KioskView, DisplayView, RatingView):
        appbuilder.add_view_no_menu(view)
    limiter = appbuilder.sm.limiter
    for view in appbuilder.baseviews:
        if isinstance(view, (KioskView, RatingView)):
            limiter.limit(limit, methods=["POST"])(view.blueprint)
        elif isinstance(view, QueueTicketApi):
            # Only taking a number: the desks of an office share its address and must not be slowed.
            limiter.limit(limit, methods=["POST"],
                          exempt_when=lambda: request.endpoint != "QueueTicketApi.post")(view.blueprint)
