"""Whole-database backups: SQLite through its online backup API (a consistent copy while the
server runs), PostgreSQL through pg_dump/pg_restore in their custom format.

A backup holds every person's data: it is written readable by its owner only (mode 0600).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import crypto

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
# A database "holds data" when any of these has a row; `ctip init` alone fills none of them.
DATA_TABLES = ("auth_user", "programs_program", "events_event", "people_person")


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why, in plain words."""


def default_path(vendor: str) -> Path:
    suffix = "sqlite3" if vendor == "sqlite" else "pgdump"
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"ctip-{stamp}.{suffix}"


def _private_file(path: Path) -> None:
    """Create PATH empty and readable by its owner only, refusing to overwrite a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise BackupError(f"{path} already exists; choose another file") from None


def backup(connection, path: Path, *, passphrase: str | None = None) -> Path:
    """Write a backup of the database behind CONNECTION to PATH; with PASSPHRASE, encrypted
    (ctip/backups/crypto.py; the plain copy is made in a private temporary directory in the
    var directory, with the secret key, never beside PATH, and deleted at once)."""
    path = Path(path)
    if passphrase is not None and len(passphrase) < crypto.MIN_PASSPHRASE:
        raise BackupError(
            f"the backup passphrase must be at least {crypto.MIN_PASSPHRASE} characters"
        )
    _private_file(path)
    if passphrase is None:
        return _plain_backup(connection, path)
    try:
        with _private_directory() as directory:
            plain = Path(directory) / "plain"
            _private_file(plain)
            _plain_backup(connection, plain)
            crypto.encrypt_file(plain, path, passphrase)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def _private_directory():
    """A temporary directory (mode 0700) in the var directory (where the secret key and a
    SQLite database live), so a plain copy never lands on the backup's own disk."""
    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(prefix="ctip-backup-", dir=settings.VAR_DIR)


def _plain_backup(connection, path: Path) -> Path:
    try:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            _backup_sqlite(connection.connection, path)
        elif connection.vendor == "postgresql":
            _run_pg("pg_dump", ["--format=custom", f"--file={path}"], connection.settings_dict)
        else:
            raise BackupError(f"backups of {connection.vendor} databases are not supported")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def _backup_sqlite(source: sqlite3.Connection, path: Path) -> None:
    target = sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        target.close()


def holds_data(connection) -> bool:
    """True when the database has users, programs, events or people."""
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in DATA_TABLES:
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
                if cursor.fetchone():
                    return True
    return False


def restore(connection, path: Path, *, force: bool = False, passphrase: str | None = None) -> None:
    """Replace the database behind CONNECTION with the backup at PATH. Refuses a database
    that holds data unless FORCE. An encrypted backup is decrypted with PASSPHRASE, whole
    and authenticated, before anything is restored."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no backup file {path}")
    if crypto.is_encrypted(path):
        if not passphrase:
            raise BackupError(
                f"{path} is an encrypted backup: set CTIP_BACKUP_KEY or CTIP_BACKUP_KEY_FILE "
                "to its passphrase; nothing was restored"
            )
        with _private_directory() as directory:
            plain = Path(directory) / "plain"
            _private_file(plain)
            try:
                crypto.decrypt_file(path, plain, passphrase)
            except crypto.DecryptionError as error:
                raise BackupError(f"{error}; nothing was restored") from None
            return restore(connection, plain, force=force)
    kind = _kind_of(path)
    if kind != connection.vendor:
        raise BackupError(
            f"{path} is a {kind or 'unknown kind of'} backup; this database is {connection.vendor}"
        )
    if not force and holds_data(connection):
        raise BackupError(
            "this database holds data (users, programs, events or people); "
            "restore with --force to replace it"
        )
    if kind == "sqlite":
        _check_sqlite(path)
        connection.ensure_connection()
        restore_sqlite(path, connection.connection)
    else:
        connection.close()
        restore_postgres(path, connection.settings_dict)


def _kind_of(path: Path) -> str | None:
    with path.open("rb") as file:
        head = file.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    return None


def _check_sqlite(path: Path) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError(f"{path} is damaged (SQLite quick_check failed)")
        if not source.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='django_migrations'"
        ).fetchone():
            raise BackupError(f"{path} is a SQLite file but not a CTIP MERL database")
    finally:
        source.close()


def restore_sqlite(path: Path, target: sqlite3.Connection) -> None:
    """Copy the SQLite backup at PATH over the database open in TARGET, page by page."""
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        source.backup(target)
    finally:
        source.close()


def restore_postgres(path: Path, settings_dict: dict) -> None:
    """Restore a pg_dump custom-format file into the database SETTINGS_DICT names, in one
    transaction (all or nothing), dropping the objects the backup recreates."""
    _run_pg(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={settings_dict['NAME']}",
            str(path),
        ],
        settings_dict,
    )


def _run_pg(tool: str, args: list[str], settings_dict: dict) -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(
            f"{tool} is not installed; install the PostgreSQL client tools "
            "(Debian: apt-get install postgresql-client) in the server's major version"
        )
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    sslmode = (settings_dict.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    result = subprocess.run(  # noqa: S603 (fixed argv, no shell; the password goes by env)
        [executable, *args], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        detail = result.stderr.strip().splitlines()
        hint = ""
        if any("version mismatch" in line for line in detail):
            hint = " (install client tools of the server's major version)"
        raise BackupError(f"{tool} failed{hint}: {' '.join(detail[-3:])}")
