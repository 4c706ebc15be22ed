"""The REST API answers a body of the wrong shape with 422 and a message, on every resource."""
from __future__ import annotations

import pytest

from tests.conftest import auth_header


@pytest.mark.parametrize("resource", ["sales_request", "recommendation_request"])
def test_a_body_that_is_not_a_json_object_is_refused(client, resource):
    headers = auth_header(client, "applicant1")
    for body in ([1, 2], 7, "text"):
        response = client.post(f"/api/v1/{resource}/", json=body, headers=headers)
        assert response.status_code == 422, response.get_data(as_text=True)
        assert response.get_json()["message"]
    response = client.post(f"/api/v1/{resource}/999999/transition/submit", json=[1], headers=headers)
    assert response.status_code == 422
