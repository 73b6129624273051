"""PDFs made once: each PDF is kept under CTIP_VAR_DIR/pdf-cache, keyed by what it shows
(the report, program, period, filters, language) and by the version of the data, so it is
served again until the data changes; making a new one is rate-limited per user.

The data version is the newest entry of the audit trail together with the newest event,
attendance and person: every change through the app, an import or the admin site writes an
audit entry, and bulk writes outside it (the demo loader) add rows. Files are shared by every
server process; the older version of a PDF is deleted when a new one is written."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max


class TooManyPdfs(Exception):
    """The user asked for more new PDFs than CTIP_PDF_RENDERS_PER_MINUTE allows."""


def data_version() -> str:
    """A short text that changes whenever the data a report can show changes."""
    from auditlog.models import LogEntry

    from ctip.events.models import Event
    from ctip.people.models import Attendance, Person

    parts = [
        LogEntry.objects.aggregate(n=Max("pk"))["n"],
        Event.objects.aggregate(n=Max("updated_at"))["n"],
        Attendance.objects.aggregate(n=Max("pk"))["n"],
        Person.objects.aggregate(n=Max("updated_at"))["n"],
    ]
    return "|".join(str(part) for part in parts)


def _directory() -> Path:
    return Path(settings.VAR_DIR) / "pdf-cache"


def _name(parts) -> str:
    return hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()[:40]


def cached_pdf(what: tuple, render: Callable[[], bytes], *, user=None) -> tuple[bytes, bool]:
    """The PDF for WHAT (a tuple naming the report, program, period, filters and language),
    from the cache when the data has not changed since it was made, else RENDER()ed, counted
    against USER's limit and kept. Returns (pdf, served from the cache)."""
    directory = _directory()
    prefix = _name(what)
    path = directory / f"{prefix}-{_name([data_version()])}.pdf"
    try:
        return path.read_bytes(), True
    except FileNotFoundError:
        pass
    if user is not None:
        _count_render(user)
    pdf = render()
    directory.mkdir(parents=True, exist_ok=True)
    for older in directory.glob(f"{prefix}-*.pdf"):
        older.unlink(missing_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(pdf)
    temporary.replace(path)  # atomic: another process never reads half a file
    return pdf, False


def _count_render(user) -> None:
    limit = settings.CTIP_PDF_RENDERS_PER_MINUTE
    if not limit:
        return
    key = f"ctip-pdf-renders:{user.pk}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=60)
        count = 1
    if count > limit:
        raise TooManyPdfs
