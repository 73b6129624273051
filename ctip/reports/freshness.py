"""Report results kept a few seconds: what staff pages compute is computed once for everyone
who asks for the same thing within CTIP_REPORT_FRESH_SECONDS, not once per page view.

During a conference, registrations change the data several times a second: a cache keyed on
the data version alone would never be hit, and twenty staff reading reports would cost as
much CPU as a thousand phones registering. So an answer is served as it is while it is younger
than CTIP_REPORT_FRESH_SECONDS (10 s by default): a report may show the data of up to that
many seconds ago. After that it is served again only if the data version (ctip/reports/
pdf_cache.py: the newest audit entry, event, attendance and person) has not changed, and never
when older than MAX_AGE_SECONDS; otherwise it is computed again. CTIP_REPORT_FRESH_SECONDS = 0
turns the cache off (every page computes, as before).

Kept per server process, in memory (at most MAX_ENTRIES answers, the least recently used
dropped first); the key names everything the answer depends on — what is computed and its
arguments, the language (notes are translated as they are built) and today's date. Answers are
shared between requests and threads: callers only read them. Nothing personal is kept: report
results are aggregates.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

T = TypeVar("T")
MAX_AGE_SECONDS = 300
MAX_ENTRIES = 256


@dataclass
class _Entry:
    value: Any
    version: str
    made: float
    checked: float


_entries: OrderedDict[Hashable, _Entry] = OrderedDict()
_lock = threading.Lock()


def remembered(what: tuple, compute: Callable[[], T]) -> T:
    """COMPUTE()'s answer for WHAT (a tuple naming the computation and its arguments), or the
    answer given to the same question a moment ago (see the module's docstring)."""
    fresh = getattr(settings, "CTIP_REPORT_FRESH_SECONDS", 0)
    if fresh <= 0:
        return compute()
    from .pdf_cache import data_version

    key = (*what, get_language(), timezone.localdate())
    now = time.monotonic()
    with _lock:
        entry = _entries.get(key)
        if entry is not None:
            _entries.move_to_end(key)
    if entry is not None and now - entry.checked < fresh:
        return entry.value
    version = data_version()  # read before computing: a change meanwhile is seen next time
    if entry is not None and entry.version == version and now - entry.made < MAX_AGE_SECONDS:
        entry.checked = now
        return entry.value
    value = compute()
    with _lock:
        _entries[key] = _Entry(value, version, now, now)
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def forget_all() -> None:
    """Drop every kept answer (tests; and after a restore or a migration in this process)."""
    with _lock:
        _entries.clear()
