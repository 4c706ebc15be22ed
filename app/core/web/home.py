"""The landing page: for a signed-in person, their inbox ("Pekerjaan saya") with its count cards."""
from __future__ import annotations

from flask import g, request
from flask_appbuilder import IndexView, expose

from app.core.access.scoping import scope_for
from app.core.values.validation import parse_id
from app.core.workflow import inbox
from app.core.workflow.procedure import PROCEDURES

PAGE_SIZE = 25


class HomeView(IndexView):
    index_template = "satupintu/home.html"

    @expose("/")
    def index(self):
        user = g.user if getattr(g, "user", None) is not None and g.user.is_authenticated else None
        if user is None:
            return self.render_template(self.index_template, appbuilder=self.appbuilder)
        # ?service=<procedure> narrows the inbox, e.g. the head's letters to sign.
        service = request.args.get("service", "")
        names = (service,) if service in PROCEDURES else ()
        number = parse_id(request.args.get("page", "0")) or 0
        items, total = inbox.page(user, number, PAGE_SIZE, names)
        return self.render_template(
            self.index_template, appbuilder=self.appbuilder, items=items, total=total, page=number,
            pages=(total + PAGE_SIZE - 1) // PAGE_SIZE, counts=inbox.count(user, names),
            service=names[0] if names else "",
            services=[(p.name, p.label) for p in PROCEDURES.values()],
            for_applicant=scope_for(user).owner_only)
