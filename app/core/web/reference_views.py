"""Admin lookup screens and the staff's office-scoped screens of the core."""
from __future__ import annotations

from datetime import date, datetime

from flask import flash, redirect
from flask_appbuilder import ModelView, action
from flask_appbuilder.fieldwidgets import Select2Widget
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import SelectField
from wtforms.validators import DataRequired, Optional

from app.core.access.people import DOMICILES, IDENTITY_DOCUMENTS, SEGMENTS, ApplicantProfile, LoginEvent
from app.core.access.scoping import ScopedMixin
from app.core.calendar.clock import format_jakarta
from app.core.mail.outbox import FAILED, PENDING, STATUSES, OutboxMessage, resend
from app.core.reference.models import (
    CHANNELS,
    OFFICE_LEVELS,
    SERVICES,
    DocumentType,
    EmailTemplate,
    HolidayOverride,
    Office,
    ServiceStandard,
)
from app.core.values.formatting import indonesian_date, indonesian_datetime
from app.extensions import db

Office.__scope_office__ = "id"
ApplicantProfile.__scope_owner__ = "user_id"


def yes_no(value) -> str:
    return str(_l("Yes")) if value else str(_l("No"))


def shown(value):
    """How a plain value reads on a screen: "-" for nothing, dates as "7 Desember 2026", times in WIB."""
    if value is None or value == "":
        return "-"
    if isinstance(value, datetime):
        return indonesian_datetime(value)
    if isinstance(value, date):
        return indonesian_date(value)
    return value


def label_of(mapping):
    """Formatter showing the translated label of a stored code."""
    return lambda value: mapping.get(value, value or "")


class SatuPintuModelView(ModelView):
    """Shared defaults: page size, titles, Jakarta times, yes/no boxes that may be left unticked."""

    # FAB would build "Add Product" from the class name, in English whatever the locale.
    add_title = _l("Add a record")
    edit_title = _l("Edit the record")
    show_title = _l("Record details")

    page_size = 25

    # Columns that store a code from a fixed list: column -> {code: translated label}.
    choices_columns: dict = {}

    def __init__(self, *args, **kwargs):
        # FAB puts InputRequired on every NOT NULL column; on a checkbox that refuses "no"
        # ("Kolom ini wajib diisi."). Optional first stops the chain when the box is unticked.
        self.validators_columns = dict(self.validators_columns or {})
        for name in self.datamodel.get_columns_list():
            if self.datamodel.is_boolean(name) and not self.datamodel.is_nullable(name):
                self.validators_columns[name] = [Optional()] + list(self.validators_columns.get(name, []))
        # A code column is a drop-down of its labels in the forms.
        for attribute in ("add_form_extra_fields", "edit_form_extra_fields"):
            fields = dict(getattr(self, attribute, None) or {})
            for column, mapping in self.choices_columns.items():
                fields.setdefault(column, SelectField(
                    self.label_columns.get(column, column), choices=list(mapping.items()),
                    widget=Select2Widget(), validators=[DataRequired()]))
            setattr(self, attribute, fields)
        super().__init__(*args, **kwargs)
        # Lists and details show labels: of codes, and Ya/Tidak for yes/no columns.
        self.formatters_columns = dict(self.formatters_columns or {})
        for column, mapping in self.choices_columns.items():
            self.formatters_columns.setdefault(column, label_of(mapping))
        for column in set(self.list_columns) | set(self.show_columns):
            if self.datamodel.is_boolean(column):
                self.formatters_columns.setdefault(column, yes_no)
            else:
                self.formatters_columns.setdefault(column, shown)


