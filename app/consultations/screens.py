"""Screens and APIs of this service, registered with the roles that may use them."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.access import roles as r
from app.core.access.menu import (
    HELP,
    PORTAL,
    REFERENCE,
    SERVICES,
    add_api,
    add_link,
    add_view,
    add_view_no_menu,
    permission_name,
)
from app.core.access.roles import matrix
from app.core.web.procedure_api import PARTICIPANT


def register(appbuilder) -> None:
    from app.consultations.api import ConsultationApi, KnowledgeApi
    from app.consultations.views import (
        ConsultationLogView,
        ConsultationSettingsView,
        ConsultationTopicView,
        ConsultationView,
        KnowledgeEntryView,
        KnowledgeView,
        MyConsultationView,
        StemExceptionView,
    )

    add_view(ConsultationView, "Consultations", label=_l("Consultations"), icon="fa-comments", category=SERVICES,
             full=(r.OFFICER,), read=(r.HEAD, r.MONITOR))
    add_view(ConsultationLogView, "ConsultationLog", label=_l("Log a consultation"), icon="fa-commenting",
             category=SERVICES, full=(r.OFFICER,))
    add_view(KnowledgeEntryView, "KnowledgeBase", label=_l("Knowledge base"), icon="fa-lightbulb-o",
             category=SERVICES, full=(r.OFFICER,), read=(r.HEAD, r.MONITOR))
    add_view(MyConsultationView, "MyConsultations", label=_l("My consultations"), icon="fa-comments-o",
             category=PORTAL, full=(r.APPLICANT,))
    add_view(ConsultationTopicView, "ConsultationTopics", label=_l("Consultation topics"), icon="fa-tags",
             category=REFERENCE, read=(r.OFFICER,))
    add_view(StemExceptionView, "StemExceptions", label=_l("Search: stemming exceptions"), icon="fa-scissors",
             category=REFERENCE, read=(r.OFFICER,))
    add_view(ConsultationSettingsView, "ConsultationSettings", label=_l("Consultation settings"), icon="fa-sliders",
             category=REFERENCE, full=(r.HEAD,), read=(r.OFFICER,))

    add_api(ConsultationApi, read=(r.HEAD, r.MONITOR))
    matrix.grant(permission_name(ConsultationApi), (r.APPLICANT, r.OFFICER), PARTICIPANT + "|can_messages")
    matrix.grant(permission_name(ConsultationApi), (r.HEAD, r.MONITOR), "can_messages")
    appbuilder.add_api(KnowledgeApi)  # public: no login, no permission

    add_view_no_menu(KnowledgeView)
    add_link("KnowledgeSearch", label=_l("Ask a statistician"), href="/knowledge/", icon="fa-search",
             category=HELP, visible_to=r.ALL + (r.PUBLIC,))
