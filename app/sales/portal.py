"""The catalogue (public), composing a request (applicant, or the officer for a walk-in visitor),
and recording a walk-in visitor at the desk."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose, has_access
from flask_appbuilder.security.decorators import permission_name
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.core.access import roles as r
from app.core.access.people import DOMICILES, IDENTITY_DOCUMENTS, SEGMENTS
from app.core.access.scoping import current_user, get_or_404
from app.core.access.visitors import enrol_visitor, find_visitor
from app.core.documents.attached import documents_of
from app.core.reference.models import Office, ServiceStandard
from app.core.values.validation import parse_id
from app.core.web.procedure_views import flash_refusal, save_typed
from app.core.workflow.engine import TransitionError, edit, edit_role, uploads_allowed, user_roles
from app.extensions import db
from app.sales.models import AREA_LEVELS, PRODUCT_TYPES, SPPD_PRODUCT_TYPES, Product, SalesRequest
from app.sales.pricing import list_price, tariff_in_force
from app.sales.procedure import DOCUMENT_KINDS, SALES
from app.sales.service import applicant_user, create_draft, expected_of_applicant, is_own


def required_documents(product: Product) -> list[str]:
    """What the applicant brings or uploads for this product (seeds: abstract and SPPD for data and maps)."""
    needed = []
    if product.product_type in SPPD_PRODUCT_TYPES:
        needed += [str(DOCUMENT_KINDS["abstract"]), str(_l("Data-use agreement (SPPD), signed after the invoice"))]
    return needed


def office_products(office_id: int, product_type: str | None = None) -> list[Product]:
    """The active products an office sells (of one type), by type and title, with their tariffs."""
    query = select(Product).options(selectinload(Product.tariff)).where(
        Product.office_id == office_id, Product.active.is_(True))
    if product_type in PRODUCT_TYPES:
        query = query.where(Product.product_type == product_type)
    return db.session.scalars(query.order_by(Product.product_type, Product.title)).all()


def catalogue_rows(office: Office, product_type: str | None = None) -> list[dict]:
    rows = []
    for product in office_products(office.id, product_type):
        tariff = tariff_in_force(product)
        rows.append({"product": product, "tariff": tariff, "price": list_price(product, tariff),
                     "documents": required_documents(product)})
    return rows


class SalesCatalogueView(BaseView):
    """The products of an office by type, with the tariff in force, its PNBP terms and the documents
    each needs. Public: the tariff list is public information; starting a request needs an account."""

    route_base = "/sales"
    default_view = "shop"
    class_permission_name = "SalesCatalogue"

    @expose("/shop")
    @has_access
    @permission_name("compose")
    def shop(self):
        """The applicant's door to the catalogue (their menu entry); the page itself is public."""
        return self.catalogue()

    @expose("/catalogue")
    def catalogue(self):
        offices = db.session.scalars(select(Office).order_by(Office.code)).all()
        code = request.args.get("office") or (offices[0].code if offices else None)
        user = current_user()
        if not request.args.get("office") and user is not None and getattr(user, "is_authenticated", False):
            profile = getattr(user, "applicant_profile", None)
            office_id = getattr(profile, "office_id", None) or getattr(user, "office_id", None)
            code = next((o.code for o in offices if o.id == office_id), code)
        office = next((o for o in offices if o.code == code), None)
        if office is None:
            abort(404)
        product_type = request.args.get("type") or ""
        standard = db.session.scalars(select(ServiceStandard).where(
            ServiceStandard.office_id == office.id, ServiceStandard.service == "sales",
            ServiceStandard.channel == "online")).first()
        can_request = user is not None and getattr(user, "is_authenticated", False) and \
            r.APPLICANT in user_roles(user)
        return self.render_template("sales/catalogue.html", offices=offices, office=office,
                                    product_type=product_type, types=PRODUCT_TYPES,
                                    rows=catalogue_rows(office, product_type), standard=standard,
                                    can_request=can_request, title=_("Product catalogue"))

    @expose("/new", methods=["POST"])
    @has_access
    @permission_name("compose")
    def new(self):
        """The applicant starts a draft at an office, optionally with a first product."""
        payload = {"office": request.form.get("office"), "purpose": request.form.get("purpose", "")}
        product = db.session.get(Product, parse_id(request.form.get("product")) or 0)
        # Microdata and maps need their variables and area: the draft opens with the product chosen in
        # the form that asks for them, instead of a line added without them.
        asks = product is not None and product.product_type in SPPD_PRODUCT_TYPES
        if request.form.get("product") and not asks:  # a publication at once; a bad id is refused
            payload["lines"] = [{k: request.form.get(k) for k in ("product", "quantity") if request.form.get(k)}]
        try:
            record = create_draft(payload, current_user())
        except TransitionError as exc:
            flash_refusal(exc)
            return redirect(url_for("SalesCatalogueView.catalogue", office=request.form.get("office")))
        if asks:
            flash(_("Your draft request %(label)s is ready. Choose the variables and the area of %(title)s, then "
                    "add it.", label=record.label, title=product.title), "info")
            return redirect(url_for("SalesComposeView.compose", pk=record.id, product=product.id) + "#sp-add-line")
        flash(_("Your draft request %(label)s is ready: add products, upload documents and submit.",
                label=record.label), "success")
        return redirect(url_for("SalesComposeView.compose", pk=record.id))


