"""The navbar's search box: /search/?q=… lists the records the person may open that match."""
from __future__ import annotations

from flask import request
from flask_appbuilder import BaseView, expose, has_access
from flask_babel import gettext as _

from app.core.access.scoping import current_scope
from app.core.workflow.search import find


class RecordSearchView(BaseView):
    route_base = "/search"
    default_view = "results"

    @expose("/")
    @has_access
    def results(self):
        words = request.args.get("q", "")
        hits = find(words, current_scope())
        return self.render_template("satupintu/search.html", q=words, hits=hits, title=_("Search"))
