"""The dashboard as a person sees it, in headless chromium."""

import shutil

import pytest

from ctip.conftest import PASSWORD, screenshot

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]


def test_a_mel_officer_logs_in_and_reads_the_dashboard(browser, live_server, cast, tmp_path):
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    page.goto(f"{live_server.url}/?period=FY2024-25")
    page.fill("input[name=username]", "mel")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=events]")
    assert page.text_content("[data-testid=events]") == "2"
    assert page.text_content("[data-testid=participants]") == "2"
    assert page.text_content("[data-testid=women]") == "50%"
    rows = page.locator("table.numbers tbody tr").all_inner_texts()
    assert [row.split("\t")[0] for row in rows] == ["Cambodia", "Thailand"]
    screenshot(page, path=str(tmp_path / "dashboard.png"), full_page=True)


def test_a_viewer_in_the_browser_sees_no_names_on_an_event(browser, live_server, cast):
    page = browser.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "viewer")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/events/{cast.thai_event.pk}/")
    body = page.text_content("main")
    assert "Training on victim identification" in body
    assert "Somchai" not in body and "สมชาย" not in body
