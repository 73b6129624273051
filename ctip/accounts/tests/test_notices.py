"""A user is told by mail when their password or second factor changes (ASVS 2.2.3), in their
language, with no secret in the mail; a change that is not one (a login that re-hashes the
stored password) tells nobody."""

from __future__ import annotations

import io
import time

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ctip.accounts.actions import do_create_user
from ctip.conftest import PASSWORD

ADDRESS = "siriporn@example.org"
NEW_PASSWORD = "river-jasmine-kettle-58"


def _siriporn(cast, role="mel-officer"):
    return do_create_user(
        "siriporn",
        PASSWORD,
        role=role,
        program=None if role == "administrator" else cast.program,
        email=ADDRESS,
    )


def _change_password(client: Client):
    return client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )


def test_changing_the_password_sends_a_notice_without_the_password(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    _siriporn(cast)
    client = Client()
    assert client.login(username="siriporn", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        assert _change_password(client).status_code == 302
    (notice,) = smtp_server.wait_for(1)
    assert notice.recipients == [ADDRESS]
    assert notice.subject == "Your CTIP MERL password was changed"
    assert "Forgot your password?" in notice.body
    assert NEW_PASSWORD not in notice.body and PASSWORD not in notice.body


def test_the_notice_is_in_the_language_the_user_logs_in_with(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    _siriporn(cast)
    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    client.post(reverse("login"), {"username": "siriporn", "password": PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        _change_password(client)
    (notice,) = smtp_server.wait_for(1)
    assert notice.message["Content-Language"] == "th"
    assert notice.subject == "รหัสผ่าน CTIP MERL ของคุณถูกเปลี่ยนแล้ว"


def test_a_login_that_rehashes_the_stored_password_sends_no_notice(
    cast, smtp_server, settings, django_capture_on_commit_callbacks
):
    _siriporn(cast)  # stored with the test suite's fast hasher
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert Client().login(username="siriporn", password=PASSWORD)
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.get(username="siriporn").password.startswith("pbkdf2")
    time.sleep(0.3)
    assert smtp_server.delivered == []


def _code(device: TOTPDevice) -> str:
    generator = TOTP(device.bin_key, step=30, t0=0, digits=6)
    generator.time = time.time()
    return f"{generator.token():06d}"


@pytest.mark.real_mfa
def test_setting_up_and_removing_the_second_factor_each_send_a_notice(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    user = _siriporn(cast, role="administrator")
    client = Client()
    client.post(reverse("login"), {"username": "siriporn", "password": PASSWORD})
    client.get(reverse("second-factor-enrol"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("second-factor-enrol"), {"code": _code(device)})
    assert response.status_code == 302
    (added,) = smtp_server.wait_for(1)
    assert added.recipients == [ADDRESS]
    assert "new authenticator app" in added.subject
    secret = device.bin_key.hex()
    assert secret not in added.body and secret.upper() not in added.body

    # typing a code at login saves the device (its last code, its throttle): no notice
    again = Client()
    again.post(reverse("login"), {"username": "siriporn", "password": PASSWORD})
    with django_capture_on_commit_callbacks(execute=True):
        again.post(reverse("second-factor"), {"code": "000000"})
        device.refresh_from_db()
        again.post(reverse("second-factor"), {"code": _code(device)})
    assert len(smtp_server.delivered) == 1

    with django_capture_on_commit_callbacks(execute=True):
        call_command("mfa", "reset", "siriporn", stdout=io.StringIO())
    _, removed = smtp_server.wait_for(2)
    assert removed.recipients == [ADDRESS]
    assert "authenticator app was removed" in removed.subject
