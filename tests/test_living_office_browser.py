"""The living demo in a real browser: each role signs in to an office with work in it and moves it on
from its home ("Pekerjaan saya"). The sale and the letter continue demo records; an applicant who paid
reports it and the treasurer sees it; the rating form says what 1-4 mean. Screenshots in
test-artifacts/living-*.png."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.core.access.people import AppUser
from app.extensions import db
from app.recommendations.models import RecommendationRequest
from app.sales.models import SalesRequest
from tests.support.sales import zip_bytes
from tests.support.sign_in import browser_login

pytestmark = pytest.mark.browser


def demo_record(app, model, status: str, where=lambda record: True):
    """A demo record of Kendal (3324) in `status`: (id, label, the applicant's username)."""
    with app.app_context():
        rows = db.session.scalars(select(model).where(model.status == status, model.office.has(code="3324"),
                                                      model.applicant.has(AppUser.username.like("warga-%")))
                                  .order_by(model.id)).all()
        record = next(record for record in rows if where(record))
        return record.id, record.applicant.username


def session_for(browser, live_server, username):
    context = browser.new_context(base_url=live_server, locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 1366, "height": 900})
    context.set_default_timeout(30_000)  # the suite shares the machine
    page = context.new_page()
    browser_login(page, username)
    return context, page


def home_row(page, label: str):
    """The record's row in the home page's list of work ("Pekerjaan saya"), on whichever page it is."""
    for number in range(10):
        page.goto(f"/?page={number}")
        row = page.locator("tr", has_text=label)
        if row.count() == 1:
            return row
    raise AssertionError(f"{label} is not in the home page's work")


def open_from_home(page, label: str) -> None:
    with page.expect_navigation():
        home_row(page, label).locator("a", has_text=label).first.click()


def test_the_officer_delivers_a_paid_request_of_the_living_demo_from_the_home_page(
        app, page, artifacts_dir, tmp_path):
    pk, _applicant = demo_record(app, SalesRequest, "paid",
                                 lambda record: not record.needs_sppd and not record.has_hardcopy)
    label = f"PJ-{pk:06d}"
    page.set_default_timeout(30_000)
    browser_login(page, "officer-3324")
    cards = page.locator(".sp-card, .panel").all_inner_texts()
    assert any("Terlambat" in text for text in cards) and "Pekerjaan saya" in page.content()
    page.screenshot(path=str(artifacts_dir / "living-officer-home.png"), full_page=True)
    open_from_home(page, label)
    assert "Lunas" in page.locator(".sp-badge").first.inner_text()
    product = tmp_path / "produk.zip"
    product.write_bytes(zip_bytes())
    form = page.locator(f'form[action$="/salesrequestview/upload/{pk}"]')
    form.locator("select[name=kind]").select_option("product")
    form.locator("input[type=file]").set_input_files(str(product))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    deliver = page.locator(f'form[action$="/salesrequestview/act/{pk}/deliver"]')
    assert deliver.locator('[name="hardcopy"]').count() == 0  # a softcopy: no question about printed copies
    with page.expect_navigation():
        deliver.locator("button[type=submit]").click()
    assert "Produk diserahkan. Status sekarang: Diserahkan" in page.content()
    page.screenshot(path=str(artifacts_dir / "living-delivered.png"), full_page=True)


def test_the_head_signs_a_drafted_letter_of_the_living_demo_from_the_home_page(app, page, artifacts_dir):
    pk, _applicant = demo_record(app, RecommendationRequest, "letter_drafted")
    label = f"REK-{pk:05d}"
    page.set_default_timeout(30_000)
    browser_login(page, "head-3324")
    open_from_home(page, label)
    page.on("dialog", lambda dialog: dialog.accept())
    form = page.locator(f'form[action$="/act/{pk}/sign"]')
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    content = page.content()
    assert "Surat ditandatangani. Status sekarang: Ditandatangani" in content
    number = re.search(r"B-\d{3}/33240/HM\.310/\d{4}", content)
    assert number, "the letter has its number"
    page.screenshot(path=str(artifacts_dir / "living-signed.png"), full_page=True)


def test_a_domestic_applicant_reports_the_payment_and_the_treasurer_finds_it_at_home(
        app, browser, live_server, artifacts_dir):
    pk, applicant = demo_record(app, SalesRequest, "invoiced",
                                lambda record: record.channel == "online"
                                and record.applicant.applicant_profile.domicile == "domestic")
    label = f"PJ-{pk:06d}"
    context, page = session_for(browser, live_server, applicant)
    page.goto(f"/mysalesrequestview/show/{pk}")
    assert "laporkan pembayaran dengan NTPN" in page.locator(".sp-expect").inner_text()
    form = page.locator(f'form[action$="/mysalesrequestview/act/{pk}/report_payment"]')
    form.locator('button[data-target="#act-report_payment"]').click()
    form.locator('[name="ntpn"]').fill("0A1B2C3D4E5F6A7B")
    with page.expect_navigation():
        form.locator("#act-report_payment button[type=submit]").click()
    assert "Pembayaran dilaporkan. Status sekarang: Pembayaran dilaporkan" in page.content()
    assert "0A1B2C3D4E5F6A7B" in page.content()  # the request shows what was reported
    page.screenshot(path=str(artifacts_dir / "living-payment-reported.png"), full_page=True)
    context.close()
    treasurer_context, treasurer = session_for(browser, live_server, "treasurer-3324")
    assert "Konfirmasi pembayaran" in home_row(treasurer, label).inner_text()
    treasurer_context.close()


def test_the_rating_form_says_what_each_score_means(app, browser, live_server, artifacts_dir):
    pk, applicant = demo_record(app, SalesRequest, "delivered")
    context, page = session_for(browser, live_server, applicant)
    page.goto(f"/mysalesrequestview/show/{pk}")
    form = page.locator(f'form[action$="/mysalesrequestview/act/{pk}/rate"]')
    form.locator('button[data-target="#act-rate"]').click()
    requirements = form.locator("#score-requirements").inner_text()
    assert "1 Tidak sesuai" in requirements and "4 Sangat sesuai" in requirements
    cost = form.locator("#score-cost").inner_text()
    assert "1 Sangat mahal" in cost and "4 Gratis" in cost
    assert "Untuk setiap unsur pilih 1 sampai 4" in form.inner_text()
    page.screenshot(path=str(artifacts_dir / "living-rating.png"), full_page=True)
    for radio in form.locator('input[type=radio][value="3"]').all():
        radio.check()
    with page.expect_navigation():
        form.locator("#act-rate button[type=submit]").click()
    assert "Layanan dinilai. Status sekarang: Selesai" in page.content()
    context.close()
