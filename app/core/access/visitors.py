"""Walk-in visitors: a member of the public met at the desk, found again by identity document or
e-mail, or enrolled once as a service user (an applicant account with a profile) so that every
service can name them as the applicant of what they ask for.

The guest book (buku tamu) and every service's walk-in screen use these; nothing here belongs to
one service.
"""
from __future__ import annotations

import re
import secrets

from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from app.core.access import roles as r
from app.core.access.people import DOMICILES, IDENTITY_DOCUMENTS, SEGMENTS, ApplicantProfile, AppUser
from app.core.values.validation import InvalidValue, normalise_npwp
from app.core.workflow.engine import TransitionError
from app.extensions import appbuilder, db

EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+")
# An identity document number: letters, digits, dashes and slashes (a passport, a KITAS …).
DOCUMENT_NUMBER = re.compile(r"[0-9A-Za-z\-/]{4,40}")
# NIK, the number on a KTP: 16 digits.
NIK = re.compile(r"\d{16}")
# Markup in a name or an institution is never what a visitor meant; refusing it keeps it out of
# every screen, PDF and mail that later shows the name.
MARKUP = re.compile(r"[<>]")
LIMITS = {"full_name": 150, "phone": 30, "institution": 150}


def _invalid(errors: dict) -> TransitionError:
    return TransitionError(422, _("Some of what you entered is not valid."), errors)


def clean_document_number(raw) -> str:
    return re.sub(r"\s", "", str(raw or ""))


def find_visitor(id_type: str, id_number: str) -> ApplicantProfile | None:
    """The service user with this identity document, or None."""
    number = clean_document_number(id_number)
    if not number:
        return None
    return db.session.scalars(select(ApplicantProfile).where(
        ApplicantProfile.id_document_type == id_type,
        func.replace(ApplicantProfile.id_document_number, " ", "") == number)).first()


def find_returning(id_number: str = "", email: str = "") -> ApplicantProfile | None:
    """A returning visitor by identity document number (any type) or e-mail, or None."""
    number = clean_document_number(id_number)
    email = str(email or "").strip().lower()
    clauses = []
    if number:
        clauses.append(func.replace(ApplicantProfile.id_document_number, " ", "") == number)
    if email:
        clauses.append(func.lower(AppUser.email) == email)
    if not clauses:
        return None
    return db.session.scalars(
        select(ApplicantProfile).join(AppUser, AppUser.id == ApplicantProfile.user_id)
        .where(or_(*clauses)).order_by(ApplicantProfile.id)).first()


def _text(form: dict, name: str, errors: dict, required: bool = False) -> str:
    raw = form.get(name)
    if raw is not None and not isinstance(raw, str):
        errors[name] = _("Enter a text.")
        return ""
    value = (raw or "").strip()
    if required and not value:
        errors[name] = _("This field is required.")
    elif len(value) > LIMITS.get(name, 150):
        errors[name] = _("At most %(n)d characters.", n=LIMITS.get(name, 150))
    elif MARKUP.search(value):
        errors[name] = _("Leave out the characters < and >.")
    return value


def check_visitor(form: dict) -> tuple[dict, dict]:
    """The guest-book person's details, cleaned: (values, errors)."""
    errors: dict = {}
    values = {name: _text(form, name, errors, required=name == "full_name") for name in LIMITS}
    email = str(form.get("email") or "").strip().lower() if isinstance(form.get("email") or "", str) else ""
    if not EMAIL.fullmatch(email) or len(email) > 120:
        errors["email"] = _("Enter an active e-mail address.")
    id_type = str(form.get("id_document_type") or "").strip()
    id_number = clean_document_number(form.get("id_document_number") if isinstance(
        form.get("id_document_number") or "", str) else "")
    if id_type not in IDENTITY_DOCUMENTS:
        errors["id_document_type"] = _("Choose the identity document.")
    elif id_type == "ktp" and not NIK.fullmatch(id_number):
        errors["id_document_number"] = _("A NIK (the number on the KTP) has 16 digits.")
    elif not DOCUMENT_NUMBER.fullmatch(id_number):
        errors["id_document_number"] = _("Enter the number of the identity document.")
    segment = str(form.get("segment") or "individual").strip()
    domicile = str(form.get("domicile") or "domestic").strip()
    if segment not in SEGMENTS:
        errors["segment"] = _("Choose the segment.")
    if domicile not in DOMICILES:
        errors["domicile"] = _("Choose the domicile.")
    npwp = None
    if form.get("npwp") or segment == "private":
        try:
            npwp = normalise_npwp(form.get("npwp") if isinstance(form.get("npwp") or "", str) else "")
        except InvalidValue as exc:
            errors["npwp"] = str(exc)
    values.update(email=email, id_document_type=id_type, id_document_number=id_number, segment=segment,
                  domicile=domicile, npwp=npwp)
    return values, errors


def enrol_visitor(form: dict, office_id: int | None, commit: bool = True) -> AppUser:
    """An applicant account for a walk-in visitor (identity document, active e-mail); 422 on bad input.

    `office_id`: the office that records them (the profile keeps it)."""
    values, errors = check_visitor(form)
    if "email" not in errors and db.session.scalar(
            select(AppUser.id).where(func.lower(AppUser.email) == values["email"])):
        errors["email"] = _("This e-mail address already belongs to an account: find the visitor by it.")
    if "id_document_number" not in errors and find_visitor(values["id_document_type"],
                                                           values["id_document_number"]) is not None:
        errors["id_document_number"] = _("A service user with this identity document exists already.")
    if errors:
        raise _invalid(errors)
    sm = appbuilder.sm
    base = re.sub(r"[^a-z0-9]", "", values["email"].split("@")[0])[:20] or "visitor"
    username, n = base, 1
    while sm.find_user(username=username) is not None:
        n += 1
        username = f"{base}{n}"
    first, _sep, last = values["full_name"].partition(" ")
    # A random password: the visitor sets their own through "forgot password" if they go online.
    # Added here rather than with sm.add_user, which commits on its own: the guest-book entry and its
    # ticket link belong to the same transaction.
    user = AppUser(username=username, first_name=first[:64], last_name=(last or "-")[:64], email=values["email"],
                   active=True, roles=[sm.find_role(r.APPLICANT)])
    user.password = _password_hash(secrets.token_urlsafe(18))
    db.session.add(user)
    db.session.flush()
    db.session.add(ApplicantProfile(
        user_id=user.id, full_name=values["full_name"], phone=values["phone"], institution=values["institution"],
        segment=values["segment"], npwp=values["npwp"], domicile=values["domicile"],
        id_document_type=values["id_document_type"], id_document_number=values["id_document_number"],
        office_id=office_id))
    if commit:
        db.session.commit()
    return user


def _password_hash(password: str) -> str:
    from flask import current_app
    from werkzeug.security import generate_password_hash

    return generate_password_hash(password, method=current_app.config.get("FAB_PASSWORD_HASH_METHOD", "scrypt"),
                                  salt_length=current_app.config.get("FAB_PASSWORD_HASH_SALT_LENGTH", 16))
