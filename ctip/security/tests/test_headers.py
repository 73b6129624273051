"""Security headers and cookies, on an ordinary page and on the login page."""

import json
import os
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from ctip.conftest import PASSWORD


def _pages(cast):
    client = Client()
    assert client.login(username=cast.mel.username, password=PASSWORD)
    return {
        "dashboard": client.get(reverse("dashboard")),
        "login": Client().get(reverse("login")),
    }


def test_every_page_and_the_login_page_send_the_security_headers(cast):
    for name, response in _pages(cast).items():
        assert response.status_code == 200, name
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "default-src 'self'" in csp, name
        assert "frame-ancestors 'none'" in csp, name
        assert response["X-Frame-Options"] == "DENY", name
        assert response["Referrer-Policy"] == "same-origin", name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert "camera=()" in response["Permissions-Policy"], name
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", name
        assert "Strict-Transport-Security" not in response, name  # plain HTTP: no HSTS


def _https_settings() -> dict:
    """Settings as `CTIP_HTTPS=true` makes them, read in a fresh process."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ("
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_SSL_REDIRECT', "
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_NAME', "
        "'CSRF_COOKIE_NAME', 'SECURE_PROXY_SSL_HEADER')}))"
    )
    env = {**os.environ, "CTIP_HTTPS": "true", "DJANGO_SETTINGS_MODULE": "ctip.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def https_settings():
    return _https_settings()


def test_behind_https_cookies_are_secure_and_hsts_is_a_year(https_settings):
    assert https_settings["SECURE_HSTS_SECONDS"] == 31536000
    assert https_settings["SECURE_SSL_REDIRECT"] is True
    assert https_settings["SESSION_COOKIE_SECURE"] is True
    assert https_settings["CSRF_COOKIE_SECURE"] is True
    assert https_settings["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert https_settings["CSRF_COOKIE_NAME"].startswith("__Host-")


def test_behind_https_pages_and_the_login_page_send_hsts(cast, settings, https_settings):
    for key, value in https_settings.items():
        setattr(settings, key, tuple(value) if isinstance(value, list) else value)
    client = Client()
    assert client.login(username=cast.mel.username, password=PASSWORD)
    responses = [
        client.get(reverse("dashboard"), secure=True),
        Client().get(reverse("login"), secure=True),
    ]
    for response in responses:
        assert response.status_code == 200
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    plain = Client().get(reverse("login"))
    assert plain.status_code == 301 and plain["Location"].startswith("https://")


def test_the_session_and_csrf_cookies_are_http_only_and_same_site(cast):
    client = Client()
    page = client.get(reverse("login"))
    csrf = page.cookies["csrftoken"]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(reverse("login"), {"username": cast.mel.username, "password": PASSWORD})
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"
    assert int(session["max-age"]) == 8 * 3600


def test_pages_behind_a_login_are_not_cached(cast):
    pages = _pages(cast)
    assert pages["dashboard"]["Cache-Control"] == "no-store, private"
    client = Client()
    client.force_login(cast.admin)
    person = client.get(reverse("person-detail", args=[cast.somchai.pk]))
    assert person["Cache-Control"] == "no-store, private"


def test_the_deployment_check_finds_nothing_behind_https(tmp_path):
    env = {
        **os.environ,
        "CTIP_HTTPS": "true",
        "CTIP_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'ctip.sqlite3'}",
    }
    env.pop("CTIP_SECRET_KEY", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ctip.cli",
            "manage",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
