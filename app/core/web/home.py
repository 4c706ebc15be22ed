"""The landing page: what this person can do, and for staff, the work waiting on their office."""
from __future__ import annotations

from flask import g
from flask_appbuilder import IndexView, expose

from app.core.workflow.inbox import home_panels


class HomeView(IndexView):
    index_template = "satupintu/home.html"

    @expose("/")
    def index(self):
        user = g.user if getattr(g, "user", None) is not None and g.user.is_authenticated else None
        return self.render_template(self.index_template, appbuilder=self.appbuilder,
                                    panels=home_panels(user) if user else [])
