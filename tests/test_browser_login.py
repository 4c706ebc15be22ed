"""An officer signs in through the login page of a real browser and meets an Indonesian back-office."""
from __future__ import annotations

import pytest

from tests.support.sign_in import browser_login

pytestmark = pytest.mark.browser


def test_officer_signs_in_and_sees_indonesian_menu(page, artifacts_dir):
    page.goto("/login/")
    assert page.locator("input[name=username]").is_visible()
    assert page.locator("input[type=submit], button[type=submit]").first.get_attribute("value") == "Masuk"

    browser_login(page, "officer-3324")
    assert "/login" not in page.url

    navbar = page.locator(".navbar")
    # Menu categories and entries of an officer, in Indonesian.
    for label in ("Administrasi", "Data Referensi", "Layanan", "Bantuan"):
        assert navbar.get_by_text(label, exact=True).first.is_visible(), label
    # Signed in as the officer: their name in the account menu, no login link.
    assert navbar.get_by_text("Dimas Saputra").is_visible()
    assert navbar.get_by_text("Masuk", exact=True).count() == 0
    # Nothing of the admin's.
    for label in ("Keamanan", "Hari Libur", "Jenis Dokumen", "Kotak Keluar Email", "Riwayat Masuk"):
        assert navbar.get_by_text(label, exact=True).count() == 0, label

    navbar.get_by_text("Data Referensi", exact=True).first.click()
    for label in ("Tarif PNBP", "Katalog Produk", "Standar Pelayanan"):
        assert navbar.get_by_role("link", name=label).first.is_visible(), label
    page.screenshot(path=str(artifacts_dir / "login-officer-3324.png"), full_page=True)

    # The catalogue opens from the menu, in Indonesian, with the delete confirmation too.
    navbar.get_by_role("link", name="Katalog Produk").first.click()
    page.wait_for_url("**/productview/list/")
    assert page.get_by_text("Jumlah Data").first.is_visible()
    assert page.locator("#modal-confirm button[data-dismiss=modal]").text_content().strip() == "Batal"
    assert page.locator("#modal-confirm .modal-title").text_content().strip() == "Perlu konfirmasi"
