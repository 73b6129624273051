"""No request makes the server fail: whatever is sent to any GET parameter or form field of any
page, the answer is a page, a redirect or a 4xx, never a 500.

The pages are every URL pattern (the access matrix's list, ctip/web/tests/test_access_matrix.py)
plus an open registration link; the parameters are every name the views read from the query
string and every field of every form the pages show; the values come from hypothesis.
"""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctip.events.actions import do_create_event
from ctip.registration.links import link_token

from .test_access_matrix import URLS, _url_patterns

# Names the views read from the query string (grep request.GET in ctip/).
QUERY_NAMES = [
    "period",
    "country",
    "project",
    "public",
    "unique",
    "program",
    "pair",
    "q",
    "page",
    "lang",
    "kept",
    "again",
    "next",
]
NASTY = [
    "FY9999-00",
    "FY0000-01",
    "0000",
    "9999-Q4",
    "0001-01-01..9999-12-31",
    "2024-02-30..2024-03-01",
    "abc",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e400",
    "NaN",
    "",
    " ",
    "TH",
    "ASEAN",
    "\x00",
    "a\x00b",
    "\u202egnp.exe",
    "\u200b",
    "'; DROP TABLE people_person; --",
    "%",
    "../../etc/passwd",
    "//evil.example/",
    "https://evil.example/",
    '=HYPERLINK("http://x","y")',
    "a" * 5000,
    "2024-13-45",
    "1" * 300 + "@example.org",
]
VALUES = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates().map(dt.date.isoformat),
)
_FIELD = re.compile(r"<(?:input|select|textarea)[^>]*\bname=\"([^\"]+)\"", re.IGNORECASE)
_SKIPPED_FIELDS = {"csrfmiddlewaretoken"}
# POSTs that would end the session the test runs in, or log in with generated passwords
# (the login throttle then locks the test client out: a 403 page, tested elsewhere).
_NOT_POSTED = {"logout", "login", "person-forget"}
# Pages drawn by Chromium (seconds each): their parameters are the fact sheet page's, fuzzed
# there; PDFs have their own tests (ctip/reports/tests/test_pdf.py).
_NOT_FUZZED = {"factsheet-pdf"}


def _pages(cast) -> list[tuple[str, str]]:
    today = timezone.localdate()
    open_event = do_create_event(
        cast.program,
        code="TH-OPEN",
        title="Open today",
        start_date=today,
        end_date=today + dt.timedelta(days=1),
        country_code="TH",
        event_type="workshop",
    )
    pages = [("register-open", reverse("register", args=[link_token(open_event)]))]
    for route, name in _url_patterns():
        entry = URLS.get(name or route)
        if entry is None or not name or name in _NOT_FUZZED:
            continue
        arguments, _outcomes = entry
        pages.append((name, reverse(name, args=arguments(cast) if arguments else None)))
    return pages


def _fields(client, url) -> list[str]:
    page = client.get(url)
    if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
        return []
    names = {name for name in _FIELD.findall(page.content.decode()) if name not in _SKIPPED_FIELDS}
    return sorted(names)


@pytest.fixture
def surface(cast):
    """(name, url, form field names) per page, seen as the administrator."""
    client = Client()
    client.force_login(cast.admin)
    return [(name, url, _fields(client, url)) for name, url in _pages(cast)]


@pytest.mark.django_db(databases=["default", "cases"])  # the case pages are fuzzed too
@pytest.mark.parametrize("role", ["admin", "thai_officer", "anonymous"])
def test_no_generated_query_or_form_makes_a_server_error(cast, surface, role):
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(getattr(cast, role))
    failures: list[str] = []

    @settings(
        # CTIP_FUZZ_EXAMPLES=2000 for a long hunt; the suite's run stays short.
        max_examples=int(os.environ.get("CTIP_FUZZ_EXAMPLES", "60")),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def probe(data):
        name, url, fields = data.draw(st.sampled_from(surface), label="page")
        query = data.draw(st.dictionaries(st.sampled_from(QUERY_NAMES), VALUES, max_size=4))
        response = client.get(url, query)
        if response.status_code >= 500:
            failures.append(f"GET {url} {query!r}: {response.status_code}")
        if fields and name not in _NOT_POSTED:
            form = data.draw(st.dictionaries(st.sampled_from(fields), VALUES, max_size=8))
            response = client.post(url, form)
            if response.status_code >= 500:
                failures.append(f"POST {url} {form!r}: {response.status_code}")
        assert not failures, failures[0]

    probe()


def test_the_reviewers_findings_are_pages_not_server_errors(client, cast):
    client.force_login(cast.mel)
    for url in (
        reverse("dashboard"),
        reverse("report", args=["table2"]),
        reverse("results-overview"),
        reverse("factsheet", args=["TH"]),
    ):
        assert client.get(url, {"period": "FY9999-00"}).status_code < 500, url
    assert client.get(reverse("linkage-review"), {"pair": "abc"}).status_code == 200
