"""A participant opens the event's QR link on a phone after the event has started, picks
Thai, gives feedback and is thanked."""

import os
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from ctip.registration.links import link_token
from ctip.surveys.models import Response

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(os.environ.get("CTIP_SCREENSHOTS", tempfile.gettempdir()))

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]


def _shoot(page, name):
    height = page.evaluate("document.documentElement.scrollHeight")
    for number, top in enumerate(range(0, height, 844)):
        page.screenshot(
            path=str(SCREENSHOTS / f"{name}-{number}.png"),
            full_page=True,
            clip={"x": 0, "y": top, "width": 390, "height": min(844, height - top)},
        )


def test_a_participant_gives_feedback_in_thai_on_a_phone(live_server, event_today):
    from playwright.sync_api import sync_playwright

    url = live_server.url + reverse("register", args=[link_token(event_today)]) + "?lang=en"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        phone = browser.new_context(
            viewport={"width": 390, "height": 844},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            java_script_enabled=False,
        )
        page = phone.new_page()
        page.goto(url)
        page.get_by_role("link", name="ไทย").click()
        page.screenshot(path=str(SCREENSHOTS / "feedback-phone-th-landing.png"))
        page.get_by_role("link", name="ให้ความคิดเห็น").click()
        assert page.locator("html").get_attribute("lang") == "th"
        objectives = page.get_by_role("group", name="กิจกรรมบรรลุวัตถุประสงค์ที่ตั้งไว้")
        objectives.get_by_label("เห็นด้วยอย่างยิ่ง", exact=True).check()
        relevant = page.get_by_role("group", name="เนื้อหาเกี่ยวข้องกับงานของฉัน")
        relevant.get_by_label("เห็นด้วย", exact=True).check()
        page.get_by_label("มีอะไรอื่นที่คุณอยากบอกเราไหม").fill("กรณีศึกษาใกล้เคียงกับงานประจำวันของเรามาก")
        page.get_by_label("อนุญาตให้ยกข้อความของฉันไปอ้างอิงในรายงานของโครงการ").check()
        page.get_by_label("ตามที่ฉันเขียนไว้ด้านล่าง").check()
        page.get_by_label("ต้องการให้เราระบุชื่อคุณว่าอย่างไร").fill("นักสังคมสงเคราะห์ ประเทศไทย")
        _shoot(page, "feedback-phone-th-filled")
        page.get_by_role("button", name="ส่งความคิดเห็น").click()
        page.wait_for_url("**/feedback/thanks/**")
        assert "ขอบคุณสำหรับคำตอบของคุณ" in page.inner_text("body")
        page.screenshot(path=str(SCREENSHOTS / "feedback-phone-th-thanks.png"))
        # Back and send again: still one response.
        page.go_back()
        if page.get_by_role("button", name="ส่งความคิดเห็น").count():
            page.get_by_role("button", name="ส่งความคิดเห็น").click()
            page.wait_for_url("**/feedback/thanks/**")
        browser.close()
    response = Response.objects.get()
    assert response.event == event_today
    assert dict(response.answers.values_list("statement__code", "value")) == {
        "objectives": 5,
        "relevant": 4,
    }
    assert response.free_text == "กรณีศึกษาใกล้เคียงกับงานประจำวันของเรามาก"
    assert response.agreed_to_be_quoted
    assert response.quote_attribution == "นักสังคมสงเคราะห์ ประเทศไทย"
