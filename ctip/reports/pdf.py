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

One browser is kept per process between PDFs, each PDF in a fresh page (see _Printer below):
starting Chromium cost more than printing the page. The next PDF's page is opened as soon as
the last one is printed (a page is a renderer process: ~0.2-0.4 s to start), and a server
process starts its browser when it starts (`warm_up`, CTIP_PDF_WARM), so that the first PDF a
user asks for is not the one that pays for the browser.
"""

from __future__ import annotations

import atexit
import os
import queue
import shutil
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
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


# Debian's /usr/bin/chromium is a shell script that greps /proc/cpuinfo, runs find and findmnt
# and adds flags for extensions and GPU rasterisation before it runs the browser binary below;
# Playwright gives the flags a headless browser needs, so the binary is started directly.
DEBIAN_LAUNCHER = "/usr/bin/chromium"
DEBIAN_BINARY = "/usr/lib/chromium/chromium"


def _executable() -> str:
    """The file to start: chromium_path(), or the binary behind Debian's launcher script."""
    path = chromium_path()
    if path == DEBIAN_LAUNCHER and os.access(DEBIAN_BINARY, os.X_OK):
        return DEBIAN_BINARY
    return path


def start_browser() -> None:
    """Start the printer's browser now, without waiting for it, when a PDF will be asked for
    soon: the fact sheet's numbers and HTML are then computed while Chromium starts. Does
    nothing without Chromium (html_to_pdf says why)."""
    try:
        chromium_path()
    except PdfError:
        return
    _PRINTER.start()


def warm_up() -> None:
    """In a server process: start the browser now and keep it for the life of the process
    (no idle close), when CTIP_PDF_WARM is on and Chromium is installed. Costs the memory of
    an idle Chromium per worker (docs/performance.md, PDFs); saves the first PDF the browser's
    start."""
    if not getattr(settings, "CTIP_PDF_WARM", False):
        return
    try:
        chromium_path()
    except PdfError:
        return
    _PRINTER.keep = True
    _PRINTER.start()


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
    chromium_path()  # PdfError at once when there is no browser
    if base_url and "<base " not in html:
        html = html.replace("<head>", f'<head><base href="{base_url}">', 1)
    return _PRINTER.print(html)


# Starting Playwright's driver and Chromium took ~0.7 s of every PDF, more than the page itself.
# One browser per process is kept between PDFs (and closed after PRINTER_IDLE_SECONDS without
# one, unless a server keeps it: warm_up); each PDF gets a page of its own, closed after it,
# and the next one's is opened at once. Playwright's sync API belongs to the
# thread that started it, so the browser lives in a thread of its own and PDFs are queued to it.
PRINTER_IDLE_SECONDS = 300
PDF_SECONDS = 120
START = "start"  # a job that only starts the browser (start_browser)


class _Printer:
    def __init__(self):
        self._jobs: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.launches = 0  # browsers started by this process (tests read it)
        self.keep = False  # a server's browser is kept while idle (warm_up)
        self.pages = 0  # pages opened (tests read it)
        self.waiting = threading.Event()  # set while a page waits for the next PDF

    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="pdf-printer", daemon=True)
                self._thread.start()

    def start(self) -> None:
        """Have the browser started (if it is not running) before the next PDF; no waiting."""
        self._ensure_thread()
        self._jobs.put(START)

    def print(self, html: str) -> bytes:
        self._ensure_thread()
        done: Future = Future()
        self._jobs.put((html, done))
        try:
            return done.result(timeout=PDF_SECONDS)
        except FutureTimeout:
            raise PdfError("Chromium took too long to make the PDF") from None

    def stop(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join(timeout=10)

    def _run(self) -> None:
        _lower_priority()
        try:
            from playwright.sync_api import Error as PlaywrightError
            from playwright.sync_api import sync_playwright
        except ImportError:  # pragma: no cover - playwright is a dependency
            self._fail_all(PdfError("PDF output needs the playwright package"))
            return
        try:
            with sync_playwright() as playwright:
                browser = page = None
                while True:
                    try:
                        job = self._jobs.get(timeout=None if self.keep else PRINTER_IDLE_SECONDS)
                    except queue.Empty:
                        browser = page = self._closed(browser)
                        continue
                    if job is None:
                        break
                    if job is START:
                        try:
                            browser, page = self._ready(playwright, browser, page)
                        except Exception:  # noqa: BLE001 - the next PDF tries again and says why
                            browser = page = self._closed(browser)
                        continue
                    html, done = job
                    if done.done():  # its caller gave up waiting
                        continue
                    try:
                        browser, page = self._ready(playwright, browser, page)
                        self.waiting.clear()
                        done.set_result(_print_page(page, html))
                        page = None
                        # the next PDF's page, opened while nobody waits for it
                        browser, page = self._ready(playwright, browser, page)
                    except PlaywrightError as error:
                        if not done.done():
                            done.set_exception(
                                PdfError(f"Chromium could not make the PDF: {error.message}")
                            )
                        browser = page = self._closed(browser)
                    except Exception as error:  # noqa: BLE001 - handed to the caller, not lost
                        if not done.done():
                            done.set_exception(error)
                        browser = page = self._closed(browser)
                self._closed(browser)
        except Exception as error:  # noqa: BLE001 - the driver itself failed
            self._fail_all(PdfError(f"Chromium could not be started: {error}"))

    def _ready(self, playwright, browser, page):
        """BROWSER if it is running, else a new one; PAGE if it is open in it, else a new blank
        page (scripts off, every request but data: and about: aborted) for the next PDF."""
        if browser is None or not browser.is_connected():
            browser = playwright.chromium.launch(
                executable_path=_executable(), args=chromium_args()
            )
            self.launches += 1
            page = None
        if page is None or page.is_closed():
            page = browser.new_page(java_script_enabled=False)
            page.route("**/*", _block_network)
            self.pages += 1
        self.waiting.set()
        return browser, page

    def _closed(self, browser):
        """BROWSER closed (after an error, or idle): the next PDF starts a new one."""
        self.waiting.clear()
        if browser is not None:
            try:
                browser.close()
            except Exception:  # noqa: BLE001, S110 - it may be gone already
                pass
        return None

    def _fail_all(self, error: Exception) -> None:
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                return
            if job is not None and job is not START:
                job[1].set_exception(error)


# The printer thread, and Playwright's driver and Chromium it starts (children inherit it), run
# at this nice value: a worker's browser starting, or a PDF being printed, gives way to the web
# requests of the same server (a registration must not wait for a fact sheet).
PRINTER_NICE = 10


def _lower_priority() -> None:
    """Lower this thread's CPU priority by PRINTER_NICE (Linux: nice values are per thread)."""
    try:
        thread = threading.get_native_id()
        current = os.getpriority(os.PRIO_PROCESS, thread)
        os.setpriority(os.PRIO_PROCESS, thread, min(19, current + PRINTER_NICE))
    except (AttributeError, OSError):  # not Linux, or not allowed: print at the usual priority
        pass


def _print_page(page, html: str) -> bytes:
    """The PDF of HTML, printed in PAGE (a fresh one: each PDF has a page of its own), which is
    closed after it."""
    try:
        page.set_content(html, wait_until="load")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        return page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    finally:
        page.close()


_PRINTER = _Printer()
atexit.register(_PRINTER.stop)
