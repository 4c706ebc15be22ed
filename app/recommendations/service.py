"""Use cases the screens and the API share: file a draft and search the public register. State
changes stay with the engine (app.core.workflow.engine.apply), changes to the form too (engine.edit with
the procedure's "form" edit)."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import contains_eager

from app.core.access import roles as r
from app.core.reference.models import Office
from app.core.values.validation import InvalidValue
from app.core.workflow.engine import TransitionError, start, user_roles
from app.core.workflow.records import CHANNEL_ONLINE, CHANNEL_WALK_IN
from app.extensions import db
from app.recommendations.forms import applicant_for_walk_in, apply_values, clean_form, resolve_office
from app.recommendations.models import RecommendationRequest
from app.recommendations.procedure import RECOMMENDATION

PUBLIC_STATES = ("sent", "completed")


def _invalid(errors: dict) -> TransitionError:
    return TransitionError(422, _("Some of what you entered is not valid."), errors)


def create_draft(data: dict, user) -> RecommendationRequest:
    """The caller's new draft. An applicant files their own online request at the office they name
    (`office`: code or id); an officer records a walk-in visitor's form (`applicant`: username or
    e-mail) at their own office."""
    roles = user_roles(user)
    if not isinstance(data, dict):  # e.g. a JSON list posted to the API
        raise _invalid({})
    values, errors = clean_form(data, partial=True)
    if r.APPLICANT in roles:
        role, channel, office = r.APPLICANT, CHANNEL_ONLINE, resolve_office(data.get("office"))
        if office is None:
            errors["office"] = _("Choose the office you ask for the recommendation.")
    elif r.OFFICER in roles:
        role, channel, office = r.OFFICER, CHANNEL_WALK_IN, user.office
        if not str(data.get("applicant") or "").strip():
            errors["applicant"] = _("This field is required.")
    else:
        raise TransitionError(403, _("Your role may not file a recommendation request."))
    if errors:
        raise _invalid(errors)
    try:
        applicant = (user if role == r.APPLICANT
                     else applicant_for_walk_in(data["applicant"], values.get("contact_name")))
        record = RecommendationRequest(office_id=office.id, applicant_id=applicant.id, channel=channel,
                                       created_by_id=user.id)
        apply_values(record, values)
        start(RECOMMENDATION, record, user, role)
        db.session.commit()
    except InvalidValue as exc:
        db.session.rollback()
        raise _invalid({"applicant": str(exc)})
    except BaseException:
        db.session.rollback()
        raise
    return record


def search_register(words: str = "", limit: int = 50, offset: int = 0) -> tuple[int, list[RecommendationRequest]]:
    """The public register: activities whose letter was sent, matching every word in title, organiser,
    area, objective, letter number or office name. Never filtered on, nor showing, contact details."""
    model = RecommendationRequest
    query = select(model).join(model.office).where(model.status.in_(PUBLIC_STATES))
    for word in (words or "").split()[:8]:
        escaped = word.lower()[:50].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        query = query.where(or_(*[func.lower(column).like(pattern, escape="\\") for column in (
            model.title, model.organiser, model.area, model.objective, model.letter_number, Office.name)]))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.scalars(query.options(contains_eager(model.office))  # the office's name, same join
                              .order_by(model.letter_date.desc(), model.id.desc()).limit(limit).offset(offset)).all()
    return total, rows
