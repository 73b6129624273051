"""The review queue in headless chromium: the a key accepts a pair (static script, no
inline script), and the page holds no inline script for the CSP to block."""

import shutil

import pytest

from ctip.conftest import PASSWORD, screenshot
from ctip.linkage.models import CandidatePair
from ctip.people.actions import do_create_person, do_record_attendance

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]


def test_the_a_key_accepts_the_pair_on_screen(browser, live_server, cast, tmp_path):
    somchay = do_create_person(
        cast.program, full_name="Somchay Srisook", sex="male", country_code="TH",
        consent_given=True,
    )  # fmt: skip
    do_record_attendance(cast.thai_event, somchay)
    pair = CandidatePair.objects.create(
        program=cast.program,
        person_a=cast.somchai,
        person_b=somchay,
        match_probability=0.55,
        match_weight=0.3,
        evidence=[{"comparison": "name", "level": "same name as spoken", "weight": 9.1}],
    )
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )  # noqa: E501
    page.goto(f"{live_server.url}/accounts/login/?next=/linkage/review/")
    page.fill("input[name=username]", "mel")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#accept")
    screenshot(page, path=str(tmp_path / "review.png"), full_page=True)
    page.keyboard.press("a")
    page.wait_for_selector("text=Nothing to review")
    pair.refresh_from_db()
    assert pair.status == CandidatePair.Status.ACCEPTED
    assert not [error for error in errors if "Content Security Policy" in error]
