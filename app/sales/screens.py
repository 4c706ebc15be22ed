"""Screens and APIs of this service, registered with the roles that may use them."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.access import roles as r
from app.core.access.menu import PORTAL, REFERENCE, SERVICES, add_api, add_view, add_view_no_menu, permission_name
from app.core.access.roles import matrix
from app.core.web.procedure_api import PARTICIPANT


def register(appbuilder) -> None:
    from app.sales.api import ProductApi, SalesRequestApi, TariffApi
    from app.sales.portal import SalesCatalogueView, SalesComposeView, SalesWalkInView
    from app.sales.reports import SalesRevenueView
    from app.sales.views import MySalesRequestView, ProductView, SalesPaymentsView, SalesRequestView, TariffView

    # Reference data of the sale: the PNBP tariff list and the catalogue.
    add_view(TariffView, "Tariffs", label=_l("PNBP tariffs"), icon="fa-money", category=REFERENCE,
             read=(r.OFFICER, r.TREASURER, r.HEAD))
    add_view(ProductView, "Products", label=_l("Product catalogue"), icon="fa-archive", category=REFERENCE,
             full=(r.OFFICER,), read=(r.TREASURER, r.HEAD, r.MONITOR))
    # Applicants: the catalogue (public page; composing needs the account) and their requests.
    add_view(SalesCatalogueView, "SalesCatalogue", label=_l("Buy statistical products"), icon="fa-shopping-cart",
             category=PORTAL, full=(r.APPLICANT,))
    add_view(MySalesRequestView, "MySalesRequests", label=_l("My sales requests"), icon="fa-shopping-basket",
             category=PORTAL, full=(r.APPLICANT,))
    # Staff: the worklist (officer and treasurer act there), walk-ins, payments, revenue.
    add_view(SalesRequestView, "SalesRequests", label=_l("Sales worklist"), icon="fa-inbox", category=SERVICES,
             full=(r.OFFICER, r.TREASURER), read=(r.HEAD, r.MONITOR))
    add_view(SalesWalkInView, "SalesWalkIn", label=_l("Record a walk-in sale"), icon="fa-user-plus",
             category=SERVICES, full=(r.OFFICER,))
    add_view(SalesPaymentsView, "SalesPayments", label=_l("Payments to act on"), icon="fa-money",
             category=SERVICES, full=(r.TREASURER,))
    add_view(SalesRevenueView, "SalesRevenue", label=_l("Sales revenue"), icon="fa-bar-chart", category=SERVICES,
             full=(r.TREASURER, r.HEAD, r.MONITOR))
    add_view_no_menu(SalesComposeView, full=(r.APPLICANT, r.OFFICER))

    add_api(SalesRequestApi, read=(r.HEAD, r.MONITOR))
    matrix.grant(permission_name(SalesRequestApi), (r.APPLICANT, r.OFFICER, r.TREASURER), PARTICIPANT)
    add_api(TariffApi, read=r.ALL)
    add_api(ProductApi, read=r.ALL)
