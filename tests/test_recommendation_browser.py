"""The recommendation journey in Chromium: the applicant searches the register and submits, the officer
returns it, the applicant fixes it, the officer verifies and drafts, the head asks for a revision, the
officer redrafts, the head signs in three clicks from the inbox, the officer sends, the applicant
downloads; /verify shows the letter valid and a tampered copy fails."""
from __future__ import annotations

import re

import pytest

from tests.support.settings import PASSWORD

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n% questionnaire\n"


def _page(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 1366, "height": 900})
    context.set_default_timeout(10_000)
    return context.new_page()


def _login(page, username):
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit], button[type=submit]")


def _act(page, record_id, action, **fields):
    """Takes a procedure action from the record page: open its panel, fill its fields, submit."""
    form = page.locator(f"form[action$='/act/{record_id}/{action}']")
    if fields:
        form.locator(f"button[data-target='#act-{action}']").click()
        page.wait_for_selector(f"#act-{action}.collapse.in")  # Bootstrap has finished opening the panel
        for name, value in fields.items():
            form.locator(f"[name={name}]").fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def _status(page) -> str:
    return page.locator(".sp-badge").first.inner_text()


def _upload(page, kind, path):
    form = page.locator("form[action*='/upload/']")
    form.locator("select[name=kind]").select_option(kind)
    form.locator("input[type=file]").set_input_files(str(path))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()




@pytest.fixture()
def pages(browser, live_server, artifacts_dir, request):
    """Extra pages, one browser context (own cookies) each; screenshots of all of them if the test fails."""
    opened = {}

    def open_page(name):
        opened[name] = _page(browser, live_server)
        return opened[name]

    yield open_page
    report = getattr(request.node, "rep_call", None)
    for name, extra in opened.items():
        if report is not None and report.failed:
            try:
                extra.screenshot(path=str(artifacts_dir / f"FAILED-recommendation-{name}.png"), full_page=True)
            except Exception:  # the page may be gone; the test's own error matters more
                pass
        extra.context.close()


