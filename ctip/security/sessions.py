"""A user's active sessions, to see and end the others (ASVS 3.3.4).

Sessions live in Django's database session store, which has no index by user: we read the
unexpired ones and keep the user's. A session is named on the page by a keyed hash of its key,
never the key itself (a session key is as good as a password).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.crypto import salted_hmac

from . import devices
from .middleware import _LOGIN_AT, _SEEN_AT


@dataclass
class ActiveSession:
    tag: str
    logged_in_at: dt.datetime | None
    last_seen_at: dt.datetime | None
    current: bool
    session_key: str
    device: str = ""  # "Firefox on Windows" (ctip/security/devices.py)


def _tag(session_key: str) -> str:
    return salted_hmac("ctip.security.sessions", session_key).hexdigest()[:20]


def _when(value) -> dt.datetime | None:
    if value is None:
        return None
    return dt.datetime.fromtimestamp(value, tz=dt.UTC)


def active_sessions(user, current_key: str | None) -> list[ActiveSession]:
    """USER's unexpired sessions, the current one first, then the most recently used."""
    found = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = session.get_decoded()
        if data.get(SESSION_KEY) != str(user.pk):
            continue
        found.append(
            ActiveSession(
                tag=_tag(session.session_key),
                logged_in_at=_when(data.get(_LOGIN_AT)),
                last_seen_at=_when(data.get(_SEEN_AT)),
                current=session.session_key == current_key,
                session_key=session.session_key,
                device=devices.describe(data.get(devices.SESSION_KEY)),
            )
        )
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(found, key=lambda s: (not s.current, -(s.last_seen_at or oldest).timestamp()))


def note_device(sender, request, user, **kwargs):
    """user_logged_in: note the session's browser and device for the sessions page."""
    if request is not None and hasattr(request, "session"):
        devices.remember_device(request)


def end_other_sessions(user, current_key: str | None, tag: str | None = None) -> int:
    """End USER's sessions other than the current one (only the one named TAG, if given);
    how many were ended."""
    ended = [
        session.session_key
        for session in active_sessions(user, current_key)
        if not session.current and (tag is None or session.tag == tag)
    ]
    Session.objects.filter(session_key__in=ended).delete()
    return len(ended)
