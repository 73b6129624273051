"""Sessions end after CTIP_SESSION_IDLE_SECONDS without a request, and in any case
CTIP_SESSION_SECONDS after login (ASVS 3.3.2)."""

import time

from django.conf import settings
from django.contrib.auth import logout

_LOGIN_AT = "ctip_login_at"
_SEEN_AT = "ctip_seen_at"
# Note activity at most once a minute, so a page view does not always write the session.
_SEEN_RESOLUTION = 60


def _now() -> float:
    return time.time()


def mark_login(request) -> None:
    now = _now()
    request.session[_LOGIN_AT] = now
    request.session[_SEEN_AT] = now


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = _now()
            login_at = request.session.get(_LOGIN_AT)
            seen_at = request.session.get(_SEEN_AT)
            if login_at is None or seen_at is None:
                mark_login(request)
            elif (
                now - seen_at > settings.CTIP_SESSION_IDLE_SECONDS
                or now - login_at > settings.SESSION_COOKIE_AGE
            ):
                logout(request)
            elif now - seen_at > _SEEN_RESOLUTION:
                request.session[_SEEN_AT] = now
        return self.get_response(request)
