"""A member of the public registering: a valid form, what the database and the outbox then hold."""
from __future__ import annotations

import re
import uuid

from sqlalchemy import select

from tests.support.mail import mail_text

ACTIVATION_LINK = re.compile(r"https?://\S+/register/activation/[\w-]+")


def registration_form(**overrides) -> dict:
    """A complete, valid registration of a private-sector applicant with a unique username/e-mail."""
    tag = uuid.uuid4().hex[:8]
    form = {
        "username": f"pendaftar-{tag}", "full_name": "Nur Hidayah", "email": f"pendaftar-{tag}@example.org",
        "phone": "0812-3456-7890", "institution": "PT Statistika Nusantara", "segment": "private",
        "npwp": "01.234.567.8-901.000", "domicile": "domestic", "id_document_type": "ktp",
        "id_document_number": "3324015507990009", "password": "rahasia-123", "conf_password": "rahasia-123",
    }
    form.update(overrides)
    return form


def registrations(app, **by):
    from app.core.access.people import ApplicantRegistration
    from app.extensions import db

    with app.app_context():
        query = select(ApplicantRegistration)
        for column, value in by.items():
            query = query.where(getattr(ApplicantRegistration, column) == value)
        rows = db.session.scalars(query).all()
        db.session.remove()
        return rows


def outbox_to(app, recipient):
    from app.core.mail.outbox import OutboxMessage
    from app.extensions import db

    with app.app_context():
        rows = db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == recipient)
                                  .order_by(OutboxMessage.id)).all()
        db.session.expunge_all()
        db.session.remove()
        return rows


def register(client, form):
    assert client.get("/register/form").status_code == 200
    response = client.post("/register/form", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Pendaftaran diterima. Buka email Anda dan klik tautan aktivasi." in page
    return response


def activation_link(message) -> str:
    found = ACTIVATION_LINK.findall(mail_text(message))
    assert len(found) == 1, mail_text(message)
    return found[0]
