"""Personal data never reaches error pages or logs (DEBUG is off, as in production)."""

import logging
import re
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.people import listing

NAMES = ("Somchai", "สมชาย", "somchai@example.org")


def _mel(cast):
    client = Client(raise_request_exception=False)
    assert client.login(username=cast.mel.username, password=PASSWORD)
    return client


def _assert_nowhere(response, caplog):
    body = response.content.decode()
    logged = caplog.text + "".join(str(record.__dict__) for record in caplog.records)
    for name in NAMES:
        assert name not in body, name
        assert name not in logged, name
        assert quote(name) not in body and quote(name) not in logged, name


def test_debug_is_off():
    assert django_settings.DEBUG is False


def test_a_server_error_shows_a_plain_page_and_logs_no_name(cast, monkeypatch, caplog):
    def broken(user):
        raise ValueError("no person called " + " ".join(NAMES))  # source lines are logged

    monkeypatch.setattr(listing, "people_for", broken)  # what the people list reads through
    caplog.set_level(logging.DEBUG)
    response = _mel(cast).get(
        reverse("person-list"), {"q": "Somchai สมชาย", "email": "somchai@example.org"}
    )
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "Traceback" not in response.content.decode()
    _assert_nowhere(response, caplog)
    # The log still says what broke and where, for whoever fixes it.
    assert "Internal Server Error: person-list" in caplog.text
    assert "ValueError: [message withheld]" in caplog.text
    assert re.search(r"views\.py\", line \d+, in person_list", caplog.text)


def test_a_server_error_page_and_its_log_line_share_an_incident_reference(
    cast, monkeypatch, caplog
):
    def broken(user):
        raise ValueError("broken")

    monkeypatch.setattr(listing, "people_for", broken)  # what the people list reads through
    caplog.set_level(logging.DEBUG)
    first = _mel(cast).get(reverse("person-list"))
    second = _mel(cast).get(reverse("person-list"))
    shown = [
        re.search(r"<strong>([2-9A-Z]{8})</strong>", response.content.decode()).group(1)
        for response in (first, second)
    ]
    assert shown[0] != shown[1]
    for reference in shown:
        assert f"Internal Server Error: person-list [incident {reference}]" in caplog.text


def test_a_not_found_page_with_a_name_in_the_query_string_logs_no_name(cast, caplog):
    caplog.set_level(logging.DEBUG)
    response = _mel(cast).get("/people/999999/", {"q": "Somchai สมชาย somchai@example.org"})
    assert response.status_code == 404
    assert "Not found" in response.content.decode()
    _assert_nowhere(response, caplog)
    anonymous = Client().get("/no-such-page/", {"name": "Somchai สมชาย"})
    assert anonymous.status_code == 404
    _assert_nowhere(anonymous, caplog)


def test_a_forbidden_page_gives_no_details(cast, caplog):
    client = Client()
    assert client.login(username=cast.viewer.username, password=PASSWORD)
    caplog.set_level(logging.DEBUG)
    response = client.get(reverse("person-list"), {"q": "Somchai สมชาย"})
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()
    _assert_nowhere(response, caplog)


def test_a_rejected_form_submission_logs_no_name(cast, caplog):
    client = Client(enforce_csrf_checks=True)
    caplog.set_level(logging.DEBUG)
    response = client.post(
        reverse("login") + "?next=/people/%3Fq%3DSomchai",
        {"username": "somchai@example.org", "password": "Somchai สมชาย"},
    )
    assert response.status_code == 403
    assert "Please try again" in response.content.decode()
    _assert_nowhere(response, caplog)


def test_the_access_log_of_ctip_serve_prints_paths_without_query_strings(monkeypatch, capsys):
    captured = {}
    monkeypatch.setattr("os.execv", lambda path, argv: captured.setdefault("argv", argv))
    call_command("serve")
    argv = captured["argv"]
    log_format = argv[argv.index("--access-logformat") + 1]
    assert "%(U)s" in log_format  # the path only
    for atom in ("%(r)s", "%(q)s", "%(f)s", "%(a)s", "}i)s"):
        # request line, query string, referer (a URL with a query), user agent, any header
        assert atom not in log_format, atom


@pytest.mark.parametrize("logger", ["django.request", "django.security.csrf", "ctip.anything"])
def test_log_lines_lose_query_strings_and_email_addresses(logger, caplog):
    caplog.set_level(logging.DEBUG)
    logging.getLogger(logger).warning(
        "looked up %s for %s", "/people/?q=Somchai", "somchai@example.org"
    )
    assert "Somchai" not in caplog.text and "somchai@example.org" not in caplog.text
    assert "/people/?[…]" in caplog.text and "[email]" in caplog.text
