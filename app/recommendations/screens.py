"""Screens and APIs of this service, registered with the roles that may use them."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

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
    permission_name,
)
from app.core.access.roles import matrix
from app.core.web.procedure_api import PARTICIPANT

# Head of office: reads the office's requests and documents, previews drafts, signs or asks for a revision.
HEAD_ON_REQUESTS = "can_list|can_show|can_act|can_download|can_preview"


def register(appbuilder) -> None:
    from app.recommendations.api import RecommendationApi
    from app.recommendations.views import (
        LetterTemplateView,
        MyRecommendationView,
        PublicRecommendationView,
        RecommendationView,
        SigningCertificateView,
    )

    add_view(RecommendationView, "RecommendationRequests", label=_l("Recommendation requests"),
             icon="fa-envelope-open", category=SERVICES, full=(r.OFFICER,), read=(r.MONITOR,))
    matrix.grant(permission_name(RecommendationView), (r.HEAD,), HEAD_ON_REQUESTS)
    matrix.grant_menu("RecommendationRequests", (r.HEAD,))
    # The head's letters to sign are their inbox, narrowed to this service.
    add_link("LettersToSign", label=_l("Letters to sign"), href="/?service=recommendation",
             icon="fa-pencil-square-o", category=SERVICES, visible_to=(r.HEAD,))
    add_view(MyRecommendationView, "MyRecommendations", label=_l("My recommendation requests"),
             icon="fa-envelope-open-o", category=PORTAL, full=(r.APPLICANT,))
    add_view(LetterTemplateView, "LetterTemplates", label=_l("Recommendation letter templates"),
             icon="fa-file-text-o", category=REFERENCE, full=(r.HEAD,), read=(r.OFFICER,))
    add_view(SigningCertificateView, "SigningCertificates", label=_l("Signing certificates"),
             icon="fa-certificate", category=ADMINISTRATION)

    add_api(RecommendationApi, read=(r.MONITOR,))
    matrix.grant(permission_name(RecommendationApi), (r.APPLICANT, r.OFFICER, r.HEAD), PARTICIPANT)

    add_view_no_menu(PublicRecommendationView)
    add_link("RecommendedActivities", label=_l("Recommended statistical activities"),
             href="/public/recommendations", icon="fa-search", category=HELP, visible_to=r.ALL + (r.PUBLIC,))