class OfficeView(ScopedMixin, SatuPintuModelView):
    datamodel = SQLAInterface(Office)
    list_title = _l("Offices")
    list_columns = ["code", "name", "level", "parent", "phone", "email"]
    search_columns = ["code", "name", "level"]
    order_columns = ["code", "name"]
    base_order = ("code", "asc")
    label_columns = {
        "code": _l("Code"), "name": _l("Name"), "level": _l("Level"), "parent": _l("Parent"),
        "address": _l("Address"), "phone": _l("Phone"), "fax": _l("Fax"), "email": _l("Email"),
        "website": _l("Website"), "whatsapp": _l("WhatsApp"), "complaint_website": _l("Complaint website"),
        "social_media": _l("Social media"), "sms": _l("SMS"), "head": _l("Head of office"),
        "letter_number_pattern": _l("Letter number pattern"), "tariff_regulation": _l("Tariff regulation"),
        "sppd_address": _l("Address for the SPPD originals"), "treasurer_bank_name": _l("Treasurer's bank"),
        "treasurer_bank_account": _l("Treasurer's account number"), "treasurer_bank_holder": _l("Account holder"),
    }
    choices_columns = {"level": OFFICE_LEVELS}
    show_fieldsets = [
        (_l("Office"), {"fields": ["code", "name", "level", "parent", "head"]}),
        (_l("Contact"), {"fields": ["address", "phone", "fax", "email", "website"]}),
        (_l("Complaint channels"), {"fields": ["whatsapp", "complaint_website", "social_media", "sms"]}),
        (_l("Administration"), {"fields": ["letter_number_pattern", "tariff_regulation", "sppd_address",
                                         "treasurer_bank_name", "treasurer_bank_account",
                                         "treasurer_bank_holder"]}),
    ]
    add_fieldsets = edit_fieldsets = show_fieldsets
    add_form_query_rel_fields = edit_form_query_rel_fields = {}


class HolidayOverrideView(SatuPintuModelView):
    datamodel = SQLAInterface(HolidayOverride)
    list_title = _l("Extra days off and working-day exceptions")
    list_columns = ["day", "name", "is_day_off", "office"]
    add_columns = edit_columns = ["day", "name", "is_day_off", "office"]
    base_order = ("day", "desc")
    label_columns = {"day": _l("Date"), "name": _l("Description"), "is_day_off": _l("Day off"),
                     "office": _l("Office (empty = all)")}
    description_columns = {
        "is_day_off": _l("Tick for an extra day off; leave unticked to declare a working day."),
    }

    def _calendar_changed(self, item):
        # Due dates derive from the calendar: open records of the affected offices move now.
        from app.core.workflow.sla import refresh_open_clocks

        refresh_open_clocks(item.office_id)
        db.session.commit()

    post_add = post_update = post_delete = _calendar_changed


class DocumentTypeView(SatuPintuModelView):
    datamodel = SQLAInterface(DocumentType)
    list_title = _l("Document types")
    list_columns = ["code", "name", "service", "issued_by_office"]
    add_columns = edit_columns = ["code", "name", "name_en", "service", "issued_by_office", "description"]
    label_columns = {"code": _l("Code"), "name": _l("Name"), "name_en": _l("Name (English)"),
                     "service": _l("Service"), "issued_by_office": _l("Issued by the office"),
                     "description": _l("Description")}
    choices_columns = {"service": SERVICES}


class EmailTemplateView(SatuPintuModelView):
    datamodel = SQLAInterface(EmailTemplate)
    list_title = _l("E-mail templates")
    list_columns = ["event", "locale", "subject", "updated_at"]
    add_columns = edit_columns = ["event", "locale", "subject", "body"]
    label_columns = {"event": _l("Event"), "locale": _l("Language"), "subject": _l("Subject"),
                     "body": _l("Body"), "updated_at": _l("Changed")}
    description_columns = {
        "body": _l("Jinja text; variables: name, record_label, action_label, status_label, note, url, office_name."),
    }
    formatters_columns = {"updated_at": format_jakarta}


class ServiceStandardView(ScopedMixin, SatuPintuModelView):
    datamodel = SQLAInterface(ServiceStandard)
    list_title = _l("Service standards")
    list_columns = ["office", "service", "channel", "time_limit"]
    search_columns = ["office", "service", "channel"]
    label_columns = {"office": _l("Office"), "service": _l("Service"), "channel": _l("Channel"),
                     "decree": _l("Decree number"), "requirements": _l("Requirements"), "procedure": _l("Procedure"),
                     "time_limit": _l("Time limit"), "cost": _l("Cost/tariff"),
                     "products": _l("Service products"), "complaint_channels": _l("Complaint handling"),
                     "working_days_limit": _l("Limit in working days")}
    choices_columns = {"service": SERVICES, "channel": CHANNELS}
    description_columns = {
        "requirements": _l("One item per line."), "procedure": _l("One step per line."),
    }
    add_columns = edit_columns = ["office", "service", "channel", "decree", "requirements", "procedure",
                                  "time_limit", "working_days_limit", "cost", "products", "complaint_channels"]


