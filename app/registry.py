"""Every screen and API of SatuPintu, in one readable list, each with the roles that may use it."""
from __future__ import annotations

from importlib import import_module

from flask_babel import lazy_gettext as _l

from app.core import roles as r
from app.core.menu import add_api, add_view
from app.core.roles import matrix

# Each service package registers its own screens and APIs (its registration.py).
SERVICE_PACKAGES = ("app.sales", "app.recommendations")

ADMIN_CAT = ("Administration", _l("Administration"), "fa-cogs")
MASTER_CAT = ("Reference", _l("Reference data"), "fa-book")
SERVICE_CAT = ("Services", _l("Services"), "fa-inbox")
PORTAL_CAT = ("Portal", _l("My services"), "fa-user")


def _in(category):
    name, label, icon = category
    return {"category": name, "category_label": label, "category_icon": icon}


def register_all(appbuilder) -> None:
    from flask_appbuilder.api.manager import OpenApi

    from app.core.apis import OfficeApi
    from app.core.public import PublicView
    from app.core.verify import VerifyView
    from app.core.views import (
        ApplicantProfileView, DocumentTypeView, EmailTemplateView, HolidayOverrideView, LoginEventView, MyProfileView,
        OfficeView, OutboxView, ServiceStandardView,
    )
    from app.sales.views import ProductView, TariffView

    add_view(OfficeView, "Offices", label=_l("Offices"), icon="fa-building", **_in(ADMIN_CAT),
             read=(r.MONITOR, r.OFFICER, r.TREASURER, r.HEAD, r.COMPLAINTS))
    add_view(HolidayOverrideView, "Holidays", label=_l("Holidays"), icon="fa-calendar", **_in(ADMIN_CAT))
    add_view(DocumentTypeView, "DocumentTypes", label=_l("Document types"), icon="fa-file", **_in(ADMIN_CAT))
    add_view(EmailTemplateView, "EmailTemplates", label=_l("E-mail templates"), icon="fa-envelope",
             **_in(ADMIN_CAT))
    add_view(OutboxView, "Outbox", label=_l("E-mail outbox"), icon="fa-paper-plane", **_in(ADMIN_CAT))
    add_view(LoginEventView, "LoginHistory", label=_l("Login history"), icon="fa-sign-in", **_in(ADMIN_CAT))

    add_view(TariffView, "Tariffs", label=_l("PNBP tariffs"), icon="fa-money", **_in(MASTER_CAT),
             read=(r.OFFICER, r.TREASURER, r.HEAD))
    add_view(ProductView, "Products", label=_l("Product catalogue"), icon="fa-archive", **_in(MASTER_CAT),
             full=(r.OFFICER,), read=(r.TREASURER, r.HEAD, r.MONITOR))
    add_view(ServiceStandardView, "ServiceStandards", label=_l("Service standards"), icon="fa-list-ol",
             **_in(MASTER_CAT), read=(r.OFFICER, r.TREASURER, r.HEAD, r.COMPLAINTS, r.MONITOR))
    add_view(MyProfileView, "MyProfile", label=_l("My profile"), icon="fa-id-card", **_in(PORTAL_CAT),
             full=(r.APPLICANT,))
    add_view(ApplicantProfileView, "Applicants", label=_l("Service users"), icon="fa-users",
             **_in(SERVICE_CAT), read=(r.OFFICER, r.TREASURER, r.MONITOR))

    add_api(OfficeApi, read=r.ALL)
    # The OpenAPI document, without FAB's Swagger page (it loads its assets from a CDN).
    add_api(OpenApi, read=r.ALL)
    appbuilder.add_view_no_menu(PublicView)
    appbuilder.add_view_no_menu(VerifyView)
    appbuilder.add_link("PublicStandards", label=_l("Service standards"), href="/public/offices",
                        icon="fa-info-circle", category="Help", category_label=_l("Help"),
                        category_icon="fa-question-circle")
    for package in SERVICE_PACKAGES:
        import_module(f"{package}.registration").register(appbuilder)

    matrix.grant_menu("PublicStandards", r.ALL + (r.PUBLIC,))
    matrix.grant_menu("Help", r.ALL + (r.PUBLIC,))
