"""Every staff page on a phone (390 px wide), and the main pages checked by axe-core, in
headless chromium: no sideways scrolling of the page, a menu whose every item can be read,
and no serious or critical accessibility violation."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from django.urls import reverse
from django.utils import timezone

from ctip.conftest import CHROMIUM, PASSWORD
from ctip.events.actions import do_create_event
from ctip.imports.tests.sheets import ATTENDANCE_HEADER, thai_attendance_rows, write_csv
from ctip.reports.registry import REPORTS
from ctip.results.actions import do_define_indicator, do_set_target
from ctip.web.tests.test_access_matrix import URLS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian chromium is not installed"),
]

PHONE_WIDTH = 390
# Not pages a person reads in the browser: files, images, or pages that only redirect; the
# participants' own pages (QR registration, feedback, partner survey) have their own phone tests.
NOT_STAFF_PAGES = {
    "report-download",
    "factsheet-pdf",
    "import-template",
    "import-xlsform",
    "import-feedback-xlsform",
    "framework-dhis2",
    "program-download",
    "framework-file",
    "framework-report-template",
    "framework-evidence",
    "grant-evidence",
    "registration-qr",
    "healthz",
    "import-progress",  # JSON the upload page polls
    "second-factor",
    "second-factor-enrol",
    "register",
    "register-thanks",
    "feedback",
    "feedback-thanks",
    "partner-survey",
    "partner-survey-thanks",
}

# WCAG 2 contrast of a link's text against the colour actually behind it (the first ancestor
# with a background), and whether it lies inside the header that gives that background.
MENU_CHECK = """() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const backdrop = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const top = document.querySelector('header.top');
  if (!top) return [];
  const header = top.getBoundingClientRect();
  return [...document.querySelectorAll('header.top nav a')].map((a) => {
    const box = a.getBoundingClientRect();
    const [l1, l2] = [lum(rgb(getComputedStyle(a).color)), lum(backdrop(a))].sort((x, y) => y - x);
    return {
      text: a.textContent.trim(),
      contrast: (l1 + 0.05) / (l2 + 0.05),
      inside: box.left >= header.left && box.right <= header.right + 0.5
        && box.top >= header.top && box.bottom <= header.bottom + 0.5
        && box.right <= window.innerWidth + 0.5,
    };
  });
}"""


@pytest.fixture
def staff_pages(cast):
    """The URL of every staff page (from the access matrix) and of every report, with some
    indicators so the results pages have rows."""
    indicator = do_define_indicator(
        cast.program, code="O1", title="Events supported", level="output", computed_as="events"
    )
    do_set_target(cast.mel, indicator, "FY2024-25", 1)
    urls = []
    for name, (arguments, outcomes) in URLS.items():
        if name in NOT_STAFF_PAGES or outcomes.get("administrator") != 200:
            continue
        urls.append(reverse(name, args=arguments(cast) if arguments else None))
    # a partner framework's reports live on its round page ("framework-round", walked above)
    urls += [
        reverse("report", args=[name]) + "?period=FY2024-25"
        for name, spec in REPORTS.items()
        if not spec.per_framework
    ]
    urls += [
        reverse("results-indicator", args=["O1"]) + "?program=test",
        reverse("dashboard") + "?period=FY2024-25",
    ]
    return urls


def _phone(browser):
    return browser.new_page(viewport={"width": PHONE_WIDTH, "height": 844})


def _log_in(page, live_server, username):
    page.goto(f"{live_server.url}{reverse('login')}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("header.top nav")


def _problems_on_a_phone(page) -> list[str]:
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE_WIDTH:
        problems.append(f"the page is {width} px wide")
    for item in page.evaluate(MENU_CHECK):
        if item["contrast"] < 4.5 or not item["inside"]:
            problems.append(f"menu item {item['text']!r}: {item}")
    return problems


@pytest.mark.django_db(transaction=True, databases=["default", "cases"])  # case pages too
def test_every_staff_page_fits_a_phone_with_a_readable_menu(
    browser, live_server, cast, staff_pages
):
    page = _phone(browser)
    _log_in(page, live_server, "admin")
    problems = {}
    for url in staff_pages:
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        assert "text/html" in response.headers["content-type"], url
        found = _problems_on_a_phone(page)
        if found:
            problems[url] = found
    assert not problems, problems
    assert len(staff_pages) > 25


def test_the_login_page_fits_a_phone(browser, live_server):
    page = _phone(browser)
    page.goto(f"{live_server.url}{reverse('login')}")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_a_wide_table_scrolls_inside_itself_not_the_page(browser, live_server, cast):
    page = _phone(browser)
    _log_in(page, live_server, "mel")
    page.goto(f"{live_server.url}{reverse('report', args=['table2'])}?period=FY2024-25")
    table = page.locator("table.report")
    assert table.evaluate("t => t.scrollWidth > t.clientWidth")  # it has more to show...
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH  # ...inside


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def _upload_preview(page, live_server, tmp_path):
    sheet = write_csv(tmp_path / "attendance.csv", ATTENDANCE_HEADER, thai_attendance_rows())
    page.goto(f"{live_server.url}{reverse('import-list')}")
    page.select_option("select[name=kind]", "attendance")
    page.set_input_files("input[name=file]", str(sheet))
    if page.locator("input[name=consent_version]").count():
        page.fill("input[name=consent_version]", "paper-1")
    page.click("form[enctype] button[type=submit]")
    page.wait_for_selector("[data-testid=new]")


@pytest.mark.parametrize("width", [1200, PHONE_WIDTH])
def test_the_main_pages_have_no_serious_accessibility_violation(
    browser, live_server, cast, tmp_path, width
):
    today = do_create_event(
        cast.program,
        code="TH-TODAY",
        title="Workshop held today",
        start_date=timezone.localdate(),
        end_date=timezone.localdate() + dt.timedelta(days=1),
        country_code="TH",
        event_type="workshop",
    )
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems = {}
    page.goto(f"{live_server.url}{reverse('login')}")
    problems["login"] = _serious(page)
    _log_in(page, live_server, "mel")
    pages = {
        "dashboard": reverse("dashboard") + "?period=FY2024-25",
        "events": reverse("event-list"),
        "event": reverse("event-detail", args=[cast.thai_event.pk]),
        "registration": reverse("registration-settings", args=[today.pk]),
        "reports": reverse("report-list"),
        "report": reverse("report", args=["table2"]) + "?period=FY2024-25",
        "fact sheet": reverse("factsheet", args=["TH"]) + "?period=FY2024-25",
        "review queue": reverse("linkage-review"),
        "people": reverse("person-list"),
    }
    for name, url in pages.items():
        page.goto(f"{live_server.url}{url}")
        problems[name] = _serious(page)
    _upload_preview(page, live_server, tmp_path)
    problems["import preview"] = _serious(page)
    problems = {name: found for name, found in problems.items() if found}
    assert not problems, problems
