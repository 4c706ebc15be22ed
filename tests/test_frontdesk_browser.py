"""A walk-in visit in a real browser (issue 10, "Done when"): the visitor takes a number at the
kiosk and fills the guest book; the officer opens a desk and calls the number while the display
board (a second page) shows it within 2 seconds; the officer serves the visitor into a walk-in sale
and finishes; the visitor rates the visit from the ticket's QR link, once. Screenshots in
test-artifacts/frontdesk-*.png, the ticket in test-artifacts/frontdesk-ticket.pdf."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.frontdesk import make_office
from tests.support.sign_in import browser_login

pytestmark = pytest.mark.browser


def new_page(browser, live_server, **options):
    context = browser.new_context(base_url=live_server, locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport=options.pop("viewport", {"width": 1366, "height": 850}))
    context.set_default_timeout(10_000)
    return context, context.new_page()


def test_kiosk_guest_book_desk_board_walk_in_sale_and_rating(page, browser, live_server, app, artifacts_dir):
    shot = lambda p, name: p.screenshot(path=str(artifacts_dir / f"frontdesk-{name}.png"), full_page=True)  # noqa
    office = make_office(app)
    code = office["code"]

    # 1. The visitor takes a number for the sale of statistical products at the kiosk (no login).
    page.set_viewport_size({"width": 1080, "height": 1400})
    page.goto(f"/kiosk/{code}")
    shot(page, "01-kiosk")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Penjualan Produk Statistik")).click()
    assert page.get_by_test_id("ticket-number").inner_text() == "A-001"
    assert "Antrian di depan Anda: 0" in page.content()
    shot(page, "02-ticket")
    pdf = page.request.get(page.get_by_role("link", name="Cetak tiket").get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    (artifacts_dir / "frontdesk-ticket.pdf").write_bytes(pdf.body())

    # 2. ... and fills the guest book on the kiosk.
    with page.expect_navigation():
        page.get_by_role("link", name="Isi buku tamu").click()
    page.fill("input[name=id_document_number]", "3324016507950011")
    page.fill("input[name=email]", f"wulan-{code}@example.org")
    page.fill("input[name=full_name]", "Wulan Sari")
    page.fill("input[name=phone]", "0812-3333-4444")
    page.fill("input[name=institution]", "Universitas Diponegoro")
    page.fill("input[name=purpose]", "Membeli publikasi Kendal Dalam Angka")
    shot(page, "03-guest-book")
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan").click()
    assert "Buku tamu sudah diisi" in page.content()

    # 3. The display board is open on the TV.
    board_context, board = new_page(browser, live_server, viewport={"width": 1600, "height": 900})
    board.goto(f"/display/{code}")
    assert "Belum ada nomor yang dipanggil" in board.content()
    assert re.search(r"A · Penjualan Produk Statistik\s*1", board.locator("#fd-waiting").inner_text())

    # 4. The officer opens desk 1 and presses "Panggil berikutnya"; the board shows it within 2 seconds.
    desk_context, desk = new_page(browser, live_server)
    browser_login(desk, office["officer"])
    desk.goto("/frontdesk/desk/")
    desk.select_option("#fd-desk", "1")
    with desk.expect_navigation():
        desk.get_by_role("button", name="Buka loket").click()
    with desk.expect_navigation():
        desk.locator("#fd-call-next").click()
    assert desk.locator("#fd-current").inner_text() == "A-001"
    # Polled the way the CSP allows (no string evaluated in the page).
    expect(board.locator("#fd-now")).to_contain_text("A-001", timeout=2_000)
    assert "Loket 1" in board.locator("#fd-now").inner_text()
    assert "Wulan" not in board.content()  # the board shows numbers, never names
    shot(board, "04-board")

    # 5. The officer serves the visitor (name from the guest book) and starts the walk-in sale.
    with desk.expect_navigation():
        desk.get_by_role("button", name="Layani").click()
    assert "Wulan Sari" in desk.content()
    shot(desk, "05-desk-serving")
    with desk.expect_navigation():
        desk.get_by_role("button", name="Penjualan Produk Statistik").click()
    assert "/salesrequestview/show/" in desk.url
    assert "Wulan Sari" in desk.content()
    shot(desk, "06-walk-in-sale")
    desk.goto("/frontdesk/desk/")
    assert desk.get_by_role("link", name="Buka permohonan dari kunjungan ini").count() == 1
    with desk.expect_navigation():
        desk.get_by_role("button", name="Selesai").click()
    assert desk.locator("#fd-current").count() == 0

    # 6. The visitor scans the QR code on the ticket: the one-time rating link.
    from app.extensions import db
    from app.frontdesk.models import QueueTicket

    with app.app_context():
        ticket = db.session.query(QueueTicket).filter_by(office_id=office["id"], number="A-001").one()
        token = ticket.rating_token
        db.session.remove()
    phone_context, phone = new_page(browser, live_server, viewport={"width": 412, "height": 915})
    phone.goto(f"/rate/{token}")
    for fieldset in phone.locator("fieldset.fd-score").all():
        fieldset.locator("input[value='4']").check()
    phone.fill("textarea[name=comment]", "Petugas ramah dan cepat.")
    shot(phone, "07-rating")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Kirim penilaian saya").click()
    assert "Terima kasih! Penilaian Anda sudah tercatat." in phone.content()
    phone.goto(f"/rate/{token}")
    assert "sudah dinilai" in phone.content()
    shot(phone, "08-rating-used")
    for context in (board_context, desk_context, phone_context):
        context.close()
