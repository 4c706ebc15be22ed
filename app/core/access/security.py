"""One security manager: our user model, staff screens, applicant self-registration, login audit."""
from __future__ import annotations

import logging
import re
from uuid import uuid4

from flask import current_app, flash, redirect, request, url_for
from flask_appbuilder._compat import as_unicode
from flask_appbuilder.exceptions import PasswordComplexityValidationError
from flask_appbuilder.fieldwidgets import BS3PasswordFieldWidget, BS3TextFieldWidget, Select2Widget
from flask_appbuilder.forms import DynamicForm
from flask_appbuilder.security.registerviews import RegisterUserDBView
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_appbuilder.security.views import UserDBModelView
from flask_appbuilder.views import expose
from flask_appbuilder.widgets import FormWidget
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from app.core.access import roles
from app.core.access.people import (
    DOMICILES,
    IDENTITY_DOCUMENTS,
    SEGMENTS,
    ApplicantProfile,
    ApplicantRegistration,
    AppUser,
    LoginEvent,
)
from app.core.calendar.clock import format_jakarta
from app.core.mail.outbox import queue_mail
from app.core.mail.templates import render_event_mail
from app.core.values.validation import InvalidValue, check_applicant_password, check_staff_password, normalise_npwp
from app.extensions import db

log = logging.getLogger(__name__)


def staff_password_complexity(password: str) -> None:
    """FAB_PASSWORD_COMPLEXITY_VALIDATOR: FAB's user screens and password resets call it."""
    try:
        check_staff_password(password)
    except InvalidValue as exc:
        raise PasswordComplexityValidationError(str(exc)) from exc


def _choices(mapping):
    return [(key, str(label)) for key, label in mapping.items()]


def _taken(value, column: str) -> bool:
    """Whether a user or a pending registration already uses this username/e-mail (any case)."""
    value = (value or "").strip().lower()
    return bool(value) and any(
        db.session.scalar(select(model.id).where(func.lower(getattr(model, column)) == value).limit(1))
        for model in (AppUser, ApplicantRegistration)
    )


