"""The front desk as its users meet it (issue 10): the kiosk takes numbers, desks call the oldest
waiting visitor, serve and finish, the guest book finds returning visitors, the board shows numbers
and never names, the ticket's link rates the visit once, and the head reads the 10-minute standard."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.support.frontdesk import make_office, visitor_form
from tests.support.sign_in import auth_header, login

TICKETS = "/api/v1/queue_ticket/"


@pytest.fixture()
def office(app):
    return make_office(app)


def take(client, headers, office, service="sales"):
    return client.post(TICKETS, json={"office": office["code"], "service": service}, headers=headers)


def call_next(client, headers, desk="1", services=None):
    body = {"desk": desk}
    if services is not None:
        body["services"] = services
    return client.post(TICKETS + "call_next", json=body, headers=headers)


def act(client, headers, ticket_id, action, **fields):
    return client.post(f"{TICKETS}{ticket_id}/transition/{action}", json=fields, headers=headers)


# --- kiosk: numbers ---------------------------------------------------------------------------------

def test_kiosk_numbers_restart_per_service_with_their_prefix_and_say_who_is_ahead(client, office):
    kiosk = auth_header(client, office["kiosk"])
    first = take(client, kiosk, office)
    assert first.status_code == 201, first.get_json()
    body = first.get_json()
    assert (body["number"], body["status"], body["ahead"]) == ("A-001", "waiting", 0)
    assert "/rate/" in body["rating_url"] and body["ticket_url"].endswith(".pdf")
    second = take(client, kiosk, office).get_json()
    assert (second["number"], second["ahead"]) == ("A-002", 1)
    assert take(client, kiosk, office, "recommendation").get_json()["number"] == "B-001"
    assert take(client, kiosk, office, "library").get_json()["number"] == "D-001"


def test_a_kiosk_retrying_with_its_idempotency_key_gets_the_same_ticket(client, office):
    kiosk = {**auth_header(client, office["kiosk"]), "Idempotency-Key": "kiosk-press-0001"}
    first = take(client, kiosk, office)
    again = take(client, kiosk, office)
    assert first.status_code == again.status_code == 201
    assert again.get_json()["number"] == first.get_json()["number"] and again.headers["Idempotent-Replayed"] == "true"
    fresh = take(client, {**kiosk, "Idempotency-Key": "kiosk-press-0002"}, office)
    assert fresh.get_json()["number"] != first.get_json()["number"]


def test_kiosk_refuses_unknown_services_and_offices_and_other_offices(client, app, office):
    kiosk = auth_header(client, office["kiosk"])
    unknown = take(client, kiosk, office, "astrology")
    assert unknown.status_code == 422 and "service" in unknown.get_json()["errors"]
    missing = client.post(TICKETS, json={"office": "0999", "service": "sales"}, headers=kiosk)
    assert missing.status_code == 422 and "office" in missing.get_json()["errors"]
    elsewhere = client.post(TICKETS, json={"office": "3324", "service": "sales"}, headers=kiosk)
    assert elsewhere.status_code == 403
    no_library = make_office(app, services=("sales",))
    refused = take(client, auth_header(client, no_library["kiosk"]), no_library, "library")
    assert refused.status_code == 422
    assert client.post(TICKETS, json=["sales"], headers=kiosk).status_code == 422
    # The kiosk may only take tickets: no reading, no calling.
    assert client.get(TICKETS, headers=kiosk).status_code == 403
    assert call_next(client, kiosk).status_code == 403
    assert take(client, auth_header(client, "applicant1"), office).status_code == 403


# --- desks --------------------------------------------------------------------------------------------

def test_call_next_hands_the_oldest_waiting_ticket_of_the_desks_services(client, office):
    kiosk, officer = auth_header(client, office["kiosk"]), auth_header(client, office["officer"])
    a1 = take(client, kiosk, office).get_json()
    b1 = take(client, kiosk, office, "recommendation").get_json()
    take(client, kiosk, office)
    called = call_next(client, officer, "1")
    assert called.status_code == 200
    assert (called.get_json()["number"], called.get_json()["status"], called.get_json()["desk"]) == \
        ("A-001", "called", "1")
    only_b = call_next(client, officer, "2", ["recommendation"]).get_json()
    assert only_b["id"] == b1["id"]
    assert call_next(client, officer, "1").get_json()["number"] == "A-002"
    nobody = call_next(client, officer, "1")
    assert nobody.status_code == 404 and nobody.get_json()["message"]
    refused = call_next(client, officer, "4", ["sales"])  # the library desk
    assert refused.status_code == 422 and "services" in refused.get_json()["errors"]
    assert call_next(client, officer, "9").status_code == 422
    assert call_next(client, officer, "1", "sales").status_code == 422
    assert a1["id"] != b1["id"]


def test_serve_and_finish_once_with_the_history_of_every_step(client, office):
    kiosk, officer = auth_header(client, office["kiosk"]), auth_header(client, office["officer"])
    ticket = take(client, kiosk, office).get_json()
    call_next(client, officer, "1")
    options = client.get(f"{TICKETS}{ticket['id']}/transitions", headers=officer).get_json()
    assert {"serve", "recall", "transfer"} <= {a["name"] for a in options["result"]}
    assert "no_show" not in {a["name"] for a in options["result"]}  # only after a recall
    assert act(client, officer, ticket["id"], "serve").get_json() == {"status": "serving"}
    assert act(client, officer, ticket["id"], "finish").get_json() == {"status": "done"}
    again = act(client, officer, ticket["id"], "finish")
    assert again.status_code == 409 and again.get_json()["message"]
    shown = client.get(f"{TICKETS}{ticket['id']}", headers=officer).get_json()["result"]
    assert shown["called_at"] and shown["served_at"] and shown["finished_at"]
    history = client.get(f"/queueticketview/show/{ticket['id']}")
    assert history.status_code in (302, 401)  # a screen: signed-in staff only


def test_no_show_only_after_one_recall(client, office):
    kiosk, officer = auth_header(client, office["kiosk"]), auth_header(client, office["officer"])
    ticket = take(client, kiosk, office).get_json()
    call_next(client, officer, "1")
    early = act(client, officer, ticket["id"], "no_show")
    assert early.status_code == 409 and "sekali lagi" in early.get_json()["message"]
    assert act(client, officer, ticket["id"], "recall").get_json() == {"status": "called"}
    assert act(client, officer, ticket["id"], "no_show").get_json() == {"status": "no_show"}


def test_transfer_keeps_the_visitors_place_in_time(client, office):
    kiosk, officer = auth_header(client, office["kiosk"]), auth_header(client, office["officer"])
    early = take(client, kiosk, office).get_json()
    take(client, kiosk, office, "consultation")
    assert call_next(client, officer, "1", ["sales"]).get_json()["id"] == early["id"]
    assert act(client, officer, early["id"], "transfer", service="astrology").status_code == 422
    same = act(client, officer, early["id"], "transfer", service="sales")
    assert same.status_code == 422
    assert act(client, officer, early["id"], "transfer", service="consultation").get_json() == \
        {"status": "waiting"}
    moved = call_next(client, officer, "1", ["consultation"]).get_json()
    assert (moved["id"], moved["number"]) == (early["id"], "A-001")


def test_transfer_to_a_service_the_office_does_not_offer_is_refused(client, app):
    office = make_office(app, services=("sales", "consultation"))
    kiosk, officer = auth_header(client, office["kiosk"]), auth_header(client, office["officer"])
    ticket = take(client, kiosk, office).get_json()
    refused = act(client, officer, ticket["id"], "transfer", service="library")
    assert refused.status_code == 422
    assert client.get(f"{TICKETS}{ticket['id']}", headers=officer).get_json()["result"]["service"] == "sales"


def test_a_ticket_of_yesterday_cannot_be_called_and_the_day_closes_it(client, app, office):
    from app.core.calendar.clock import as_of, utcnow
    from app.core.workflow.engine import user_roles  # noqa: F401 (app imported)
    from app.extensions import db
    from app.frontdesk.models import QueueTicket
    from app.frontdesk.queue import take_ticket

    with app.app_context():
        with as_of(utcnow() - timedelta(days=1)):
            old = take_ticket(office["code"], "sales", None)
        old_id = old.id
        db.session.remove()
    officer = auth_header(client, office["officer"])
    refused = act(client, officer, old_id, "call", desk="1")
    assert refused.status_code == 409 and "hari sebelumnya" in refused.get_json()["message"]
    assert call_next(client, officer, "1").status_code == 404  # yesterday's queue is not today's
    # The day's first number closes what earlier days left waiting.
    take(client, auth_header(client, office["kiosk"]), office)
    with app.app_context():
        assert db.session.get(QueueTicket, old_id).status == "not_served"
        db.session.remove()


def test_close_day_command_marks_earlier_days_not_served(app, office):
    from app.core.calendar.clock import as_of, utcnow
    from app.extensions import db
    from app.frontdesk.models import QueueTicket
    from app.frontdesk.queue import take_ticket

    with app.app_context():
        with as_of(utcnow() - timedelta(days=2)):
            ticket_id = take_ticket(office["code"], "library", None).id
        db.session.remove()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["frontdesk", "close-day"])
    assert result.exit_code == 0 and "closed" in result.output
    with app.app_context():
        from app.core.workflow.audit import history

        assert db.session.get(QueueTicket, ticket_id).status == "not_served"
        assert [(e.action, e.actor_role) for e in history("queue", ticket_id)][-1] == ("close_day", "System")
        db.session.remove()
    assert "closed 0 of 0" in runner.invoke(args=["frontdesk", "close-day"]).output


# --- the guest book -----------------------------------------------------------------------------------

def _counts(app):
    from app.core.access.people import AppUser
    from app.extensions import db
    from app.frontdesk.models import Visit

    with app.app_context():
        counts = (db.session.scalar(select(func.count(Visit.id))), db.session.scalar(select(func.count(AppUser.id))))
        db.session.remove()
    return counts


def test_guest_book_stores_the_visitor_once_and_finds_them_again(client, app, office):
    kiosk, officer = auth_header(client, office["kiosk"]), auth_header(client, office["officer"])
    ticket = take(client, kiosk, office).get_json()
    email = f"tamu-{office['code']}@example.org"
    nik = f"33240141079{office['code']}0"[:16].ljust(16, "1")
    first = client.post("/api/v1/visit/", json={**visitor_form(email=email, id_document_number=nik),
                                                 "ticket": ticket["id"]}, headers=officer)
    assert first.status_code == 201, first.get_json()
    again = client.post("/api/v1/visit/", json={"email": email.upper(), "service": "library",
                                                 "purpose": "Membaca"}, headers=kiosk)
    assert again.status_code == 201, again.get_json()
    assert "full_name" not in again.get_json()  # the kiosk learns nothing about the person
    by_number = client.post("/api/v1/visit/", json={"id_document_number": nik, "service": "consultation"},
                            headers=officer)
    assert by_number.status_code == 201
    listed = client.get("/api/v1/visit/", headers=officer).get_json()["result"]
    mine = [v for v in listed if v["id"] in (first.get_json()["id"], again.get_json()["id"],
                                             by_number.get_json()["id"])]
    assert len(mine) == 3 and len({v["applicant_id"] for v in mine}) == 1
    assert next(v for v in mine if v["id"] == first.get_json()["id"])["ticket_id"] == ticket["id"]
    twice = client.post("/api/v1/visit/", json={"email": email, "ticket": ticket["id"]}, headers=officer)
    assert twice.status_code == 422 and "ticket" in twice.get_json()["errors"]
    # Another office's officer sees none of it; the kiosk reads nothing.
    other = auth_header(client, "officer-1904")
    assert client.get(f"/api/v1/visit/{first.get_json()['id']}", headers=other).status_code == 404
    assert client.get("/api/v1/visit/", headers=kiosk).status_code == 403


@pytest.mark.parametrize("field, value, error", [
    ("full_name", "<script>alert(1)</script>", "full_name"),
    ("full_name", "x" * 10_000, "full_name"),
    ("email", "not-an-address", "email"),
    ("id_document_number", "12345", "id_document_number"),
    ("id_document_number", "33240141079000AB", "id_document_number"),
    ("institution", "<b>PT</b>", "institution"),
    ("purpose", "p" * 3000, "purpose"),
    ("full_name", ["a list"], "full_name"),
    ("service", {}, "service"),  # found by make fuzz: an object for the service was a 500
])
def test_hostile_guest_book_entries_are_refused_and_nothing_is_stored(client, app, office, field, value, error):
    officer = auth_header(client, office["officer"])
    before = _counts(app)
    form = {**visitor_form(email=f"hostile-{office['code']}@example.org",
                           id_document_number=f"3324{office['code']}00000001"[:16], service="sales"), field: value}
    response = client.post("/api/v1/visit/", json=form, headers=officer)
    assert response.status_code == 422, response.get_json()
    assert error in response.get_json()["errors"]
    assert _counts(app) == before


# --- the display board ----------------------------------------------------------------------------------

def test_display_board_shows_numbers_desks_and_waiting_counts_but_no_names(client, office):
    kiosk, officer = auth_header(client, office["kiosk"]), auth_header(client, office["officer"])
    ticket = take(client, kiosk, office).get_json()
    client.post("/api/v1/visit/", json={**visitor_form(email=f"papan-{office['code']}@example.org",
                                                        full_name="Nama Rahasia Sekali",
                                                        id_document_number=f"3324{office['code']}00000002"[:16]),
                                         "ticket": ticket["id"]}, headers=officer)
    take(client, kiosk, office)
    take(client, kiosk, office, "consultation")
    call_next(client, officer, "1")
    state = client.get(f"/display/{office['code']}/state.json")
    assert state.status_code == 200 and state.headers["Cache-Control"] == "no-store"
    body = state.get_json()
    assert body["now_called"] == [{**body["now_called"][0], "number": "A-001", "desk": "1"}]
    assert {w["service"]: w["count"] for w in body["waiting"]}["sales"] == 1
    assert {w["service"]: w["count"] for w in body["waiting"]}["consultation"] == 1
    assert body["announce"]["speech"] == "Nomor antrian A satu, silakan menuju loket 1"
    assert "Rahasia" not in state.get_data(as_text=True)
    page = client.get(f"/display/{office['code']}")
    assert page.status_code == 200 and "A-001" in page.get_data(as_text=True)
    assert "Rahasia" not in page.get_data(as_text=True)
    assert client.get("/display/0999/state.json").status_code == 404


# --- the public kiosk page ---------------------------------------------------------------------------------

def test_kiosk_page_takes_a_number_prints_the_ticket_and_fills_the_guest_book(client, app, office):
    page = client.get(f"/kiosk/{office['code']}")
    assert page.status_code == 200 and "Penjualan" in page.get_data(as_text=True)
    taken = client.post(f"/kiosk/{office['code']}/take", data={"service": "library"})
    assert taken.status_code == 302
    ticket_page = client.get(taken.headers["Location"])
    assert "D-001" in ticket_page.get_data(as_text=True)
    key = taken.headers["Location"].rsplit("/", 1)[1]
    pdf = client.get(f"/kiosk/ticket/{key}.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    bad = client.post(f"/kiosk/ticket/{key}/guestbook", data=visitor_form(email="tidak-valid"))
    assert bad.status_code == 422 and "e-mail" in bad.get_data(as_text=True).lower()
    saved = client.post(f"/kiosk/ticket/{key}/guestbook",
                        data=visitor_form(email=f"kios-{office['code']}@example.org",
                                          id_document_number=f"3324{office['code']}00000003"[:16]))
    assert saved.status_code == 302
    assert "Buku tamu sudah diisi" in client.get(saved.headers["Location"]).get_data(as_text=True)
    assert client.get("/kiosk/ticket/forged-key.pdf").status_code == 404
    assert client.get("/kiosk/0999").status_code == 404


def test_offices_that_ask_for_the_guest_book_first_take_the_number_with_it(client, app):
    office = make_office(app, guest_book="before")
    page = client.get(f"/kiosk/{office['code']}").get_data(as_text=True)
    assert f"/kiosk/{office['code']}/guestbook?service=sales" in page
    refused = client.post(f"/kiosk/{office['code']}/take", data={"service": "sales", **visitor_form(email="x")})
    assert refused.status_code == 422
    assert take(client, auth_header(client, office["kiosk"]), office).get_json()["number"] == "A-001"
    taken = client.post(f"/kiosk/{office['code']}/take",
                        data={"service": "sales", **visitor_form(email=f"dulu-{office['code']}@example.org",
                                                                 id_document_number=f"3324{office['code']}00000004"[:16])})
    assert taken.status_code == 302
    assert "A-002" in client.get(taken.headers["Location"]).get_data(as_text=True)


def test_the_kiosk_is_rate_limited_per_address(client, office):
    statuses = [client.post(f"/kiosk/{office['code']}/take", data={"service": "consultation"},
                            headers={"X-Test-Client": f"kiosk-flood-{office['code']}"}).status_code
                for _ in range(32)]
    assert statuses[:30] == [302] * 30 and statuses[-1] == 429


# --- serving into a request, and rating the visit ----------------------------------------------------------

def _served_ticket(client, office, email_tag):
    kiosk, officer = auth_header(client, office["kiosk"]), auth_header(client, office["officer"])
    ticket = take(client, kiosk, office).get_json()
    client.post("/api/v1/visit/", json={**visitor_form(email=f"{email_tag}-{office['code']}@example.org",
                                                        id_document_number=f"33{office['code']}{len(email_tag):02d}00000000"[:16]),
                                         "ticket": ticket["id"]}, headers=officer)
    call_next(client, officer, "1")
    act(client, officer, ticket["id"], "serve")
    return ticket


def test_a_ticket_being_served_starts_a_walk_in_sale_for_the_guest_book_person(client, app, office, as_user):
    from app.extensions import db
    from app.frontdesk.models import Visit
    from app.sales.models import SalesRequest

    ticket = _served_ticket(client, office, "jual")
    desk = as_user(office["officer"])
    desk.post("/frontdesk/desk/open", data={"desk": "1", "services": ["sales"]})
    page = desk.get("/frontdesk/desk/").get_data(as_text=True)
    assert "A-001" in page and "Sari Pengunjung" in page and "Penjualan Produk Statistik" in page
    started = desk.post(f"/frontdesk/desk/start/{ticket['id']}", data={"service": "sales"})
    assert started.status_code == 302 and "/salesrequestview/show/" in started.headers["Location"]
    with app.app_context():
        visit = db.session.scalars(select(Visit).where(Visit.ticket_id == ticket["id"])).one()
        sale = db.session.get(SalesRequest, visit.outcome_record_id)
        assert (visit.outcome_procedure, sale.applicant_id, sale.channel, sale.office_id, sale.status) == \
            ("sales", visit.applicant_id, "walk_in", office["id"], "draft")
        db.session.remove()
    again = desk.post(f"/frontdesk/desk/start/{ticket['id']}", data={"service": "sales"}, follow_redirects=True)
    assert "sudah" in again.get_data(as_text=True)


def test_a_recommendation_request_can_be_started_the_same_way(client, app, office, as_user):
    from app.extensions import db
    from app.frontdesk.models import Visit
    from app.recommendations.models import RecommendationRequest

    ticket = _served_ticket(client, office, "rekom")
    desk = as_user(office["officer"])
    started = desk.post(f"/frontdesk/desk/start/{ticket['id']}", data={"service": "recommendations"})
    assert started.status_code == 302
    with app.app_context():
        visit = db.session.scalars(select(Visit).where(Visit.ticket_id == ticket["id"])).one()
        record = db.session.get(RecommendationRequest, visit.outcome_record_id)
        assert (record.applicant_id, record.channel, record.office_id) == (visit.applicant_id, "walk_in", office["id"])
        db.session.remove()


def test_the_rating_link_works_once_after_the_visit_and_records_a_complete_rating(client, app, office):
    from app.core.satisfaction.models import Rating
    from app.extensions import db
    from app.frontdesk.models import Visit

    kiosk, officer = auth_header(client, office["kiosk"]), auth_header(client, office["officer"])
    ticket = _served_ticket(client, office, "nilai")
    link = take(client, kiosk, office).get_json()["rating_url"]  # another visitor's link: not yet served
    rate_path = "/rate/" + link.rsplit("/rate/", 1)[1]
    assert "setelah dilayani" in client.get(rate_path).get_data(as_text=True)
    with app.app_context():
        from app.frontdesk.models import QueueTicket

        token = db.session.get(QueueTicket, ticket["id"]).rating_token
        db.session.remove()
    path = f"/rate/{token}"
    assert "setelah dilayani" in client.get(path).get_data(as_text=True)  # still being served
    act(client, officer, ticket["id"], "finish")
    form = {f"score_{key}": "4" for key in ("requirements", "procedure", "time", "cost", "product", "competence",
                                             "behaviour", "complaints", "facilities")}
    incomplete = client.post(path, data={**form, "score_time": "9"})
    assert incomplete.status_code == 422
    done = client.post(path, data={**form, "score_time": "3", "comment": "Cepat dan ramah"})
    assert done.status_code == 200 and "Terima kasih" in done.get_data(as_text=True)
    second = client.post(path, data=form)
    assert second.status_code == 409 and "sudah dinilai" in second.get_data(as_text=True)
    assert client.get("/rate/bukan-token-yang-benar-sama-sekali").status_code == 404
    with app.app_context():
        rating = db.session.scalars(select(Rating).where(Rating.procedure == "queue",
                                                         Rating.record_id == ticket["id"])).one()
        visit = db.session.scalars(select(Visit).where(Visit.ticket_id == ticket["id"])).one()
        assert (rating.office_id, rating.service, rating.channel, rating.applicant_id, rating.comment) == \
            (office["id"], "sales", "walk_in", visit.applicant_id, "Cepat dan ramah")
        assert rating.scores() == {**{k: 4 for k in rating.scores()}, "time": 3}
        db.session.remove()


# --- the 10-minute standard ---------------------------------------------------------------------------------

def _ticket_at(app, office, service, minutes_of_day):
    """A ticket taken, called, served and finished at the given minutes after 08:00 WIB two days ago."""
    from app.core.calendar.clock import as_of
    from app.core.calendar.workdays import jakarta_today
    from app.core.workflow.engine import apply
    from app.extensions import appbuilder, db
    from app.frontdesk.procedure import QUEUE
    from app.frontdesk.queue import take_ticket

    day = jakarta_today() - timedelta(days=2)
    base = datetime(day.year, day.month, day.day, 1, 0)  # 08:00 WIB in naive UTC
    taken, called, served, finished, desk = minutes_of_day
    with app.app_context():
        officer = appbuilder.sm.find_user(username=office["officer"])
        with as_of(base + timedelta(minutes=taken)):
            ticket_id = take_ticket(office["code"], service, None).id
        steps = [("call", called, {"desk": desk})]
        if finished is None:
            steps += [("recall", called + 1, {}), ("no_show", called + 2, {})]
        else:
            steps += [("serve", served, {}), ("finish", finished, {})]
        for action, minute, data in steps:
            with as_of(base + timedelta(minutes=minute)):
                apply(QUEUE, ticket_id, action, officer, data)
        db.session.remove()
    return day


def test_the_ten_minute_standard_counts_from_the_previous_finish(client, app, office, as_user):
    from app.extensions import db
    from app.frontdesk.standard import standard_report

    # taken, called, served, finished (None: no-show), desk
    day = _ticket_at(app, office, "sales", (0, 2, 3, 20, "1"))       # wait 2
    _ticket_at(app, office, "sales", (5, 26, 27, 40, "1"))           # from the finish at 20: wait 6
    _ticket_at(app, office, "sales", (30, 55, 56, 60, "2"))          # from 40: wait 15 (late)
    _ticket_at(app, office, "sales", (70, 71, None, None, "1"))      # no-show, wait 1
    _ticket_at(app, office, "library", (0, 30, 31, 41, "4"))         # another queue: wait 30
    with app.app_context():
        rows = standard_report([office["id"]], day, day, ("office", "day", "service"))
        db.session.remove()
    sales = next(row for row in rows if row["service"] == "sales")
    assert (sales["tickets"], sales["served"], sales["no_shows"], sales["called"]) == (4, 3, 1, 4)
    assert (sales["median_wait"], sales["p90_wait"]) == (2.0, 15.0)
    assert sales["within_standard"] == 0.75
    assert sales["avg_service"] == pytest.approx((17 + 13 + 4) / 3, abs=0.1)
    library = next(row for row in rows if row["service"] == "library")
    assert (library["median_wait"], library["within_standard"]) == (30.0, 0.0)
    # The head reads it on the screen and in the API; the officer does not.
    head = as_user(office["head"])
    screen = head.get(f"/frontdesk/standard/?from={day.isoformat()}&to={day.isoformat()}")
    assert screen.status_code == 200 and "75%" in screen.get_data(as_text=True)
    api = client.get(f"{TICKETS}standard?from={day.isoformat()}&to={day.isoformat()}&group=desk",
                     headers=auth_header(client, office["head"])).get_json()["result"]
    assert {row["desk"]: row["tickets"] for row in api} == {"1": 3, "2": 1, "4": 1}
    assert client.get(f"{TICKETS}standard?from=kemarin", headers=auth_header(client, office["head"])).status_code == 422
    assert as_user(office["officer"]).get("/frontdesk/standard/").status_code in (302, 403)


def test_monitor_sees_the_standard_of_the_province_and_its_regencies(as_user):
    page = as_user("monitor-3300").get("/frontdesk/standard/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "BPS Kabupaten Kendal" in text and "BPS Provinsi Jawa Tengah" in text and "Bangka" not in text


# --- the living demo --------------------------------------------------------------------------------------

def test_demo_holds_weeks_of_queues_at_every_seeded_office_and_seeding_again_adds_nothing(app):
    from app.core.reference.models import Office
    from app.demo import seed_demo
    from app.extensions import db
    from app.frontdesk.models import QueueTicket

    with app.app_context():
        def per_office():
            return dict(db.session.execute(
                select(Office.code, func.count(func.distinct(QueueTicket.day)))
                .join(QueueTicket, QueueTicket.office_id == Office.id)
                .where(Office.code.in_(("0000", "3300", "3324", "1904"))).group_by(Office.code)).all())

        days = per_office()
        assert set(days) == {"0000", "3300", "3324", "1904"} and min(days.values()) >= 15
        total = db.session.scalar(select(func.count(QueueTicket.id)))
        states = set(db.session.scalars(select(QueueTicket.status).distinct()))
        assert {"done", "no_show"} <= states
        lines = seed_demo()
        assert not any(line.startswith("Front desk") for line in lines)
        assert db.session.scalar(select(func.count(QueueTicket.id))) == total
        db.session.remove()


def test_officer_screens_open(as_user, office):
    officer = as_user(office["officer"])
    for path in ("/frontdesk/desk/", "/queueticketview/list/", "/guestbookview/list/", "/guestbookview/record",
                 "/guestbookview/record?q=tidak-ada%40example.org", "/queuelineview/list/", "/deskadminview/list/",
                 "/frontdesksettingview/list/"):
        response = officer.get(path)
        assert response.status_code == 200, path
    assert login(officer, office["officer"]).status_code in (200, 302)


def test_only_the_display_board_may_be_framed(client):
    board = client.get("/display/3324")
    assert board.status_code == 200 and "X-Frame-Options" not in board.headers
    assert "frame-ancestors *" in board.headers["Content-Security-Policy"]
    kiosk = client.get("/kiosk/3324")
    assert kiosk.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in kiosk.headers["Content-Security-Policy"]
