import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.reports.factsheet import render_factsheet_pdf
from ctip.reports.pdf import PdfError, html_to_pdf

from .factsheet_data import build_thai_year

FY = "FY2024-25"
needs_chromium = pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists(), reason="Debian chromium is not installed"
)
needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils is not installed"
)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def _pdf_pages(pdf: bytes, tmp_path) -> dict[str, str]:
    path = tmp_path / "info.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return dict(
        (key.strip(), value.strip())
        for key, value in (line.split(":", 1) for line in info.stdout.splitlines() if ":" in line)
    )


def test_a_missing_browser_is_a_clear_error(settings, client, cast):
    settings.CTIP_CHROMIUM = "/nowhere/chromium"
    with pytest.raises(PdfError, match="needs Chromium"):
        html_to_pdf("<html><head></head><body>x</body></html>")
    client.login(username="viewer", password=PASSWORD)
    response = client.get(reverse("factsheet-pdf", args=["TH"]) + f"?period={FY}")
    assert response.status_code == 503
    assert "needs Chromium" in response.content.decode()


@pytest.mark.browser
@needs_chromium
@needs_poppler
def test_html_becomes_an_a4_pdf_that_reads_back(tmp_path):
    pdf = html_to_pdf(
        "<!doctype html><html><head><meta charset=utf-8></head>"
        "<body><h1>Fact sheet 1,472 participants</h1><p>Người tham dự</p></body></html>"
    )
    assert pdf.startswith(b"%PDF")
    info = _pdf_pages(pdf, tmp_path)
    assert info["Pages"] == "1" and "(A4)" in info["Page size"]
    text = _pdf_text(pdf, tmp_path)
    assert "1,472 participants" in text and "Người tham dự" in text


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - the http.server API
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.browser
@needs_chromium
def test_the_pdf_renderer_fetches_nothing_from_the_network():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        pdf = html_to_pdf(
            f'<html><head><link rel="stylesheet" href="{url}/style.css"></head>'
            f'<body><img src="{url}/logo.png">x</body></html>'
        )
    finally:
        server.shutdown()
        server.server_close()
    assert pdf.startswith(b"%PDF")
    assert _Recorder.hits == []


@pytest.mark.browser
@needs_chromium
@needs_poppler
def test_the_fact_sheet_pdf_is_one_a4_page_showing_the_numbers(client, cast, tmp_path):
    build_thai_year(cast)
    client.login(username="viewer", password=PASSWORD)
    response = client.get(reverse("factsheet-pdf", args=["TH"]) + f"?period={FY}&lang=en")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "factsheet-TH-FY2024-25-en.pdf" in response["Content-Disposition"]
    pdf = response.content
    info = _pdf_pages(pdf, tmp_path)
    assert info["Pages"] == "1" and "(A4)" in info["Page size"]
    text = " ".join(_pdf_text(pdf, tmp_path).split())
    for phrase in (
        "3 events in Thailand",
        "11 participants",
        "55% female",
        "capacity development events conducted in Thailand",
        "people trained",
        "13% other",
        "Ministry of Justice",
        "Human Rights and Development Foundation",
        "No achievements recorded for this period yet.",
    ):
        assert phrase in text, phrase
    assert {"2", "8"} <= set(text.split())  # the two cards beside each other read in any order


@pytest.mark.browser
@needs_chromium
@needs_poppler
def test_the_thai_fact_sheet_pdf_prints_thai_text_and_the_numbers(cast, tmp_path):
    build_thai_year(cast)
    pdf = render_factsheet_pdf(cast.program, FY, "TH", "th")
    path = tmp_path / "th.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(tmp_path / "th")], check=True)
    image = tmp_path / "th-1.png"
    assert image.read_bytes().startswith(b"\x89PNG") and image.stat().st_size > 20_000
    text = " ".join(_pdf_text(pdf, tmp_path).split())
    for phrase in (
        "ประเทศไทย",
        "ผู้เข้าร่วม",
        "ผู้ได้รับการฝึกอบรม",
        "หน่วยงานประสานงานหลัก",
        "หญิง 55%",
        "ชาย 27%",
        "อื่น ๆ 13%",
    ):
        assert phrase in text, phrase
    for number in ("3", "11", "2", "8"):
        assert f" {number} " in f" {text} ", number
