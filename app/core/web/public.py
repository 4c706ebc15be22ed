"""Public pages, no login: each office's service standards, rendered from the admin's data."""
from __future__ import annotations

from flask import abort
from flask_appbuilder import BaseView, expose
from sqlalchemy import select

from app.core.reference.models import CHANNELS, SERVICES, Office, ServiceStandard
from app.extensions import db


class PublicView(BaseView):
    route_base = "/public"
    default_view = "offices"

    @expose("/offices")
    def offices(self):
        offices = db.session.scalars(select(Office).order_by(Office.code)).all()
        return self.render_template("satupintu/public_offices.html", offices=offices)

    @expose("/offices/<code>/standards")
    def standards(self, code):
        office = db.session.scalars(select(Office).where(Office.code == code)).first()
        if office is None:
            abort(404)
        rows = db.session.scalars(
            select(ServiceStandard).where(ServiceStandard.office_id == office.id)
        ).all()
        by_service: dict[str, list[ServiceStandard]] = {}
        for row in sorted(rows, key=lambda r: (list(SERVICES).index(r.service) if r.service in SERVICES else 99,
                                               list(CHANNELS).index(r.channel) if r.channel in CHANNELS else 9)):
            by_service.setdefault(row.service, []).append(row)
        return self.render_template("satupintu/public_standards.html", office=office,
                                    by_service=by_service, services=SERVICES)
