""" "Forgot your password?": a link by mail to choose a new one, the same answer for an address
with no account (no way to learn who has one), throttled, and a notice once it is changed."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from django.test import Client
from django.urls import reverse

from ctip.accounts.actions import do_create_user
from ctip.conftest import PASSWORD

KNOWN = "chanthavy@example.org"
UNKNOWN = "nobody-here@example.org"
NEW_PASSWORD = "monsoon-teak-lantern-77"


def _colleague(cast):
    return do_create_user(
        "chanthavy", PASSWORD, role="mel-officer", program=cast.program, email=KNOWN
    )


def _ask(client: Client, address: str):
    return client.post(reverse("password_reset"), {"email": address}, follow=True)


def test_the_login_page_offers_forgot_your_password(cast):
    page = Client().get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}"' in page
    assert "Forgot your password?" in page


def test_a_known_and_an_unknown_address_get_the_same_page_and_only_the_known_one_mail(
    cast, smtp_server
):
    _colleague(cast)
    unknown = _ask(Client(), UNKNOWN)
    known = _ask(Client(), KNOWN.upper())  # any letter case
    assert unknown.redirect_chain == known.redirect_chain == [(reverse("password_reset_done"), 302)]
    assert unknown.content == known.content
    (mail,) = smtp_server.wait_for(1)
    time.sleep(0.5)  # time for a second mail, were one (wrongly) sent from another thread
    assert len(smtp_server.delivered) == 1
    assert mail.recipients == [KNOWN]
    assert "new password" in mail.subject
    assert PASSWORD not in mail.body


def test_the_link_sets_a_new_password_once_and_a_notice_follows(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    user = _colleague(cast)
    logged_in_elsewhere = Client()
    assert logged_in_elsewhere.login(username="chanthavy", password=PASSWORD)
    _ask(Client(), KNOWN)
    (mail,) = smtp_server.wait_for(1)
    browser = Client()
    form = browser.get(urlsplit(mail.link).path, follow=True)
    assert "new_password1" in form.content.decode()
    form_path = form.redirect_chain[-1][0]  # Django moves the token out of the address
    with django_capture_on_commit_callbacks(execute=True):  # the notice leaves after commit
        done = browser.post(
            form_path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
        )
    assert done.redirect_chain[-1][0] == reverse("password_reset_complete")
    assert Client().login(username="chanthavy", password=NEW_PASSWORD)
    assert not Client().login(username="chanthavy", password=PASSWORD)
    # the other session, with the old password, has ended
    assert logged_in_elsewhere.get(reverse("dashboard")).status_code == 302
    # the link works once
    again = Client().get(urlsplit(mail.link).path, follow=True).content.decode()
    assert "new_password1" not in again and "does not work" in again
    # and the owner is told, without the password
    _, notice = smtp_server.wait_for(2)
    assert notice.recipients == [KNOWN]
    assert "password was changed" in notice.subject
    assert NEW_PASSWORD not in notice.body and PASSWORD not in notice.body
    from auditlog.models import LogEntry

    assert (
        LogEntry.objects.get_for_object(user)
        .filter(additional_data__account="password-changed")
        .exists()
    )


def test_requests_are_throttled_alike_for_known_and_unknown_addresses(cast, smtp_server, settings):
    settings.CTIP_LOGIN_FAILURES_PER_ACCOUNT = 3
    _colleague(cast)
    for address in (KNOWN, UNKNOWN):
        client = Client(REMOTE_ADDR="198.51.100.9")
        statuses = [
            client.post(reverse("password_reset"), {"email": address}).status_code for _ in range(4)
        ]
        assert statuses == [302, 302, 302, 429], address
        assert (
            "Too many requests"
            in client.post(reverse("password_reset"), {"email": address}).content.decode()
        )
    smtp_server.wait_for(3)
    time.sleep(0.5)
    assert len(smtp_server.delivered) == 3  # three for the known address, none after


def test_an_account_without_a_password_yet_gets_no_reset_mail(cast, smtp_server):
    do_create_user("pending", None, role="viewer", program=cast.program, email=KNOWN)
    _ask(Client(), KNOWN)
    time.sleep(0.5)
    assert smtp_server.delivered == []  # an invitation, not a reset, sets the first password
