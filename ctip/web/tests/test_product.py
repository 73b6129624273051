"""The product as a newcomer meets it: the `ctip` command and the real server."""

import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

CTIP = [sys.executable, "-m", "ctip.cli"]


def _env(tmp_path: Path) -> dict:
    env = dict(os.environ)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by browser tests; never in a deployment
    env["CTIP_VAR_DIR"] = str(tmp_path)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'ctip.sqlite3'}"
    return env


def _ctip(tmp_path, *args, check=True):
    return subprocess.run(
        [*CTIP, *args],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=check,
        timeout=300,
    )


def _dump(path: Path) -> list:
    with sqlite3.connect(path) as db:
        tables = [
            r[0]
            for r in db.execute("select name from sqlite_master where type='table' order by name")
        ]
        return [(t, db.execute(f'select * from "{t}" order by 1').fetchall()) for t in tables]  # noqa: S608


def test_init_twice_in_a_row_succeeds_and_changes_nothing(tmp_path):
    first = _ctip(tmp_path, "init")
    assert "reference rows changed" in first.stdout
    before = _dump(tmp_path / "ctip.sqlite3")
    second = _ctip(tmp_path, "init")
    assert "0 migrations applied, 0 reference rows changed" in second.stdout
    assert _dump(tmp_path / "ctip.sqlite3") == before


def test_help_lists_the_commands(tmp_path):
    out = _ctip(tmp_path, "--help").stdout
    for command in ("init", "serve", "demo", "createuser"):
        assert command in out


def test_deploy_check_is_clean_apart_from_https_items(tmp_path):
    result = _ctip(tmp_path, "manage", "check", "--deploy", "--fail-level", "ERROR")
    warnings = re.findall(r"\(security\.(W\d+)\)", result.stdout + result.stderr)
    https_only = {"W004", "W008", "W012", "W016"}  # HSTS, SSL redirect, secure cookies
    assert set(warnings) <= https_only, result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def demo_server(tmp_path):
    _ctip(tmp_path, "init")
    demo = _ctip(tmp_path, "demo")
    port = _free_port()
    server = subprocess.Popen(
        [*CTIP, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310
            break
        except OSError:
            time.sleep(0.1)
    yield base, demo.stdout
    server.terminate()
    server.wait(timeout=10)


def _login(base: str, username: str, password: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base + "/accounts/login/")
    token = next(c.value for c in jar if c.name == "csrftoken")
    data = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(  # noqa: S310
        base + "/accounts/login/", data=data, headers={"Referer": base + "/accounts/login/"}
    )
    opener.open(request)
    return opener


def test_make_demo_serves_a_dashboard_with_the_demo_numbers(demo_server):
    base, demo_output = demo_server
    assert "mel" in demo_output and "demo-mel-pass" in demo_output
    opener = _login(base, "mel", "demo-mel-pass")
    response = opener.open(base + "/?period=FY2024-25")
    page = response.read().decode()
    assert "Content-Security-Policy" in response.headers
    events = int(re.search(r'data-testid="events">([\d,]+)<', page).group(1).replace(",", ""))
    participants = int(
        re.search(r'data-testid="participants">([\d,]+)<', page).group(1).replace(",", "")
    )
    assert 180 <= events <= 280  # about 230 events a year, like the seed program
    assert 4000 <= participants <= 6500  # about 5,000 participants a year
    # `ctip demo` links the records, so the dashboard opens with unique people: fewer than
    # attendances (people come back), but not a handful (names are not all alike)
    assert "linked the records into people" in demo_output
    unique = int(
        re.search(r'data-testid="unique-people">([\d,]+)<', page).group(1).replace(",", "")
    )
    assert 0.7 * participants < unique < participants
    for country in (
        "Cambodia",
        "Indonesia",
        "Laos",
        "Philippines",
        "Thailand",
        "Vietnam",
        "ASEAN/regional",
    ):
        assert country in page
    static = urllib.request.urlopen(  # noqa: S310
        base + re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
    )
    assert static.status == 200