class ApplicantProfileView(ScopedMixin, SatuPintuModelView):
    datamodel = SQLAInterface(ApplicantProfile)
    list_title = _l("Service users")
    list_columns = ["full_name", "institution", "segment", "phone", "office"]
    search_columns = ["full_name", "institution", "segment", "phone", "id_document_number", "npwp"]
    show_columns = ["full_name", "email", "phone", "institution", "segment", "npwp", "domicile",
                    "id_document_type", "id_document_number", "office"]
    edit_columns = ["full_name", "phone", "institution", "segment", "npwp", "domicile",
                    "id_document_type", "id_document_number"]
    label_columns = {"full_name": _l("Full name"), "email": _l("Email"), "phone": _l("Phone"),
                     "institution": _l("Institution"), "segment": _l("Segment"), "npwp": _l("NPWP"),
                     "domicile": _l("Domicile"), "id_document_type": _l("Identity document"),
                     "id_document_number": _l("Identity number"), "office": _l("Office")}
    choices_columns = {"segment": SEGMENTS, "domicile": DOMICILES, "id_document_type": IDENTITY_DOCUMENTS}

    def pre_update(self, item):
        from app.core.values.validation import InvalidValue, normalise_npwp

        super().pre_update(item)
        if item.segment == "private" or item.npwp:
            try:
                item.npwp = normalise_npwp(item.npwp)
            except InvalidValue as exc:
                raise ValueError(str(exc)) from exc


class MyProfileView(ApplicantProfileView):
    """The applicant's own profile: the same screen, scoped to the owner, no delete."""

    class_permission_name = "MyProfile"
    base_permissions = ["can_list", "can_show", "can_edit"]
    list_title = _l("My profile")
    list_columns = ["full_name", "institution", "segment", "phone"]


class OutboxView(SatuPintuModelView):
    datamodel = SQLAInterface(OutboxMessage)
    list_title = _l("E-mail outbox")
    list_columns = ["created_at", "recipient", "subject", "status", "attempts", "sent_at"]
    show_columns = ["created_at", "event", "recipient", "subject", "body_text", "status", "attempts",
                    "last_error", "next_attempt_at", "sent_at"]
    search_columns = ["recipient", "subject", "status", "event"]
    base_order = ("id", "desc")
    base_permissions = ["can_list", "can_show"]
    label_columns = {"created_at": _l("Created"), "recipient": _l("Recipient"), "subject": _l("Subject"),
                     "status": _l("Status"), "attempts": _l("Attempts"), "sent_at": _l("Sent"),
                     "last_error": _l("Last error"), "next_attempt_at": _l("Next attempt"),
                     "body_text": _l("Body"), "event": _l("Event")}
    formatters_columns = {"created_at": format_jakarta, "sent_at": format_jakarta,
                          "next_attempt_at": format_jakarta, "status": label_of(STATUSES)}

    @action("resend", _l("Resend"), _l("Resend the selected e-mails?"), "fa-repeat")
    def resend(self, items):
        items = items if isinstance(items, list) else [items]
        count = 0
        for item in items:
            if item.status in (FAILED, PENDING):
                resend(item)
                count += 1
        db.session.commit()
        flash(ngettext("%(num)d e-mail rescheduled.", "%(num)d e-mails rescheduled.", count), "info")
        return redirect(self.get_redirect())


class LoginEventView(SatuPintuModelView):
    datamodel = SQLAInterface(LoginEvent)
    list_title = _l("Login history")
    list_columns = ["at", "username", "success", "channel", "remote_addr"]
    search_columns = ["username", "success", "channel"]
    base_order = ("at", "desc")
    base_permissions = ["can_list", "can_show"]
    label_columns = {"at": _l("Time"), "username": _l("Username"), "success": _l("Successful"),
                     "channel": _l("Channel"), "remote_addr": _l("IP address")}
    formatters_columns = {"at": format_jakarta}
