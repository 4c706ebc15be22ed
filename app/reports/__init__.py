"""Dashboards, reports and exports (issue 13): the head's and monitor's dashboard, the treasurer's
revenue and payment register, the monthly PDF. Figures come from aggregate SQL over every registered
procedure and the ratings, plus what each service contributes through its `Service.dashboard` hook;
this package imports no service."""
from flask_babel import lazy_gettext as _l

from app.core.service import Service

SERVICE = Service(
    name="reports",
    label=_l("Reports"),
    screens="app.reports.screens:register",
    cli="app.reports.cli:reports_cli",
)
