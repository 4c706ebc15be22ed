"""The dashboards and their API, registered with the roles that may open them."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.access import roles as r
from app.core.access.menu import SERVICES, add_api, add_view


def register(appbuilder) -> None:
    from app.reports.api import DashboardApi
    from app.reports.views import DashboardView, TreasuryView

    add_view(DashboardView, "Dashboard", label=_l("Dashboard"), icon="fa-line-chart", category=SERVICES,
             full=(r.HEAD, r.MONITOR))
    add_view(TreasuryView, "Treasury", label=_l("Revenue and payment register"), icon="fa-balance-scale",
             category=SERVICES, full=(r.TREASURER, r.HEAD, r.MONITOR))
    add_api(DashboardApi, read=(r.HEAD, r.MONITOR, r.TREASURER))
