"""A simple per-address limit on public form submissions, counted in Django's cache.

With the default local-memory cache each server process counts on its own, so with N
workers an address may send up to N times the limit: enough to stop a runaway script,
not a determined attacker (put a shared cache or the proxy's limiter in front for that).
A whole venue often shares one public address, so the limit is generous."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMIT = (500, 600)  # submissions per address per 600 seconds


def over_limit(request) -> bool:
    """Count this submission against its address; True when the address sent too many."""
    limit, seconds = getattr(settings, "CTIP_REGISTRATION_RATE_LIMIT", DEFAULT_LIMIT)
    address = request.META.get("REMOTE_ADDR", "")
    bucket = int(time.time() // seconds)
    # The address is hashed: cache back-ends may be inspected, and it is personal data.
    key = "ctip-registration:" + hashlib.sha256(f"{address}|{bucket}".encode()).hexdigest()
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count > limit
