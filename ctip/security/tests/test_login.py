"""Login hardening: throttling, strong passwords, password change, logout, session expiry."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.security import middleware
from ctip.security.models import LoginFailure

WRONG = "not-the-password-at-all"  # noqa: S105


def _login(username, password, address="203.0.113.7"):
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("login"), {"username": username, "password": password})
    return client, response


def _logged_in(response) -> bool:
    return response.status_code == 302


def test_after_five_failed_logins_even_the_right_password_is_refused_for_a_while(cast):
    for _ in range(5):
        _, response = _login("mel", WRONG)
        assert response.status_code == 200
        assert "do not match" in response.content.decode()
    _, response = _login("mel", PASSWORD)
    assert response.status_code == 200
    assert "Too many failed attempts" in response.content.decode()


def test_the_throttle_is_per_username_and_address(cast):
    for _ in range(5):
        _login("mel", WRONG, address="203.0.113.7")
    assert _logged_in(_login("mel", PASSWORD, address="198.51.100.20")[1])
    assert _logged_in(_login("viewer", PASSWORD, address="203.0.113.7")[1])


def test_one_address_trying_many_usernames_is_throttled(cast, settings):
    settings.CTIP_LOGIN_FAILURES_PER_ADDRESS = 6
    for number in range(6):
        _login(f"guess{number}", WRONG)
    assert not _logged_in(_login("viewer", PASSWORD)[1])
    assert _logged_in(_login("viewer", PASSWORD, address="198.51.100.20")[1])


def test_failures_older_than_the_window_no_longer_count(cast, settings):
    for _ in range(5):
        _login("mel", WRONG)
    settings.CTIP_LOGIN_LOCK_SECONDS = 0
    assert _logged_in(_login("mel", PASSWORD)[1])


def test_a_successful_login_clears_earlier_failures(cast):
    for _ in range(4):
        _login("mel", WRONG)
    assert _logged_in(_login("mel", PASSWORD)[1])
    assert not LoginFailure.objects.exists()
    for _ in range(4):
        _login("mel", WRONG)
    assert _logged_in(_login("mel", PASSWORD)[1])


def test_failed_logins_do_not_store_what_was_typed_as_the_username(cast):
    _login("a-password-typed-in-the-wrong-box", WRONG)
    failure = LoginFailure.objects.get()
    assert "password" not in failure.username_hash and len(failure.username_hash) == 64


def test_behind_a_proxy_the_throttle_keys_on_the_address_the_proxy_saw(cast, settings):
    settings.CTIP_BEHIND_PROXY = True
    for _ in range(5):
        Client(REMOTE_ADDR="127.0.0.1").post(
            reverse("login"),
            {"username": "mel", "password": WRONG},
            HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7",
        )
    assert set(LoginFailure.objects.values_list("address", flat=True)) == {"203.0.113.7"}
    other = Client(REMOTE_ADDR="127.0.0.1").post(
        reverse("login"),
        {"username": "mel", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.8",
    )
    assert _logged_in(other)


@pytest.mark.parametrize("weak", ["short-pass1", "123456789012345", "password1234"])
def test_createuser_refuses_a_weak_password(program, weak, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(weak + "\n"))
    with pytest.raises(CommandError):
        call_command("createuser", "newmel", role="mel-officer", password_stdin=True)


def test_createuser_accepts_a_long_uncommon_password(program, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery staple\n"))
    call_command("createuser", "newmel", role="mel-officer", password_stdin=True)
    assert "created newmel" in capsys.readouterr().out


def test_a_user_changes_their_password_and_weak_ones_are_refused(cast):
    client, _ = _login("mel", PASSWORD)
    page = client.get(reverse("password_change"))
    assert page.status_code == 200 and 'name="new_password1"' in page.content.decode()
    weak = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "short1", "new_password2": "short1"},
    )
    assert weak.status_code == 200 and "too short" in weak.content.decode()
    wrong_old = client.post(
        reverse("password_change"),
        {
            "old_password": WRONG,
            "new_password1": "a brand new long passphrase",
            "new_password2": "a brand new long passphrase",
        },
    )
    assert wrong_old.status_code == 200
    done = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a brand new long passphrase",
            "new_password2": "a brand new long passphrase",
        },
    )
    assert done.status_code == 302 and done["Location"] == reverse("password_change_done")
    assert client.get(reverse("dashboard")).status_code == 200  # this session stays
    assert _logged_in(_login("mel", "a brand new long passphrase")[1])


def test_changing_the_password_logs_out_other_sessions(cast):
    other, _ = _login("mel", PASSWORD)
    client, _ = _login("mel", PASSWORD)
    client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a brand new long passphrase",
            "new_password2": "a brand new long passphrase",
        },
    )
    assert other.get(reverse("dashboard")).status_code == 302


def test_the_password_page_needs_a_login(db):
    response = Client().get(reverse("password_change"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_logout_works_by_post_only(cast):
    client, _ = _login("mel", PASSWORD)
    assert client.get(reverse("logout")).status_code == 405
    assert client.get(reverse("dashboard")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


def test_a_session_ends_after_half_an_hour_without_requests(cast, monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(middleware, "_now", lambda: clock[0])
    client, _ = _login("mel", PASSWORD)
    for _ in range(10):  # busy for 5 hours, a request every 29 minutes
        clock[0] += 29 * 60
        assert client.get(reverse("dashboard")).status_code == 200
    clock[0] += 31 * 60
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_session_ends_eight_hours_after_login_however_busy(cast, monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(middleware, "_now", lambda: clock[0])
    client, _ = _login("mel", PASSWORD)
    for _ in range(16):
        clock[0] += 29 * 60
        assert client.get(reverse("dashboard")).status_code == 200
    clock[0] += 29 * 60  # 8 h 12 min after login
    assert client.get(reverse("dashboard")).status_code == 302


def test_logging_in_gives_a_new_session_key(cast):
    client = Client()
    client.get(reverse("login"))
    client.cookies["sessionid"] = "a-key-an-attacker-planted"
    client.post(reverse("login"), {"username": "mel", "password": PASSWORD})
    assert client.cookies["sessionid"].value != "a-key-an-attacker-planted"
    assert client.get(reverse("dashboard")).status_code == 200


def test_logins_and_failures_are_logged_without_what_was_typed(cast, caplog):
    caplog.set_level("INFO", logger="ctip.security")
    _login("my-secret-password-typed-as-username", WRONG)
    _login("mel", PASSWORD)
    for _ in range(5):
        _login("viewer", WRONG)
    _login("viewer", PASSWORD)
    text = caplog.text
    assert "login failed: account " in text and "from 203.0.113.7" in text
    assert f"login: user id {cast.mel.pk} from 203.0.113.7" in text
    assert "login refused, throttled" in text
    assert "my-secret-password" not in text and WRONG not in text
