"""Bad input is answered on the page, in Indonesian, and leaves nothing behind; login attempts are
limited and recorded."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from tests.support.registration import outbox_to, registration_form, registrations
from tests.support.settings import PASSWORD
from tests.support.sign_in import login

NPWP_MESSAGE = "NPWP harus terdiri atas 15 atau 16 digit (misalnya 01.234.567.8-901.000)."
TAKEN_MAIL = "Email ini sudah terdaftar."
TAKEN_NAME = "Nama pengguna ini sudah dipakai."
STAFF_PASSWORD_MESSAGE = ("Kata sandi minimal 10 karakter dan memuat huruf besar, huruf kecil, angka, "
                          "dan simbol.")
TOO_MANY = "Terlalu banyak percobaan. Silakan tunggu sebentar lalu coba lagi."


def refused_registration(app, client, form, message):
    mails_before = len(outbox_to(app, form["email"]))
    response = client.post("/register/form", data=form)
    assert response.status_code == 200  # the form again, with the message, not a redirect
    assert message in response.get_data(as_text=True)
    assert registrations(app, username=form["username"]) == []
    assert len(outbox_to(app, form["email"])) == mails_before


# --- registration ---------------------------------------------------------------------------------

@pytest.mark.parametrize("npwp", ["12345", "01.234.567.8-901", "01.234.567.8-901.000.00", "NPWP-saya", ""])
def test_private_applicant_needs_a_valid_npwp(app, client, npwp):
    refused_registration(app, client, registration_form(npwp=npwp), NPWP_MESSAGE)


def test_npwp_is_optional_outside_the_private_segment(app, client):
    form = registration_form(segment="education", npwp="")
    assert client.post("/register/form", data=form).status_code == 302
    [saved] = registrations(app, username=form["username"])
    assert saved.npwp is None


def test_wrong_npwp_outside_private_segment_is_still_refused(app, client):
    refused_registration(app, client, registration_form(segment="research", npwp="12345"), NPWP_MESSAGE)


@pytest.mark.parametrize("email", ["applicant1@example.org", "APPLICANT1@Example.org"])
def test_email_of_an_existing_user_is_refused(app, client, email):
    refused_registration(app, client, registration_form(email=email), TAKEN_MAIL)


def test_email_of_a_pending_registration_is_refused(app, client):
    first = registration_form()
    assert client.post("/register/form", data=first).status_code == 302
    second = registration_form(email=first["email"])
    refused_registration(app, client, second, TAKEN_MAIL)
    assert len(registrations(app, email=first["email"])) == 1


@pytest.mark.parametrize("username", ["applicant1", "Officer-3324"])
def test_username_of_an_existing_user_is_refused(app, client, username):
    refused_registration(app, client, registration_form(username=username), TAKEN_NAME)


def test_mismatched_password_confirmation_is_refused(app, client):
    form = registration_form(conf_password="rahasia-124")
    refused_registration(app, client, form, "Kata sandi tidak sama.")


def test_a_long_full_name_is_not_an_error(app, client, smtp_server):
    # FAB keeps 64 characters of first name; the full name (up to 150) lives in the profile.
    name = "Raden Ajeng " + "Kusumawardhani " * 8
    name = name.strip()[:150]
    form = registration_form(full_name=name)
    assert client.post("/register/form", data=form).status_code == 302
    [saved] = registrations(app, username=form["username"])
    assert saved.full_name == name and len(saved.first_name) <= 64


# --- the applicant's profile --------------------------------------------------------------------

def test_profile_edit_with_wrong_npwp_is_refused(app, as_user):
    from app.core.access.people import ApplicantProfile, AppUser
    from app.extensions import db

    with app.app_context():
        user = db.session.scalars(select(AppUser).where(AppUser.username == "applicant2")).one()
        profile_id, npwp = user.applicant_profile.id, user.applicant_profile.npwp
        db.session.remove()
    applicant = as_user("applicant2")
    form = {"full_name": "Budi Santoso", "phone": "0813-2222-3302", "institution": "PT Data Nusantara",
            "segment": "private", "npwp": "12345", "domicile": "domestic", "id_document_type": "ktp",
            "id_document_number": "3374011203850002"}
    response = applicant.post(f"/myprofileview/edit/{profile_id}", data=form, follow_redirects=True)
    assert NPWP_MESSAGE in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(ApplicantProfile, profile_id).npwp == npwp
        db.session.remove()


# --- staff accounts -----------------------------------------------------------------------------

def _staff_form(app, username, password):
    from app.core.reference.models import Office
    from app.extensions import appbuilder, db

    with app.app_context():
        office_id = db.session.scalar(select(Office.id).where(Office.code == "3324"))
        role_id = appbuilder.sm.find_role("Officer").id
        db.session.remove()
    return {"first_name": "Petugas", "last_name": "Baru", "username": username, "active": "y",
            "email": f"{username}@satupintu.local", "office": str(office_id), "nip": "198001012005011999",
            "roles": [str(role_id)], "password": password, "conf_password": password}


def _user_count(app, username):
    from app.core.access.people import AppUser
    from app.extensions import db

    with app.app_context():
        count = db.session.scalar(select(func.count(AppUser.id)).where(AppUser.username == username))
        db.session.remove()
    return count


@pytest.mark.parametrize("password", ["rahasia", "rahasia-panjang-1", "RAHASIA-PANJANG-1", "Rahasia-Panjang",
                                      "RahasiaPanjang1"])
def test_weak_staff_password_is_refused(app, as_user, password):
    username = f"petugas-{uuid.uuid4().hex[:6]}"
    response = as_user("admin").post("/users/add", data=_staff_form(app, username, password))
    assert response.status_code == 200
    assert STAFF_PASSWORD_MESSAGE in response.get_data(as_text=True)
    assert _user_count(app, username) == 0


def test_strong_staff_password_is_accepted(app, as_user):
    from app.core.access.people import AppUser
    from app.extensions import db

    username = f"petugas-{uuid.uuid4().hex[:6]}"
    response = as_user("admin").post("/users/add", data=_staff_form(app, username, "Kendal-Kuat-2025"))
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    with app.app_context():
        user = db.session.scalars(select(AppUser).where(AppUser.username == username)).one()
        assert user.office.code == "3324" and [r.name for r in user.roles] == ["Officer"]
        db.session.remove()
    assert login(app.test_client(), username, "Kendal-Kuat-2025").status_code == 302


# --- yes/no boxes -------------------------------------------------------------------------------

def test_an_unticked_box_is_an_answer(app, as_user):
    """Declaring a working day is a holiday override with "day off" unticked."""
    from app.core.reference.models import HolidayOverride
    from app.extensions import db

    admin = as_user("admin")
    response = admin.post("/holidayoverrideview/add", data={"day": "2031-12-27", "name": "Hari kerja pengganti"})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    with app.app_context():
        row = db.session.scalars(select(HolidayOverride).where(HolidayOverride.name == "Hari kerja pengganti")).one()
        assert row.is_day_off is False
        db.session.delete(row)
        db.session.commit()
        db.session.remove()


# --- login: rate limit and audit ----------------------------------------------------------------

def test_login_is_rate_limited_per_client(app):
    client = app.test_client()
    headers = {"X-Test-Client": f"limit-{uuid.uuid4().hex}"}
    for attempt in range(10):  # AUTH_RATE_LIMIT "10 per 20 second"
        response = client.post("/login/", data={"username": "officer-3324", "password": "salah"}, headers=headers)
        assert response.status_code == 302, f"attempt {attempt + 1}: {response.status_code}"
    response = client.post("/login/", data={"username": "officer-3324", "password": PASSWORD}, headers=headers)
    assert response.status_code == 429
    assert TOO_MANY in response.get_data(as_text=True)
    # The right password does not get through either while limited, and nobody is signed in.
    assert client.get("/api/v1/menu/").status_code == 401
    # The login page itself still opens; another client is not affected.
    assert client.get("/login/", headers=headers).status_code == 200
    other = {"X-Test-Client": f"limit-{uuid.uuid4().hex}"}
    assert client.post("/login/", data={"username": "officer-3324", "password": PASSWORD},
                       headers=other).status_code == 302


def _events_since(app, marker):
    from app.core.access.people import LoginEvent
    from app.extensions import db

    with app.app_context():
        rows = db.session.execute(
            select(LoginEvent.username, LoginEvent.success, LoginEvent.channel, LoginEvent.user_id)
            .where(LoginEvent.id > marker).order_by(LoginEvent.id)).all()
        db.session.remove()
    return [tuple(row) for row in rows]


def _last_event_id(app):
    from app.core.access.people import LoginEvent
    from app.extensions import db

    with app.app_context():
        marker = db.session.scalar(select(func.max(LoginEvent.id))) or 0
        db.session.remove()
    return marker


def test_logins_are_recorded_for_web_and_api(app):
    from app.extensions import appbuilder

    with app.app_context():
        treasurer_id = appbuilder.sm.find_user(username="treasurer-3324").id
    marker = _last_event_id(app)
    web = app.test_client()
    assert login(web, "treasurer-3324", "salah").status_code == 302
    assert login(web, "tidak-ada", "salah").status_code == 302
    assert login(web, "treasurer-3324").status_code == 302
    api = app.test_client()
    assert api.post("/api/v1/security/login", json={"username": "treasurer-3324", "password": "salah",
                                                    "provider": "db"}).status_code == 401
    assert api.post("/api/v1/security/login", json={"username": "treasurer-3324", "password": PASSWORD,
                                                    "provider": "db"}).status_code == 200
    events = _events_since(app, marker)
    assert [event[:3] for event in events] == [
        ("treasurer-3324", False, "web"),
        ("tidak-ada", False, "web"),
        ("treasurer-3324", True, "web"),
        ("treasurer-3324", False, "api"),
        ("treasurer-3324", True, "api"),
    ]
    assert events[2][3] == events[4][3] == treasurer_id


def test_admin_reads_the_login_history(app, as_user):
    login(app.test_client(), "head-3324", "salah-sekali")
    html = as_user("admin").get("/logineventview/list/").get_data(as_text=True)
    assert "Riwayat Masuk" in html and "head-3324" in html


def test_api_login_is_rate_limited_like_the_login_page(app):
    client = app.test_client()
    headers = {"X-Test-Client": f"api-limit-{uuid.uuid4().hex}"}
    wrong = {"username": "officer-3324", "password": "salah", "provider": "db"}
    for attempt in range(10):
        response = client.post("/api/v1/security/login", json=wrong, headers=headers)
        assert response.status_code == 401, f"attempt {attempt + 1}: {response.status_code}"
    response = client.post("/api/v1/security/login", json=dict(wrong, password=PASSWORD), headers=headers)
    assert response.status_code == 429
    assert response.get_json() == {"message": TOO_MANY}
    other = {"X-Test-Client": f"api-limit-{uuid.uuid4().hex}"}
    assert client.post("/api/v1/security/login", json=dict(wrong, password=PASSWORD),
                       headers=other).status_code == 200
