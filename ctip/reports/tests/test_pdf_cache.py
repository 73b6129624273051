"""PDFs are made by a browser that runs no script and reads no file, once per report,
period, filters and language until the data changes, and no faster than a user's limit."""

import os
import shutil
import subprocess
import time
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


@pytest.mark.browser
@needs_chromium
@needs_poppler
def test_the_page_of_the_next_pdf_is_open_before_the_pdf_is_asked_for(tmp_path):
    # a page is a renderer process, ~0.2-0.4 s to start: it is opened while nobody waits
    from ctip.reports import pdf as printing

    printing._PRINTER.stop()
    pages = printing._PRINTER.pages
    printing.start_browser()
    assert printing._PRINTER.waiting.wait(timeout=60)
    assert printing._PRINTER.pages == pages + 1
    pdf = html_to_pdf("<!doctype html><html><head><meta charset=utf-8></head><body>one</body>")
    assert "one" in _text(pdf, tmp_path)
    assert printing._PRINTER.waiting.wait(timeout=60)
    assert printing._PRINTER.pages == pages + 2  # the PDF's page was closed, the next one opened
    printing._PRINTER.stop()


@pytest.mark.browser
@needs_chromium
def test_a_server_keeps_its_warm_browser_when_idle_and_a_command_does_not(settings, monkeypatch):
    from ctip.reports import pdf as printing

    monkeypatch.setattr(printing, "PRINTER_IDLE_SECONDS", 0.2)
    printing._PRINTER.stop()
    settings.CTIP_PDF_WARM = False
    printing.warm_up()  # turned off: nothing starts
    assert not printing._PRINTER.waiting.wait(timeout=1)

    printing.start_browser()  # as a command does before its PDF
    assert printing._PRINTER.waiting.wait(timeout=60)
    time.sleep(1)
    assert not printing._PRINTER.waiting.is_set()  # idle: closed

    settings.CTIP_PDF_WARM = True
    launches = printing._PRINTER.launches
    try:
        printing.warm_up()  # as a server worker does when it starts
        assert printing._PRINTER.waiting.wait(timeout=60)
        time.sleep(1)
        assert printing._PRINTER.waiting.is_set()  # idle, and kept
        assert printing._PRINTER.launches == launches + 1
    finally:
        printing._PRINTER.stop()
        printing._PRINTER.keep = False


def test_starting_the_browser_without_chromium_does_nothing(settings):
    from ctip.reports import pdf as printing

    settings.CTIP_CHROMIUM = "/nowhere/chromium"
    printing.start_browser()  # no error here: the PDF itself says Chromium is missing
    with pytest.raises(printing.PdfError, match="needs Chromium"):
        html_to_pdf("<html><body>x</body></html>")


def _descendants(pid: int) -> dict[int, str]:
    """The processes under PID, by pid, with their command lines (from /proc)."""
    parents, commands = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            commands[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = {}, {pid}
    while frontier:
        children = {child for child, parent in parents.items() if parent in frontier}
        found.update({child: commands[child].decode(errors="replace") for child in children})
        frontier = children - frontier
    return found


@pytest.mark.browser
@needs_chromium
def test_a_worker_of_the_real_server_starts_its_pdf_browser_before_any_pdf_is_asked_for(
    tmp_path,
):
    from ctip.registration.tests.test_load_through_the_real_server import (
        CTIP,
        _free_port,
        _run,
    )

    env = dict(os.environ, CTIP_VAR_DIR=str(tmp_path))
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'ctip.sqlite3'}"
    _run(env, *CTIP, "init")
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [*CTIP, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        browsers = {}
        for _ in range(600):
            browsers = {
                pid: line for pid, line in _descendants(server.pid).items() if "chromium" in line
            }
            if browsers:
                break
            time.sleep(0.1)
        assert browsers, "no Chromium under the server's worker"
    finally:
        server.terminate()
        server.wait(timeout=30)
    for _ in range(100):  # the browser goes with its worker
        if not any(Path(f"/proc/{pid}").exists() for pid in browsers):
            break
        time.sleep(0.1)
    assert not any(Path(f"/proc/{pid}").exists() for pid in browsers)


def _nice(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])


@pytest.mark.browser
@needs_chromium
def test_the_pdf_browser_gives_way_to_the_web_requests_of_its_server():
    from ctip.reports import pdf as printing

    printing._PRINTER.stop()
    printing.start_browser()
    try:
        assert printing._PRINTER.waiting.wait(timeout=60)
        started = _descendants(os.getpid())
        drivers = [pid for pid, line in started.items() if "playwright/driver" in line]
        browsers = [pid for pid, line in started.items() if "chromium" in line]
        assert drivers and browsers
        ours = os.getpriority(os.PRIO_PROCESS, 0)
        expected = min(19, ours + printing.PRINTER_NICE)
        assert all(_nice(pid) == expected for pid in drivers)
        if os.geteuid() != 0:
            # root may raise priorities again, and Chromium does (its UI and GPU threads to
            # -8): the browser is held below the web only under an unprivileged user, which is
            # how `ctip serve` is meant to run (docs/performance.md)
            assert all(_nice(pid) >= expected for pid in browsers)
        assert os.getpriority(os.PRIO_PROCESS, 0) == ours  # the requests' threads keep theirs
    finally:
        printing._PRINTER.stop()