class SalesComposeView(BaseView):
    """Composing the lines of a request; the total is recomputed from the lines on every change."""

    route_base = "/sales/compose"
    default_view = "compose"
    class_permission_name = "SalesCompose"

    def _record(self, pk) -> SalesRequest:
        return get_or_404(SalesRequest, pk)

    def _request_view(self, record) -> str:
        return "MySalesRequestView" if is_own(record, current_user()) else "SalesRequestView"

    def _edit(self, pk, name: str, data: dict, done):
        """Makes the named edit (engine.edit) against the version the page showed; a refusal is flashed
        and the details form shows again with what the person typed, a 404 stays one."""
        try:
            version = save_typed(SALES, pk, data)  # what was typed in the details form, saved first
            outcome = edit(SALES, pk, name, current_user(), data, expected_version=version)
        except TransitionError as exc:
            if exc.status == 404:
                abort(404)
            flash_refusal(exc)
            if name == "form":
                return self._page(self._record(pk), typed=data)
            return redirect(url_for("SalesComposeView.compose", pk=pk))
        flash(done(outcome.record), "success")
        return redirect(url_for("SalesComposeView.compose", pk=pk))

    def _page(self, record, typed: dict | None = None):
        user = current_user()
        view = self._request_view(record)
        if edit_role(SALES, "add_line", record, user) is None:
            return redirect(url_for(f"{view}.show", pk=record.id))
        products = office_products(record.office_id)
        prices = {product.id: list_price(product) for product in products}
        uploads = {kind: str(DOCUMENT_KINDS[kind]) for kind in uploads_allowed(SALES, record, user)}
        profile = record.applicant.applicant_profile if record.applicant else None
        # After a refused save (a stale page, a bad value) the form shows what the person typed.
        details = {"purpose": record.purpose, "zero_tariff": record.zero_tariff_requested,
                   "zero_tariff_reason": record.zero_tariff_reason, "npwp": profile.npwp if profile else "",
                   **(typed or {})}
        return self.render_template(
            "sales/compose.html", record=record, products=products, prices=prices, types=PRODUCT_TYPES,
            area_levels=AREA_LEVELS, view=view, uploads=uploads, expected=expected_of_applicant(record),
            documents=documents_of(SALES.name, record.id, include_superseded=False),
            kind_labels={k: str(v) for k, v in DOCUMENT_KINDS.items()},
            profile=profile, details=details, chosen=parse_id(request.args.get("product")),
            title=_("Compose request %(label)s", label=record.label))

    @expose("/<int:pk>")
    @has_access
    @permission_name("compose")
    def compose(self, pk):
        return self._page(self._record(pk))

    @expose("/<int:pk>/lines", methods=["POST"])
    @has_access
    @permission_name("compose")
    def add(self, pk):
        return self._edit(pk, "add_line", request.form.to_dict(),
                          lambda record: _("Added: %(title)s.", title=record.lines[-1].description))

    @expose("/<int:pk>/lines/<int:line_id>/delete", methods=["POST"])
    @has_access
    @permission_name("compose")
    def remove(self, pk, line_id):
        return self._edit(pk, "remove_line", {"line": line_id, "version": request.form.get("version")},
                          lambda record: _("Removed."))

    @expose("/<int:pk>/details", methods=["POST"])
    @has_access
    @permission_name("compose")
    def details(self, pk):
        form = request.form
        payload = {"purpose": form.get("purpose", ""), "version": form.get("version")}
        if self._record(pk).zero_tariff_decision is None:  # once decided, the Rp0 request no longer changes
            payload.update(zero_tariff=form.get("zero_tariff", ""),
                           zero_tariff_reason=form.get("zero_tariff_reason", ""))
        if form.get("npwp"):
            payload["npwp"] = form["npwp"]
        return self._edit(pk, "form", payload, lambda record: _("Saved."))


class SalesWalkInView(BaseView):
    """The officer records a visitor's request: find them by identity document, or enrol them."""

    route_base = "/sales/walkin"
    default_view = "start"
    class_permission_name = "SalesWalkIn"

    def _render(self, **kwargs):
        kwargs.setdefault("visitor", None)
        kwargs.setdefault("form", {})
        return self.render_template("sales/walkin.html", id_documents=IDENTITY_DOCUMENTS, segments=SEGMENTS,
                                    domiciles=DOMICILES, title=_("Record a walk-in request"), **kwargs)

    @expose("/", methods=["GET"])
    @has_access
    @permission_name("record")
    def start(self):
        id_type = request.args.get("id_document_type", "")
        id_number = request.args.get("id_document_number", "")
        visitor = find_visitor(id_type, id_number) if id_number else None
        searched = bool(id_number)
        return self._render(visitor=visitor, searched=searched,
                            form={"id_document_type": id_type, "id_document_number": id_number})

    @expose("/visitor", methods=["POST"])
    @has_access
    @permission_name("record")
    def enrol(self):
        form = request.form.to_dict()
        try:
            user = enrol_visitor(form, current_user().office_id)
        except TransitionError as exc:
            flash_refusal(exc)
            return self._render(searched=True, form=form, errors=exc.fields)
        return self._start_draft(user, form.get("purpose", ""))

    @expose("/request", methods=["POST"])
    @has_access
    @permission_name("record")
    def request_for(self):
        user = applicant_user(request.form.get("applicant"))
        if user is None:
            abort(404)
        return self._start_draft(user, request.form.get("purpose", ""))

    def _start_draft(self, user, purpose: str):
        try:
            record = create_draft({"purpose": purpose}, current_user(), applicant=user)
        except TransitionError as exc:
            flash_refusal(exc)
            return redirect(url_for("SalesWalkInView.start"))
        flash(_("Walk-in request %(label)s recorded for %(name)s: add the products.", label=record.label,
                name=user.display_name), "success")
        return redirect(url_for("SalesComposeView.compose", pk=record.id))
