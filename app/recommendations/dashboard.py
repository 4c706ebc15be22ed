"""Home-page counts: what waits on this person in the recommendation procedure."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.core.access import roles as r
from app.core.access.scoping import scope_for, visible
from app.core.workflow.engine import user_roles
from app.extensions import db
from app.recommendations.models import RecommendationRequest


def _count(user, *states) -> int:
    model = RecommendationRequest
    return db.session.scalar(select(func.count(model.id)).where(visible(model, scope_for(user)),
                                                                model.status.in_(states))) or 0


def panels(user) -> list[dict]:
    roles = user_roles(user)
    found = []
    if r.HEAD in roles:
        found.append({"title": _("Recommendation letters to sign"), "count": _count(user, "letter_drafted"),
                      "url": url_for("LetterInboxView.index"), "tone": "warning"})
    if r.OFFICER in roles:
        found.append({"title": _("Recommendation requests to work on"),
                      "count": _count(user, "submitted", "verified", "revision_requested", "signed"),
                      "url": url_for("RecommendationView.list"), "tone": "primary"})
    if r.APPLICANT in roles:
        found.append({"title": _("Recommendation requests waiting on you"),
                      "count": _count(user, "draft", "returned", "sent"),
                      "url": url_for("MyRecommendationView.list"), "tone": "warning"})
    return found
