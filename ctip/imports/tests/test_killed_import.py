"""An import killed half-way (SIGKILL: no cleanup, no exception handler runs) leaves the
database exactly as it was, and running the same import again afterwards succeeds: on a
SQLite file, and on PostgreSQL when DATABASE_URL points at a PostgreSQL server."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest

CTIP = [sys.executable, "-m", "ctip.cli"]
ROWS = 10_000

MAKE_EVENT = """
import datetime, django
django.setup()
from ctip.events.actions import do_create_event
from ctip.programs.models import Program
program = Program.objects.create(code="fault", name="Fault test")
do_create_event(program, code="F-1", title="Conference", country_code="TH",
                start_date=datetime.date(2024, 11, 5), event_type="conference")
"""


def _big_sheet(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["event_id", "full_name", "sex", "country_of_origin", "organisation"]
            + ["organisation_type"]
        )
        for number in range(ROWS):
            writer.writerow(
                ["F-1", f"Participant {number}", ("female", "male")[number % 2], "TH",
                 f"Ministry {number % 50}", "government-national"]
            )  # fmt: skip
    return path


def _prepare(tmp_path: Path, database_url: str) -> dict:
    env = dict(os.environ, CTIP_VAR_DIR=str(tmp_path), DATABASE_URL=database_url)
    # SQLite's own page cache, so that the import's writes spill to the write-ahead log long
    # before it ends (the test kills it then); with the import's larger cache they would not.
    env["CTIP_IMPORT_PAGE_CACHE_MB"] = "0"
    env["DJANGO_SETTINGS_MODULE"] = "ctip.settings"
    subprocess.run([*CTIP, "init"], env=env, check=True, capture_output=True, timeout=300)
    subprocess.run(
        [sys.executable, "-c", MAKE_EVENT], env=env, check=True, capture_output=True, timeout=60
    )
    return env


def _import(env, sheet: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [*CTIP, "import", "attendance", str(sheet), "--program", "fault",
         "--consent-version", "paper-1"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _kill_when(process: subprocess.Popen, writing) -> None:
    """SIGKILL PROCESS as soon as WRITING() says the import is writing (it must, before the
    import ends: otherwise the test learns nothing)."""
    deadline = time.monotonic() + 300
    while not writing():
        assert process.poll() is None, "the import ended before it was seen writing"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def _rows(db, table: str) -> list[str]:
    """Every row of TABLE, in a stable order, for comparing before and after."""
    return sorted(map(repr, db.execute(f'select * from "{table}"')))  # noqa: S608


def _sqlite_tables(path: Path) -> dict[str, list]:
    with sqlite3.connect(path) as db:
        names = [n for (n,) in db.execute("select name from sqlite_master where type='table'")]
        return {name: _rows(db, name) for name in names}


def test_a_killed_import_leaves_a_sqlite_database_exactly_as_it_was(tmp_path):
    database = tmp_path / "ctip.sqlite3"
    env = _prepare(tmp_path, f"sqlite:///{database}")
    sheet = _big_sheet(tmp_path / "attendance.csv")
    before = _sqlite_tables(database)
    wal = Path(f"{database}-wal")

    # Nothing reads or writes the database now, so the write-ahead log is empty or gone;
    # pages in it mean the import's transaction has started spilling its writes.
    process = _import(env, sheet)
    _kill_when(process, lambda: wal.exists() and wal.stat().st_size > 0)

    assert _sqlite_tables(database) == before
    rerun = _import(env, sheet)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert f"{ROWS} new, 0 changed" in out
    with sqlite3.connect(database) as db:
        assert db.execute("select count(*) from people_attendance").fetchone()[0] == ROWS


@pytest.fixture
def postgres_database():
    """A throwaway PostgreSQL database on the server DATABASE_URL names (else skip)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("DATABASE_URL is not PostgreSQL")
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"ctip_fault_{uuid.uuid4().hex[:10]}"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield parts._replace(path=f"/{name}").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres_tables(url: str) -> dict[str, list]:
    import psycopg

    with psycopg.connect(url) as db:
        names = [
            n
            for (n,) in db.execute(
                "select tablename from pg_tables where schemaname = 'public' order by 1"
            )
        ]
        return {name: _rows(db, name) for name in names}


def test_a_killed_import_leaves_a_postgres_database_exactly_as_it_was(tmp_path, postgres_database):
    import psycopg

    env = _prepare(tmp_path, postgres_database)
    sheet = _big_sheet(tmp_path / "attendance.csv")
    before = _postgres_tables(postgres_database)

    with psycopg.connect(postgres_database, autocommit=True) as watcher:

        def inserting_attendances() -> bool:
            # The import inserts people first, then attendances: a lock on the attendance
            # table held by another session means it is half-way through its writes.
            return watcher.execute(
                "select exists (select 1 from pg_locks l join pg_class c on c.oid = l.relation "
                "where c.relname = 'people_attendance' and l.mode = 'RowExclusiveLock' "
                "and l.pid <> pg_backend_pid())"
            ).fetchone()[0]

        process = _import(env, sheet)
        _kill_when(process, inserting_attendances)
        # The server notices the dead client and rolls its transaction back.
        for _ in range(500):
            if not inserting_attendances():
                break
            time.sleep(0.02)

    assert _postgres_tables(postgres_database) == before
    rerun = _import(env, sheet)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert f"{ROWS} new, 0 changed" in out
    with psycopg.connect(postgres_database) as db:
        assert db.execute("select count(*) from people_attendance").fetchone()[0] == ROWS
