"""What `make fuzz` (schemathesis over the OpenAPI, as every role) found, kept as ordinary tests: no
endpoint answers a server error to any role."""
from __future__ import annotations

import pytest

from tests.support.sign_in import auth_header

ROLES = ("admin", "officer-3324", "treasurer-3324", "head-3324", "monitor-3300", "applicant1", None)


@pytest.fixture(scope="module")
def headers(app):
    client = app.test_client()
    return {role: auth_header(client, role) if role else {} for role in ROLES}


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "anonymous")
@pytest.mark.parametrize("q", ["-3.402823466e+38", "-3.4e", "(", "!!", "(page:", "'"])
def test_a_rison_argument_the_parser_chokes_on_is_a_400_not_a_500(client, headers, role, q):
    response = client.get("/api/v1/tariff/_info", query_string={"q": q}, headers=headers[role])
    assert response.status_code in (400, 401), response.get_data(as_text=True)
    if response.status_code == 400:
        assert "periksa kembali" in response.get_json()["message"]


def test_a_valid_rison_argument_still_works(client, headers):
    response = client.get("/api/v1/tariff/", query_string={"q": "(page:0,page_size:2)"},
                          headers=headers["officer-3324"])
    assert response.status_code == 200 and len(response.get_json()["result"]) == 2


@pytest.mark.parametrize("path", ["/api/v1/security/users/", "/api/v1/security/roles/",
                                  "/api/v1/security/permissions/", "/api/v1/security/resources/",
                                  "/api/v1/security/permissions-resources/"])
def test_fabs_security_crud_api_is_not_exposed(client, headers, path):
    assert client.get(path, headers=headers["admin"]).status_code == 404
    assert client.post(path, json={"name": "x"}, headers=headers["admin"]).status_code in (404, 405)


def test_the_jwt_login_stays(client):
    response = client.post("/api/v1/security/login", json={"username": "admin", "password": "salah", "provider": "db"})
    assert response.status_code == 401


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "anonymous")
@pytest.mark.parametrize("resource", ["sales_request", "recommendation_request", "complaint", "tariff", "product",
                                      "office"])
def test_every_resources_info_answers_each_role_without_a_server_error(client, headers, role, resource):
    # _info builds the related fields' drop-downs through the worklist interface (offices, users).
    response = client.get(f"/api/v1/{resource}/_info", headers=headers[role])
    assert response.status_code < 500, response.get_data(as_text=True)[:300]
