"""Row scoping as people meet it: another office's record, or another applicant's, does not exist
for you (404) on show, edit and delete; lists show only your rows; the monitor reads the province
and its regencies but changes nothing.

Where the role has no permission for the action at all (an officer editing an office), FAB refuses
with 403 before any record is looked up; the tests say which answer they expect and why.
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.support.sign_in import auth_header

FORBIDDEN_TEXT = "Anda tidak memiliki akses ke halaman ini."
NOT_FOUND_TEXT = "Halaman atau data yang Anda cari tidak ada"


@pytest.fixture(scope="module")
def world(app):
    """Ids of the demo rows by office code, plus an applicant profile filed at office 1904."""
    from app.core.access import roles
    from app.core.access.people import ApplicantProfile, AppUser
    from app.core.reference.models import Office, ServiceStandard
    from app.extensions import appbuilder, db
    from app.sales.models import Product

    with app.app_context():
        offices = {o.code: o.id for o in db.session.scalars(select(Office))}
        code_of = {v: k for k, v in offices.items()}
        sm = appbuilder.sm
        user = sm.find_user(username="walkin-1904")
        if user is None:
            user = sm.add_user("walkin-1904", "Rina", "Bangka", "walkin-1904@example.org",
                               sm.find_role(roles.APPLICANT), password="Rahasia-1904x")
        profile = db.session.scalars(select(ApplicantProfile).where(ApplicantProfile.user_id == user.id)).first()
        if profile is None:
            profile = ApplicantProfile(user_id=user.id, full_name="Rina Bangka Tengah", phone="0817-1904",
                                       segment="individual", domicile="domestic", id_document_type="ktp",
                                       id_document_number="1904011111900001", office_id=offices["1904"])
            db.session.add(profile)
            db.session.commit()
        profiles = {
            u.username: u.applicant_profile.id
            for u in db.session.scalars(select(AppUser).where(
                AppUser.username.in_(["applicant1", "applicant2", "walkin-1904"])))
        }
        world = {
            "office": offices,
            "standards": {sid: code_of[oid] for sid, oid in db.session.execute(
                select(ServiceStandard.id, ServiceStandard.office_id))},
            "products": {pid: code_of[oid] for pid, oid in db.session.execute(
                select(Product.id, Product.office_id))},
            "profiles": profiles,
        }
        db.session.remove()
    return world


def ids_of(world, kind, codes):
    return {pk for pk, code in world[kind].items() if code in codes}


def first_of(world, kind, code):
    return min(ids_of(world, kind, {code}))


def linked_ids(client, list_url, route):
    response = client.get(list_url)
    assert response.status_code == 200
    return {int(pk) for pk in re.findall(rf"/{route}/show/(\d+)", response.get_data(as_text=True))}


def snapshot(app, model_path, pk):
    """The row's columns, to prove a refused change changed nothing."""
    import importlib

    from app.extensions import db

    module, name = model_path.rsplit(".", 1)
    model = getattr(importlib.import_module(module), name)
    with app.app_context():
        row = db.session.get(model, pk)
        data = None if row is None else {c.key: getattr(row, c.key) for c in model.__table__.columns}
        db.session.remove()
    return data


# --- the officer of Kendal (3324) and Bangka Tengah's (1904) records ---------------------------

def test_officer_lists_only_own_office_rows(as_user, world):
    officer = as_user("officer-3324")
    assert linked_ids(officer, "/officeview/list/", "officeview") == {world["office"]["3324"]}
    assert linked_ids(officer, "/servicestandardview/list/", "servicestandardview") == \
        ids_of(world, "standards", {"3324"})
    assert linked_ids(officer, "/productview/list/", "productview") == ids_of(world, "products", {"3324"})
    listed = linked_ids(officer, "/applicantprofileview/list/", "applicantprofileview")
    assert world["profiles"]["walkin-1904"] not in listed
    assert {world["profiles"]["applicant1"], world["profiles"]["applicant2"]} <= listed