def test_recommendation_journey(page, pages, artifacts_dir, tmp_path):
    def shot(p, name):
        p.screenshot(path=str(artifacts_dir / f"recommendation-{name}.png"), full_page=True)

    for kind in ("questionnaire", "cover_letter"):
        (tmp_path / f"{kind}.pdf").write_bytes(PDF)

    # Applicant: the public register first, then the form; save, upload, submit.
    applicant = page
    _login(applicant, "applicant1")
    applicant.goto("/myrecommendationview/add")
    applicant.fill("#register-search input[name=q]", "survei kendal")
    with applicant.expect_navigation():
        applicant.click("#register-search button[type=submit]")
    assert applicant.locator("#register-results").is_visible()
    shot(applicant, "01-register-first")
    with applicant.expect_navigation():
        applicant.click("#continue-to-form")
    applicant.select_option("#office", "3324")
    values = {
        "title": "Survei Pola Konsumsi Rumah Tangga Kendal 2026", "organiser": "Bappeda Kabupaten Kendal",
        "objective": "Memetakan pola konsumsi rumah tangga untuk perencanaan daerah.",
        "population": "Rumah tangga di Kabupaten Kendal", "sample_size": "800",
        "method": "Sampel dua tahap", "variables": "Pengeluaran makanan dan bukan makanan",
        "area": "Kabupaten Kendal", "start_date": "2026-09-01", "end_date": "2026-10-31",
        "funding": "APBD Kabupaten Kendal 2026", "contact_name": "Rina Marlina",
        "contact_email": "rina.marlina@example.org",
    }
    for name, value in values.items():
        applicant.fill(f"#{name}", value)
    applicant.select_option("#activity_type", "survey")
    shot(applicant, "02-form")
    with applicant.expect_navigation():
        applicant.click("#save-form")
    record_id = int(re.search(r"/show/(\d+)", applicant.url).group(1))
    _upload(applicant, "questionnaire", tmp_path / "questionnaire.pdf")
    _upload(applicant, "cover_letter", tmp_path / "cover_letter.pdf")
    _act(applicant, record_id, "submit")
    shot(applicant, "03-submitted")

    # Officer: the worklist, the record, return with a note.
    officer = pages("officer")
    _login(officer, "officer-3324")
    officer.goto("/recommendationview/list/?_flt_2_title=Pola+Konsumsi")  # the worklist, searched by title
    with officer.expect_navigation():
        officer.click(f"a[href$='/recommendationview/show/{record_id}']")
    _act(officer, record_id, "return", note="Jelaskan rancangan sampel dua tahap: unit dan jumlah per tahap.")

    # Applicant: sees the note, fixes the form, resubmits.
    applicant.reload()
    assert "rancangan sampel dua tahap" in applicant.locator("#returned-note").inner_text()
    shot(applicant, "04-returned")
    with applicant.expect_navigation():
        applicant.click("#edit-form")
    applicant.fill("#method", "Dua tahap: 40 blok sensus (PPS), lalu 20 rumah tangga per blok (sistematis)")
    with applicant.expect_navigation():
        applicant.click("#save-form")
    _act(applicant, record_id, "submit")

    # Officer: verifies, drafts the letter from the office template.
    officer.reload()
    _act(officer, record_id, "verify")
    form = officer.locator(f"form[action$='/act/{record_id}/draft_letter']")
    form.locator("button[data-target='#act-draft_letter']").click()
    officer.wait_for_selector("#act-draft_letter.collapse.in")
    assert "Survei Pola Konsumsi" in form.locator("[name=considerations]").input_value()  # prefilled
    shot(officer, "05-draft-letter")
    with officer.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "Survei Pola Konsumsi" in officer.locator("#letter-preview").inner_text()

    # Head: the inbox, the preview, a revision request.
    head = pages("head")
    _login(head, "head-3324")
    head.goto("/?service=recommendation")
    with head.expect_navigation():
        head.click(f"#inbox a[href$='/recommendationview/show/{record_id}']")
    _act(head, record_id, "request_revision", note="Tambahkan saran penggunaan KBLI terbaru.")

    # Officer: redrafts with the head's note in view.
    officer.reload()
    assert "KBLI" in officer.locator("#revision-note").inner_text()
    _act(officer, record_id, "draft_letter",
         suggestions="1. Gunakan klasifikasi baku (KBLI 2020).\n2. Sampaikan metadata kegiatan kepada BPS.")

    # Head: signs in three clicks from the inbox — open, sign, confirm.
    head.goto("/?service=recommendation")
    shot(head, "06-inbox")
    clicks = 0
    with head.expect_navigation():
        head.click(f"#inbox a[href$='/recommendationview/show/{record_id}']")
    clicks += 1
    assert "KBLI 2020" in head.locator("#letter-preview").inner_text()
    preview = head.request.get(head.locator("#preview-pdf").get_attribute("href"))
    assert preview.ok and preview.headers["content-type"] == "application/pdf" and preview.body().startswith(b"%PDF-")
    shot(head, "07-preview")
    head.once("dialog", lambda dialog: dialog.accept())
    with head.expect_navigation():
        head.locator(f"form[action$='/act/{record_id}/sign'] button[type=submit]").click()
    clicks += 2  # the sign button and the confirmation
    assert clicks <= 3
    signed = head.locator("#signed-letter").inner_text()
    number = re.search(r"B-\d{3}/33240/HM\.310/\d{4}", signed).group(0)
    shot(head, "08-signed")

    # Officer sends it; the applicant downloads the letter.
    officer.reload()
    _act(officer, record_id, "send")
    applicant.reload()
    with applicant.expect_download() as download_info:
        applicant.click("#download-letter")
    letter = tmp_path / "letter.pdf"
    download_info.value.save_as(str(letter))
    assert letter.read_bytes().startswith(b"%PDF-")
    (artifacts_dir / "recommendation-letter.pdf").write_bytes(letter.read_bytes())
    shot(applicant, "09-applicant-letter")

    # Anyone: /verify shows the letter valid; the downloaded copy matches, a tampered one does not.
    verify_url = applicant.locator("#signed-letter a[href*='/verify/']").get_attribute("href")
    public = pages("public")
    public.goto(verify_url)
    assert public.locator(".alert-success").first.is_visible() and number in public.content()
    public.set_input_files("input[name=file]", str(letter))
    with public.expect_navigation():
        public.click("form button[type=submit]")
    assert public.locator(".alert-success").count() == 2
    shot(public, "10-verify-identical")
    tampered = bytearray(letter.read_bytes())
    tampered[len(tampered) // 2] ^= 0x01
    (tmp_path / "tampered.pdf").write_bytes(bytes(tampered))
    public.set_input_files("input[name=file]", str(tmp_path / "tampered.pdf"))
    with public.expect_navigation():
        public.click("form button[type=submit]")
    assert public.locator(".alert-danger").is_visible()
    shot(public, "11-verify-tampered")

    # The public register finds the sent activity, without its contact.
    public.goto("/public/recommendations?q=pola+konsumsi")
    register = public.locator("#register-results").inner_text()
    assert "Survei Pola Konsumsi Rumah Tangga Kendal 2026" in register and number in register
    assert "rina.marlina@example.org" not in public.content() and "Rina Marlina" not in public.content()
    shot(public, "12-public-register")
