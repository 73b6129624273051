"""A second factor (TOTP, django-otp) for administrators and the roles in CTIP_MFA_ROLES
(ASVS 4.3.1). After the password, such a user must type a code from their authenticator app
before any other page, the admin site included (SecondFactorMiddleware); one with no device
yet first enrols one (a QR code and its secret, shown until confirmed with a code).

Wrong codes count in the login throttle (ctip/security/throttle.py), under their own key per
account, so five wrong codes lock the code page for that account and address as five wrong
passwords lock the login page; django-otp's per-device delay comes on top.
"""

from __future__ import annotations

import base64
import logging

import segno
from django.conf import settings
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from .throttle import clear_failures, client_address, is_throttled, record_failure

logger = logging.getLogger("ctip.security")

_THROTTLE_PREFIX = "second-factor:"


def needs_second_factor(user) -> bool:
    """True when USER must pass a TOTP code after their password: superusers and staff (the
    admin site) always, and anyone with a role listed in CTIP_MFA_ROLES in any program."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "pk", None) is None:
        return False
    if user.is_superuser or user.is_staff:
        return True
    from ctip.accounts.access import _memberships

    return any(m.role in settings.CTIP_MFA_ROLES for m in _memberships(user))


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def is_verified(request) -> bool:
    user = request.user
    return callable(getattr(user, "is_verified", None)) and user.is_verified()


def mark_verified(request, device: TOTPDevice) -> None:
    """Record in the session that its user passed DEVICE's code (what django_otp.login
    does, without needing request.user set)."""
    request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    request.user.otp_device = device


def _throttle_key(user) -> str:
    return _THROTTLE_PREFIX + user.get_username()


class CodeRefused(Exception):
    """A code that was wrong, reused or typed while throttled; `throttled` says which."""

    def __init__(self, throttled: bool):
        super().__init__("throttled" if throttled else "wrong code")
        self.throttled = throttled


def _checked(request, device_pk: int, code: str, *, confirm: bool) -> TOTPDevice:
    """Check CODE against the device (locked, so one code is accepted once); a wrong code
    is counted in the throttle outside the transaction, so it stays counted."""
    address = client_address(request)
    key = _throttle_key(request.user)
    if is_throttled(key, address):
        logger.warning(
            "second factor refused, throttled: user id %s from %s", request.user.pk, address
        )
        raise CodeRefused(throttled=True)
    code = "".join(code.split())
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device_pk)
        accepted = code.isdigit() and device.verify_token(code)
        if accepted and confirm:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    if not accepted:
        record_failure(key, address)
        logger.warning("second factor failed: user id %s from %s", request.user.pk, address)
        raise CodeRefused(throttled=is_throttled(key, address))
    clear_failures(key, address)
    # A new session key for the now fully authenticated session, as at login (ASVS 3.2.1).
    request.session.cycle_key()
    mark_verified(request, device)
    return device


def verify_code(request, code: str) -> None:
    """Check CODE against the user's device and mark the session verified; CodeRefused if
    wrong, reused or throttled."""
    device = confirmed_device(request.user)
    if device is None:
        raise CodeRefused(throttled=False)
    _checked(request, device.pk, code, confirm=False)
    logger.info(
        "second factor passed: user id %s from %s", request.user.pk, client_address(request)
    )


def enrolment_device(user) -> TOTPDevice:
    """The device being enrolled for USER (unconfirmed, made once and kept until
    confirmed, so a reload shows the same secret)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=False)
    return device


def confirm_enrolment(request, code: str) -> TOTPDevice:
    """Confirm the device being enrolled with a code from the app; the session is then
    verified. CodeRefused if the code is wrong or throttled."""
    device = _checked(request, enrolment_device(request.user).pk, code, confirm=True)
    logger.info("second factor enrolled: user id %s", request.user.pk)
    return device


def secret_of(device: TOTPDevice) -> str:
    """The device's secret as authenticator apps take it when typed (base32, in groups)."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> SafeString:
    """The device's otpauth:// URL as an inline SVG QR code (no script, no image request)."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4, light="#fff")
    return mark_safe(svg)  # noqa: S308 (our own SVG: path data and colours, no user text)


@transaction.atomic
def do_reset_second_factor(user) -> int:
    """Remove USER's devices (lost phone): their next login enrols a new one. Each deletion
    is in the audit trail. Returns how many devices were removed."""
    devices = list(TOTPDevice.objects.filter(user=user))
    for device in devices:
        device.delete()
    logger.warning("second factor reset: user id %s, %s device(s) removed", user.pk, len(devices))
    return len(devices)
