"""One sale in a real browser, every role in its own session: catalogue to rating (SPEC §3.1).

applicant1 composes a microdata request and uploads the abstract; officer-3324 verifies and issues
the invoice; applicant1 downloads it and uploads the signed SPPD; treasurer-3324 confirms the NTPN;
officer-3324 attaches the product and delivers; applicant1 downloads it and rates. Screenshots in
test-artifacts/sales-*.png.
"""
from __future__ import annotations

import re

import pytest

from tests.support.sales import PDF, zip_bytes
from tests.support.sign_in import browser_login

pytestmark = pytest.mark.browser


def session_for(browser, live_server, username):
    context = browser.new_context(base_url=live_server, locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 1366, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    browser_login(page, username)
    return context, page


def act(page, pk, action, fields=None, view="salesrequestview"):
    """Clicks an action of the request page; with fields, opens its form, fills it and sends it."""
    form = page.locator(f'form[action$="/{view}/act/{pk}/{action}"]')
    if fields:
        form.locator(f'button[data-target="#act-{action}"]').click()
        for name, value in fields.items():
            field = form.locator(f'[name="{name}"]')
            if field.evaluate("el => el.tagName") == "SELECT":
                field.select_option(value)
            else:
                field.fill(value)
        with page.expect_navigation():
            form.locator(f"#act-{action} button[type=submit]").click()
    else:
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
    assert page.locator(".alert-danger").count() == 0, page.locator(".alert-danger").all_inner_texts()


def upload(page, pk, kind, path, view):
    form = page.locator(f'form[action$="/{view}/upload/{pk}"]')
    form.locator("select[name=kind]").select_option(kind)
    form.locator("input[type=file]").set_input_files(str(path))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator(".alert-danger").count() == 0, page.locator(".alert-danger").all_inner_texts()


def state_of(page) -> str:
    return page.locator(".sp-badge").first.inner_text()


def test_a_microdata_sale_from_catalogue_to_rating(page, browser, live_server, artifacts_dir, tmp_path):
    shot = lambda p, name: p.screenshot(path=str(artifacts_dir / f"sales-{name}.png"), full_page=True)  # noqa
    abstract, signed, product = tmp_path / "abstraksi.pdf", tmp_path / "sppd-ttd.pdf", tmp_path / "susenas.zip"
    abstract.write_bytes(PDF)
    signed.write_bytes(PDF)
    product.write_bytes(zip_bytes("susenas_kendal.csv", b"R101,R102\n33,24\n"))

    # 1. applicant1 browses the catalogue, starts a microdata request, uploads the abstract, submits.
    browser_login(page, "applicant1")
    page.goto("/sales/catalogue?office=3324&type=microdata")
    assert "Susenas Maret 2025 Kabupaten Kendal" in page.content()
    shot(page, "01-catalogue")
    row = page.locator("tr", has_text="Susenas Maret 2025 Kabupaten Kendal")
    with page.expect_navigation():
        row.locator("button[type=submit]").click()
    pk = int(re.search(r"/sales/compose/(\d+)", page.url).group(1))
    # Microdata needs its variables and area: the compose page asks for them before adding the line.
    page.fill("#sp-variables", "R101, R102, R407")
    page.fill("#sp-area", "Kabupaten Kendal")
    with page.expect_navigation():
        page.locator("#sp-add-line button[type=submit]").click()
    page.fill("#sp-purpose", "Skripsi: kemiskinan di Kabupaten Kendal")
    with page.expect_navigation():
        page.locator('form[action$="/details"] button[type=submit]').click()
    upload(page, pk, "abstract", abstract, "mysalesrequestview")
    assert page.url.endswith(f"/mysalesrequestview/show/{pk}") or "/sales/compose/" in page.url
    page.goto(f"/sales/compose/{pk}")
    shot(page, "02-compose")
    with page.expect_navigation():
        page.click("#sp-submit")
    assert f"/mysalesrequestview/show/{pk}" in page.url
    shot(page, "03-submitted")

    # 2. officer-3324 finds it in the worklist, verifies it and issues the invoice.
    officer_ctx, officer = session_for(browser, live_server, "officer-3324")
    officer.goto("/salesrequestview/list/")
    officer.select_option("#sp-state", "submitted")
    with officer.expect_navigation():
        officer.locator("form.sp-filters button[type=submit]").click()
    if f"PJ-{pk:06d}" not in officer.content():  # other tests' requests may fill the first page
        officer.goto("/salesrequestview/list/?state=submitted&psize_SalesRequestView=100")
    assert f"PJ-{pk:06d}" in officer.content()
    shot(officer, "04-worklist")
    officer.goto(f"/salesrequestview/show/{pk}")
    act(officer, pk, "verify")
    act(officer, pk, "issue_invoice", {"billing_code": "820261234567890", "valid_days": "7"})
    assert "820261234567890" in officer.content()
    shot(officer, "05-invoiced")

    # 3. applicant1 downloads the invoice and uploads the signed SPPD.
    page.goto(f"/mysalesrequestview/show/{pk}")
    assert "820261234567890" in page.locator(".sp-expect").inner_text()
    with page.expect_download() as download:
        page.locator("a", has_text=re.compile(r"^invoice-")).first.click()
    assert download.value.suggested_filename.startswith("invoice-")
    assert download.value.path().read_bytes().startswith(b"%PDF")
    upload(page, pk, "sppd_signed", signed, "mysalesrequestview")
    shot(page, "06-sppd-uploaded")

    # 4. treasurer-3324 confirms the billing-code payment by its NTPN; the receipt is issued.
    treasurer_ctx, treasurer = session_for(browser, live_server, "treasurer-3324")
    treasurer.goto("/salespaymentsview/list/?psize_SalesPaymentsView=100")
    assert f"PJ-{pk:06d}" in treasurer.content()
    treasurer.goto(f"/salespaymentsview/show/{pk}")
    act(treasurer, pk, "confirm_payment", {"method": "billing", "ntpn": "A1B2C3D4E5F6G7H8"},
        view="salespaymentsview")
    assert "A1B2C3D4E5F6G7H8" in treasurer.content() and "KW/3324/" in treasurer.content()
    shot(treasurer, "07-paid")

    # 5. officer-3324 attaches the product file and delivers.
    officer.goto(f"/salesrequestview/show/{pk}")
    upload(officer, pk, "product", product, "salesrequestview")
    act(officer, pk, "deliver")  # a softcopy: nothing to ask about printed copies
    shot(officer, "08-delivered")

    # 6. applicant1 downloads the product and rates the service on the nine elements.
    page.goto(f"/mysalesrequestview/show/{pk}")
    with page.expect_download() as download:
        page.locator("a", has_text="susenas.zip").first.click()
    assert download.value.path().read_bytes().startswith(b"PK")
    form = page.locator(f'form[action$="/mysalesrequestview/act/{pk}/rate"]')
    form.locator('button[data-target="#act-rate"]').click()
    for radio in form.locator('input[type=radio][value="4"]').all():
        radio.check()
    form.locator('[name="comment"]').fill("Pelayanan cepat dan jelas")
    with page.expect_navigation():
        form.locator("#act-rate button[type=submit]").click()
    assert page.locator(".alert-danger").count() == 0
    shot(page, "09-completed")
    expected = page.locator(".sp-expect").inner_text()
    assert "Thank you" in expected or "Terima kasih" in expected
    officer_ctx.close()
    treasurer_ctx.close()
