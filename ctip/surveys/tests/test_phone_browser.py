"""A participant opens the event's QR link on a phone after the event has started, picks
Thai, gives feedback and is thanked."""

import os
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from ctip.conftest import PHONE, screenshot
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
        screenshot(
            page,
            path=str(SCREENSHOTS / f"{name}-{number}.png"),
            full_page=True,
            clip={"x": 0, "y": top, "width": 390, "height": min(844, height - top)},
        )


def test_a_participant_gives_feedback_in_thai_on_a_phone(browser, live_server, event_today):
    url = live_server.url + reverse("register", args=[link_token(event_today)]) + "?lang=en"
    phone = browser.new_context(**PHONE, java_script_enabled=False)
    page = phone.new_page()
    page.goto(url)
    page.get_by_role("link", name="ไทย").click()
    screenshot(page, path=str(SCREENSHOTS / "feedback-phone-th-landing.png"))
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
    screenshot(page, path=str(SCREENSHOTS / "feedback-phone-th-thanks.png"))
    # Back and send again: still one response.
    page.go_back()
    if page.get_by_role("button", name="ส่งความคิดเห็น").count():
        page.get_by_role("button", name="ส่งความคิดเห็น").click()
        page.wait_for_url("**/feedback/thanks/**")
    response = Response.objects.get()
    assert response.event == event_today
    assert dict(response.answers.values_list("statement__code", "value")) == {
        "objectives": 5,
        "relevant": 4,
    }
    assert response.free_text == "กรณีศึกษาใกล้เคียงกับงานประจำวันของเรามาก"
    assert response.agreed_to_be_quoted
    assert response.quote_attribution == "นักสังคมสงเคราะห์ ประเทศไทย"


def test_a_partner_answers_the_partner_survey_in_vietnamese_on_a_phone(
    browser, live_server, statements
):
    import datetime as dt

    from django.utils import timezone

    from ctip.surveys.actions import do_create_survey_link
    from ctip.surveys.links import survey_link_token

    link = do_create_survey_link(
        statements.program,
        period_label="FY2024-25",
        closes_on=timezone.localdate() + dt.timedelta(days=7),
    )
    url = live_server.url + reverse("partner-survey", args=[survey_link_token(link)])
    phone = browser.new_context(**PHONE, java_script_enabled=False)
    page = phone.new_page()
    page.goto(url)
    page.get_by_role("link", name="Tiếng Việt").click()
    page.get_by_label("Tổ chức của bạn").fill("Cục Phòng chống tệ nạn xã hội")
    page.get_by_label("Quốc gia").select_option("VN")
    priorities = page.get_by_role(
        "group", name="Hỗ trợ của chương trình đáp ứng các ưu tiên của tổ chức chúng tôi"
    )
    priorities.get_by_label("Hoàn toàn đồng ý", exact=True).check()
    page.get_by_label("Một ví dụ về sự thay đổi").fill(
        "Chúng tôi đã áp dụng quy trình sàng lọc mới."
    )
    _shoot(page, "partner-phone-vi-filled")
    page.get_by_role("button", name="Gửi câu trả lời").click()
    page.wait_for_url("**/thanks/**")
    assert "Cảm ơn câu trả lời của bạn." in page.inner_text("body")
    response = Response.objects.get()
    assert (response.kind, response.respondent_country_id) == ("partner", "VN")
    assert response.respondent_organisation == "Cục Phòng chống tệ nạn xã hội"
    assert dict(response.answers.values_list("statement__code", "value")) == {"priorities": 5}
    assert not response.agreed_to_be_quoted


def test_a_mel_officer_reads_the_survey_page(browser, live_server, statements):
    from ctip.conftest import PASSWORD
    from ctip.surveys.actions import do_record_response

    event = statements.thai_event
    for key, value in enumerate([5, 4, 4, 2]):
        do_record_response(
            statements.program,
            kind="feedback",
            event=event,
            answered_on=event.start_date,
            answers={"objectives": value, "relevant": 5},
            free_text="I now know which questions to ask first." if key == 0 else "",
            agreed_to_be_quoted=key == 0,
            quote_attribution="Police officer, Thailand" if key == 0 else "",
            source_key=f"k{key}",
        )
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(live_server.url + reverse("login"))
    page.fill("input[name=username]", "mel")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    # the page opens on the fiscal year in progress; the event was in an earlier one
    period = statements.program.fiscal_year_of(event.start_date).label
    page.goto(live_server.url + reverse("survey-index") + f"?period={period}")
    assert "75%" in page.inner_text("[data-testid=feedback-results]")
    assert "I now know which questions to ask first." in page.inner_text("[data-testid=quotes]")
    screenshot(page, path=str(SCREENSHOTS / "surveys-staff-page.png"), full_page=True)
