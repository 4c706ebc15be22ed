"""Idempotency-Key on creating endpoints: a client that retries after a timeout gets the first answer,
not a second record (sales requests, recommendation requests, and any ProcedureApi's POST)."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from tests.support.recommendation import payload as recommendation_form
from tests.support.sign_in import api_token

SALES = "/api/v1/sales_request/"
RECOMMENDATION = "/api/v1/recommendation_request/"


@pytest.fixture(scope="module")
def tokens(app):
    client = app.test_client()
    return {name: {"Authorization": f"Bearer {api_token(client, name)}"} for name in ("applicant1", "applicant2")}


def sales_body(app):
    from tests.support.sales import line

    with app.app_context():
        return {"office": "3324", "purpose": "Skripsi", "lines": [line("publication")]}


def count(app, model) -> int:
    from app.extensions import db

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def sales_count(app):
    from app.sales.models import SalesRequest

    return count(app, SalesRequest)


def test_a_retried_sales_request_gets_the_first_answer_not_a_second_record(app, client, tokens):
    body = sales_body(app)
    headers = {**tokens["applicant1"], "Idempotency-Key": "9b2f0c1e-sales-1"}
    before = sales_count(app)
    first = client.post(SALES, json=body, headers=headers)
    assert first.status_code == 201, first.get_json()
    again = client.post(SALES, json=body, headers=headers)
    assert again.status_code == 201 and again.get_json() == first.get_json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert sales_count(app) == before + 1


def test_without_a_key_each_post_files_a_record(app, client, tokens):
    body = sales_body(app)
    before = sales_count(app)
    ids = {client.post(SALES, json=body, headers=tokens["applicant1"]).get_json()["id"] for _ in range(2)}
    assert len(ids) == 2 and sales_count(app) == before + 2


def test_the_same_key_with_another_body_is_refused(app, client, tokens):
    body = sales_body(app)
    headers = {**tokens["applicant1"], "Idempotency-Key": "sales-2"}
    assert client.post(SALES, json=body, headers=headers).status_code == 201
    before = sales_count(app)
    other = client.post(SALES, json={**body, "purpose": "Tesis"}, headers=headers)
    assert other.status_code == 422 and "Idempotency-Key" in other.get_json()["message"]
    assert sales_count(app) == before


def test_keys_belong_to_their_user(app, client, tokens):
    body = sales_body(app)
    first = client.post(SALES, json=body, headers={**tokens["applicant1"], "Idempotency-Key": "shared-key"})
    second = client.post(SALES, json=body, headers={**tokens["applicant2"], "Idempotency-Key": "shared-key"})
    assert first.status_code == second.status_code == 201
    assert first.get_json()["id"] != second.get_json()["id"]


def test_a_refused_request_is_not_remembered_so_the_corrected_retry_runs(app, client, tokens):
    headers = {**tokens["applicant1"], "Idempotency-Key": "fix-and-retry"}
    bad = client.post(SALES, json={"office": "9999", "lines": []}, headers=headers)
    assert bad.status_code == 422
    good = client.post(SALES, json=sales_body(app), headers=headers)
    assert good.status_code == 201 and "Idempotent-Replayed" not in good.headers


def test_an_empty_or_overlong_key_is_422(app, client, tokens):
    before = sales_count(app)
    for key in ("  ", "k" * 201):
        response = client.post(SALES, json=sales_body(app), headers={**tokens["applicant1"], "Idempotency-Key": key})
        assert response.status_code == 422
    assert sales_count(app) == before


def test_a_retried_recommendation_request_gets_the_first_answer(app, client, tokens):
    from app.recommendations.models import RecommendationRequest

    headers = {**tokens["applicant1"], "Idempotency-Key": "rec-1"}
    before = count(app, RecommendationRequest)
    form = recommendation_form()  # one form, sent three times
    answers = [client.post(RECOMMENDATION, json=form, headers=headers) for _ in range(3)]
    assert {a.status_code for a in answers} == {201}
    assert len({a.get_json()["id"] for a in answers}) == 1
    assert count(app, RecommendationRequest) == before + 1


def test_two_simultaneous_retries_file_one_record(app, tokens, live_server):
    """Both arrive while the first is still running: one record; the other is the replay or a 409."""
    import json
    import urllib.error
    import urllib.request

    body = json.dumps(sales_body(app)).encode()
    before = sales_count(app)
    answers: list[tuple[int, dict]] = []
    start = threading.Barrier(4)

    def post():
        request = urllib.request.Request(live_server + SALES, data=body, method="POST", headers={
            **tokens["applicant1"], "Idempotency-Key": "simultaneous-1", "Content-Type": "application/json"})
        start.wait()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                answers.append((response.status, json.loads(response.read())))
        except urllib.error.HTTPError as exc:
            answers.append((exc.code, json.loads(exc.read())))

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sales_count(app) == before + 1
    assert {status for status, _ in answers} <= {201, 409}
    assert len({answer["id"] for status, answer in answers if status == 201}) == 1


def test_a_retried_public_complaint_gets_the_first_tracking_code(app, client):
    from app.complaints.models import Complaint

    body = {"office": "3324", "name": "Warga", "email": "warga@example.org", "phone": "0812345678",
            "body": "Antrean terlalu lama di loket PST."}
    before = count(app, Complaint)
    headers = {"Idempotency-Key": "complaint-retry-1", "X-Test-Client": "idempotent-complainant"}
    answers = [client.post("/api/v1/complaint/public", json=body, headers=headers) for _ in range(2)]
    assert [a.status_code for a in answers] == [201, 201], answers[0].get_json()
    assert answers[0].get_json() == answers[1].get_json()
    assert count(app, Complaint) == before + 1
