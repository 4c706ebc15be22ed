"""Screens and API of the satisfaction index, registered with the roles that may use them."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.access import roles as r
from app.core.access.menu import HELP, SERVICES, add_api, add_link, add_view, add_view_no_menu


def register(appbuilder) -> None:
    from app.satisfaction.api import SatisfactionApi
    from app.satisfaction.views import SatisfactionPublicView, SatisfactionView

    add_view(SatisfactionView, "SatisfactionIndex", label=_l("Satisfaction index (IKM)"), icon="fa-smile-o",
             category=SERVICES, full=(r.HEAD, r.MONITOR))
    add_api(SatisfactionApi, full=(r.HEAD, r.MONITOR, r.OFFICER, r.TREASURER, r.COMPLAINTS))
    add_view_no_menu(SatisfactionPublicView)
    add_link("PublicSatisfaction", label=_l("Satisfaction index (IKM)"), href="/public/satisfaction/",
             icon="fa-smile-o", category=HELP, visible_to=r.ALL + (r.PUBLIC,))
