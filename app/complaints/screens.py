"""Screens and APIs of complaints, registered with the roles that may use them."""
from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.core.access import roles as r
from app.core.access.menu import HELP, SERVICES, add_api, add_link, add_view, add_view_no_menu, permission_name
from app.core.access.roles import matrix
from app.core.web.procedure_api import PARTICIPANT

# The head reads the office's complaints and escalates overdue ones; nothing else.
HEAD_ON_COMPLAINTS = "can_list|can_show|can_act|can_download"


def _public_limit() -> str:
    return current_app.config["SATUPINTU_COMPLAINT_RATE_LIMIT"]


def register(appbuilder) -> None:
    from app.complaints.api import ComplaintApi, ComplaintPublicApi
    from app.complaints.views import ComplaintPublicView, ComplaintView

    add_view(ComplaintView, "Complaints", label=_l("Complaints"), icon="fa-bullhorn", category=SERVICES,
             full=(r.COMPLAINTS,), read=(r.MONITOR,))
    matrix.grant(permission_name(ComplaintView), (r.HEAD,), HEAD_ON_COMPLAINTS)
    matrix.grant_menu("Complaints", (r.HEAD,))
    add_link("RecordComplaint", label=_l("Record a complaint"), href="/complaintview/record", icon="fa-plus",
             category=SERVICES, visible_to=(r.COMPLAINTS,))

    add_api(ComplaintApi, read=(r.MONITOR,))
    matrix.grant(permission_name(ComplaintApi), (r.COMPLAINTS,), PARTICIPANT)
    matrix.grant(permission_name(ComplaintApi), (r.HEAD,),
                 "can_get|can_info|can_transition|can_transitions|can_documents|can_download")

    appbuilder.add_api(ComplaintPublicApi)
    add_view_no_menu(ComplaintPublicView)
    # Filing and reopening without an account: a per-address limit on every POST (FAB's Flask-Limiter).
    for view in appbuilder.baseviews:
        if isinstance(view, (ComplaintPublicApi, ComplaintPublicView)):
            appbuilder.sm.limiter.limit(_public_limit, methods=["POST"])(view.blueprint)
    add_link("ComplaintPage", label=_l("File or track a complaint"), href="/complaints/", icon="fa-bullhorn",
             category=HELP, visible_to=r.ALL + (r.PUBLIC,))
