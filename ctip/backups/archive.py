"""Whole-database backups: SQLite through its online backup API (a consistent copy while the
server runs), PostgreSQL through pg_dump/pg_restore in their custom format.

`ctip backup` writes one file, a tar archive of both databases: the main one and the victim
case database (docs/cases.md; its own SQLite file or server), each copied the way its kind of
database is, with a manifest. The keys of case data are never in it: identifying fields are
Fernet tokens in the copy, as in the database, and the key files are backed up apart. A bare
SQLite or pg_dump file (a backup made before case data was included) still restores the main
database.

A backup holds every person's data: it is written readable by its owner only (mode 0600).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import crypto

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
# A database "holds data" when any of these has a row; `ctip init` alone fills none of them.
DATA_TABLES = ("auth_user", "programs_program", "events_event", "people_person")
CASES_DATA_TABLES = ("cases_agency", "cases_case")
ARCHIVE_FORMAT = "ctip-backup"
MANIFEST = "manifest.json"
SUFFIX = {"sqlite": "sqlite3", "postgresql": "pgdump"}


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why, in plain words."""


def default_path(vendor: str | None = None) -> Path:
    """var/backups/ctip-DATE-TIME.tar (both databases); with VENDOR, a one-database file."""
    suffix = SUFFIX.get(vendor or "", "pgdump") if vendor else "tar"
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"ctip-{stamp}.{suffix}"


