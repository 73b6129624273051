"""A new e-mail address takes effect only when its owner follows the link sent to it; the old
address is then told."""

from __future__ import annotations

from urllib.parse import urlsplit

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from ctip.accounts.actions import do_create_user
from ctip.conftest import PASSWORD

OLD = "bopha.old@example.org"
NEW = "bopha.new@example.org"


def _bopha(cast):
    return do_create_user("bopha", PASSWORD, role="mel-officer", program=cast.program, email=OLD)


def _logged_in(username="bopha") -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def _email_of(username="bopha") -> str:
    return get_user_model().objects.get(username=username).email


def test_a_new_address_takes_effect_only_through_the_link_sent_to_it(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    user = _bopha(cast)
    bopha = _logged_in()
    page = bopha.post(reverse("email-change"), {"new_email": NEW, "password": PASSWORD})
    assert page.status_code == 200 and "We sent a link to" in page.content.decode()
    (confirm,) = smtp_server.wait_for(1)
    assert confirm.recipients == [NEW]
    assert PASSWORD not in confirm.body
    assert _email_of() == OLD  # not yet
    link = urlsplit(confirm.link).path

    # someone else with the link cannot use it; opening it changes nothing (mail scanners)
    assert _logged_in("mel").get(link).status_code == 404
    assert Client().get(link).status_code == 302  # to the login page
    assert bopha.get(link).status_code == 200
    assert _email_of() == OLD

    with django_capture_on_commit_callbacks(execute=True):
        bopha.post(link)
    assert _email_of() == NEW
    _, notice = smtp_server.wait_for(2)
    assert notice.recipients == [OLD]
    assert "e-mail address was changed" in notice.subject
    assert bopha.post(link).status_code == 404  # once only

    # in the audit trail: that it changed, the addresses masked
    entries = LogEntry.objects.get_for_object(user)
    assert entries.filter(additional_data__account="email-changed").exists()
    changed = entries.filter(action=LogEntry.Action.UPDATE).exclude(changes={}).get()
    assert set(changed.changes) == {"email"}
    assert OLD not in str(changed.changes) and NEW not in str(changed.changes)


def test_a_newer_request_voids_the_earlier_link(cast, smtp_server):
    _bopha(cast)
    bopha = _logged_in()
    bopha.post(reverse("email-change"), {"new_email": NEW, "password": PASSWORD})
    bopha.post(reverse("email-change"), {"new_email": "third@example.org", "password": PASSWORD})
    first, second = smtp_server.wait_for(2)
    assert bopha.get(urlsplit(first.link).path).status_code == 404
    bopha.post(urlsplit(second.link).path)
    assert _email_of() == "third@example.org"


def test_a_wrong_password_or_a_taken_address_sends_nothing(cast, smtp_server):
    _bopha(cast)
    do_create_user("other", PASSWORD, role="viewer", program=cast.program, email=NEW)
    bopha = _logged_in()
    wrong = bopha.post(reverse("email-change"), {"new_email": NEW, "password": "not-it-at-all"})
    assert "That is not your password." in wrong.content.decode()
    taken = bopha.post(reverse("email-change"), {"new_email": NEW, "password": PASSWORD})
    assert "Another account uses this e-mail address." in taken.content.decode()
    assert smtp_server.delivered == []
    assert _email_of() == OLD
