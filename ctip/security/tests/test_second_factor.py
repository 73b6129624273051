"""The second factor: an administrator must type a code from their authenticator app after
the password before any page, the admin site included; one without an app enrols one."""

import base64
import io
import re
import time

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ctip.conftest import PASSWORD
from ctip.security.mfa import do_reset_second_factor

pytestmark = pytest.mark.real_mfa

ADDRESS = "203.0.113.7"


def _code(key: bytes, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app holding KEY shows now (or STEPS_AHEAD × 30 s later)."""
    generator = TOTP(key, step=30, t0=0, digits=6)
    generator.time = time.time() + 30 * steps_ahead
    return f"{generator.token():06d}"


def _device_code(user, **kwargs) -> str:
    return _code(TOTPDevice.objects.get(user=user, confirmed=True).bin_key, **kwargs)


def _enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def _logged_in_with_password(username, address=ADDRESS) -> Client:
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "the password was accepted"
    return client


def _lands_on(response) -> str:
    return response["Location"].split("?")[0] if response.status_code == 302 else ""


def test_an_administrator_without_a_code_reaches_neither_the_dashboard_nor_the_admin_site(cast):
    _enrolled(cast.admin)
    client = _logged_in_with_password("admin")
    for path in ("/", "/admin/", f"/people/{cast.somchai.pk}/", "/events/", "/imports/"):
        response = client.get(path)
        assert _lands_on(response) == reverse("second-factor"), path
    assert "Somchai" not in client.get(f"/people/{cast.somchai.pk}/", follow=True).content.decode()
    # a POST elsewhere is refused the same way (forgetting a person, say)
    response = client.post(reverse("person-forget", args=[cast.somchai.pk]))
    assert _lands_on(response) == reverse("second-factor")
    cast.somchai.refresh_from_db()
    assert cast.somchai.romanised_name == "Somchai Srisuk"


def test_with_the_right_code_the_administrator_reaches_the_dashboard_and_the_admin_site(cast):
    _enrolled(cast.admin)
    client = _logged_in_with_password("admin")
    page = client.get(reverse("second-factor"), {"next": "/admin/"})
    assert page.status_code == 200 and 'name="code"' in page.content.decode()
    key_before_the_code = client.cookies["sessionid"].value
    response = client.post(
        reverse("second-factor"), {"code": _device_code(cast.admin), "next": "/admin/"}
    )
    assert _lands_on(response) == "/admin/"
    assert client.cookies["sessionid"].value != key_before_the_code  # a new session key
    assert client.get("/admin/").status_code == 200
    assert client.get("/").status_code == 200
    assert "Somchai" in client.get(f"/people/{cast.somchai.pk}/").content.decode()


def test_the_code_page_goes_only_to_our_own_site_afterwards(cast):
    _enrolled(cast.admin)
    client = _logged_in_with_password("admin")
    response = client.post(
        reverse("second-factor"),
        {"code": _device_code(cast.admin), "next": "https://evil.example/phish"},
    )
    assert response["Location"] == "/"


def test_logging_in_again_asks_for_a_new_code_and_a_used_code_is_refused(cast):
    _enrolled(cast.admin)
    client = _logged_in_with_password("admin")
    code = _device_code(cast.admin)
    assert client.post(reverse("second-factor"), {"code": code}).status_code == 302
    client.post(reverse("logout"))
    client = _logged_in_with_password("admin")
    assert _lands_on(client.get("/")) == reverse("second-factor")
    again = client.post(reverse("second-factor"), {"code": code})
    assert again.status_code == 200
    assert "already used" in again.content.decode()
    assert _lands_on(client.get("/")) == reverse("second-factor")


def test_wrong_codes_are_throttled_like_passwords(cast, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # only our throttle, so what stops the code is ours
    _enrolled(cast.admin)
    client = _logged_in_with_password("admin")
    right = _device_code(cast.admin)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for _ in range(settings.CTIP_LOGIN_FAILURES_PER_ACCOUNT - 1):
        response = client.post(reverse("second-factor"), {"code": wrong})
        assert response.status_code == 200
        assert "not right" in response.content.decode()
    response = client.post(reverse("second-factor"), {"code": wrong})
    assert response.status_code == 429
    response = client.post(reverse("second-factor"), {"code": right})
    assert response.status_code == 429
    assert "Too many wrong codes" in response.content.decode()
    assert _lands_on(client.get("/")) == reverse("second-factor")
    # the lock ends with the window, as for passwords
    settings.CTIP_LOGIN_LOCK_SECONDS = 0
    assert client.post(reverse("second-factor"), {"code": right}).status_code == 302
    assert client.get("/").status_code == 200


def test_an_administrator_without_an_app_enrols_one_from_the_qr_code_and_its_secret(cast, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's 1 s pause after a wrong code
    client = _logged_in_with_password("admin")
    response = client.get("/admin/")
    assert _lands_on(response) == reverse("second-factor-enrol")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "<script" not in html
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', html).group(1)
    assert client.get(reverse("second-factor-enrol")).content.decode().count(secret) == 1
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    assert _lands_on(client.get("/")) == reverse("second-factor-enrol")
    wrong = f"{(int(_code(key)) + 1) % 1_000_000:06d}"
    assert (
        "not right" in client.post(reverse("second-factor-enrol"), {"code": wrong}).content.decode()
    )
    response = client.post(reverse("second-factor-enrol"), {"code": _code(key), "next": "/admin/"})
    assert _lands_on(response) == "/admin/"
    assert client.get("/admin/").status_code == 200
    # the secret is never shown again; the enrolment is in the audit trail, not the secret
    assert _lands_on(client.get(reverse("second-factor-enrol"))) == reverse("second-factor")
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(TOTPDevice))
    assert entries.exists()
    assert all(key.hex() not in str(entry.changes) for entry in entries)
    # next login: the app's next code lets them in
    client.post(reverse("logout"))
    client = _logged_in_with_password("admin")
    assert _lands_on(client.get("/")) == reverse("second-factor")
    response = client.post(reverse("second-factor"), {"code": _code(key, steps_ahead=1)})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_other_roles_need_no_code_unless_ctip_mfa_roles_lists_them(cast, settings):
    client = _logged_in_with_password("mel")
    assert client.get("/").status_code == 200
    assert client.get(reverse("second-factor")).status_code == 404
    settings.CTIP_MFA_ROLES = ["administrator", "mel-officer"]
    client = _logged_in_with_password("mel")
    assert _lands_on(client.get("/")) == reverse("second-factor-enrol")
    assert client.get(reverse("second-factor-enrol")).status_code == 200
    viewer = _logged_in_with_password("viewer")
    assert viewer.get("/").status_code == 200


def test_ctip_mfa_reset_removes_the_devices_in_the_audit_trail_and_the_next_login_enrols(cast):
    _enrolled(cast.admin)
    out = io.StringIO()
    call_command("mfa", "reset", "admin", stdout=out)
    assert "1 device(s) removed" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=cast.admin).exists()
    deleted = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(TOTPDevice), action=LogEntry.Action.DELETE
    )
    assert deleted.count() == 1
    client = _logged_in_with_password("admin")
    assert _lands_on(client.get("/")) == reverse("second-factor-enrol")


def test_a_reset_ends_the_verified_sessions_of_the_lost_phone(cast):
    _enrolled(cast.admin)
    client = _logged_in_with_password("admin")
    client.post(reverse("second-factor"), {"code": _device_code(cast.admin)})
    assert client.get("/").status_code == 200
    do_reset_second_factor(cast.admin)
    assert _lands_on(client.get("/")) == reverse("second-factor-enrol")


def test_ctip_mfa_status_lists_who_needs_a_second_factor_and_who_has_one(cast):
    out = io.StringIO()
    call_command("mfa", "status", stdout=out)
    assert out.getvalue() == "admin\tnot enrolled yet\n"
    _enrolled(cast.admin)
    out = io.StringIO()
    call_command("mfa", "status", stdout=out)
    assert out.getvalue() == "admin\tenrolled\n"


def test_the_admin_site_lists_devices_but_never_shows_a_secret(cast):
    device = _enrolled(cast.admin)
    client = _logged_in_with_password("admin")
    client.post(reverse("second-factor"), {"code": _device_code(cast.admin)})
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    for url in (
        reverse("admin:otp_totp_totpdevice_changelist"),
        reverse("admin:otp_totp_totpdevice_change", args=[device.pk]),
    ):
        html = client.get(url).content.decode()
        assert device.key not in html and secret not in html, url
    assert client.get(f"/admin/otp_totp/totpdevice/{device.pk}/config/").status_code != 200
