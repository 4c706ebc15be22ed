"""The dashboards in a real browser: the head clicks from a figure into its list, the monitor compares
regencies, the charts draw from the vendored library with nothing loaded from outside.
Screenshots in test-artifacts/reports-*.png."""
from __future__ import annotations

import pytest

from tests.support.sales import drive, line, new_request
from tests.support.sign_in import browser_login

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def some_work(app):
    with app.app_context():
        for target in ("completed", "paid", "submitted"):
            drive(new_request(lines=[line("publication")]), target)


def open_as(browser, live_server, username):
    context = browser.new_context(base_url=live_server, locale="id-ID", timezone_id="Asia/Jakarta",
                                  viewport={"width": 1366, "height": 900})
    context.set_default_timeout(10_000)
    outside = []
    context.on("request", lambda request: outside.append(request.url)
               if not request.url.startswith(live_server) else None)
    page = context.new_page()
    browser_login(page, username)
    return context, page, outside


def test_head_clicks_from_a_figure_into_its_list(browser, live_server, artifacts_dir, some_work):
    context, page, outside = open_as(browser, live_server, "head-3324")
    try:
        page.goto("/reports/dashboard/")
        page.wait_for_function("window.Chart && Object.keys(Chart.instances).length > 0")
        assert page.evaluate("Object.keys(Chart.instances).length") == page.locator("canvas.sp-chart").count()
        page.screenshot(path=str(artifacts_dir / "reports-head-dashboard.png"), full_page=True)
        links = page.locator("#figure-volumes tbody a")
        figure = next(links.nth(i) for i in range(links.count()) if links.nth(i).inner_text() != "0")
        count = int(figure.inner_text().replace(".", ""))
        with page.expect_navigation():
            figure.click()
        assert "/salesrequestview/list/" in page.url
        assert "Disaring" in page.locator(".sp-active-filters").inner_text()
        rows = page.locator("table.table tbody tr")
        if count <= 25:  # one page: the rows themselves
            assert rows.count() == count
        else:
            assert f"Jumlah Data: {count}" in " ".join(page.locator("body").inner_text().split())
        page.screenshot(path=str(artifacts_dir / "reports-head-drilldown.png"), full_page=True)
        assert outside == []
    finally:
        context.close()


def test_monitor_compares_the_regencies_of_the_province(browser, live_server, artifacts_dir, some_work):
    context, page, outside = open_as(browser, live_server, "monitor-3300")
    try:
        page.goto("/reports/dashboard/")
        rows = page.locator("#figure-offices tbody tr")
        assert rows.count() == 2
        assert "3324" in rows.nth(1).inner_text()
        page.screenshot(path=str(artifacts_dir / "reports-monitor-dashboard.png"), full_page=True)
        with page.expect_navigation():
            rows.nth(1).locator("a").first.click()
        assert "office=3324" in page.url
        assert "3324" in page.locator("h2 small").inner_text()
        assert outside == []
    finally:
        context.close()
