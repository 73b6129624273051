"""The admin site is under the same Content-Security-Policy as every page, the policy
docs/security.md states, and the admin still works under it in a browser."""

import re
import shutil
from pathlib import Path

import pytest
from django.test import Client

from ctip.conftest import PASSWORD

DOCS = Path(__file__).resolve().parents[3] / "docs" / "security.md"
CHROMIUM = "/usr/bin/chromium"


def _documented_policy() -> str:
    row = next(
        line for line in DOCS.read_text().splitlines() if line.startswith("| `Content-Security")
    )
    return re.findall(r"`([^`]+)`", row)[1]


def test_the_admin_site_sends_the_policy_the_docs_state(cast):
    client = Client()
    client.force_login(cast.admin)
    admin = client.get("/admin/")
    assert admin.status_code == 200
    assert admin["Content-Security-Policy"] == _documented_policy()
    assert client.get("/")["Content-Security-Policy"] == _documented_policy()
    assert Client().get("/admin/login/")["Content-Security-Policy"] == _documented_policy()


@pytest.mark.browser
@pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed")
def test_the_admin_site_works_under_the_policy_in_a_browser(browser, live_server, cast):
    page = browser.new_page()
    refused = []  # what the policy blocked, if anything
    page.on("console", lambda message: "Refused" in message.text and refused.append(message.text))
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", cast.admin.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit], input[type=submit]")
    for path in (
        "/admin/",
        "/admin/events/event/",
        f"/admin/events/event/{cast.thai_event.pk}/change/",
        "/admin/organisations/organisation/add/",
        "/admin/people/person/?q=Somchai",
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "Django administration" in page.title() or "administration" in page.content()
    # the admin's own scripts ran: the filter sidebar toggle and the date shortcuts exist
    page.goto(f"{live_server.url}/admin/events/event/{cast.thai_event.pk}/change/")
    assert page.locator(".datetimeshortcuts, .calendarbox, .date-icon").count() > 0
    assert refused == []
