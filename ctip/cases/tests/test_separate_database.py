"""Case data lives in its own database, with its identifying fields encrypted: the file
shows no name, and nothing the MEL side runs (reports, exports, people) reaches it."""

from __future__ import annotations

import ast
import io
import re
import sqlite3
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test.utils import CaptureQueriesContext

from ctip.cases.crypto import identity_hash
from ctip.cases.models import Case
from ctip.cases.router import CasesRouter
from ctip.lib.periods import parse_period
from ctip.reports.registry import REPORTS, run_report

from .conftest import CASES_DB

pytestmark = CASES_DB

CTIP = Path(__file__).resolve().parents[2]


def _stored_rows() -> bytes:
    """Every row of the cases database as the database returns it, without the model fields
    that would decrypt it."""
    connection = connections["cases"]
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump()).encode()
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608
            chunks.append(repr(cursor.fetchall()).encode())
    return b"\n".join(chunks)


SECRETS = ("Somsri", "Jaidee", "2001-02-03", "234 5678", "Mae Sot", "Mya")


def _in_the_clear(secret: str, stored: bytes) -> bool:
    """SECRET written out in STORED: not letters that happen to fall inside an encrypted
    value's base64 ("Mya" turns up in one run in a few)."""
    base64 = rb"A-Za-z0-9_=+/\-"
    return (
        re.search(
            rb"(?<![" + base64 + rb"])" + re.escape(secret.encode()) + rb"(?![" + base64 + rb"])",
            stored,
        )
        is not None
    )


def test_the_stored_rows_show_no_name_birth_date_phone_or_note_in_the_clear(agencies):
    stored = _stored_rows()
    assert b"DSDW-1" in stored  # the reference is not identifying, and proves we read the rows
    for secret in SECRETS:
        assert not _in_the_clear(secret, stored), secret


def test_a_secret_in_the_clear_is_found_and_one_inside_a_ciphertext_is_not():
    assert _in_the_clear("Mya", b"INSERT INTO t VALUES('Mya',1)")
    assert _in_the_clear("234 5678", b'{"phone": "+66 2 234 5678"}')
    assert not _in_the_clear("Mya", b"'gAAAAABnMya9x_Qz'")


SCRIPT = """
import datetime as dt, django
django.setup()
from ctip.cases.actions import do_add_agency, do_create_case
from ctip.accounts.access import CliAdministrator
agency = do_add_agency("dsdw", "Department of Social Development", actor=CliAdministrator())
do_create_case(agency, actor=CliAdministrator(), reference="DSDW-1", first_name="Somsri",
    second_name="Jaidee", birth_date=dt.date(2001, 2, 3), mobile_phone="+66 81 234 5678",
    notes="Met at the bus station in Mae Sot.")
"""


def test_the_database_file_read_directly_shows_no_name(tmp_path):
    import os
    import subprocess
    import sys

    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CASES_DATABASE_URL", "CTIP_CASES_KEY", "CTIP_CASES_HASH_KEY")
    }
    environment["CTIP_VAR_DIR"] = str(tmp_path)
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'ctip.sqlite3'}"
    environment["DJANGO_SETTINGS_MODULE"] = "ctip.settings"
    for command in ([sys.executable, "-m", "ctip.cli", "init"], [sys.executable, "-c", SCRIPT]):
        subprocess.run(command, env=environment, check=True, capture_output=True, timeout=600)  # noqa: S603
    database = tmp_path / "ctip-cases.sqlite3"
    with sqlite3.connect(database) as db:  # the rows are there, and the reference in clear
        assert db.execute("SELECT reference FROM cases_case").fetchall() == [("DSDW-1",)]
    stored = b"".join(
        path.read_bytes() for path in tmp_path.glob("ctip-cases.sqlite3*") if path.is_file()
    )
    for secret in SECRETS[:-1]:
        assert secret.encode() not in stored, secret
    assert oct((tmp_path / "cases.key").stat().st_mode & 0o777) == "0o600"
    assert oct(database.stat().st_mode & 0o777) == "0o600"


