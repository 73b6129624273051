"""How far a long import has got: a bar on the command line, a line on the web."""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from pathlib import Path

from django.conf import settings

BAR = 24  # characters of the progress bar


def progress_line(rows: int, fraction: float | None, seconds: float) -> str:
    """`[#########-------]  40%  40,000 rows read and checked, 8,000 rows/s, about 8 s left
    (5 s)`; without FRACTION (an .xlsx does not tell), the rows, the rate and the time."""
    rate = f", {rows / seconds:,.0f} rows/s" if seconds > 0.5 else ""
    text = f"{rows:,} rows read and checked{rate} ({seconds:,.0f} s)"
    if fraction is None:
        return text
    done = round(BAR * fraction)
    left = ""
    if 0.02 < fraction < 1 and seconds > 0.5:
        left = f", about {seconds * (1 - fraction) / fraction:,.0f} s left"
    bar = "#" * done + "-" * (BAR - done)
    return f"[{bar}] {fraction:4.0%}  {rows:,} rows read and checked{rate}{left} ({seconds:,.0f} s)"


# -- on the web ----------------------------------------------------------------------------
# An upload is checked, and a confirmed file imported, inside one request; the page that
# sent it asks /imports/progress/?key=KEY every second meanwhile (imports/working.js). The
# request reports to a small file under CTIP_VAR_DIR that every server process can read
# (the import's own records are invisible to others until its transaction ends). The file
# holds numbers only, is the uploader's own (their user id is in its name) and is removed
# when the request ends.

_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")


def _path(user, key: str) -> Path | None:
    if not isinstance(key, str) or not _KEY.fullmatch(key) or not getattr(user, "pk", None):
        return None
    return Path(settings.VAR_DIR) / "import-progress" / f"{user.pk}-{key}.json"


@contextlib.contextmanager
def web_progress(user, key: str):
    """A progress callback (None for a missing or malformed KEY) that reports to the file
    import_progress() reads, removed on leaving."""
    path = _path(user, key)
    if path is None:
        yield None
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()

    def report(rows: int, fraction: float | None = None) -> None:
        state = {"rows": rows, "fraction": fraction, "seconds": time.monotonic() - began}
        partial = path.with_suffix(".part")
        partial.write_text(json.dumps(state), encoding="utf-8")
        os.replace(partial, path)  # a reader sees the old state or the new, never half

    try:
        report(0)
        yield report
    finally:
        path.unlink(missing_ok=True)


def read_progress(user, key: str) -> dict:
    """What web_progress() last reported for USER's KEY: rows, fraction, seconds; {} when
    nothing is under way."""
    path = _path(user, key)
    if path is None:
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
