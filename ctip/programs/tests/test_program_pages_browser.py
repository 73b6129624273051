"""The program pages in headless chromium: an administrator adds an outcome and rewords it."""

import shutil

import pytest

from ctip.conftest import PASSWORD, screenshot
from ctip.programs.models import Outcome

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]


def test_an_administrator_adds_and_rewords_an_outcome_in_the_browser(
    browser, live_server, cast, tmp_path
):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/?next=/program/outcomes/%3Fprogram%3Dtest")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=entries]")
    page.select_option("select[name=level]", "goal")
    page.fill("input[name=number]", "1")
    page.fill("textarea[name=title]", "Justice for victims")
    page.click("form.stacked button[type=submit]")
    page.wait_for_selector("text=goal 1 created")
    page.click("text=Edit")
    page.fill("textarea[name=title]", "Justice for every victim")
    page.fill("input[name=since]", "2025-07-01")
    page.click("form.stacked button[type=submit]")
    page.wait_for_selector("text=goal 1 reworded from 2025-07-01")
    screenshot(page, path=str(tmp_path / "outcomes.png"), full_page=True)
    goal = Outcome.objects.get(program=cast.program, level="goal", number=1)
    assert goal.title == "Justice for every victim" and goal.wordings.count() == 2
