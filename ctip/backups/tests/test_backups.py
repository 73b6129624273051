"""`ctip backup` and `ctip restore`: a restored database equals the original, row by row."""

import io
import os
import sqlite3
import stat
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from ctip.backups.archive import restore_postgres, restore_sqlite, unpack
from ctip.people.actions import do_forget_person
from ctip.people.models import Person

# pg_dump reads committed rows only; a backup holds the case database too
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "cases"])


def _rows(cursor, table: str, quote) -> list:
    cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608
    return sorted(cursor.fetchall(), key=repr)


def _every_table():
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        return {table: _rows(cursor, table, connection.ops.quote_name) for table in tables}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def test_a_backup_restored_into_a_fresh_database_equals_the_original(cast, tmp_path):
    path = tmp_path / "ctip.backup"
    call_command("backup", "-o", str(path))
    original = _every_table()
    assert original["people_person"] and original["auditlog_logentry"]
    (tmp_path / "unpacked").mkdir()
    _vendor, path = unpack(path, tmp_path / "unpacked")["main"]
    if connection.vendor == "sqlite":
        # Read it back the way Django reads (its type converters), to compare like with like.
        fresh = sqlite3.connect(
            tmp_path / "fresh.sqlite3",
            detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES,
        )
        try:
            restore_sqlite(path, fresh)
            restored = {table: _rows(fresh.cursor(), table, _quote) for table in original}
        finally:
            fresh.close()
    else:
        original, restored = _restore_into_a_temporary_postgres_database(path, list(original))
    for table, rows in original.items():
        assert restored[table] == rows, table


def _restore_into_a_temporary_postgres_database(path, tables) -> tuple[dict, dict]:
    """Both databases' tables, read alike (plain psycopg), the restored one in a temporary
    database created and dropped here."""
    import psycopg

    settings_dict = connection.settings_dict
    params = {
        "host": settings_dict["HOST"] or None,
        "port": settings_dict["PORT"] or None,
        "user": settings_dict["USER"] or None,
        "password": settings_dict["PASSWORD"] or None,
    }
    name = f"ctip_restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        restore_postgres(path, {**settings_dict, "NAME": name})
        result = []
        for dbname in (settings_dict["NAME"], name):
            with psycopg.connect(dbname=dbname, **params) as database:
                result.append({table: _rows(database.cursor(), table, _quote) for table in tables})
        return result[0], result[1]
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_restore_refuses_a_database_that_holds_data_unless_forced(cast, tmp_path, capsys):
    path = tmp_path / "ctip.backup"
    call_command("backup", "-o", str(path))
    do_forget_person(cast.somchai, reason="test")
    with pytest.raises(CommandError, match="holds data.*--force"):
        call_command("restore", str(path))
    assert Person.objects.get(pk=cast.somchai.pk).romanised_name.startswith("forgotten")
    call_command("restore", str(path), "--force")
    assert "restored" in capsys.readouterr().out
    assert Person.objects.get(pk=cast.somchai.pk).romanised_name == "Somchai Srisuk"


def test_a_backup_file_is_readable_by_its_owner_only(cast, tmp_path):
    path = tmp_path / "ctip.backup"
    call_command("backup", "-o", str(path))
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_backup_does_not_overwrite_an_existing_file(cast, tmp_path):
    path = tmp_path / "ctip.backup"
    path.write_text("keep me")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", "-o", str(path))
    assert path.read_text() == "keep me"


