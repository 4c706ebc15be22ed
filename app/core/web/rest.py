"""Read-only REST resources of the core: offices are public information (SPEC §9 `office`)."""
from __future__ import annotations

from flask_appbuilder.api import ModelRestApi
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import gettext as _

from app.core.reference.models import Office
from app.core.values.validation import parse_id

PUBLIC_OFFICE_COLUMNS = ["id", "code", "name", "level", "parent.code", "address", "phone", "fax", "email",
                         "website", "whatsapp", "complaint_website", "social_media", "sms", "tariff_regulation"]


class ReadableErrorsMixin:
    """FAB answers refusals with English one-word messages; say it in the caller's language."""

    def response_401(self):
        return self.response(401, message=_("Sign in first: send your token (Authorization: Bearer …)."))

    def response_403(self):
        return self.response(403, message=_("You do not have access to this page."))

    def response_404(self):
        return self.response(404, message=_(
            "The page or record you are looking for does not exist, or is not yours to see."))


class RestApi(ReadableErrorsMixin, ModelRestApi):
    """The base of every SatuPintu REST resource."""

    def get_headless(self, pk, **kwargs):
        # An id no row can have is simply not found (FAB would hand it to the database).
        if parse_id(pk) is None:
            return self.response_404()
        return super().get_headless(pk, **kwargs)


class OfficeApi(RestApi):
    resource_name = "office"
    datamodel = SQLAInterface(Office)
    include_route_methods = {"get", "get_list", "info"}
    list_columns = show_columns = PUBLIC_OFFICE_COLUMNS
    order_columns = ["code", "name"]
    search_columns = ["code", "name", "level"]
    base_order = ("code", "asc")
