"""Helpers the sales tests share: people, products, requests driven to a state, files.

Requests are driven through the same functions the screens and the API call (create_draft,
engine.apply, engine.upload), so the state of every record here is one the procedure allows.
"""
from __future__ import annotations

import io
import itertools
import subprocess
import zipfile

from sqlalchemy import select

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 64
_ntpn_counter = itertools.count(1)
_code_counter = itertools.count(1)


def zip_bytes(name="data.csv", content=b"a,b\n1,2\n") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, content)
    return out.getvalue()


def user(name):
    from app.extensions import appbuilder

    return appbuilder.sm.find_user(username=name)


def office(code):
    from app.core.reference.models import Office
    from app.extensions import db

    return db.session.scalars(select(Office).where(Office.code == code)).one()


def product(code="3324", product_type="microdata", hardcopy=None):
    from app.extensions import db
    from app.sales.models import Product

    query = select(Product).where(Product.office_id == office(code).id, Product.product_type == product_type,
                                  Product.active.is_(True))
    if hardcopy is not None:
        query = query.where(Product.hardcopy_available.is_(hardcopy))
    return db.session.scalars(query.order_by(Product.id)).first()


def line(product_type="microdata", code="3324", **extra) -> dict:
    raw = {"product": product(code, product_type).id, "quantity": 1}
    if product_type == "microdata":
        raw.update(variables="R101, R102, R407", area="Kabupaten Kendal")
    if product_type == "map":
        raw.update(area="Kabupaten Kendal", area_level="village")
    raw.update(extra)
    return raw


def ensure_user(username, roles, office_code="3324", profile=None):
    """A demo-like user with the given roles (and applicant profile)."""
    from app.core.access.people import ApplicantProfile
    from app.extensions import appbuilder, db

    sm = appbuilder.sm
    found = sm.find_user(username=username)
    if found is None:
        found = sm.add_user(username, username.split("-")[0].title(), "Test", f"{username}@example.org",
                            [sm.find_role(name) for name in roles], password="SatuPintu-Demo-1")
    found.office_id = office(office_code).id if office_code else None
    found.nip = "198001012005011001"
    if profile is not None and found.applicant_profile is None:
        db.session.add(ApplicantProfile(user_id=found.id, office_id=office("3324").id, **profile))
    db.session.commit()
    return found


def foreign_applicant():
    return ensure_user("foreign-applicant", ["Applicant"], office_code=None, profile={
        "full_name": "Jane Researcher", "institution": "University of Leiden", "segment": "research",
        "domicile": "foreign", "id_document_type": "passport", "id_document_number": "NL1234567"})


def next_ntpn() -> str:
    return f"NTPN{next(_ntpn_counter):012d}"


def next_billing_code() -> str:
    return f"82026{next(_code_counter):010d}"


def new_request(who="applicant1", lines=None, purpose="Skripsi tentang ketenagakerjaan Kendal", **payload):
    from app.sales.service import create_draft

    body = {"office": "3324", "purpose": purpose, "lines": [line()] if lines is None else lines, **payload}
    return create_draft(body, user(who))


def walk_in_request(visitor="applicant1", lines=None, officer="officer-3324", purpose="Bahan kuliah"):
    from app.sales.service import create_draft

    return create_draft({"purpose": purpose, "lines": lines or []}, user(officer), applicant=user(visitor))


def act(record, action, who, **data):
    from app.core.workflow.engine import apply
    from app.sales.procedure import SALES

    return apply(SALES, record.id, action, user(who) if who else None, data)


def upload(record, kind, who, data=PDF, filename="file.pdf"):
    from app.core.workflow.engine import upload as engine_upload
    from app.sales.procedure import SALES

    return engine_upload(SALES, record.id, kind, data, filename, user(who))


def drive(record, target, applicant="applicant1", officer="officer-3324", treasurer="treasurer-3324"):
    """Takes an online microdata/publication request along the happy path up to `target`."""
    path = ["submitted", "verified", "invoiced", "paid", "delivered", "completed"]
    for state in path[:path.index(target) + 1]:
        if state == "submitted":
            if record.needs_sppd:
                upload(record, "abstract", applicant)
            act(record, "submit", applicant)
        elif state == "verified":
            act(record, "verify", officer)
        elif state == "invoiced":
            act(record, "issue_invoice", officer, billing_code=next_billing_code())
        elif state == "paid":
            if record.needs_sppd:
                upload(record, "sppd_signed", applicant)
            act(record, "confirm_payment", treasurer, method="billing", ntpn=next_ntpn())
        elif state == "delivered":
            upload(record, "product", officer, zip_bytes(), "product.zip")
            act(record, "deliver", officer)
        elif state == "completed":
            act(record, "rate", applicant, scores=[4] * 9, comment="Cepat")
    return record


def pdf_text(doc) -> str:
    from app.core.documents import storage

    result = subprocess.run(["pdftotext", "-", "-"], input=storage.load(doc.storage_path),
                            capture_output=True, check=True)
    return result.stdout.decode()


def current(record, kind):
    from app.core.documents.attached import current_document

    return current_document("sales", record.id, kind)


class Fresh:
    """A test client whose every request runs in its own app context.

    The sales tests hold an app context to set up records; a request made inside it would share
    its `g` (and so Flask-Login's cached user) with every other request. This keeps them apart."""

    def __init__(self, app, client):
        self.app, self.client = app, client

    def __getattr__(self, name):
        method = getattr(self.client, name)
        if name not in ("get", "post", "put", "delete", "open"):
            return method

        def call(*args, **kwargs):
            with self.app.app_context():
                return method(*args, **kwargs)

        return call


def signed_in(app, username):
    from tests.support.sign_in import login

    client = app.test_client()
    with app.app_context():
        response = login(client, username)
    assert response.status_code == 302, username
    return Fresh(app, client)

