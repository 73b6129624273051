"""Login throttle: after too many failed logins for one username from one address (or from
one address for any username), further attempts are refused for a while, even with the right
password. Keyed in the database so it holds across gunicorn workers and restarts.

Why our own and not django-axes: axes needs a request in every authenticate() call, which
Django's test client and our CLI do not pass, and brings more settings than the two limits we
need. See docs/security.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.utils import timezone

from .models import LoginFailure

logger = logging.getLogger("ctip.security")


def client_address(request) -> str | None:
    """The client's IP address; behind a reverse proxy (CTIP_BEHIND_PROXY), the address the
    proxy appended last to X-Forwarded-For (the one it saw, which a client cannot forge)."""
    if request is None:
        return None
    if settings.CTIP_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR") or None


def account_tag(username: str) -> str:
    """A short stable tag for USERNAME in logs: what was typed may be a password."""
    return _username_hash(username)[:12]


def _username_hash(username: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, username.strip().lower().encode(), hashlib.sha256).hexdigest()


def _window_start() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.CTIP_LOGIN_LOCK_SECONDS)


def is_throttled(username: str, address: str | None) -> bool:
    """True when logins for USERNAME from ADDRESS are refused for now."""
    recent = LoginFailure.objects.filter(at__gte=_window_start())
    per_account = recent.filter(username_hash=_username_hash(username), address=address)
    if per_account.count() >= settings.CTIP_LOGIN_FAILURES_PER_ACCOUNT:
        return True
    if address is None:
        return False
    return recent.filter(address=address).count() >= settings.CTIP_LOGIN_FAILURES_PER_ADDRESS


def record_failure(username: str, address: str | None) -> None:
    LoginFailure.objects.filter(at__lt=_window_start()).delete()
    LoginFailure.objects.create(username_hash=_username_hash(username), address=address)


def clear_failures(username: str, address: str | None) -> None:
    LoginFailure.objects.filter(username_hash=_username_hash(username), address=address).delete()


def _on_login_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get("username")
    if username:
        address = client_address(request)
        record_failure(username, address)
        logger.warning("login failed: account %s from %s", account_tag(username), address)


def _on_logged_in(sender, request, user, **kwargs):
    address = client_address(request)
    clear_failures(user.get_username(), address)
    logger.info("login: user id %s from %s", user.pk, address)
    if request is not None and hasattr(request, "session"):
        from .middleware import mark_login

        mark_login(request)


def connect_signals() -> None:
    user_login_failed.connect(_on_login_failed, dispatch_uid="ctip-login-throttle-failed")
    user_logged_in.connect(_on_logged_in, dispatch_uid="ctip-login-throttle-ok")
