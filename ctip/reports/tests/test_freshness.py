"""Staff pages share their report results for a few seconds (ctip/reports/freshness.py): twenty
staff reading the dashboard during a conference cost one computation per few seconds, and a
report shows the data of at most CTIP_REPORT_FRESH_SECONDS ago."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.reports import freshness

from .builders import make_attendances

FY = "FY2024-25"
CUBE = '"reports_participation"'


@pytest.fixture
def clock(settings, monkeypatch):
    """Report results kept 10 seconds, on a clock the test moves."""
    settings.CTIP_REPORT_FRESH_SECONDS = 10
    now = [1000.0]
    monkeypatch.setattr(freshness.time, "monotonic", lambda: now[0])

    def advance(seconds: float) -> None:
        now[0] += seconds

    return advance


def _participants(client, **query) -> int:
    page = client.get(reverse("dashboard"), {"period": FY, **query}).content.decode()
    return int(re.search(r'data-testid="participants">([\d,]+)<', page).group(1))


def _cube_reads(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum(CUBE in query["sql"] for query in queries.captured_queries)


def test_a_second_view_within_the_window_reads_no_report(client, cast, clock):
    client.login(username="mel", password=PASSWORD)
    for url in (
        reverse("dashboard") + f"?period={FY}",
        reverse("report", args=["table2"]) + f"?period={FY}",
        reverse("factsheet", args=["TH"]) + f"?period={FY}",
    ):
        assert _cube_reads(client, url) > 0
        assert _cube_reads(client, url) == 0, url


def test_a_registration_shows_once_the_window_has_passed(client, cast, clock):
    client.login(username="mel", password=PASSWORD)
    before = _participants(client)
    make_attendances(cast.thai_event, 3, sex="female", country="TH")
    clock(5)
    assert _participants(client) == before  # the data of five seconds ago: within the window
    clock(6)
    assert _participants(client) == before + 3


def test_after_the_window_an_unchanged_answer_is_checked_not_computed_again(client, cast, clock):
    client.login(username="mel", password=PASSWORD)
    url = reverse("dashboard") + f"?period={FY}"
    assert _cube_reads(client, url) > 0
    clock(60)
    assert _cube_reads(client, url) == 0  # the data version has not changed
    clock(freshness.MAX_AGE_SECONDS)
    assert _cube_reads(client, url) > 0  # never older than MAX_AGE_SECONDS


def test_answers_are_not_shared_between_periods_countries_or_languages(client, cast, clock):
    make_attendances(cast.thai_event, 4, sex="male", country="TH")
    client.login(username="thai", password=PASSWORD)
    thailand = _participants(client)  # a country officer's dashboard opens on their country
    client.login(username="mel", password=PASSWORD)
    everywhere = _participants(client)
    assert everywhere > thailand
    assert _participants(client, period="FY2023-24") == 0
    url = reverse("report", args=["table2"]) + f"?period={FY}"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    thai_page = client.get(url, HTTP_ACCEPT_LANGUAGE="th")
    assert "State stakeholders" in english.content.decode()
    assert thai_page["Content-Language"] == "th"
    assert "State stakeholders" not in thai_page.content.decode()
    assert _participants(client) == everywhere


def test_with_the_window_at_zero_every_view_computes(client, cast, settings):
    settings.CTIP_REPORT_FRESH_SECONDS = 0
    client.login(username="mel", password=PASSWORD)
    before = _participants(client)
    make_attendances(cast.thai_event, 2, sex="female", country="TH")
    assert _participants(client) == before + 2
