"""The login form's "Show password" box in headless chromium (ASVS 2.1.12): a static
script, so the page keeps its no-inline-script CSP, and without JavaScript the box stays
hidden and the field a password field."""

import shutil

import pytest

from ctip.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]


def test_show_password_turns_the_field_to_text_and_back(browser, live_server, cast):
    page = browser.new_page()
    refused = []  # what the Content-Security-Policy blocked, if anything
    page.on("console", lambda message: "Refused" in message.text and refused.append(message.text))
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=password]", PASSWORD)
    box = page.locator("[data-show-password] input")
    box.check()
    assert page.get_attribute("input[name=password]", "type") == "text"
    box.uncheck()
    assert page.get_attribute("input[name=password]", "type") == "password"
    assert refused == []


def test_without_javascript_the_box_is_hidden(client):
    page = client.get("/accounts/login/").content.decode()
    assert "data-show-password hidden" in page
    assert 'name="password" type="password"' in page
    assert "<script>" not in page
