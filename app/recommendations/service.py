"""Use cases the screens and the API share: file a draft, edit the form, the head's inbox, the public
register. State changes stay with the engine (app.core.workflow.engine.apply)."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import contains_eager

from app.core.access import roles as r
from app.core.access.scoping import scope_for, scoped_select
from app.core.reference.models import Office
from app.core.values.validation import InvalidValue
from app.core.workflow.engine import TransitionError, start, user_roles
from app.core.workflow.records import CHANNEL_ONLINE, CHANNEL_WALK_IN
from app.extensions import db
from app.recommendations.forms import FIELDS_BY_NAME, applicant_for_walk_in, apply_values, clean_form, resolve_office
from app.recommendations.models import RecommendationRequest
from app.recommendations.procedure import RECOMMENDATION

PUBLIC_STATES = ("sent", "completed")


def _invalid(errors: dict) -> TransitionError:
    return TransitionError(422, _("Some of what you entered is not valid."), errors)


def create_request(data: dict, user) -> RecommendationRequest:
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


def editing_role(record, user) -> str | None:
    """The role in which `user` may change the form now, or None: the applicant while it is theirs to
    complete; the officer a walk-in form they record, and any form while checking it with the applicant."""
    roles = user_roles(user)
    if r.APPLICANT in roles and record.status in ("draft", "returned"):
        return r.APPLICANT
    if r.OFFICER in roles and (record.status == "submitted" or (
            record.channel == CHANNEL_WALK_IN and record.status in ("draft", "returned"))):
        return r.OFFICER
    return None


def update_request(record: RecommendationRequest, data: dict, user) -> RecommendationRequest:
    """Saves changes to the form while it may change (compare-and-set on its state)."""
    if editing_role(record, user) is None:
        raise TransitionError(409, _("The form can no longer be changed while the record is %(state)s.",
                                     state=RECOMMENDATION.state_label(record.status)))
    values, errors = clean_form(data, partial=True)
    if errors:
        raise _invalid(errors)
    scratch = RecommendationRequest()
    apply_values(scratch, values)
    changes = {name: getattr(scratch, name) for name in FIELDS_BY_NAME}
    try:
        result = db.session.execute(
            update(RecommendationRequest)
            .where(RecommendationRequest.id == record.id, RecommendationRequest.status == record.status)
            .values(**changes).execution_options(synchronize_session=False))
        if result.rowcount != 1:
            raise TransitionError(409, _("This record has changed meanwhile. Reload the page and try again."))
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    db.session.refresh(record)
    return record


def inbox(user) -> list[RecommendationRequest]:
    """Drafted letters waiting on the head's signature, oldest first, of the offices they may see."""
    return db.session.scalars(
        scoped_select(RecommendationRequest, scope_for(user))
        .where(RecommendationRequest.status == "letter_drafted")
        .order_by(RecommendationRequest.sla_due_date.asc().nulls_last(), RecommendationRequest.updated_at)
    ).all()


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
