"""A member of the public registers, receives the activation mail through a real SMTP server,
activates the account and signs in; an SMTP outage delays the mail but loses nothing."""
from __future__ import annotations

import time
import uuid
from datetime import timedelta

from sqlalchemy import func, select

from tests.support.mail import mail_text
from tests.support.registration import activation_link, outbox_to, register, registration_form, registrations
from tests.support.sign_in import login


def test_register_receive_mail_activate_and_sign_in(app, client, smtp_server, send_outbox):
    form = registration_form()
    page = client.get("/register/form").get_data(as_text=True)
    assert "Daftar sebagai pengguna layanan" in page
    for field in ("username", "full_name", "email", "phone", "institution", "segment", "npwp", "domicile",
                  "id_document_type", "id_document_number", "password", "conf_password"):
        assert f'name="{field}"' in page, field

    register(client, form)
    [pending] = registrations(app, username=form["username"])
    assert pending.segment == "private" and pending.npwp == "012345678901000"
    [queued] = outbox_to(app, form["email"])
    assert queued.status == "pending" and queued.event == "account.activation"

    # The cron job delivers it (only this test's mail: other tests leave theirs pending).
    assert send_outbox(ids=[queued.id]) == (1, 0)

    [mail] = smtp_server.wait_for(form["email"])
    assert mail["Subject"] == "Aktivasi akun SatuPintu"
    assert "Yth. Nur Hidayah" in mail_text(mail)
    assert outbox_to(app, form["email"])[0].status == "sent"

    response = client.get(activation_link(mail))
    assert response.status_code == 200
    assert "Akun Anda telah aktif" in response.get_data(as_text=True)

    from app.core.access.people import AppUser
    from app.extensions import db

    with app.app_context():
        user = db.session.scalars(select(AppUser).where(AppUser.username == form["username"])).one()
        assert user.active
        assert [role.name for role in user.roles] == ["Applicant"]
        assert user.email == form["email"]
        profile = user.applicant_profile
        assert profile.segment == "private"
        assert profile.npwp == "012345678901000"
        assert profile.full_name == "Nur Hidayah"
        assert profile.institution == "PT Statistika Nusantara"
        assert profile.id_document_number == "3324015507990009"
        db.session.remove()
    assert registrations(app, username=form["username"]) == []

    # Signs in with the chosen password and meets the applicant's menu.
    applicant = app.test_client()
    response = login(applicant, form["username"], form["password"])
    assert response.status_code == 302 and "/login" not in response.headers["Location"]
    menu = applicant.get("/api/v1/menu/").get_json()["result"]
    assert [item["name"] for item in menu] == ["Portal", "Help"]

    # The link works once.
    again = client.get(activation_link(mail), follow_redirects=True)
    assert "Data pendaftaran tidak ditemukan" in again.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(AppUser.id)).where(AppUser.username == form["username"])) == 1
        db.session.remove()


def test_smtp_outage_at_registration_loses_nothing(app, client, smtp_server, send_outbox, monkeypatch):
    import app.core.mail.outbox as outbox

    smtp_server.stop()
    # As in production: the mail is tried right after the commit, in the background.
    monkeypatch.setitem(app.config, "SATUPINTU_SEND_MAIL_AFTER_COMMIT", True)
    form = registration_form(full_name="Agus Pratama")

    register(client, form)  # the applicant is told the registration is received, not an error
    assert len(registrations(app, username=form["username"])) == 1

    deadline = time.monotonic() + 10
    while True:
        [queued] = outbox_to(app, form["email"])
        if queued.attempts >= 1 or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert queued.attempts == 1, "the background delivery did not run"
    assert queued.status == "pending"
    assert queued.last_error
    assert queued.next_attempt_at > outbox.utcnow()

    smtp_server.start()
    monkeypatch.setitem(app.config, "SATUPINTU_SEND_MAIL_AFTER_COMMIT", False)
    # Back up, but the retry waits for its backoff: the cron run now does not send it yet.
    assert send_outbox(ids=[queued.id]) == (0, 0)
    assert smtp_server.to(form["email"]) == []
    assert outbox_to(app, form["email"])[0].status == "pending"

    # The next cron run after the backoff delivers it.
    real_utcnow = outbox.utcnow
    monkeypatch.setattr(outbox, "utcnow", lambda: real_utcnow() + timedelta(minutes=3))
    assert send_outbox(ids=[queued.id]) == (1, 0)
    [mail] = smtp_server.wait_for(form["email"])
    [delivered] = outbox_to(app, form["email"])
    assert delivered.status == "sent" and delivered.attempts == 2 and delivered.last_error is None
    monkeypatch.undo()

    assert client.get(activation_link(mail)).status_code == 200
    response = login(app.test_client(), form["username"], form["password"])
    assert response.status_code == 302 and "/login" not in response.headers["Location"]


def test_mail_goes_to_the_smtp_server_on_the_session_port(app, smtp_server, smtp_port):
    # The fixture is what the app talks to: a direct send through the outbox arrives.
    from app.core.mail.outbox import queue_mail, send_due
    from app.extensions import db

    assert smtp_server.port == smtp_port == app.config["MAIL_PORT"]
    recipient = f"probe-{uuid.uuid4().hex[:8]}@example.org"
    with app.app_context():
        message = queue_mail(recipient, "Uji", "Isi uji")
        db.session.commit()
        assert send_due(ids=[message.id]) == (1, 0)
        db.session.remove()
    [mail] = smtp_server.wait_for(recipient)
    assert mail_text(mail).strip() == "Isi uji"


def test_applicant_password_is_checked_at_registration(app, client):
    form = registration_form(password="pendek", conf_password="pendek")
    response = client.post("/register/form", data=form)
    assert response.status_code == 200
    assert "Kata sandi minimal 8 karakter." in response.get_data(as_text=True)
    assert registrations(app, username=form["username"]) == []


def test_outbox_cron_command_delivers(app, smtp_server):
    # `flask outbox send` is what cron runs; it takes the oldest due mails first.
    from app.core.mail.outbox import queue_mail
    from app.extensions import db

    with app.app_context():
        queue_mail(f"cron-{uuid.uuid4().hex[:8]}@example.org", "Uji cron", "Isi")
        db.session.commit()
        db.session.remove()
    result = app.test_cli_runner().invoke(args=["outbox", "send", "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "sent 1, not sent 0"
    assert len(smtp_server.messages) == 1

