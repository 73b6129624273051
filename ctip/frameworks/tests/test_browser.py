"""A focal point fills their report on a phone, loses the connection, and keeps the draft."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ctip.conftest import PASSWORD, PHONE
from ctip.frameworks.actions import do_open_round
from ctip.frameworks.models import UnitReport, Value

pytestmark = pytest.mark.browser


def test_a_focal_point_on_a_phone_keeps_the_draft_through_a_lost_connection(
    browser, live_server, partners
):
    round_ = do_open_round(partners.framework, "2024")
    report = UnitReport.objects.get(round=round_, unit__code="PH")
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(live_server.url + reverse("login"))
    page.fill("input[name=username]", "ph-focal")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.get_by_role("link", name="Philippines, 2024").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.fill("#value-1\\.1", "50")
    page.fill("#value-1\\.1--female", "30")
    page.fill("#value-1\\.1--male", "20")
    page.select_option("#value-2\\.3", "yes")
    context.set_offline(True)
    page.get_by_role("button", name="Save draft").click()
    notice = page.locator("#draft-notice")
    notice.wait_for(state="visible")
    assert "kept on this device" in notice.inner_text()
    assert not Value.objects.filter(report=report).exists()

    # the phone is closed; later, back online, the page opens with the draft in it
    page.close()
    context.set_offline(False)
    page = context.new_page()
    page.goto(live_server.url + reverse("framework-report", args=[report.pk]))
    assert page.input_value("#value-1\\.1--female") == "30"
    assert "back in the form" in page.locator("#draft-notice").inner_text()
    page.get_by_role("button", name="Save draft").click()
    page.locator("text=Draft saved.").wait_for()
    assert {
        (v.indicator.code, v.category, v.value) for v in Value.objects.filter(report=report)
    } == {
        ("1.1", "", "50"),
        ("1.1", "female", "30"),
        ("1.1", "male", "20"),
        ("2.3", "", "yes"),
    }
    context.close()
