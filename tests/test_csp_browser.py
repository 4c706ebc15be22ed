"""The Content-Security-Policy holds in a real browser: every role opens every page of its menu (and a
record of the procedures it works on) and Chromium reports no violation and no script error."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.support.sign_in import browser_login

pytestmark = pytest.mark.browser

ROLES = ["admin", "officer-3324", "treasurer-3324", "head-3324", "complaints-3324", "monitor-3300", "applicant1"]
WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')
                              + ' @' + e.sourceFile + ':' + e.lineNumber);
});
"""
SKIP = ("/logout", "/lang/", "/login")


def menu_links(page) -> list[str]:
    hrefs = page.eval_on_selector_all(".navbar a[href]", "els => els.map(e => e.getAttribute('href'))")
    links = []
    for href in hrefs:
        path = urlparse(href).path if href else ""
        if path.startswith("/") and not path.startswith(SKIP) and path not in links:
            links.append(href)
    return links


def first_record_link(page) -> str | None:
    """The first row's show link of a list page, if any (records render more widgets than lists)."""
    found = page.eval_on_selector_all("table a[href*='/show/']", "els => els.map(e => e.getAttribute('href'))")
    return found[0] if found else None


@pytest.mark.parametrize("username", ROLES)
def test_no_page_of_a_role_violates_the_content_security_policy(page, username):
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text) if msg.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: console.append(f"page error: {exc}"))
    page.add_init_script(WATCH)
    browser_login(page, username)
    visited, problems = [], []
    pages = ["/"] + menu_links(page)
    extra = []
    for href in pages + extra:
        response = page.goto(href)
        page.wait_for_load_state("load")
        visited.append(href)
        assert response is not None and response.status < 500, (href, response and response.status)
        violations = page.evaluate("window.__cspViolations || []")
        csp_console = [text for text in console if "Content Security Policy" in text or "page error" in text]
        if violations or csp_console:
            problems.append((href, violations, csp_console))
        console.clear()
        if len(extra) < 3 and "/list/" in href:
            record = first_record_link(page)
            if record and record not in extra:
                extra.append(record)
    assert len(visited) >= 3, visited
    assert not problems, problems


def test_the_confirmation_before_an_action_still_asks_without_inline_script(page, app):
    """procedure_show used onclick="return confirm(...)"; the CSP forbids it, so a static script asks."""
    from app.extensions import db
    from tests.support.sales import line, new_request

    with app.app_context():
        record = new_request(lines=[line("publication")])
        db.session.commit()
        record_id = record.id
        db.session.remove()
    page.add_init_script(WATCH)
    browser_login(page, "applicant1")
    page.goto(f"/mysalesrequestview/show/{record_id}")
    toggle = page.locator("[data-target='#act-cancel']")
    if toggle.count():
        toggle.click()
    button = page.locator("#act-cancel button[data-confirm], form[action$='/cancel'] button[data-confirm]").first
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    button.click()
    page.wait_for_timeout(300)
    assert asked and f"/show/{record_id}" in page.url  # dismissed: nothing was sent
    with app.app_context():
        from app.sales.models import SalesRequest

        assert db.session.get(SalesRequest, record_id).status == "draft"
        db.session.remove()
    for field in page.locator("#act-cancel textarea, #act-cancel input[type=text]").all():
        field.fill("Tidak jadi")
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        button.click()
    with app.app_context():
        assert db.session.get(SalesRequest, record_id).status == "cancelled"
        db.session.remove()
    assert page.evaluate("window.__cspViolations") == []