def test_officer_list_rows_name_no_other_office(as_user):
    html = as_user("officer-3324").get("/productview/list/").get_data(as_text=True)
    start = html.index("<table", html.index('<div class="table-responsive">'))
    table = html[start:html.index("</table>", start)]  # the rows, not the search form
    assert "Kabupaten Kendal" in table
    assert "Bangka Tengah" not in table


@pytest.mark.parametrize("screen,kind,expected", [
    # screen, which record, answers for (show, edit, delete): the officer may only read offices,
    # standards and applicant profiles (403 for edit/delete whatever the record), but manages products.
    ("officeview", "office", (404, 403, 403)),
    ("servicestandardview", "standards", (404, 403, 403)),
    ("productview", "products", (404, 404, 404)),
    ("applicantprofileview", "profiles", (404, 403, 403)),
])
def test_officer_cannot_reach_a_1904_record(app, as_user, world, screen, kind, expected):
    officer = as_user("officer-3324")
    if kind == "office":
        pk = world["office"]["1904"]
    elif kind == "profiles":
        pk = world["profiles"]["walkin-1904"]
    else:
        pk = first_of(world, kind, "1904")
    show, edit, delete = expected
    response = officer.get(f"/{screen}/show/{pk}")
    assert response.status_code == show
    assert NOT_FOUND_TEXT in response.get_data(as_text=True)
    assert officer.get(f"/{screen}/edit/{pk}").status_code == edit
    assert officer.post(f"/{screen}/edit/{pk}", data={"title": "taken over", "name": "taken over"}).status_code == edit
    assert officer.post(f"/{screen}/delete/{pk}").status_code == delete


def test_refused_product_changes_leave_the_1904_record_alone(app, as_user, world):
    pk = first_of(world, "products", "1904")
    before = snapshot(app, "app.sales.models.Product", pk)
    officer = as_user("officer-3324")
    officer.post(f"/productview/edit/{pk}", data={"title": "taken over", "office": world["office"]["3324"]})
    officer.post(f"/productview/delete/{pk}")
    officer.get(f"/productview/delete/{pk}")  # FAB refuses deletes by GET anyway (CSRF)
    assert snapshot(app, "app.sales.models.Product", pk) == before


def test_officer_own_record_is_reachable(as_user, world):
    officer = as_user("officer-3324")
    pk = first_of(world, "products", "3324")
    assert officer.get(f"/productview/show/{pk}").status_code == 200
    assert officer.get(f"/productview/edit/{pk}").status_code == 200
    assert officer.get(f"/officeview/show/{world['office']['3324']}").status_code == 200


def _product_form(world, office_code, title):
    from app.extensions import db
    from app.sales.models import Tariff

    tariff_id = db.session.scalar(select(Tariff.id).order_by(Tariff.id).limit(1))
    return {"office": str(world["office"][office_code]), "product_type": "publication", "title": title,
            "survey": "", "year": "2025", "file_format": "PDF", "pages": "10", "size_bytes": "",
            "tariff": str(tariff_id), "active": "y", "description": ""}


def test_officer_files_new_products_in_own_office_only(app, as_user, world):
    from app.extensions import db
    from app.sales.models import Product

    officer = as_user("officer-3324")
    with app.app_context():
        foreign = _product_form(world, "1904", "Produk uji lintas satker")
        own = _product_form(world, "3324", "Produk uji lintas satker")
    # Another office is not even offered: the form refuses it and nothing is saved.
    refused = officer.post("/productview/add", data=foreign)
    assert refused.status_code == 200
    with app.app_context():
        assert not db.session.scalars(select(Product).where(Product.title == "Produk uji lintas satker")).all()
    assert officer.post("/productview/add", data=own).status_code == 302
    with app.app_context():
        product = db.session.scalars(select(Product).where(Product.title == "Produk uji lintas satker")).one()
        assert product.office_id == world["office"]["3324"]
        pk = product.id
    # Moving it to another office by editing does not work either.
    officer.post(f"/productview/edit/{pk}", data=foreign)
    with app.app_context():
        assert db.session.get(Product, pk).office_id == world["office"]["3324"]
        db.session.delete(db.session.get(Product, pk))
        db.session.commit()
        db.session.remove()


