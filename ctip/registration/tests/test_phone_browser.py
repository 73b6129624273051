"""A participant opens the QR link on a phone, picks Thai, fills the form and is thanked."""

import os
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from ctip.conftest import PHONE, screenshot
from ctip.people.models import Attendance
from ctip.registration.links import link_token

CHROMIUM = Path("/usr/bin/chromium")
# Screenshots to look at after a run (the brief asks for /tmp); CTIP_SCREENSHOTS overrides.
SCREENSHOTS = Path(os.environ.get("CTIP_SCREENSHOTS", tempfile.gettempdir()))

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]


def test_a_participant_registers_in_thai_on_a_phone(browser, live_server, open_event):
    url = live_server.url + reverse("register", args=[link_token(open_event)]) + "?lang=en"
    phone = browser.new_context(**PHONE)
    page = phone.new_page()
    page.goto(url)
    page.get_by_role("link", name="ไทย").click()
    assert page.locator("html").get_attribute("lang") == "th"
    screenshot(page, path=str(SCREENSHOTS / "registration-phone-th-empty.png"), full_page=True)
    page.get_by_label("ชื่อของคุณ", exact=True).fill("มาลี ใจดี")
    page.get_by_label("ชื่อของคุณเป็นอักษรโรมัน (ตัวอักษรภาษาอังกฤษ)").fill("Malee Jaidee")
    page.get_by_label("หญิง").check()
    page.get_by_label("ประเทศของคุณ").select_option("TH")
    page.get_by_label("หน่วยงาน/องค์กร", exact=True).fill("มูลนิธิเพื่อนหญิง")
    page.get_by_label("ประเภทหน่วยงาน").select_option(label="องค์กรพัฒนาเอกชน/องค์กรภาคประชาสังคม")
    page.get_by_label("ตำแหน่ง").fill("นักสังคมสงเคราะห์")
    page.get_by_text("ช่องทางติดต่อคุณ").click()  # the optional parts open on a tap
    page.get_by_label("อีเมล (ไม่บังคับ)").fill("malee@example.org")
    page.get_by_text("คุณจะบอกเราเกี่ยวกับความยากลำบากในการทำกิจวัตรประจำวันได้ไหม").click()
    page.locator("input[name=wg_seeing][value=some]").check()
    page.get_by_label("ยินยอม เก็บข้อมูลของฉันได้").check()
    height = page.evaluate("document.documentElement.scrollHeight")
    for number, top in enumerate(range(0, height, 844)):
        screenshot(
            page,
            path=str(SCREENSHOTS / f"registration-phone-th-filled-{number}.png"),
            full_page=True,
            clip={"x": 0, "y": top, "width": 390, "height": min(844, height - top)},
        )
    page.get_by_role("button", name="ลงทะเบียน").click()
    page.wait_for_url("**/thanks/**")
    assert "ขอบคุณ คุณลงทะเบียนเรียบร้อยแล้ว" in page.inner_text("body")
    screenshot(page, path=str(SCREENSHOTS / "registration-phone-th-thanks.png"), full_page=True)
    # The back button and a second tap send the same form again: still one attendance.
    page.go_back()
    if page.get_by_role("button", name="ลงทะเบียน").count():
        page.get_by_role("button", name="ลงทะเบียน").click()
        page.wait_for_url("**/thanks/**")
    attendance = Attendance.objects.get(event=open_event)
    assert attendance.person.full_name == "มาลี ใจดี"
    assert attendance.person.romanised_name == "Malee Jaidee"
    assert attendance.person.wg_seeing == "some"
    assert attendance.person.has_disability_wg is False


def test_staff_see_the_qr_code_on_the_event_page_and_a_printable_page(
    browser, live_server, open_event
):

    from ctip.conftest import PASSWORD

    event_url = live_server.url + reverse("event-detail", args=[open_event.pk])
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(live_server.url + reverse("login"))
    page.fill("input[name=username]", "mel")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.goto(event_url)
    qr = page.locator("img.qr")
    qr.wait_for()
    assert page.evaluate("document.querySelector('img.qr').naturalWidth") > 0
    screenshot(page, path=str(SCREENSHOTS / "registration-staff-event.png"), full_page=True)
    page.get_by_role("link", name="Printable page").click()
    assert "Scan to register" in page.inner_text("body")
    assert "สแกนเพื่อลงทะเบียน" in page.inner_text("body")  # the event country's language
    screenshot(page, path=str(SCREENSHOTS / "registration-print.png"), full_page=True)
    link = page.locator(".url").inner_text()
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(link)
    assert phone.locator("form button.submit").count() == 1


def test_on_a_phone_the_form_is_short_and_leads_with_registration(browser, live_server, open_event):
    url = live_server.url + reverse("register", args=[link_token(open_event)]) + "?lang=km"
    page = browser.new_context(**PHONE).new_page()
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == "km"
    # Registration first: the form's first field is on the first screen.
    assert page.locator("#id_full_name").bounding_box()["y"] < 844
    # The optional parts folded away: under three screens (it was five).
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 3 * 844, height
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(page, path=str(SCREENSHOTS / "registration-phone-km.png"), full_page=True)


def test_on_a_phone_a_failed_send_takes_the_reader_to_a_summary_that_links_each_field(
    browser, live_server, open_event
):
    url = live_server.url + reverse("register", args=[link_token(open_event)]) + "?lang=th"
    page = browser.new_context(**PHONE).new_page()
    page.goto(url)
    page.get_by_label("ยินยอม เก็บข้อมูลของฉันได้").check()
    page.get_by_role("button", name="ลงทะเบียน").click()
    page.wait_for_selector("#error-summary")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    summary = page.locator("#error-summary")
    assert "โปรดตรวจสอบคำตอบเหล่านี้" in summary.inner_text()
    assert summary.bounding_box()["y"] < 844  # in view, not below the fold
    summary.get_by_role("link", name="ชื่อของคุณ: กรุณากรอกชื่อของคุณ").click()
    assert page.evaluate("document.activeElement.id") == "id_full_name"
    assert page.locator("#id_full_name").get_attribute("aria-invalid") == "true"
    screenshot(page, path=str(SCREENSHOTS / "registration-phone-th-errors.png"), full_page=True)
    assert not Attendance.objects.filter(event=open_event).exists()
