"""An officer signs in through the login page of a real browser and meets an Indonesian back-office."""
from __future__ import annotations

import pytest

from tests.conftest import browser_login

pytestmark = pytest.mark.browser


def test_officer_signs_in_and_sees_indonesian_menu(page, artifacts_dir):
    page.goto("/login/")
    assert page.locator("input[name=username]").is_visible()
    assert "Masuk" in page.content()

    browser_login(page, "officer-3324")

    navbar = page.locator(".navbar")
    # Menu categories and entries of an officer, in Indonesian.
    for label in ("Administrasi", "Data Referensi", "Layanan", "Bantuan"):
        assert navbar.get_by_text(label, exact=True).first.is_visible(), label
    page.locator(".navbar").get_by_text("Data Referensi", exact=True).first.click()
    for label in ("Tarif PNBP", "Katalog Produk", "Standar Pelayanan"):
        assert navbar.get_by_role("link", name=label).first.is_visible(), label
    # Nothing of the admin's.
    for label in ("Keamanan", "Hari Libur", "Kotak Keluar Email", "Riwayat Masuk"):
        assert navbar.get_by_text(label, exact=True).count() == 0, label
    # Still signed in as the officer: the account menu, no login link.
    assert navbar.get_by_text("Masuk", exact=True).count() == 0
    page.screenshot(path=str(artifacts_dir / "login-officer-3324.png"), full_page=True)
