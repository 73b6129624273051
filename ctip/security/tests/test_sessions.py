"""Users see where they are logged in and end their other sessions (ASVS 3.3.4)."""

import re

from django.test import Client
from django.urls import reverse

from ctip.conftest import PASSWORD


def _logged_in(username) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def _tags(page) -> list[str]:
    return re.findall(r'name="session" value="([0-9a-f]+)"', page.content.decode())


def test_a_user_sees_their_sessions_and_ends_another_one(cast):
    laptop, phone = _logged_in("mel"), _logged_in("mel")
    _logged_in("thai")
    page = laptop.get(reverse("session-list"))
    html = page.content.decode()
    assert "this session" in html
    assert html.count("<tr>") == 1 + 2  # header and mel's two sessions, not thai's
    assert phone.cookies["sessionid"].value not in html  # named by a tag, never the key
    (tag,) = _tags(page)
    assert laptop.post(reverse("session-list"), {"session": tag}).status_code == 302
    assert phone.get(reverse("dashboard")).status_code == 302  # back to the login page
    assert laptop.get(reverse("dashboard")).status_code == 200
    assert _tags(laptop.get(reverse("session-list"))) == []


def test_ending_all_other_sessions_keeps_this_one(cast):
    here = _logged_in("mel")
    others = [_logged_in("mel") for _ in range(3)]
    thai = _logged_in("thai")
    here.post(reverse("session-list"))
    assert all(other.get(reverse("dashboard")).status_code == 302 for other in others)
    assert here.get(reverse("dashboard")).status_code == 200
    assert thai.get(reverse("dashboard")).status_code == 200


def test_another_users_session_cannot_be_ended_with_its_tag(cast):
    thai_laptop, thai_phone = _logged_in("thai"), _logged_in("thai")
    (thai_tag,) = _tags(thai_laptop.get(reverse("session-list")))
    mel = _logged_in("mel")
    mel.post(reverse("session-list"), {"session": thai_tag})
    assert thai_phone.get(reverse("dashboard")).status_code == 200
