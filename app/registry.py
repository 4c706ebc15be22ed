"""Every service of SatuPintu, and the core's own screens, in one readable list.

A service is a package that declares itself in its `__init__.py` (app.core.service.Service);
adding one is adding its package name here and its migration.
"""
from __future__ import annotations

from importlib import import_module

from flask_babel import lazy_gettext as _l

from app.core.service import Service, register_service

SERVICE_PACKAGES = (
    "app.sales",
    "app.recommendations",
    "app.complaints",
    "app.satisfaction",
    "app.consultations",
    "app.frontdesk",
    "app.reports",
)


def services() -> list[Service]:
    return [register_service(import_module(package).SERVICE) for package in SERVICE_PACKAGES]


def load_schema() -> None:
    """Imports every model (core first, then each service's) so SQLAlchemy and Alembic see them all."""
    import app.core.models  # noqa: F401

    for service in services():
        service.load_models()


def register_all(appbuilder) -> None:
    from flask import current_app
    from flask_appbuilder.api.manager import OpenApi

    from app.core.access import roles as r
    from app.core.access.menu import (
        ADMINISTRATION,
        HELP,
        PORTAL,
        REFERENCE,
        SERVICES,
        add_api,
        add_link,
        add_view,
        add_view_no_menu,
    )
    from app.core.documents.verify import VerifyView
    from app.core.web.changelog_view import ChangeLogView
    from app.core.web.my_work_api import MyWorkApi
    from app.core.web.public import PublicView
    from app.core.web.reference_views import (
        ApplicantProfileView,
        DocumentTypeView,
        EmailTemplateView,
        HolidayOverrideView,
        LoginEventView,
        MyProfileView,
        OfficeView,
        OutboxView,
        ServiceStandardView,
    )
    from app.core.web.rest import OfficeApi
    from app.core.web.search import RecordSearchView

    add_view(OfficeView, "Offices", label=_l("Offices"), icon="fa-building", category=ADMINISTRATION,
             read=(r.MONITOR, r.OFFICER, r.TREASURER, r.HEAD, r.COMPLAINTS))
    add_view(HolidayOverrideView, "Holidays", label=_l("Holidays"), icon="fa-calendar", category=ADMINISTRATION)
    add_view(DocumentTypeView, "DocumentTypes", label=_l("Document types"), icon="fa-file", category=ADMINISTRATION)
    add_view(EmailTemplateView, "EmailTemplates", label=_l("E-mail templates"), icon="fa-envelope",
             category=ADMINISTRATION)
    add_view(OutboxView, "Outbox", label=_l("E-mail outbox"), icon="fa-paper-plane", category=ADMINISTRATION)
    add_view(LoginEventView, "LoginHistory", label=_l("Login history"), icon="fa-sign-in", category=ADMINISTRATION)
    add_view(ChangeLogView, "ChangeLog", label=_l("Change log"), icon="fa-history", category=ADMINISTRATION)
    add_view(ServiceStandardView, "ServiceStandards", label=_l("Service standards"), icon="fa-list-ol",
             category=REFERENCE, read=(r.OFFICER, r.TREASURER, r.HEAD, r.COMPLAINTS, r.MONITOR))
    add_view(MyProfileView, "MyProfile", label=_l("My profile"), icon="fa-id-card", category=PORTAL,
             full=(r.APPLICANT,))
    add_view(ApplicantProfileView, "Applicants", label=_l("Service users"), icon="fa-users",
             category=SERVICES, read=(r.OFFICER, r.TREASURER, r.MONITOR))

    add_api(OfficeApi, read=r.ALL)
    # The OpenAPI document, without FAB's Swagger page (it loads its assets from a CDN).
    add_api(OpenApi, read=r.ALL)
    add_api(MyWorkApi, read=r.ALL)
    appbuilder.add_view_no_menu(PublicView)
    appbuilder.add_view_no_menu(VerifyView)
    add_view_no_menu(RecordSearchView, full=(r.ADMIN, r.MONITOR) + r.STAFF)
    add_link("PublicStandards", label=_l("Service standards"), href="/public/offices", icon="fa-info-circle",
             category=HELP, visible_to=r.ALL + (r.PUBLIC,))

    for service in services():
        service.register_screens(appbuilder)
        group = service.cli_group()
        if group is not None:
            current_app.cli.add_command(group)
