"""The consultation journey in Chromium (issue 11, "Done when"): an applicant searches, does not find,
opens a consultation; the officer asks for clarification; the applicant replies with an attachment;
the officer answers, proposes a video meeting, closes and publishes the answer; a second applicant
then finds it by another word form. Then a walk-in consultation is logged from a visit."""
from __future__ import annotations

import re

import pytest

from tests.support.sign_in import browser_login

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n% contoh tabel luas sawah\n"


def _page(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 1366, "height": 900})
    context.set_default_timeout(10_000)
    return context.new_page()


def _act(page, record_id, action, files=None, **fields):
    """Takes a procedure action from the thread page: open its panel, fill its fields, submit."""
    form = page.locator(f"form[action$='/act/{record_id}/{action}']")
    toggle = form.locator(f"button[data-target='#act-{action}']")
    if toggle.count():  # an action with fields, optional ones too, opens its panel first
        toggle.click()
        page.wait_for_selector(f"#act-{action}.collapse.in")
    for name, value in fields.items():
        field = form.locator(f"[name={name}]")
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    for name, path in (files or {}).items():
        form.locator(f"[name={name}]").set_input_files(str(path))
    with page.expect_navigation():
        form.locator("button[type=submit]").last.click()


def _status(page) -> str:
    return page.locator(".sp-badge").first.inner_text()


@pytest.fixture()
def pages(browser, live_server, artifacts_dir, request):
    opened = {}

    def open_page(name):
        opened[name] = _page(browser, live_server)
        return opened[name]

    yield open_page
    report = getattr(request.node, "rep_call", None)
    for name, extra in opened.items():
        if report is not None and report.failed:
            try:
                extra.screenshot(path=str(artifacts_dir / f"FAILED-consultation-{name}.png"), full_page=True)
            except Exception:  # the page may be gone; the test's own error matters more
                pass
        extra.context.close()


