"""PDFs are made by a browser that runs no script and reads no file, once per report,
period, filters and language until the data changes, and no faster than a user's limit."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.events.actions import do_create_event
from ctip.reports import views_factsheet
from ctip.reports.pdf import html_to_pdf

from .factsheet_data import build_thai_year

FY = "FY2024-25"
needs_chromium = pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists(), reason="Debian chromium is not installed"
)
needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils is not installed"
)


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True)  # noqa: S607
    return result.stdout.decode()


@pytest.mark.browser
@needs_chromium
@needs_poppler
def test_a_script_in_the_html_does_not_run_and_a_file_is_not_read(tmp_path):
    secret = tmp_path / "secret.html"
    secret.write_text("<p>SECRET FILE CONTENT</p>", encoding="utf-8")
    pdf = html_to_pdf(
        "<!doctype html><html><head><meta charset=utf-8></head><body>"
        '<p id="target">written by the server</p>'
        "<script>document.getElementById('target').textContent = 'SCRIPT RAN';</script>"
        f'<iframe src="file://{secret}"></iframe>'
        "</body></html>"
    )
    text = _text(pdf, tmp_path)
    assert "written by the server" in text
    assert "SCRIPT RAN" not in text
    assert "SECRET FILE CONTENT" not in text


def _pdf(client, lang="en"):
    return client.get(reverse("factsheet-pdf", args=["TH"]) + f"?period={FY}&lang={lang}")


@pytest.mark.browser
@needs_chromium
@needs_poppler
def test_a_fact_sheet_pdf_is_served_from_the_cache_until_the_data_changes(client, cast, tmp_path):
    build_thai_year(cast)
    client.login(username="viewer", password=PASSWORD)
    first = _pdf(client)
    assert first.status_code == 200 and first["X-PDF-Cache"] == "miss"
    assert "3 events in Thailand" in " ".join(_text(first.content, tmp_path).split())
    with CaptureQueriesContext(connection) as served:
        second = _pdf(client)
    assert second["X-PDF-Cache"] == "hit" and second.content == first.content
    # the fact sheet's numbers are not computed again for a PDF in the cache
    assert not [query for query in served.captured_queries if "participation" in query["sql"]]
    assert len(served.captured_queries) <= 12

    do_create_event(
        cast.program,
        code="TH-NEW",
        title="A workshop added since",
        start_date=cast.thai_event.start_date,
        country_code="TH",
        event_type="workshop",
    )
    third = _pdf(client)
    assert third["X-PDF-Cache"] == "miss"
    assert "4 events in Thailand" in " ".join(_text(third.content, tmp_path).split())


def test_new_pdfs_beyond_the_users_limit_are_refused_but_cached_ones_are_served(
    client, cast, settings, monkeypatch
):
    settings.CTIP_PDF_RENDERS_PER_MINUTE = 1
    made = []

    def render(html):  # the limit is about how often the browser starts, not what it prints
        made.append(html)
        return b"%PDF-1.4 made for the test"

    monkeypatch.setattr(views_factsheet, "html_to_pdf", render)
    monkeypatch.setattr(views_factsheet, "start_browser", lambda: None)  # no browser either
    build_thai_year(cast)
    client.login(username="viewer", password=PASSWORD)
    assert _pdf(client, "en").status_code == 200
    refused = _pdf(client, "th")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    again = _pdf(client, "en")
    assert again.status_code == 200 and again["X-PDF-Cache"] == "hit"
    assert len(made) == 1
    client.login(username="mel", password=PASSWORD)
    assert _pdf(client, "th").status_code == 200  # another user's own limit


def test_a_fact_sheet_pdf_of_a_country_or_language_that_has_none_is_not_found(client, cast):
    client.login(username="viewer", password=PASSWORD)
    assert client.get(reverse("factsheet-pdf", args=["XX"]) + f"?period={FY}").status_code == 404
    assert _pdf(client, lang="vi").status_code == 404  # Thailand's sheet: English and Thai
    bad_period = client.get(reverse("factsheet-pdf", args=["TH"]) + "?period=FY9999-00")
    assert bad_period.status_code == 400


@pytest.mark.browser
@needs_chromium
@needs_poppler
def test_one_browser_prints_one_pdf_after_another_and_starts_again_after_a_stop(tmp_path):
    from ctip.reports import pdf as printing

    def page(text):
        return f"<!doctype html><html><head><meta charset=utf-8></head><body>{text}</body></html>"

    printing._PRINTER.stop()
    before = printing._PRINTER.launches
    first, second = html_to_pdf(page("first page")), html_to_pdf(page("second page"))
    assert "first page" in _text(first, tmp_path) and "second page" in _text(second, tmp_path)
    assert printing._PRINTER.launches == before + 1

    printing._PRINTER.stop()  # as at a worker's exit
    third = html_to_pdf(page("after a stop"))
    assert "after a stop" in _text(third, tmp_path)
    assert printing._PRINTER.launches == before + 2


@pytest.mark.browser
@needs_chromium
@needs_poppler
def test_the_browser_started_before_a_pdf_is_the_one_that_prints_it(tmp_path):
    # start_browser() is called while a fact sheet is computed: the PDF that follows uses the
    # browser it started, not a second one
    from ctip.reports import pdf as printing

    printing._PRINTER.stop()
    before = printing._PRINTER.launches
    printing.start_browser()
    printing.start_browser()  # already starting: nothing more
    pdf = html_to_pdf("<!doctype html><html><head><meta charset=utf-8></head><body>ready</body>")
    assert "ready" in _text(pdf, tmp_path)
    assert printing._PRINTER.launches == before + 1
    printing._PRINTER.stop()


def test_starting_the_browser_without_chromium_does_nothing(settings):
    from ctip.reports import pdf as printing

    settings.CTIP_CHROMIUM = "/nowhere/chromium"
    printing.start_browser()  # no error here: the PDF itself says Chromium is missing
    with pytest.raises(printing.PdfError, match="needs Chromium"):
        html_to_pdf("<html><body>x</body></html>")
