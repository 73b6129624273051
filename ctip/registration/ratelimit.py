"""Limits on public form submissions (self-registration, feedback, the partner survey),
counted in Django's cache, per device and per link — never per address alone: every phone at
a venue usually reaches us from the venue's one public address, and a limit per address
refused the 95th phone of a 1,000-person conference.

- Per device: `CTIP_REGISTRATION_RATE_LIMIT` (default 20 per 600 s). The device is the
  browser's CSRF cookie, which every form submission must carry (Django refuses a POST
  without it), kept by the phone across pages; hashed before use as a cache key.
- Per link (an event's registration and feedback link, a partner-survey link):
  `CTIP_REGISTRATION_LINK_LIMIT` (default 5,000 per 600 s): a script that makes itself new
  cookies is still held to this, and the database to a bounded number of writes per event.

With the default local-memory cache each server process counts on its own: with N workers a
device may send up to N times its limit. Enough to stop a runaway phone or script, not a
determined attacker (put a shared cache or the proxy's limiter in front for that).
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

DEFAULT_DEVICE_LIMIT = (20, 600)  # submissions per device per 600 seconds
DEFAULT_LINK_LIMIT = (5000, 600)  # submissions per link per 600 seconds


def _count(kind: str, identity: str, seconds: int) -> int:
    bucket = int(time.time() // seconds)
    # Hashed: cache back-ends may be inspected, and a cookie is a credential of sorts.
    key = f"ctip-{kind}:" + hashlib.sha256(f"{identity}|{bucket}".encode()).hexdigest()
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        return 1


def over_limit(request, link: str) -> bool:
    """Count this submission against its device and its LINK (e.g. "event:12"); True when
    either sent too many."""
    device_limit, device_seconds = getattr(
        settings, "CTIP_REGISTRATION_RATE_LIMIT", DEFAULT_DEVICE_LIMIT
    )
    link_limit, link_seconds = getattr(settings, "CTIP_REGISTRATION_LINK_LIMIT", DEFAULT_LINK_LIMIT)
    device = request.COOKIES.get(settings.CSRF_COOKIE_NAME) or request.META.get("REMOTE_ADDR", "")
    over_device = _count("device", f"{link}|{device}", device_seconds) > device_limit
    over_link = _count("link", link, link_seconds) > link_limit
    return over_device or over_link
