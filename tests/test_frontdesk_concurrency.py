"""Fifty visitors press the kiosk at once, then four desks press "Panggil berikutnya" at once until
nobody waits: numbers 1…50 without a gap or a double, and no ticket called twice (SQLite and
PostgreSQL; on PostgreSQL the desks skip each other's locked rows)."""
from __future__ import annotations

import threading

from tests.support.frontdesk import make_office
from tests.support.sign_in import auth_header

VISITORS = 50
DESKS = ("1", "2", "3", "4")


def _at_once(count, work):
    """Runs work(i) in `count` threads released together; returns their results in order."""
    barrier = threading.Barrier(count)
    results = [None] * count
    errors = []

    def run(index):
        try:
            barrier.wait(timeout=30)
            results[index] = work(index)
        except Exception as exc:  # reported below with the others
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


def test_fifty_takers_and_four_desks_at_once(app):
    office = make_office(app, desks={code: ("sales",) for code in DESKS})
    setup = app.test_client()
    kiosk, officer = auth_header(setup, office["kiosk"]), auth_header(setup, office["officer"])

    def take(_index):
        response = app.test_client().post("/api/v1/queue_ticket/", json={"office": office["code"], "service": "sales"},
                                          headers=kiosk)
        assert response.status_code == 201, response.get_data(as_text=True)
        return response.get_json()

    tickets = _at_once(VISITORS, take)
    assert sorted(int(t["number"].split("-")[1]) for t in tickets) == list(range(1, VISITORS + 1))
    assert len({t["id"] for t in tickets}) == VISITORS

    def desk(index):
        client, called = app.test_client(), []
        while True:
            response = client.post("/api/v1/queue_ticket/call_next", json={"desk": DESKS[index]}, headers=officer)
            if response.status_code == 404:
                return called
            if response.status_code == 409:  # every candidate was taken by the others meanwhile: press again
                continue
            assert response.status_code == 200, response.get_data(as_text=True)
            body = response.get_json()
            assert body["desk"] == DESKS[index]
            called.append(body["id"])

    per_desk = _at_once(len(DESKS), desk)
    every_call = [ticket_id for called in per_desk for ticket_id in called]
    assert len(every_call) == len(set(every_call)) == VISITORS
    assert set(every_call) == {t["id"] for t in tickets}
    assert sum(1 for called in per_desk if called) >= 2  # the desks really did work side by side