# --- applicants see only themselves ------------------------------------------------------------

def test_applicant_lists_only_own_profile(as_user, world):
    applicant = as_user("applicant1")
    assert linked_ids(applicant, "/myprofileview/list/", "myprofileview") == {world["profiles"]["applicant1"]}


def test_applicant_cannot_reach_another_applicants_profile(app, as_user, world):
    applicant = as_user("applicant1")
    other = world["profiles"]["applicant2"]
    before = snapshot(app, "app.core.access.people.ApplicantProfile", other)
    response = applicant.get(f"/myprofileview/show/{other}")
    assert response.status_code == 404
    assert "Budi Santoso" not in response.get_data(as_text=True)
    assert applicant.get(f"/myprofileview/edit/{other}").status_code == 404
    assert applicant.post(f"/myprofileview/edit/{other}", data={"full_name": "Diambil alih"}).status_code == 404
    # The staff screen of applicant profiles is not theirs at all.
    for url in (f"/applicantprofileview/show/{other}", f"/applicantprofileview/edit/{other}",
                "/applicantprofileview/list/"):
        response = applicant.get(url)
        assert response.status_code == 403, url
        assert "Budi Santoso" not in response.get_data(as_text=True)
    # Nor may an applicant delete a profile, even their own.
    assert applicant.post(f"/myprofileview/delete/{world['profiles']['applicant1']}").status_code == 403
    assert snapshot(app, "app.core.access.people.ApplicantProfile", other) == before


def test_applicant_edits_own_profile_and_keeps_its_office(app, as_user, world):
    applicant = as_user("applicant1")
    mine = world["profiles"]["applicant1"]
    before = snapshot(app, "app.core.access.people.ApplicantProfile", mine)
    form = {"full_name": before["full_name"], "phone": before["phone"], "institution": "Universitas Diponegoro",
            "segment": before["segment"], "npwp": before["npwp"] or "", "domicile": before["domicile"],
            "id_document_type": before["id_document_type"], "id_document_number": before["id_document_number"]}
    assert applicant.get(f"/myprofileview/show/{mine}").status_code == 200
    assert applicant.post(f"/myprofileview/edit/{mine}", data=dict(form, phone="0812-0000-0001")).status_code == 302
    after = snapshot(app, "app.core.access.people.ApplicantProfile", mine)
    assert after["phone"] == "0812-0000-0001"
    # The office that files this applicant is kept: the officer of 3324 still finds them.
    assert after["office_id"] == before["office_id"] == world["office"]["3324"]
    assert as_user("officer-3324").get(f"/applicantprofileview/show/{mine}").status_code == 200
    applicant.post(f"/myprofileview/edit/{mine}", data=form)


# --- the monitor of Jawa Tengah (3300) reads 3300 and 3324, changes nothing ---------------------

def test_monitor_lists_province_and_its_regencies(as_user, world):
    monitor = as_user("monitor-3300")
    assert linked_ids(monitor, "/officeview/list/", "officeview") == {world["office"]["3300"], world["office"]["3324"]}
    assert linked_ids(monitor, "/servicestandardview/list/", "servicestandardview") == \
        ids_of(world, "standards", {"3300", "3324"})
    assert linked_ids(monitor, "/productview/list/", "productview") == ids_of(world, "products", {"3300", "3324"})


