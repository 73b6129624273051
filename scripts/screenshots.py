"""Screenshots of the main pages for docs/tour.md, taken from the demo in headless chromium.

    make demo            # in one terminal (or: ctip demo && ctip serve)
    .venv/bin/python scripts/screenshots.py --url http://127.0.0.1:8000

Logs in as the demo's MEL officer (`mel`), opens each page of the tour at a laptop size (and
the dashboard at a phone's width), and writes docs/screenshots/NAME.png: the visible part
only, at one device pixel per CSS pixel, so that the PNGs stay small (about 400 KB in all).
Needs Debian's chromium (scripts/system-packages.sh) and the demo's data; never the network.
"""

from __future__ import annotations

import argparse
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LAPTOP = {"width": 960, "height": 540}
PHONE = {"width": 390, "height": 700}
PERIOD = "FY2024-25"  # a whole fiscal year of the demo

# (file name, path, viewport, CSS selector to scroll to the top of the picture, or None)
TOUR = [
    ("dashboard", f"/?period={PERIOD}", LAPTOP, None),
    ("people", "/people/?linked=1", LAPTOP, None),
    ("indicators", f"/reports/indicators/?period={PERIOD}", LAPTOP, "figure.chart"),
    ("factsheet", f"/reports/factsheet/TH/?period={PERIOD}", LAPTOP, None),
    ("review", "/linkage/review/", LAPTOP, None),
    ("phone-dashboard", f"/?period={PERIOD}", PHONE, None),
]


def take(url: str, out: Path, username: str, password: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport=LAPTOP, device_scale_factor=1)
        page = context.new_page()
        page.goto(f"{url}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_selector("header.top nav")
        for name, path, viewport, selector in TOUR:
            page.set_viewport_size(viewport)
            page.goto(f"{url}{path}")
            if selector:
                page.locator(selector).first.evaluate("e => e.scrollIntoView()")
            target = out / f"{name}.png"
            page.screenshot(path=str(target))
            written.append(target)
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="the running demo")
    parser.add_argument("--out", default="docs/screenshots", type=Path)
    parser.add_argument("--user", default="mel")
    parser.add_argument("--password", default="demo-mel-pass")
    options = parser.parse_args()
    for path in take(options.url.rstrip("/"), options.out, options.user, options.password):
        print(f"{path} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
