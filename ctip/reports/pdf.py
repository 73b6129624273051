"""The print path: HTML in, print-ready A4 PDF out.

Why headless Chromium (Debian's `chromium`, driven by Playwright) and not WeasyPrint:
the fact sheets are printed in Thai, Lao, Khmer, Vietnamese and Burmese, scripts whose
letters must be reordered, stacked and joined (Khmer subscript consonants, Burmese medials,
Thai and Lao tone marks above vowels). Chromium shapes text with HarfBuzz and picks fonts
through fontconfig, the same engine that renders these scripts on every phone in the region;
we checked each script's PDF by eye and by `pdftotext` round trip. Playwright was already a
locked dependency (browser tests), Debian's chromium is installed by
`scripts/system-packages.sh`, and the web page and the PDF come from the same HTML and CSS,
so what a user sees on screen is what prints. WeasyPrint would add a second layout engine
with its own CSS dialect to keep in step.

Fonts are referenced by family name in CSS (Noto Sans, Noto Sans Thai/Lao/Khmer/Myanmar from
Debian's fonts-noto-core); nothing is downloaded. The page runs no JavaScript and may load
nothing: every request other than data: and about: URLs is aborted (no network, no file:).
Chromium's sandbox stays on, except when the process runs as root, where Chromium refuses to
start with it (run `ctip serve` as an unprivileged user, as docs/deploy.md says).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from django.conf import settings

CHROMIUM_ARGS = ["--headless", "--disable-gpu", "--disable-background-networking"]
ALLOWED_SCHEMES = ("data:", "about:")


def chromium_args() -> list[str]:
    """Chromium's flags: the sandbox is only turned off for root, which it cannot run under."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return [*CHROMIUM_ARGS, "--no-sandbox"]
    return list(CHROMIUM_ARGS)


class PdfError(RuntimeError):
    """The PDF could not be made (no browser, or the browser failed)."""


def chromium_path() -> str:
    """The Chromium executable: the CTIP_CHROMIUM setting (environment variable), by default
    Debian's /usr/bin/chromium."""
    configured = getattr(settings, "CTIP_CHROMIUM", "") or "/usr/bin/chromium"
    if Path(configured).is_file() or shutil.which(configured):
        return configured
    raise PdfError(
        f"PDF output needs Chromium, which was not found at {configured}. Install it with "
        "`make system-packages` (Debian: apt-get install chromium fonts-noto-core), "
        "or use the HTML output."
    )


def _block_network(route) -> None:
    if route.request.url.startswith(ALLOWED_SCHEMES):
        route.continue_()
    else:
        route.abort()


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """A print-ready A4 PDF of HTML (a whole document, its CSS inline), with scripts off.

    Backgrounds are printed and the document's own @page rules win over the A4 default.
    Raises PdfError when Chromium is missing or fails.
    """
    executable = chromium_path()
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - playwright is a dependency
        raise PdfError("PDF output needs the playwright package") from error
    if base_url and "<base " not in html:
        html = html.replace("<head>", f'<head><base href="{base_url}">', 1)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=chromium_args())
            try:
                page = browser.new_page(java_script_enabled=False)
                page.route("**/*", _block_network)
                page.set_content(html, wait_until="load")
                page.evaluate("() => document.fonts.ready.then(() => true)")
                return page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
            finally:
                browser.close()
    except PlaywrightError as error:
        raise PdfError(f"Chromium could not make the PDF: {error.message}") from error
