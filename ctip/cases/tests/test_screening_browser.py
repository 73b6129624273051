"""A case worker fills the screening form on a phone, loses the connection, and keeps the
answers; back online, they are saved and leave the phone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ctip.cases.models import Case, Stage
from ctip.conftest import PASSWORD, PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, databases=["default", "cases"]),
]


def test_a_case_worker_on_a_phone_keeps_the_screening_through_a_lost_connection(
    browser, live_server, agencies
):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(live_server.url + reverse("login"))
    page.fill("input[name=username]", "worker")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.goto(live_server.url + reverse("case-screening", args=[agencies.case.pk]))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.fill("#id_date", "2026-10-02")
    page.fill("#id_deciding_organisation", "Mae Sot screening team")
    page.check("input[name=wgss_walking][value='3']")
    page.check("input[name=type_of_exploitation][value='ForcedLabour']")
    page.select_option("#id_outcome", "proceed")
    context.set_offline(True)
    page.get_by_role("button", name="Save the screening").click()
    notice = page.locator("#draft-notice")
    notice.wait_for(state="visible")
    assert "kept on this phone" in notice.inner_text()
    assert Case.objects.get(pk=agencies.case.pk).current_stage == Stage.FRONTLINE_RESPONSE
    stored = page.evaluate("JSON.stringify(localStorage)")
    assert "Somsri" not in stored and "wgss_walking=3" in stored

    page.close()
    context.set_offline(False)
    page = context.new_page()
    page.goto(live_server.url + reverse("case-screening", args=[agencies.case.pk]))
    assert page.is_checked("input[name=wgss_walking][value='3']")
    assert "back in the form" in page.locator("#draft-notice").inner_text()
    page.get_by_role("button", name="Save the screening").click()
    page.wait_for_url("**" + reverse("case-detail", args=[agencies.case.pk]))
    case = Case.objects.get(pk=agencies.case.pk)
    assert case.current_stage == Stage.SCREENING and case.has_disability is True
    assert page.evaluate("localStorage.length") == 0
    context.close()
