"""An administrator invites a colleague by e-mail; the link in the mail (signed, single-use,
expiring) lets them choose a password, and set up a second factor where their role needs it."""

from __future__ import annotations

import io
import logging
import time
from urllib.parse import urlsplit

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from ctip.conftest import PASSWORD

NEW_PASSWORD = "violet-harbour-lantern-42"
COLLEAGUE = "malee.k@example.org"


def _admin() -> Client:
    client = Client()
    assert client.login(username="admin", password=PASSWORD)
    return client


def _invite(client, email=COLLEAGUE, **fields):
    form = {"email": email, "role": "mel-officer", "language": "en", **fields}
    return client.post(reverse("invitation-list"), form)


def _path(link: str) -> str:
    return urlsplit(link).path


def _accept(link: str, password=NEW_PASSWORD) -> Client:
    invitee = Client()
    page = invitee.get(_path(link))
    assert page.status_code == 200 and "new_password1" in page.content.decode()
    response = invitee.post(_path(link), {"new_password1": password, "new_password2": password})
    assert response.status_code == 302, response.content.decode()
    return invitee


def _account_events(user) -> list[str]:
    entries = LogEntry.objects.get_for_object(user).order_by("timestamp", "pk")
    return [e.additional_data["account"] for e in entries if e.additional_data]


def test_an_invited_colleague_sets_a_password_from_the_mail_and_logs_in(cast, smtp_server, caplog):
    caplog.set_level(logging.DEBUG)
    response = _invite(_admin())
    assert response.status_code == 302
    (mail,) = smtp_server.wait_for(1)
    assert mail.recipients == [COLLEAGUE]
    assert "invited" in mail.subject
    assert "malee.k" in mail.body  # the username, made from the address
    user = get_user_model().objects.get(email=COLLEAGUE)
    assert not user.has_usable_password()
    assert user.memberships.get().role == "mel-officer"

    invitee = _accept(mail.link)
    assert invitee.get(reverse("dashboard")).status_code == 200  # logged in at once
    assert Client().login(username="malee.k", password=NEW_PASSWORD)
    # nothing personal in the logs: no address, no link
    logged = caplog.text + "".join(str(r.__dict__) for r in caplog.records)
    assert COLLEAGUE not in logged and _path(mail.link) not in logged
    # the password is nowhere in the mail, and the link works once
    assert NEW_PASSWORD not in mail.body and PASSWORD not in mail.body
    assert Client().get(_path(mail.link)).status_code == 404
    assert _account_events(user) == ["invitation-sent", "invitation-accepted"]
    sent = LogEntry.objects.get_for_object(user).get(additional_data__account="invitation-sent")
    assert sent.actor == cast.admin
    assert len(smtp_server.delivered) == 1  # choosing the first password is not a "change"


@pytest.mark.real_mfa
def test_an_invited_administrator_sets_up_the_authenticator_app_before_any_page(cast, smtp_server):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=cast.admin, name="phone", confirmed=True)
    inviter = Client()
    assert inviter.login(username="admin", password=PASSWORD)
    from ctip.accounts.actions import do_invite_user

    do_invite_user("niran@example.org", role="administrator", invited_by=cast.admin)
    (mail,) = smtp_server.wait_for(1)
    assert "authenticator app" in mail.body
    invitee = _accept(mail.link)
    page = invitee.get(reverse("dashboard"), follow=True)
    assert page.redirect_chain[-1][0].startswith(reverse("second-factor-enrol"))
    assert "<svg" in page.content.decode()  # the QR code to scan


def test_sending_again_voids_the_earlier_link(cast, smtp_server):
    admin = _admin()
    _invite(admin)
    user = get_user_model().objects.get(email=COLLEAGUE)
    response = admin.post(reverse("invitation-send-again", args=[user.pk]))
    assert response.status_code == 302
    first, second = smtp_server.wait_for(2)
    assert first.link != second.link
    assert Client().get(_path(first.link)).status_code == 404
    _accept(second.link)
    # once accepted, there is nothing to send again
    admin.post(reverse("invitation-send-again", args=[user.pk]))
    assert len(smtp_server.delivered) == 2


