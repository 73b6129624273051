"""Two hundred participants registering at once through the real server (gunicorn, two
worker processes) record exactly two hundred attendances: on SQLite, and on PostgreSQL
when DATABASE_URL points at a PostgreSQL server."""

from __future__ import annotations

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
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

CTIP = [sys.executable, "-m", "ctip.cli"]
PARTICIPANTS = 200
RESENT = 20  # forms sent a second time, at the same moment as the first

MAKE_EVENT = """
import django
django.setup()
from django.utils import timezone
from ctip.events.actions import do_create_event
from ctip.programs.models import Program
from ctip.registration.links import link_token
program = Program.objects.create(code="load", name="Load test")
event = do_create_event(program, code="LOAD-1", title="Conference", country_code="TH",
                        start_date=timezone.localdate(), event_type="conference")
print(event.pk, link_token(event))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(env, *args):
    return subprocess.run(
        [*args], env=env, capture_output=True, text=True, check=True, timeout=300
    ).stdout


@pytest.fixture
def postgres_database():
    """A throwaway PostgreSQL database on the server DATABASE_URL names (else skip)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("DATABASE_URL is not PostgreSQL")
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"ctip_load_{uuid.uuid4().hex[:10]}"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield parts._replace(path=f"/{name}").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _serve(tmp_path: Path, database_url: str):
    env = dict(os.environ)
    env["CTIP_VAR_DIR"] = str(tmp_path)
    env["DATABASE_URL"] = database_url
    _run(env, *CTIP, "init")
    event_id, token = _run(env, sys.executable, "-c", MAKE_EVENT).split()
    port = _free_port()
    server = subprocess.Popen(
        [*CTIP, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310
            break
        except OSError:
            time.sleep(0.1)
    return server, base, int(event_id), token


def _register(base: str, token: str, number: int, resend: bool) -> list[str]:
    """One phone: open the form (CSRF cookie and token), fill it in, send it (twice when
    RESEND: the two copies race each other). Returns the pages it ended on."""
    jar = http.cookiejar.CookieJar()
    phone = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"{base}/r/{token}/?lang=en"
    page = phone.open(url, timeout=30).read().decode()
    fields = dict(
        re.findall(r'name="(csrfmiddlewaretoken|submission_token)" value="([^"]+)"', page)
    )
    form = urllib.parse.urlencode(
        {
            **fields,
            "lang": "en",
            "full_name": f"Participant {number}",
            "sex": ("female", "male")[number % 2],
            "country": "TH",
            "organisation": f"Ministry {number % 5}",
            "organisation_type": "government-national",
            "email": f"p{number}@example.org",
            "consent": "yes",
        }
    ).encode()
    copies = 2 if resend else 1
    with ThreadPoolExecutor(copies) as pool:
        return list(
            pool.map(lambda _: phone.open(url, data=form, timeout=60).geturl(), range(copies))
        )


def _fire(base: str, token: str) -> list[str]:
    with ThreadPoolExecutor(32) as pool:
        results = pool.map(
            lambda n: _register(base, token, n, resend=n < RESENT), range(PARTICIPANTS)
        )
        return [landing for pages in results for landing in pages]


def _check_landings(landings: list[str]):
    assert len(landings) == PARTICIPANTS + RESENT
    assert all("/thanks/" in landing for landing in landings)


def _fire_at_the_server(tmp_path, database_url) -> tuple[int, float]:
    """Start the real server on DATABASE_URL, send every form, stop it: (event id, seconds)."""
    server, base, event_id, token = _serve(tmp_path, database_url)
    try:
        started = time.monotonic()
        _check_landings(_fire(base, token))
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    return event_id, elapsed


def _check_counts(execute, event_id: int, placeholder: str) -> None:
    """EXECUTE(sql, params) -> cursor, for either database's driver."""

    def count(sql, params=None):
        sql = sql.replace("?", placeholder)
        return (execute(sql, params) if params else execute(sql)).fetchone()[0]

    attendances = count("select count(*) from people_attendance where event_id = ?", [event_id])
    people = count("select count(*) from people_person")
    organisations = count(
        "select count(*) from organisations_organisation where name like 'Ministry %'"
    )
    forms = count("select count(*) from registration_selfregistration")
    assert forms == PARTICIPANTS  # a resent form is the same registration
    assert (attendances, people, organisations) == (PARTICIPANTS, PARTICIPANTS, 5)


def test_two_hundred_registrations_at_once_record_two_hundred_attendances_on_sqlite(tmp_path):
    database = tmp_path / "ctip.sqlite3"
    event_id, elapsed = _fire_at_the_server(tmp_path, f"sqlite:///{database}")
    with sqlite3.connect(database) as db:
        _check_counts(db.execute, event_id, "?")
    print(f"sqlite: {PARTICIPANTS + RESENT} forms in {elapsed:.1f}s")


def test_two_hundred_registrations_at_once_record_two_hundred_attendances_on_postgres(
    tmp_path, postgres_database
):
    import psycopg

    event_id, elapsed = _fire_at_the_server(tmp_path, postgres_database)
    with psycopg.connect(postgres_database) as db:
        _check_counts(db.execute, event_id, "%s")
    print(f"postgres: {PARTICIPANTS + RESENT} forms in {elapsed:.1f}s")