def test_case_data_is_not_in_the_main_database(agencies):
    main_tables = connections["default"].introspection.table_names()
    assert not [table for table in main_tables if table.startswith("cases_")]
    assert CasesRouter().db_for_read(Case) == "cases"
    assert CasesRouter().allow_migrate("cases", "people") is False
    assert CasesRouter().allow_migrate("default", "cases") is False


def test_by_default_the_cases_database_is_a_sqlite_file_beside_the_main_one():
    import os
    import subprocess
    import sys

    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("CASES_DATABASE_URL", "DATABASE_URL")
    }
    environment["CTIP_VAR_DIR"] = "/tmp/ctip-cases-probe"  # noqa: S108
    for main in ("sqlite:////tmp/probe/main.sqlite3", "postgres://u@127.0.0.1:5432/ctip"):
        environment["DATABASE_URL"] = main
        printed = subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-c",
                "import django;from django.conf import settings;django.setup();"
                "print(settings.DATABASES['cases']['NAME'])",
            ],
            env={**environment, "DJANGO_SETTINGS_MODULE": "ctip.settings"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        beside_main = "/tmp/probe/main-cases.sqlite3"  # noqa: S108
        in_var = "/tmp/ctip-cases-probe/ctip-cases.sqlite3"  # noqa: S108
        assert printed == (beside_main if "sqlite" in main else in_var)
    assert settings.DATABASES["cases"]["NAME"] != settings.DATABASES["default"]["NAME"]


def test_a_case_is_found_by_the_exact_name_and_birth_date_through_keyed_hashes(agencies):
    import datetime as dt

    key = identity_hash("  SOMSRI   jaidee ", dt.date(2001, 2, 3))
    assert Case.objects.get(name_birth_hash=key) == agencies.case
    assert Case.objects.filter(name_hash=identity_hash("somsri jaidee")).count() == 1
    assert not Case.objects.filter(name_hash=identity_hash("Somsri Jaidy")).exists()
    assert agencies.case.name_hash not in ("", identity_hash("somsri jaidee", None)[:0])


def test_reports_exports_and_people_never_query_the_cases_database(cast, agencies, tmp_path):
    import datetime as dt

    period = parse_period("FY2024-25", 7)
    cast.program.starts_on = dt.date(2024, 7, 1)  # IATI needs it
    cast.program.save()
    with CaptureQueriesContext(connections["cases"]) as queries:
        for name, spec in REPORTS.items():
            if spec.per_framework:
                continue
            run_report(name, cast.program, period)
        for args in (
            ["export", "attendance", "--format", "csv", "-o", str(tmp_path / "a.csv")],
            [
                "export",
                "iati",
                "--period",
                "FY2024-25",
                "--program",
                "test",
                "-o",
                str(tmp_path / "iati.xml"),
            ],
            ["people", "list"],
            ["events", "list"],
            ["report", "table1", "--period", "FY2024-25", "--program", "test"],
        ):
            call_command(*args, stdout=io.StringIO())
    assert len(queries) == 0, [query["sql"] for query in queries.captured_queries]


# Modules outside ctip/cases that may import it: the wiring, nothing that reports or exports.
MAY_IMPORT_CASES = {
    "ctip/urls.py",  # the case pages
    "ctip/web/context_processors.py",  # the "Cases" link, for agency members
    "ctip/web/management/commands/init.py",  # migrates the cases database, creates its keys
    "ctip/web/tests/test_access_matrix.py",  # every case URL and command in the matrix
    "ctip/demo/management/commands/demo.py",  # `ctip demo` seeds the demo agencies' cases
    "ctip/bench/cases.py",  # the PPRL benchmark: synthetic records, no database
}


def test_nothing_outside_the_cases_app_imports_it_except_the_wiring():
    offenders = []
    for path in sorted(CTIP.rglob("*.py")):
        relative = path.relative_to(CTIP.parent).as_posix()
        if relative.startswith("ctip/cases/") or relative in MAY_IMPORT_CASES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name == "ctip.cases" or name.startswith("ctip.cases.") for name in names):
                offenders.append(relative)
    assert not offenders, f"these modules reach case data: {sorted(set(offenders))}"


@pytest.mark.django_db(databases=["default"])
def test_a_test_that_does_not_declare_the_cases_database_cannot_reach_it(cast):
    with pytest.raises(Exception, match="cases"):
        Case.objects.count()
