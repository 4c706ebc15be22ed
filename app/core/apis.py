"""Read-only REST resources of the core: offices are public information (SPEC §9 `office`)."""
from __future__ import annotations

from flask_appbuilder.api import ModelRestApi
from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.core.models import Office

PUBLIC_OFFICE_COLUMNS = ["id", "code", "name", "level", "parent.code", "address", "phone", "fax", "email",
                         "website", "whatsapp", "complaint_website", "social_media", "sms", "tariff_regulation"]


class OfficeApi(ModelRestApi):
    resource_name = "office"
    datamodel = SQLAInterface(Office)
    include_route_methods = {"get", "get_list", "info"}
    list_columns = show_columns = PUBLIC_OFFICE_COLUMNS
    order_columns = ["code", "name"]
    search_columns = ["code", "name", "level"]
    base_order = ("code", "asc")