@pytest.mark.parametrize("screen,kind,model", [
    ("servicestandardview", "standards", "app.core.reference.models.ServiceStandard"),
    ("productview", "products", "app.sales.models.Product"),
])
def test_monitor_reads_3324_but_cannot_change_it(app, as_user, world, screen, kind, model):
    monitor = as_user("monitor-3300")
    pk = first_of(world, kind, "3324")
    before = snapshot(app, model, pk)
    assert monitor.get(f"/{screen}/show/{pk}").status_code == 200
    for response in (
        monitor.get(f"/{screen}/edit/{pk}"),
        monitor.post(f"/{screen}/edit/{pk}", data={"title": "diubah", "decree": "diubah"}),
        monitor.post(f"/{screen}/delete/{pk}"),
        monitor.get(f"/{screen}/add"),
        monitor.post(f"/{screen}/add", data={"title": "baru", "office": world["office"]["3324"]}),
    ):
        assert response.status_code == 403
        assert FORBIDDEN_TEXT in response.get_data(as_text=True)
    assert snapshot(app, model, pk) == before


def test_monitor_does_not_see_other_provinces_or_the_centre(as_user, world):
    monitor = as_user("monitor-3300")
    assert monitor.get(f"/officeview/show/{world['office']['1904']}").status_code == 404
    assert monitor.get(f"/officeview/show/{world['office']['0000']}").status_code == 404
    assert monitor.get(f"/productview/show/{first_of(world, 'products', '1904')}").status_code == 404
    assert monitor.get(f"/servicestandardview/show/{first_of(world, 'standards', '0000')}").status_code == 404


# --- REST APIs: only those registered now (the resource APIs are being added) -----------------

SCOPED_APIS = [
    # resource (SPEC §9), world kind; the procedure resources have their own tests
    ("product", "products"),
]


def _api_registered(app, resource) -> bool:
    return any(rule.rule.startswith(f"/api/v1/{resource}/") for rule in app.url_map.iter_rules())


def _listed_ids(response) -> set:
    body = response.get_json()
    return set(body.get("ids") or [row.get("id") for row in body.get("result", [])])


@pytest.mark.parametrize("resource,kind", SCOPED_APIS)
def test_api_hides_other_offices_records(app, client, world, resource, kind):
    if not _api_registered(app, resource):
        pytest.skip(f"/api/v1/{resource}/ is not registered yet")
    headers = auth_header(client, "officer-3324")
    foreign, own = first_of(world, kind, "1904"), first_of(world, kind, "3324")
    assert client.get(f"/api/v1/{resource}/{foreign}", headers=headers).status_code == 404
    assert client.get(f"/api/v1/{resource}/{own}", headers=headers).status_code == 200
    listed = client.get(f"/api/v1/{resource}/?q=(page_size:100)", headers=headers)
    assert listed.status_code == 200
    assert foreign not in _listed_ids(listed) and own in _listed_ids(listed)


def test_office_api_is_public_information_and_read_only(app, client, world):
    # app/core/apis.py: offices are public (the public pages list them all), so the API lists
    # every office to every signed-in role, with public columns only, and changes nothing.
    if not _api_registered(app, "office"):
        pytest.skip("/api/v1/office/ is not registered yet")
    headers = auth_header(client, "officer-3324")
    foreign = world["office"]["1904"]
    response = client.get(f"/api/v1/office/{foreign}", headers=headers)
    assert response.status_code == 200
    assert "treasurer_bank_account" not in response.get_json()["result"]
    assert client.get("/api/v1/office/", headers=headers).status_code == 200
    before = snapshot(app, "app.core.reference.models.Office", foreign)
    assert client.put(f"/api/v1/office/{foreign}", json={"name": "x"}, headers=headers).status_code in (403, 404, 405)
    assert client.delete(f"/api/v1/office/{foreign}", headers=headers).status_code in (403, 404, 405)
    assert client.post("/api/v1/office/", json={"code": "9999", "name": "x"},
                       headers=headers).status_code in (403, 404, 405)
    assert snapshot(app, "app.core.reference.models.Office", foreign) == before
