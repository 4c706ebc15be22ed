"""The request form, declared once: the applicant's screen, the officer's walk-in screen, the REST API
and the submit checklist all read FORM_FIELDS and clean input with `clean_form`."""
from __future__ import annotations

import secrets
from datetime import date

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from werkzeug.security import generate_password_hash

from app.core.access import roles as r
from app.core.reference.models import Office
from app.core.values.validation import InvalidValue
from app.core.workflow.procedure import Field
from app.extensions import appbuilder, db
from app.recommendations.models import ACTIVITY_TYPES, RecommendationRequest


def _text(limit: int):
    def clean(value):
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise InvalidValue(_("Enter a text."))
        text = str(value).strip()
        if len(text) > limit:
            raise InvalidValue(_("At most %(limit)d characters.", limit=limit))
        return text
    return clean


def _activity_type(value):
    if not isinstance(value, str) or value not in ACTIVITY_TYPES:
        raise InvalidValue(_("Choose survey, census or compilation."))
    return value


def _positive_int(value):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise InvalidValue(_("Enter a whole number."))
    if number < 1 or number > 1_000_000_000:
        raise InvalidValue(_("Enter a whole number from 1."))
    return number


def _date(value):
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidValue(_("Enter a date as YYYY-MM-DD."))


def _email(value):
    try:
        return validate_email(str(value).strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        raise InvalidValue(_("Enter a valid e-mail address."))


def _activity_types():
    return [(key, str(label)) for key, label in ACTIVITY_TYPES.items()]


# `required` means: needed before the form can be submitted (a draft may be saved incomplete).
FORM_FIELDS: tuple[Field, ...] = (
    Field("title", _l("Title of the activity"), clean=_text(250)),
    Field("organiser", _l("Organiser"), clean=_text(200), help=_l("The agency or institution that runs the activity.")),
    Field("objective", _l("Objective"), kind="textarea", clean=_text(4000)),
    Field("activity_type", _l("Type of activity"), kind="select", clean=_activity_type, choices=_activity_types),
    Field("population", _l("Population"), kind="textarea", clean=_text(2000),
          help=_l("Who or what the activity covers, e.g. households in Kendal regency.")),
    Field("sample_size", _l("Sample size"), required=False, kind="int", clean=_positive_int,
          help=_l("Number of sample units; leave empty for a census or a compilation.")),
    Field("method", _l("Method"), kind="textarea", clean=_text(4000),
          help=_l("Sampling design and how the data are collected.")),
    Field("variables", _l("Variables"), required=False, kind="textarea", clean=_text(4000),
          help=_l("The main variables; the questionnaire you upload lists them all.")),
    Field("area", _l("Area"), clean=_text(250)),
    Field("start_date", _l("Start date"), kind="date", clean=_date),
    Field("end_date", _l("End date"), kind="date", clean=_date),
    Field("funding", _l("Funding"), clean=_text(200), help=_l("Source of funds, e.g. APBD Kabupaten Kendal 2026.")),
    Field("contact_name", _l("Contact person"), clean=_text(150)),
    Field("contact_email", _l("Contact e-mail"), clean=_email, help=_l("Never shown in the public register.")),
)
FIELDS_BY_NAME = {field.name: field for field in FORM_FIELDS}
# Needed to save even a draft.
DRAFT_REQUIRED = ("title",)


def clean_form(data, partial: bool = True) -> tuple[dict, dict]:
    """Cleaned values and field messages. `partial`: only what a draft needs must be there."""
    values, errors = {}, {}
    for field in FORM_FIELDS:
        raw = data.get(field.name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            values[field.name] = None
            if field.name in DRAFT_REQUIRED or (not partial and field.required):
                errors[field.name] = _("This field is required.")
            continue
        try:
            values[field.name] = field.clean(raw) if field.clean else raw
        except InvalidValue as exc:
            errors[field.name] = str(exc)
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        errors["end_date"] = _("The end date cannot be before the start date.")
    return values, errors


def apply_values(record: RecommendationRequest, values: dict) -> None:
    for name, value in values.items():
        if name in FIELDS_BY_NAME:
            column = RecommendationRequest.__table__.columns[name]
            setattr(record, name, value if value is not None or column.nullable else "")


def clean_edit(record: RecommendationRequest, data: dict) -> tuple[dict, dict]:
    """A change to the form (engine.edit): each field `data` names replaces the record's value, the
    others stay, and the whole form is checked as a draft's."""
    current = {field.name: getattr(record, field.name) for field in FORM_FIELDS}
    return clean_form({**current, **{name: value for name, value in data.items() if name in FIELDS_BY_NAME}})


def write_form(record: RecommendationRequest, values: dict, ctx=None) -> None:
    # Returns nothing: the engine compares each field before and after for the audit trail.
    apply_values(record, values)


def missing_for_submit(record: RecommendationRequest) -> list[str]:
    """Labels of what must still be filled in before submitting (the form's required fields)."""
    return [str(field.label) for field in FORM_FIELDS
            if field.required and getattr(record, field.name) in (None, "")]


def form_complete(record: RecommendationRequest) -> bool:
    return not missing_for_submit(record)


def resolve_office(raw) -> Office | None:
    """An office by its code ("3324") or its id."""
    if raw is None or str(raw).strip() == "":
        return None
    text = str(raw).strip()
    office = db.session.scalars(select(Office).where(Office.code == text)).first()
    if office is None and text.isdigit():
        office = db.session.get(Office, int(text))
    return office


def applicant_for_walk_in(identifier: str, name: str = "") -> "object":
    """The applicant account a walk-in visitor's form belongs to, by username or e-mail.

    A visitor without an account gets one (Applicant role, random password, their e-mail as
    username) so that mails, downloads and the rating reach them; they can take it over later.
    InvalidValue when the identifier belongs to staff or is not a valid e-mail."""
    from app.core.access.people import AppUser

    identifier = identifier.strip() if isinstance(identifier, str) else ""
    if not identifier:
        raise InvalidValue(_("This field is required."))
    user = db.session.scalars(select(AppUser).where(or_(
        AppUser.username == identifier, func.lower(AppUser.email) == identifier.lower()))).first()
    if user is not None:
        if r.APPLICANT not in {role.name for role in user.roles}:
            raise InvalidValue(_("This account is not a service user's account."))
        return user
    email = _email(identifier)
    parts = (name or email.split("@")[0]).split()
    user = AppUser(username=email, email=email, first_name=parts[0][:64], last_name=" ".join(parts[1:])[:64],
                   active=True, password=generate_password_hash(secrets.token_urlsafe(24)),
                   roles=[appbuilder.sm.find_role(r.APPLICANT)])
    db.session.add(user)
    db.session.flush()
    return user
