"""The complaint journey in Chromium: someone files a complaint anonymously on the office's public page, keeps
the code, and follows it on the tracking page while the complaint handler triages, answers and closes it; a
handler records a LAPOR! complaint received before a holiday and sees its due date counted across it."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.support.complaints import holiday_span
from tests.support.sign_in import browser_login

pytestmark = pytest.mark.browser


@pytest.fixture()
def staff_page(browser, live_server, artifacts_dir, request):
    context = browser.new_context(base_url=live_server, locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 1366, "height": 900})
    context.set_default_timeout(10_000)
    staff = context.new_page()
    yield staff
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        staff.screenshot(path=str(artifacts_dir / "FAILED-complaints-staff.png"), full_page=True)
    context.close()


def _act(page, record_id, action, **fields):
    form = page.locator(f"form[action$='/act/{record_id}/{action}']")
    if fields:
        form.locator(f"button[data-target='#act-{action}']").click()
        page.wait_for_selector(f"#act-{action}.collapse.in")
        for name, value in fields.items():
            form.locator(f"[name={name}]").fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_anonymous_complaint_tracked_while_the_handler_triages_answers_and_closes(page, staff_page, app,
                                                                                  artifacts_dir, monkeypatch):
    def shot(p, name):
        p.screenshot(path=str(artifacts_dir / f"complaints-{name}.png"), full_page=True)

    monkeypatch.setitem(app.config, "SATUPINTU_COMPLAINT_MIN_FILL_SECONDS", 1)
    public = page
    public.goto("/complaints/")
    shot(public, "01-public-index")
    with public.expect_navigation():
        public.click("a[href='/complaints/3324/new']")
    public.fill("#body", "Saya menunggu 2 jam di ruang PST tanpa dipanggil, padahal antrean kosong.")
    public.fill("#about", "")
    shot(public, "02-public-form")
    public.wait_for_timeout(1100)  # a person takes longer than the minimum fill time
    with public.expect_navigation():
        public.click("#complaint-form button[type=submit]")
    code = public.locator("#tracking-code").inner_text()
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}", code)
    shot(public, "03-public-filed")
    with public.expect_navigation():
        public.click("#track-link")
    assert public.locator("#complaint-state").inner_text() == "Diterima"
    assert public.locator("#complaint-due").is_visible()
    shot(public, "04-track-received")

    # The handler finds it at the top of the worklist (due soonest among new ones) and triages it.
    browser_login(staff_page, "complaints-3324")
    staff_page.goto("/complaintview/list/")
    shot(staff_page, "05-worklist")
    from app.complaints import service

    with app.app_context():
        complaint_id = service.by_code(code).id
    staff_page.goto(f"/complaintview/show/{complaint_id}")
    assert "(anonim)" in staff_page.content()
    shot(staff_page, "06-record-received")
    _act(staff_page, complaint_id, "triage")
    public.reload()
    assert public.locator("#complaint-state").inner_text() == "Sedang ditelaah"

    _act(staff_page, complaint_id, "answer",
         message="Mohon maaf. Pemanggilan antrean sempat terhenti; kini petugas memeriksa layar setiap 15 menit.")
    shot(staff_page, "07-record-answered")
    public.reload()
    assert public.locator("#complaint-state").inner_text() == "Dijawab"
    assert "setiap 15 menit" in public.locator("#complaint-answer").inner_text()
    assert public.locator("#complaint-reopen").is_visible()
    shot(public, "08-track-answered")

    _act(staff_page, complaint_id, "close")
    public.reload()
    assert public.locator("#complaint-state").inner_text() == "Ditutup"
    shot(public, "09-track-closed")


def test_a_lapor_complaint_recorded_by_staff_is_due_across_the_holiday(staff_page, artifacts_dir):
    received, holiday, due = holiday_span()
    browser_login(staff_page, "complaints-3324")
    staff_page.goto("/complaintview/record")
    staff_page.select_option("#channel", "lapor")
    staff_page.fill("#lapor_id", "LPR-BROWSER-0001")
    staff_page.fill("#received_at", received.isoformat())
    staff_page.fill("#body", "Diteruskan dari LAPOR!: data kemiskinan kecamatan belum dikirim.")
    staff_page.screenshot(path=str(artifacts_dir / "complaints-10-record-form.png"), full_page=True)
    with staff_page.expect_navigation():
        staff_page.click("#record-complaint button[type=submit]")
    assert "Kode pelacakan" in staff_page.content()
    badge = staff_page.locator(".sp-badge").nth(1).inner_text()
    assert due.strftime("%d-%m-%Y") in badge and "terlambat" in badge
    assert (holiday - timedelta(days=1)) == received
    staff_page.screenshot(path=str(artifacts_dir / "complaints-11-lapor-recorded.png"), full_page=True)
    # Recorded twice: refused with a message, what was typed stays.
    staff_page.goto("/complaintview/record")
    staff_page.select_option("#channel", "lapor")
    staff_page.fill("#lapor_id", "LPR-BROWSER-0001")
    staff_page.fill("#received_at", received.isoformat())
    staff_page.fill("#body", "Tiket yang sama.")
    with staff_page.expect_navigation():
        staff_page.click("#record-complaint button[type=submit]")
    assert "sudah tercatat" in staff_page.content()
    assert staff_page.input_value("#body") == "Tiket yang sama."


def test_the_head_and_the_public_read_the_satisfaction_index(page, staff_page, artifacts_dir):
    page.goto("/public/satisfaction/3324")
    assert page.locator("#ikm-index").inner_text() != "–"
    page.screenshot(path=str(artifacts_dir / "satisfaction-01-public.png"), full_page=True)
    browser_login(staff_page, "monitor-3300")
    staff_page.goto("/satisfaction/report/?office=3300")
    assert "Gabungan 2 kantor" in staff_page.content()
    staff_page.screenshot(path=str(artifacts_dir / "satisfaction-02-monitor.png"), full_page=True)
    with staff_page.expect_download() as download:
        staff_page.click("#export-xlsx")
    assert download.value.suggested_filename.startswith("ikm-3300-")


def test_the_head_finds_an_overdue_complaint_on_the_home_page_and_escalates_it(staff_page, app, artifacts_dir):
    from app.complaints.models import Complaint
    from app.complaints.service import record_by_staff
    from app.extensions import appbuilder, db

    received, _holiday, _due = holiday_span()
    with app.app_context():
        complaint = record_by_staff({"channel": "box", "received_at": received.isoformat(),
                                     "body": "Kotak saran: ruang laktasi dikunci sepanjang hari."},
                                    appbuilder.sm.find_user(username="complaints-3324"))
        complaint_id, label = complaint.id, complaint.label
        db.session.remove()
    browser_login(staff_page, "head-3324")
    staff_page.goto("/?service=complaints")
    row = staff_page.locator("tr", has_text=label)
    assert "Eskalasi" in row.inner_text()
    staff_page.screenshot(path=str(artifacts_dir / "complaints-12-head-inbox.png"), full_page=True)
    with staff_page.expect_navigation():
        row.locator("a.btn").first.click()
    _act(staff_page, complaint_id, "escalate", note="Buka ruang laktasi hari ini dan laporkan kepada saya.")
    assert "Status sekarang" in staff_page.content()  # the flash says what was done
    staff_page.screenshot(path=str(artifacts_dir / "complaints-13-head-escalated.png"), full_page=True)
    with app.app_context():
        assert db.session.get(Complaint, complaint_id).status == "received"