def _private_file(path: Path) -> None:
    """Create PATH empty and readable by its owner only, refusing to overwrite a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise BackupError(f"{path} already exists; choose another file") from None


def backup(connection, path: Path, *, passphrase: str | None = None, cases=None) -> Path:
    """Write a backup of the database behind CONNECTION to PATH — with CASES (the case
    database's connection), an archive of both; with PASSPHRASE, encrypted
    (ctip/backups/crypto.py; the plain copy is made in a private temporary directory in the
    var directory, with the secret key, never beside PATH, and deleted at once)."""
    path = Path(path)
    if passphrase is not None and len(passphrase) < crypto.MIN_PASSPHRASE:
        raise BackupError(
            f"the backup passphrase must be at least {crypto.MIN_PASSPHRASE} characters"
        )
    _private_file(path)
    if passphrase is None:
        if cases is None:
            return _plain_backup(connection, path)
        return _archive_backup(connection, cases, path)
    try:
        with _private_directory() as directory:
            plain = Path(directory) / "plain"
            _private_file(plain)
            if cases is None:
                _plain_backup(connection, plain)
            else:
                _archive_backup(connection, cases, plain)
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


def _member_names(main_vendor: str, cases_vendor: str) -> dict[str, str]:
    return {
        "main": f"ctip.{SUFFIX[main_vendor]}",
        "cases": f"ctip-cases.{SUFFIX[cases_vendor]}",
    }


def _archive_backup(connection, cases, path: Path) -> Path:
    """Both databases into one tar archive at PATH (already created, private): each copied as
    its kind of database is (online backup or pg_dump), beside a manifest naming them."""
    for each in (connection, cases):
        if each.vendor not in SUFFIX:
            raise BackupError(f"backups of {each.vendor} databases are not supported")
    names = _member_names(connection.vendor, cases.vendor)
    try:
        with _private_directory() as directory:
            members = []
            for role, each in (("main", connection), ("cases", cases)):
                copy = Path(directory) / names[role]
                _private_file(copy)
                _plain_backup(each, copy)
                members.append(copy)
            manifest = Path(directory) / MANIFEST
            _private_file(manifest)
            manifest.write_text(
                json.dumps(
                    {
                        "format": ARCHIVE_FORMAT,
                        "version": 1,
                        "made_at": timezone.now().isoformat(),
                        "databases": {
                            "main": {"vendor": connection.vendor, "file": names["main"]},
                            "cases": {"vendor": cases.vendor, "file": names["cases"]},
                        },
                    },
                    indent=2,
                )
            )
            with tarfile.open(path, "w") as archive:  # PATH keeps its mode (0600)
                for member in (manifest, *members):
                    archive.add(member, arcname=member.name, filter=_anonymous_member)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def _anonymous_member(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    return info


def unpack(path: Path, directory: Path) -> dict:
    """The databases of the backup archive at PATH, extracted into DIRECTORY:
    {"main": (vendor, file), "cases": (vendor, file)}. Only the members its manifest names,
    as plain files; anything else is refused."""
    try:
        with tarfile.open(path, "r") as archive:
            try:
                manifest = json.load(archive.extractfile(MANIFEST))
            except (KeyError, TypeError, ValueError):
                raise BackupError(f"{path} is an archive but not a CTIP MERL backup") from None
            if manifest.get("format") != ARCHIVE_FORMAT:
                raise BackupError(f"{path} is an archive but not a CTIP MERL backup")
            found = {}
            for role, entry in (manifest.get("databases") or {}).items():
                vendor, name = entry.get("vendor"), entry.get("file")
                if role not in ("main", "cases") or vendor not in SUFFIX:
                    raise BackupError(f"{path}: unknown database {role!r} in the manifest")
                if name != _member_names(vendor, vendor)[role]:
                    raise BackupError(f"{path}: unexpected member {name!r}")
                member = archive.getmember(name)
                if not member.isfile():
                    raise BackupError(f"{path}: {name} is not a file")
                target = Path(directory) / name
                _private_file(target)
                with archive.extractfile(member) as source, target.open("wb") as copy:
                    shutil.copyfileobj(source, copy)
                found[role] = (vendor, target)
    except (tarfile.TarError, KeyError) as error:
        raise BackupError(f"{path} is a damaged backup archive ({error})") from None
    if "main" not in found:
        raise BackupError(f"{path} holds no main database")
    return found


def _backup_sqlite(source: sqlite3.Connection, path: Path) -> None:
    target = sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        target.close()


def holds_data(connection, tables_with_data=DATA_TABLES) -> bool:
    """True when the database has users, programs, events or people (or, with
    CASES_DATA_TABLES, agencies or cases)."""
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in tables_with_data:
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
                if cursor.fetchone():
                    return True
    return False


def restore(
    connection,
    path: Path,
    *,
    force: bool = False,
    passphrase: str | None = None,
    cases=None,
) -> list[str]:
    """Replace the database behind CONNECTION (and with CASES, the case database) with the
    backup at PATH; the databases restored. Refuses a database that holds data unless FORCE,
    checking both before either is touched. An encrypted backup is decrypted with PASSPHRASE,
    whole and authenticated, before anything is restored."""
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
            return restore(connection, plain, force=force, cases=cases)
    kind = _kind_of(path)
    if kind == "archive":
        return _restore_archive(connection, cases, path, force=force)
    if kind != connection.vendor:
        raise BackupError(
            f"{path} is a {kind or 'unknown kind of'} backup; this database is {connection.vendor}"
        )
    if not force and holds_data(connection):
        raise BackupError(
            "this database holds data (users, programs, events or people); "
            "restore with --force to replace it"
        )
    _restore_one(connection, path, kind)
    return ["main"]


def _restore_one(connection, path: Path, kind: str) -> None:
    if kind == "sqlite":
        _check_sqlite(path)
        connection.ensure_connection()
        restore_sqlite(path, connection.connection)
    else:
        connection.close()
        restore_postgres(path, connection.settings_dict)


def _restore_archive(connection, cases, path: Path, *, force: bool) -> list[str]:
    """Both databases of a backup archive: every check first (kinds, data held), then the
    main database, then the case database."""
    with _private_directory() as directory:
        found = unpack(path, Path(directory))
        targets = {"main": connection, "cases": cases}
        for role, (vendor, _copy) in found.items():
            target = targets[role]
            if target is None:
                raise BackupError(f"{path} holds the case database; nowhere to restore it")
            if vendor != target.vendor:
                raise BackupError(
                    f"the {role} database in {path} is a {vendor} backup; this database is "
                    f"{target.vendor}"
                )
        if not force and holds_data(connection):
            raise BackupError(
                "this database holds data (users, programs, events or people); "
                "restore with --force to replace it"
            )
        if not force and "cases" in found and holds_data(cases, CASES_DATA_TABLES):
            raise BackupError(
                "the case database holds agencies or cases; restore with --force to replace it"
            )
        for vendor, copy in found.values():
            if vendor == "sqlite":
                _check_sqlite(copy)
        for role in ("main", "cases"):
            if role in found:
                vendor, copy = found[role]
                _restore_one(targets[role], copy, vendor)
        return [role for role in ("main", "cases") if role in found]


def _kind_of(path: Path) -> str | None:
    with path.open("rb") as file:
        head = file.read(512)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    if head[257:262] == b"ustar":
        return "archive"
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