def test_restore_refuses_a_file_that_is_not_a_backup_of_this_kind_of_database(cast, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a backup")
    with pytest.raises(CommandError, match="unknown kind of backup"):
        call_command("restore", str(path), "--force")
    with pytest.raises(CommandError, match="no backup file"):
        call_command("restore", str(tmp_path / "missing"), "--force")


@pytest.mark.parametrize("role", ["mel", "thai", "viewer", "outsider"])
def test_only_an_administrator_can_back_up_or_restore(cast, tmp_path, role):
    path = tmp_path / "ctip.backup"
    with pytest.raises(CommandError, match="only an administrator"):
        call_command("backup", "--as", role, "-o", str(path))
    assert not path.exists()
    call_command("backup", "--as", "admin", "-o", str(path))
    with pytest.raises(CommandError, match="only an administrator"):
        call_command("restore", "--as", role, str(path), "--force")


# --- encrypted backups -------------------------------------------------------------------

PASSPHRASE = "correct horse battery staple"  # noqa: S105


def test_an_encrypted_backup_holds_no_readable_database_and_no_names(cast, tmp_path, settings):
    settings.CTIP_BACKUP_KEY = PASSPHRASE
    path = tmp_path / "ctip.backup.enc"
    call_command("backup", "--encrypt", "-o", str(path))
    data = path.read_bytes()
    assert not data.startswith(b"SQLite format 3") and not data.startswith(b"PGDMP")
    for name in ("Somchai", "Srisuk", "สมชาย", "Sokha", "admin"):
        assert name.encode() not in data, name
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("select name from sqlite_master").fetchall()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert [p.name for p in settings.VAR_DIR.glob("ctip-backup-*")] == []  # no plain copy left


def test_an_encrypted_backup_restored_with_its_key_equals_the_original(cast, tmp_path, settings):
    settings.CTIP_BACKUP_KEY = PASSPHRASE
    path = tmp_path / "ctip.backup.enc"
    call_command("backup", "--encrypt", "-o", str(path))
    original = _every_table()
    do_forget_person(cast.somchai, reason="test")
    call_command("restore", str(path), "--force", stdout=io.StringIO())
    restored = _every_table()
    for table, rows in original.items():
        assert restored[table] == rows, table


def test_a_wrong_key_or_no_key_restores_nothing(cast, tmp_path, settings):
    settings.CTIP_BACKUP_KEY = PASSPHRASE
    path = tmp_path / "ctip.backup.enc"
    call_command("backup", "--encrypt", "-o", str(path))
    do_forget_person(cast.somchai, reason="test")
    settings.CTIP_BACKUP_KEY = "not the passphrase at all"
    with pytest.raises(CommandError, match="wrong key.*nothing was restored"):
        call_command("restore", str(path), "--force")
    settings.CTIP_BACKUP_KEY = ""
    with pytest.raises(CommandError, match="encrypted backup: set CTIP_BACKUP_KEY"):
        call_command("restore", str(path), "--force")
    assert Person.objects.get(pk=cast.somchai.pk).romanised_name.startswith("forgotten")


def test_a_changed_or_cut_encrypted_backup_is_refused(cast, tmp_path, settings):
    settings.CTIP_BACKUP_KEY = PASSPHRASE
    path = tmp_path / "ctip.backup.enc"
    call_command("backup", "--encrypt", "-o", str(path))
    data = path.read_bytes()
    changed = tmp_path / "changed.enc"
    changed.write_bytes(data[:200] + bytes([data[200] ^ 1]) + data[201:])
    cut = tmp_path / "cut.enc"
    cut.write_bytes(data[: len(data) // 2])
    for damaged in (changed, cut):
        with pytest.raises(CommandError, match="damaged|wrong key"):
            call_command("restore", str(damaged), "--force")
    assert Person.objects.get(pk=cast.somchai.pk).romanised_name == "Somchai Srisuk"


def test_encrypting_needs_a_passphrase_of_twelve_characters(cast, tmp_path, settings):
    path = tmp_path / "ctip.backup.enc"
    settings.CTIP_BACKUP_KEY = ""
    with pytest.raises(CommandError, match="CTIP_BACKUP_KEY"):
        call_command("backup", "--encrypt", "-o", str(path))
    settings.CTIP_BACKUP_KEY = "short"
    with pytest.raises(CommandError, match="at least 12"):
        call_command("backup", "--encrypt", "-o", str(path))
    assert not path.exists()
