"""Composing a sales request in a real browser, as an applicant meets it: nothing typed is lost to an
upload or a submit, a refused submit comes back where the missing thing is filled in, and microdata from
the catalogue asks for its variables and area. Screenshots in test-artifacts/compose-*.png."""
from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.sales.models import SalesRequest
from tests.support.sales import PDF
from tests.support.sign_in import browser_login

pytestmark = pytest.mark.browser


def from_catalogue(page, title: str) -> int:
    page.goto("/sales/catalogue?office=3324")
    row = page.locator("tr", has_text=title)
    with page.expect_navigation():
        row.locator("button[type=submit]").click()
    return int(re.search(r"/sales/compose/(\d+)", page.url).group(1))


def stored(app, pk) -> dict:
    """What the database holds of the request now."""
    with app.app_context():
        record = db.session.get(SalesRequest, pk)
        return {"status": record.status, "purpose": record.purpose,
                "lines": [(line.variables, line.area) for line in record.lines]}


def test_text_typed_before_an_upload_or_a_submit_is_kept(app, page, tmp_path, artifacts_dir):
    browser_login(page, "applicant1")
    pk = from_catalogue(page, "Kecamatan Patebon Dalam Angka 2025")
    page.fill("#sp-purpose", "Bahan skripsi tentang penduduk Patebon")  # typed, not saved
    letter = tmp_path / "surat.pdf"
    letter.write_bytes(PDF)
    form = page.locator("form.sp-carries-typed[enctype='multipart/form-data']")
    form.locator("select[name=kind]").select_option("zero_tariff_letter")
    form.locator("input[type=file]").set_input_files(str(letter))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert f"/sales/compose/{pk}" in page.url
    assert page.input_value("#sp-purpose") == "Bahan skripsi tentang penduduk Patebon"
    assert stored(app, pk)["purpose"] == "Bahan skripsi tentang penduduk Patebon"
    page.fill("#sp-purpose", "Bahan skripsi tentang penduduk Kecamatan Patebon")  # changed, submitted at once
    with page.expect_navigation():
        page.click("#sp-submit")
    record = stored(app, pk)
    assert record["status"] == "submitted" and record["purpose"] == "Bahan skripsi tentang penduduk Kecamatan Patebon"
    page.screenshot(path=str(artifacts_dir / "compose-typed-kept.png"), full_page=True)


def test_a_refused_submit_comes_back_to_the_compose_page_with_the_reason(app, page, artifacts_dir):
    browser_login(page, "applicant1")
    pk = from_catalogue(page, "Kecamatan Patebon Dalam Angka 2025")
    with page.expect_navigation():
        page.click("#sp-submit")  # no purpose yet
    assert f"/sales/compose/{pk}" in page.url
    refusal = page.locator("#sp-submit-refusal").inner_text()
    assert "Sebutkan tujuan penggunaan data." in refusal
    assert page.locator("#sp-purpose").is_visible() and page.locator("#sp-submit").is_visible()
    assert stored(app, pk)["status"] == "draft"
    page.screenshot(path=str(artifacts_dir / "compose-refused.png"), full_page=True)


def test_microdata_from_the_catalogue_asks_for_its_variables_and_area(app, page, artifacts_dir):
    browser_login(page, "applicant1")
    title = "Sakernas Agustus 2025 Kabupaten Kendal"
    pk = from_catalogue(page, title)
    assert not stored(app, pk)["lines"]  # nothing added without its parameters
    chosen = page.locator("#sp-product option:checked").inner_text()
    assert title in chosen
    assert page.locator("#sp-variables").is_visible() and page.locator("#sp-area").is_visible()
    page.fill("#sp-variables", "B4K1, B4K5, B5R1")
    page.fill("#sp-area", "Kabupaten Kendal")
    with page.expect_navigation():
        page.locator("#sp-add-line button[type=submit]").click()
    assert stored(app, pk)["lines"] == [("B4K1, B4K5, B5R1", "Kabupaten Kendal")]
    page.screenshot(path=str(artifacts_dir / "compose-microdata.png"), full_page=True)
