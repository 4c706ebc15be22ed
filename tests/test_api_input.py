"""The REST API answers a body of the wrong shape with 422 and a message, on every resource."""
from __future__ import annotations

import pytest

from tests.support.sign_in import auth_header


@pytest.mark.parametrize("resource", ["sales_request", "recommendation_request"])
def test_a_body_that_is_not_a_json_object_is_refused(client, resource):
    headers = auth_header(client, "applicant1")
    for body in ([1, 2], 7, "text"):
        response = client.post(f"/api/v1/{resource}/", json=body, headers=headers)
        assert response.status_code == 422, response.get_data(as_text=True)
        assert response.get_json()["message"]
    response = client.post(f"/api/v1/{resource}/999999/transition/submit", json=[1], headers=headers)
    assert response.status_code == 422


HUGE = "9" * 30


@pytest.mark.parametrize("url", [
    f"/api/v1/sales_request/{HUGE}", f"/api/v1/recommendation_request/{HUGE}", f"/api/v1/office/{HUGE}",
    f"/api/v1/product/{HUGE}", f"/api/v1/tariff/{HUGE}",
])
def test_an_id_no_row_can_have_is_404_on_the_api(client, url):
    assert client.get(url, headers=auth_header(client, "officer-3324")).status_code == 404


@pytest.mark.parametrize("url,status", [
    (f"/officeview/show/{HUGE}", 404),
    (f"/salesrequestview/show/{HUGE}", 404),
    ("/productview/list/?psize_ProductView=abc", 400),
    ("/productview/list/?page_ProductView=-1", 400),
    ("/productview/list/?_flt_0_year=abc", 200),
])
def test_malformed_urls_on_screens_get_a_message_not_a_500(as_user, url, status):
    response = as_user("officer-3324").get(url)
    assert response.status_code in (status, 400), (url, response.status_code)
    assert response.status_code != 500