def test_an_invitation_link_expires_and_a_forged_one_does_not_work(
    cast, smtp_server, settings, monkeypatch
):
    settings.CTIP_INVITATION_DAYS = 7
    _invite(_admin())
    (mail,) = smtp_server.wait_for(1)
    now = time.time()
    monkeypatch.setattr("django.core.signing.time.time", lambda: now + 8 * 86400)
    assert Client().get(_path(mail.link)).status_code == 404
    monkeypatch.setattr("django.core.signing.time.time", lambda: now + 6 * 86400)
    assert Client().get(_path(mail.link)).status_code == 200
    forged = _path(mail.link).replace(mail.link.rstrip("/").rsplit(":", 1)[-1], "x" * 27)
    assert Client().get(forged).status_code == 404


def test_an_address_that_already_has_an_account_is_not_invited_again(cast, smtp_server):
    admin = _admin()
    _invite(admin)
    page = _invite(admin, email=COLLEAGUE.upper(), username="other")
    assert page.status_code == 200
    assert "already exists" in page.content.decode()
    assert len(smtp_server.delivered) == 1


def test_a_country_officer_needs_a_country(cast, smtp_server):
    page = _invite(_admin(), role="country-officer")
    assert "needs at least one country" in page.content.decode()
    response = _invite(_admin(), role="country-officer", countries=["TH"])
    assert response.status_code == 302
    user = get_user_model().objects.get(email=COLLEAGUE)
    assert [c.code for c in user.memberships.get().countries.all()] == ["TH"]


def test_when_the_mail_server_is_down_no_account_is_made_and_the_page_says_so(cast, no_smtp_server):
    page = _invite(_admin())
    assert page.status_code == 200
    assert "could not be sent" in page.content.decode()
    assert not get_user_model().objects.filter(email=COLLEAGUE).exists()


def test_ctip_invite_mails_the_link_and_sends_again(cast, smtp_server):
    out = io.StringIO()
    call_command("invite", "dara@example.org", "--role", "viewer", "--program", "test", stdout=out)
    assert "invited dara (viewer)" in out.getvalue()
    (mail,) = smtp_server.wait_for(1)
    assert mail.recipients == ["dara@example.org"]
    assert mail.link.startswith("http://127.0.0.1:8000/accounts/invitation/")
    call_command("invite", "--again", "dara", stdout=io.StringIO())
    first, second = smtp_server.wait_for(2)
    assert Client().get(_path(first.link)).status_code == 404
    _accept(second.link)
    assert Client().login(username="dara", password=NEW_PASSWORD)


def test_ctip_invite_uses_the_base_url_setting(cast, smtp_server, settings):
    settings.CTIP_BASE_URL = "https://merl.example.org"
    call_command(
        "invite", "dara@example.org", "--role", "viewer", "--program", "test", stdout=io.StringIO()
    )
    (mail,) = smtp_server.wait_for(1)
    assert mail.link.startswith("https://merl.example.org/accounts/invitation/")


def test_ctip_invite_refuses_when_the_mail_server_is_down(cast, no_smtp_server):
    with pytest.raises(CommandError, match="nothing was created"):
        call_command(
            "invite",
            "dara@example.org",
            "--role",
            "viewer",
            "--program",
            "test",
            stdout=io.StringIO(),
        )
    assert not get_user_model().objects.filter(username="dara").exists()


def test_an_invitation_in_thai_is_written_in_thai(cast, smtp_server):
    _invite(_admin(), language="th")
    (mail,) = smtp_server.wait_for(1)
    assert mail.message["Content-Language"] == "th"
    assert "เชิญ" in mail.subject  # "invite"
    assert "รหัสผ่าน" in mail.body  # "password"
