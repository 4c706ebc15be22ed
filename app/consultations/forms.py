"""What a consultation is filed and logged with: topic, office, subject, question; the officer's
edit of a log (the `form` edit, also `PUT /api/v1/consultation/<id>`)."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import or_, select

from app.consultations.models import FOLLOW_UPS, ConsultationTopic
from app.consultations.thread import clean_message
from app.core.reference.models import Office
from app.core.values.validation import InvalidValue, parse_id
from app.extensions import db

SUBJECT_LIMIT = 200


def topics() -> list[ConsultationTopic]:
    return db.session.scalars(select(ConsultationTopic).where(ConsultationTopic.active.is_(True))
                              .order_by(ConsultationTopic.name)).all()


def resolve_topic(raw) -> ConsultationTopic | None:
    """An active topic by code or id."""
    if raw is None or isinstance(raw, (bool, list, dict)):
        return None
    query = select(ConsultationTopic).where(ConsultationTopic.active.is_(True))
    topic_id = parse_id(raw)
    condition = ConsultationTopic.code == str(raw).strip().lower()
    if topic_id is not None:
        condition = or_(condition, ConsultationTopic.id == topic_id)
    return db.session.scalars(query.where(condition)).first()


def resolve_office(raw) -> Office | None:
    if raw is None or isinstance(raw, (bool, list, dict)):
        return None
    office_id = parse_id(raw) if len(str(raw).strip()) != 4 else None
    condition = Office.code == str(raw).strip()
    if office_id is not None:
        condition = or_(condition, Office.id == office_id)
    return db.session.scalars(select(Office).where(condition)).first()


def clean_subject(raw) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise InvalidValue(_("This field is required."))
    if len(raw.strip()) > SUBJECT_LIMIT:
        raise InvalidValue(_("At most %(limit)d characters.", limit=SUBJECT_LIMIT))
    return raw.strip()


def clean_log(record, data: dict) -> tuple[dict, dict]:
    values, errors = {}, {}
    if not isinstance(data, dict):
        return {}, {"form": _("The request must be a JSON object.")}
    if "subject" in data:
        try:
            values["subject"] = clean_subject(data["subject"])
        except InvalidValue as exc:
            errors["subject"] = str(exc)
    if "question" in data:
        try:
            values["question"] = clean_message(data["question"])
        except InvalidValue as exc:
            errors["question"] = str(exc)
    if "topic" in data:
        topic = resolve_topic(data["topic"])
        if topic is None:
            errors["topic"] = _("Choose a topic from the list.")
        else:
            values["topic_id"] = topic.id
    if "follow_up_service" in data:
        if data["follow_up_service"] not in FOLLOW_UPS:
            errors["follow_up_service"] = _("Choose a service from the list.")
        else:
            values["follow_up_service"] = data["follow_up_service"]
    if "follow_up_record_id" in data:  # set by the screen that started the follow-up service
        values["follow_up_record_id"] = parse_id(data["follow_up_record_id"])
    if not values and not errors:
        errors["form"] = _("Nothing to change.")
    return values, errors
