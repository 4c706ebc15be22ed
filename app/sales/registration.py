"""Screens and APIs of this service, registered with the roles that may use them."""
from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.core import roles as r
from app.core.api import PARTICIPANT
from app.core.menu import add_api, add_view, add_view_no_menu, permission_name
from app.core.roles import matrix


def register(appbuilder) -> None:
    """Called once by app.registry.register_all."""
    from app.core.dashboard import PANEL_PROVIDERS
    from app.registry import PORTAL_CAT, SERVICE_CAT, _in
    from app.sales.api import ProductApi, SalesRequestApi, TariffApi
    from app.sales.cli import sales_cli
    from app.sales.dashboard import panels
    from app.sales.portal import SalesCatalogueView, SalesComposeView, SalesWalkInView
    from app.sales.reports import SalesRevenueView
    from app.sales.views import MySalesRequestView, SalesPaymentsView, SalesRequestView

    # Applicants: the catalogue (public page; composing needs the account) and their requests.
    add_view(SalesCatalogueView, "SalesCatalogue", label=_l("Buy statistical products"), icon="fa-shopping-cart",
             **_in(PORTAL_CAT), full=(r.APPLICANT,))
    add_view(MySalesRequestView, "MySalesRequests", label=_l("My sales requests"), icon="fa-shopping-basket",
             **_in(PORTAL_CAT), full=(r.APPLICANT,))
    # Staff: the worklist (officer and treasurer act there), walk-ins, payments, revenue.
    add_view(SalesRequestView, "SalesRequests", label=_l("Sales worklist"), icon="fa-inbox", **_in(SERVICE_CAT),
             full=(r.OFFICER, r.TREASURER), read=(r.HEAD, r.MONITOR))
    add_view(SalesWalkInView, "SalesWalkIn", label=_l("Record a walk-in sale"), icon="fa-user-plus",
             **_in(SERVICE_CAT), full=(r.OFFICER,))
    add_view(SalesPaymentsView, "SalesPayments", label=_l("Payments to act on"), icon="fa-money",
             **_in(SERVICE_CAT), full=(r.TREASURER,))
    add_view(SalesRevenueView, "SalesRevenue", label=_l("Sales revenue"), icon="fa-bar-chart", **_in(SERVICE_CAT),
             full=(r.TREASURER, r.HEAD, r.MONITOR))
    add_view_no_menu(SalesComposeView, full=(r.APPLICANT, r.OFFICER))

    add_api(SalesRequestApi, read=(r.HEAD, r.MONITOR))
    matrix.grant(permission_name(SalesRequestApi), (r.APPLICANT, r.OFFICER, r.TREASURER), PARTICIPANT)
    add_api(TariffApi, read=r.ALL)
    add_api(ProductApi, read=r.ALL)

    current_app.cli.add_command(sales_cli)  # register_all runs in the app context
    if panels not in PANEL_PROVIDERS:
        PANEL_PROVIDERS.append(panels)
