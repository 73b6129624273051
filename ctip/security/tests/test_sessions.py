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


FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1"
)


def _logged_in_from(user_agent) -> Client:
    client = Client(HTTP_USER_AGENT=user_agent)
    response = client.post(reverse("login"), {"username": "mel", "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_the_sessions_page_names_each_sessions_browser_and_device(cast):
    laptop = _logged_in_from(FIREFOX_WINDOWS)
    _logged_in_from(CHROME_ANDROID)
    _logged_in_from(SAFARI_IPHONE)
    _logged_in_from("")  # a client that says nothing about itself
    html = laptop.get(reverse("session-list")).content.decode()
    rows = re.findall(r"<tr>\s*<td>([^<]*)</td>", html)
    assert rows[0] == "Firefox on Windows"  # this session first
    assert sorted(rows[1:]) == ["Chrome on Android", "Safari on iPhone", "Unknown browser"]
    assert "Gecko" not in html  # the names, not the user agent


def test_browser_and_device_names_people_know():
    from ctip.security.devices import browser_and_device, describe

    cases = {
        FIREFOX_WINDOWS: "Firefox on Windows",
        CHROME_ANDROID: "Chrome on Android",
        SAFARI_IPHONE: "Safari on iPhone",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like "
        "Gecko) Version/17.6 Safari/605.1.15": "Safari on Mac",
        "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "CriOS/131.0 Mobile/15E148 Safari/604.1": "Chrome on iPad",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0": "Edge on Linux",
        "Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) "
        "SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36": "Samsung Internet on Android",
        "curl/8.5.0": "curl",
        "": "Unknown browser",
    }
    for user_agent, expected in cases.items():
        assert describe(browser_and_device(user_agent)) == expected, user_agent