class ApplicantRegistrationForm(DynamicForm):
    """Self-registration of a member of the public; no reCAPTCHA, the app works offline."""

    username = StringField(_l("Username"), validators=[DataRequired(), Length(3, 64)],
                           widget=BS3TextFieldWidget())
    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=150)],
                            widget=BS3TextFieldWidget())
    email = StringField(_l("Email"), validators=[DataRequired(), Email(), Length(max=320)],
                        widget=BS3TextFieldWidget())
    phone = StringField(_l("Phone/mobile number"), validators=[DataRequired(), Length(max=30)],
                        widget=BS3TextFieldWidget())
    institution = StringField(_l("Institution"), validators=[Optional(), Length(max=150)],
                              widget=BS3TextFieldWidget())
    segment = SelectField(_l("Segment"), choices=[], validators=[DataRequired()], widget=Select2Widget())
    # No Optional(): it would stop validation of an empty NPWP before validate_npwp, which requires
    # it for the private segment.
    npwp = StringField(_l("NPWP"), widget=BS3TextFieldWidget(),
                       description=_l("Required for the private segment: 15 or 16 digits."))
    domicile = SelectField(_l("Domicile"), choices=[], validators=[DataRequired()], widget=Select2Widget())
    id_document_type = SelectField(_l("Identity document type"), choices=[], validators=[DataRequired()],
                                   widget=Select2Widget())
    id_document_number = StringField(_l("Identity document number"), validators=[DataRequired(), Length(max=40)],
                                     widget=BS3TextFieldWidget())
    password = PasswordField(_l("Password"), validators=[DataRequired()], widget=BS3PasswordFieldWidget(),
                             description=_l("At least 8 characters."))
    conf_password = PasswordField(
        _l("Repeat password"),
        validators=[EqualTo("password", message=_l("The passwords do not match."))],
        widget=BS3PasswordFieldWidget(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.segment.choices = _choices(SEGMENTS)
        self.domicile.choices = _choices(DOMICILES)
        self.id_document_type.choices = _choices(IDENTITY_DOCUMENTS)

    # Checked here, not by FAB's add_form_unique_validations: that hook runs in form_post, after
    # the form has already been validated, so a taken username or e-mail slipped through.
    def validate_username(self, field):
        if _taken(field.data, "username"):
            raise ValidationError(_("This username is already taken."))

    def validate_email(self, field):
        if _taken(field.data, "email"):
            raise ValidationError(_("This e-mail is already registered."))

    def validate_npwp(self, field):
        if self.segment.data == "private" or field.data:
            try:
                field.data = normalise_npwp(field.data)
            except InvalidValue as exc:
                raise ValidationError(str(exc)) from exc

    def validate_password(self, field):
        try:
            check_applicant_password(field.data)
        except InvalidValue as exc:
            raise ValidationError(str(exc)) from exc


class RegistrationFormWidget(FormWidget):
    template = "satupintu/widgets/register_form.html"


class ApplicantRegisterView(RegisterUserDBView):
    form = ApplicantRegistrationForm
    edit_widget = RegistrationFormWidget
    form_title = _l("Register as a service user")
    message = _l("Registration received. Open your e-mail and click the activation link.")

    def add_form_unique_validations(self, form):
        """Uniqueness is checked by the form itself (validate_username, validate_email)."""

    def form_post(self, form):
        # One transaction for the registration, its profile fields and the activation mail
        # (FAB's add_register_user would commit half of it on its own).
        register_user = ApplicantRegistration(
            username=form.username.data, first_name=form.full_name.data[:64], last_name="",
            email=form.email.data, registration_hash=str(uuid4()),
            password=generate_password_hash(
                form.password.data,
                method=current_app.config.get("FAB_PASSWORD_HASH_METHOD", "scrypt"),
                salt_length=current_app.config.get("FAB_PASSWORD_HASH_SALT_LENGTH", 16)),
        )
        for name in ("full_name", "phone", "institution", "segment", "npwp", "domicile",
                     "id_document_type", "id_document_number"):
            setattr(register_user, name, getattr(form, name).data or None)
        register_user.locale = str(get_locale() or "id")
        db.session.add(register_user)
        url = url_for(".activation", _external=True, activation_hash=register_user.registration_hash)
        subject, text = render_event_mail(
            "account.activation", register_user.locale,
            {"name": form.full_name.data, "username": form.username.data, "url": url},
        )
        queue_mail(register_user.email, subject, text, event_name="account.activation")
        db.session.commit()
        flash(as_unicode(self.message), "info")

    @expose("/activation/<string:activation_hash>")
    def activation(self, activation_hash):
        sm = self.appbuilder.sm
        reg = sm.find_register_user(activation_hash)
        if not reg:
            flash(as_unicode(self.false_error_message), "danger")
            return redirect(self.appbuilder.get_url_for_index)
        user = sm.add_user(
            username=reg.username, email=reg.email, first_name=reg.first_name,
            last_name=reg.last_name or "", role=sm.find_role(sm.auth_user_registration_role),
            hashed_password=reg.password,
        )
        if not user:
            flash(as_unicode(self.error_message), "danger")
            return redirect(self.appbuilder.get_url_for_index)
        user.locale = reg.locale
        db.session.add(ApplicantProfile(
            user_id=user.id, full_name=reg.full_name, phone=reg.phone, institution=reg.institution,
            segment=reg.segment, npwp=reg.npwp, domicile=reg.domicile,
            id_document_type=reg.id_document_type, id_document_number=reg.id_document_number,
        ))
        db.session.delete(reg)
        db.session.commit()
        return self.render_template(
            self.activation_template, username=reg.username, first_name=reg.first_name,
            last_name="", appbuilder=self.appbuilder,
        )


class StaffUserView(UserDBModelView):
    """Admins create every staff account; the office and NIP make row scoping possible."""

    list_columns = ["username", "first_name", "last_name", "office", "roles", "active", "last_login"]
    search_columns = ["username", "first_name", "last_name", "email", "office", "roles", "active", "nip"]
    show_fieldsets = [
        (_l("User"), {"fields": ["username", "first_name", "last_name", "email", "active", "roles"]}),
        (_l("Staff details"), {"fields": ["office", "nip"]}),
        (_l("Audit"), {"fields": ["last_login", "login_count", "fail_login_count", "created_on",
                                  "changed_on"], "expanded": False}),
    ]
    add_columns = ["first_name", "last_name", "username", "active", "email", "office", "nip", "roles",
                   "password", "conf_password"]
    edit_columns = ["first_name", "last_name", "username", "active", "email", "office", "nip", "roles"]
    label_columns = {
        "username": _l("Username"), "first_name": _l("First name"), "last_name": _l("Last name"),
        "email": _l("E-mail"), "office": _l("Office"), "nip": _l("NIP"), "roles": _l("Roles"), "active": _l("Active"),
        "last_login": _l("Last signed in"), "login_count": _l("Times signed in"),
        "fail_login_count": _l("Failed sign-ins"), "created_on": _l("Created"), "changed_on": _l("Changed"),
        "password": _l("Password"), "conf_password": _l("Confirm password"),
    }
    list_title = _l("Users")
    show_title = _l("User")
    add_title = _l("Add a user")
    edit_title = _l("Edit the user")
    # People read the list: Ya/Tidak, role names, dates in WIB, "-" for nothing.
    formatters_columns = {
        "active": lambda value: _("Yes") if value else _("No"),
        "office": lambda office: office.name if office else "-",
        "roles": lambda held: ", ".join(roles.role_label(role.name) for role in held) or "-",
        **{column: (lambda value: format_jakarta(value) or "-")
           for column in ("last_login", "created_on", "changed_on")},
        "nip": lambda value: value or "-",
    }


class SatuPintuSecurityManager(SecurityManager):
    user_model = AppUser
    registeruser_model = ApplicantRegistration
    userdbmodelview = StaffUserView
    registeruserdbview = ApplicantRegisterView

    @staticmethod
    def create_builtin_roles():
        # The same dict object views keep adding to as they register.
        return roles.matrix.permissions

    def register_views(self):
        super().register_views()
        # FAB rate-limits the login page only; the JWT login takes the same passwords, so it gets
        # the same limit per client, or password guessing would simply move to the API.
        if self.is_auth_limited:
            for view in self.appbuilder.baseviews:
                if isinstance(view, self.security_api):
                    self.limiter.limit(self.auth_rate_limit, methods=["POST"])(view.blueprint)

    def is_item_public(self, permission_name, view_name):
        # Anonymous visitors get the Public role's regexes from the same matrix as everyone.
        public = roles.matrix.permissions.get(self.auth_role_public, [])
        if any(re.match(v, view_name) and re.match(p, permission_name) for v, p in public):
            return True
        if self.auth_role_public in self.builtin_roles:
            # A built-in Public role has no permissions in the database that FAB would honour
            # anywhere else; asking for them cost two queries on every API call (@protect).
            return False
        return super().is_item_public(permission_name, view_name)

    def auth_user_db(self, username, password):
        user = super().auth_user_db(username, password)
        known = user or (self.find_user(username=username) if username else None)
        db.session.add(LoginEvent(
            username=(username or "")[:100], user_id=known.id if known else None,
            success=user is not None,
            channel="api" if request.path.startswith("/api/") else "web",
            remote_addr=(request.remote_addr or "")[:64],
        ))
        db.session.commit()
        return user