def test_consultation_journey(page, pages, artifacts_dir, tmp_path, app):
    def shot(p, name):
        p.screenshot(path=str(artifacts_dir / f"consultation-{name}.png"), full_page=True)

    (tmp_path / "contoh-tabel.pdf").write_bytes(PDF)

    # Applicant: "ask" starts with the search, which finds nothing for these words.
    applicant = page
    browser_login(applicant, "applicant1")
    applicant.goto("/myconsultationview/add")
    assert "/knowledge/" in applicant.url
    applicant.fill("#knowledge-search input[name=q]", "luas lahan sawah irigasi")
    applicant.select_option("#knowledge-search select[name=office]", "3324")
    with applicant.expect_navigation():
        applicant.click("#knowledge-search button[type=submit]")
    assert applicant.locator("#no-results").is_visible()
    shot(applicant, "01-search-not-found")
    with applicant.expect_navigation():
        applicant.click("#ask-instead")
    assert applicant.locator("#subject").input_value() == "luas lahan sawah irigasi"  # the query carried over
    applicant.select_option("#office", "3324")
    applicant.select_option("#topic", "pertanian")
    applicant.fill("#subject", "Luas lahan sawah irigasi Kendal")
    applicant.fill("#question", "Berapa luas lahan sawah irigasi di Kabupaten Kendal?")
    shot(applicant, "02-ask-form")
    with applicant.expect_navigation():
        applicant.click("#send-question")
    record_id = int(re.search(r"/show/(\d+)", applicant.url).group(1))
    assert "Terbuka" in _status(applicant)

    # Officer: "Pekerjaan saya" narrowed to consultations; the worklist; the thread; asks what is meant.
    officer = pages("officer")
    browser_login(officer, "officer-3324")
    officer.goto("/?service=consultations")
    assert officer.locator("#inbox").is_visible()
    shot(officer, "03-inbox")
    officer.goto("/consultationview/list/")
    shot(officer, "03-worklist")
    with officer.expect_navigation():
        officer.click(f"a[href$='/consultationview/show/{record_id}']")
    _act(officer, record_id, "ask_clarification", message="Tahun berapa, dan per kecamatan atau per desa?")
    assert "Menunggu pemohon" in _status(officer)

    # Applicant: "My consultations" has the thread on top; they read the question and reply with a table.
    applicant.goto("/myconsultationview/list/")
    with applicant.expect_navigation():
        applicant.locator(f"a[href$='/myconsultationview/show/{record_id}']").first.click()
    assert "per kecamatan atau per desa" in applicant.locator("#thread").inner_text()
    _act(applicant, record_id, "reply", files={"attachment": tmp_path / "contoh-tabel.pdf"},
         message="Tahun 2025, per kecamatan. Contoh tabel yang saya perlukan terlampir.")
    assert applicant.locator("#thread a.sp-attachment", has_text="contoh-tabel.pdf").is_visible()
    shot(applicant, "04-reply-with-attachment")

    # Officer: answers, proposes a video meeting, closes, publishes the answer.
    officer.reload()
    attachment = officer.locator("#thread a.sp-attachment").get_attribute("href")
    assert officer.request.get(attachment).body() == PDF
    _act(officer, record_id, "answer", message="Luas lahan sawah irigasi per kecamatan 2025 ada di tabel 5.1.2 "
         "Kabupaten Kendal Dalam Angka 2026.")
    with app.app_context():
        from app.consultations.models import Consultation
        from app.core.calendar.workdays import jakarta_today
        from app.core.workflow.sla import calendar_for
        from app.extensions import db

        day = calendar_for(db.session.get(Consultation, record_id).office_id).add_working_days(jakarta_today(), 2)
    _act(officer, record_id, "schedule_meeting", kind="video", day=day.isoformat(), time="10:00",
         link="https://meet.example.org/pst-kendal-sawah", message="Kita bahas cara membaca tabelnya.")
    meeting = officer.locator("[id^=meeting-]").first.inner_text()
    assert day.strftime("%d-%m-%Y") in meeting and "https://meet.example.org/pst-kendal-sawah" in meeting
    shot(officer, "05-meeting-proposed")
    officer.once("dialog", lambda dialog: dialog.accept())
    _act(officer, record_id, "close")
    assert "Ditutup" in _status(officer)
    form = officer.locator(f"form[action$='/act/{record_id}/publish_answer']")
    form.locator("button[data-target='#act-publish_answer']").click()
    officer.wait_for_selector("#act-publish_answer.collapse.in")
    assert "tabel 5.1.2" in form.locator("[name=answer]").input_value()  # the officer's answer, to edit
    form.locator("[name=title]").fill("Luas lahan sawah beririgasi per kecamatan di Kabupaten Kendal")
    with officer.expect_navigation():
        form.locator("#act-publish_answer button[type=submit]").click()
    assert officer.locator("#published").is_visible()
    shot(officer, "06-closed-published")

    # Applicant: the meeting invitation and the rating.
    applicant.reload()
    assert applicant.locator("a.sp-ics").count() == 1
    shot(applicant, "07-applicant-closed")

    # A second applicant finds the answer by another word form and says it answered them.
    second = pages("second")
    browser_login(second, "applicant2")
    second.goto("/knowledge/?q=persawahan&office=3324")
    hit = second.locator(".sp-hit", has_text="Luas lahan sawah beririgasi")
    assert hit.is_visible() and hit.locator("mark").first.inner_text().lower() == "sawah"
    shot(second, "08-second-applicant-finds")
    with second.expect_navigation():
        hit.locator("button.sp-yes").click()
    assert "senang dapat membantu" in second.content()
    assert "menjawab 1 orang" in second.content()

    # Walk-in: the officer logs a consultation from a visit, the guest found by their KTP number.
    officer.goto("/consultations/log/")
    officer.fill("#find-applicant", "3374011203850002")
    with officer.expect_navigation():
        officer.click("#find-guest button[type=submit]")
    assert "Budi Santoso" in officer.locator("#guest-found").inner_text()
    officer.select_option("#channel", "walk_in")
    officer.select_option("#topic", "wilayah")
    officer.fill("#subject", "Peta wilkerstat per desa")
    officer.fill("#question", "Apakah peta per desa Kendal tersedia dalam format SHP?")
    officer.fill("#answer", "Tersedia, dapat dibeli melalui layanan penjualan produk statistik.")
    officer.select_option("#follow_up_service", "sales")
    officer.check("#close")
    shot(officer, "09-walk-in-log")
    with officer.expect_navigation():
        officer.click("#save-log")
    assert "Ditutup" in _status(officer)
    assert "Kunjungan langsung" in officer.locator("#thread").inner_text()
    assert officer.locator("#log-follow-up").input_value() == "sales"  # led to a sale, kept in the log
    shot(officer, "10-walk-in-logged")
