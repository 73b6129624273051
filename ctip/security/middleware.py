"""Sessions end after CTIP_SESSION_IDLE_SECONDS without a request, and in any case
CTIP_SESSION_SECONDS after login (ASVS 3.3.2)."""

import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from ctip.lib.files import is_disk_full

logger = logging.getLogger(__name__)

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


class DiskFullMiddleware:
    """A request that fails because the disk is full (a PDF's temporary files, an upload
    spooled to disk, the database) gets a plain 507 page saying so; other pages keep working
    and nothing is half-written (files are written whole, database writes are atomic)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Parse a form here, before the CSRF check does: an upload larger than
        # FILE_UPLOAD_MAX_MEMORY_SIZE is spooled to a temporary file, and a full disk then
        # fails in the middleware rather than in the view.
        if request.method == "POST":
            try:
                request.POST  # noqa: B018
            except Exception as error:
                if is_disk_full(error):
                    return self._disk_full(request)
                raise
        return None

    def process_exception(self, request, exception):
        if not is_disk_full(exception):
            return None
        return self._disk_full(request)

    def _disk_full(self, request):
        logger.error("disk full while serving %s", request.path)
        message = _(
            "The server's disk is full, so this could not be done; nothing was changed. "
            "Other pages still work. Please tell your administrator, and try again later."
        )
        return HttpResponse(message, status=507, content_type="text/plain; charset=utf-8")


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


class SecondFactorMiddleware:
    """A user who needs a second factor (ctip/security/mfa.py) and has not passed it in this
    session reaches only the code page, the enrolment page, logout and static files; every
    other page, the admin site included, sends them there first."""

    _OPEN_PREFIXES = ("/static/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from . import mfa

        user = getattr(request, "user", None)
        if user is None or not mfa.needs_second_factor(user) or mfa.is_verified(request):
            return self.get_response(request)
        open_paths = {
            reverse("second-factor"),
            reverse("second-factor-enrol"),
            reverse("logout"),
            reverse("healthz"),
        }
        if request.path in open_paths or request.path.startswith(self._OPEN_PREFIXES):
            return self.get_response(request)
        target = "second-factor" if mfa.confirmed_device(user) else "second-factor-enrol"
        location = reverse(target)
        if request.method == "GET":
            location += "?" + urlencode({"next": request.get_full_path()})
        return redirect(location)
