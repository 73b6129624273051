"""`ctip backup` and `ctip restore` as an administrator types them, on real SQLite files."""

import os
import sqlite3
import stat
import subprocess
import sys

CTIP = [sys.executable, "-m", "ctip.cli"]


def _ctip(tmp_path, database, *args, stdin=None, check=True, env=None):
    env = {**os.environ, **(env or {})}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.pop("CASES_DATABASE_URL", None)  # the case database: its SQLite file beside DATABASE
    env["CTIP_VAR_DIR"] = str(tmp_path)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / database}"
    return subprocess.run(
        [*CTIP, *args], env=env, input=stdin, capture_output=True, text=True, check=check
    )


def _dump(path):
    with sqlite3.connect(path) as db:
        tables = [
            row[0]
            for row in db.execute("select name from sqlite_master where type='table' order by 1")
        ]
        return {t: sorted(db.execute(f'select * from "{t}"').fetchall(), key=repr) for t in tables}  # noqa: S608


def test_backup_then_restore_into_a_new_database_gives_the_same_rows(tmp_path):
    _ctip(tmp_path, "live.sqlite3", "init")
    _ctip(
        tmp_path,
        "live.sqlite3",
        "createuser",
        "boss",
        "--role",
        "administrator",
        "--password-stdin",
        stdin="a long enough passphrase\n",
    )
    backup = tmp_path / "nightly.sqlite3"
    out = _ctip(tmp_path, "live.sqlite3", "backup", "-o", str(backup)).stdout
    assert "backup written to" in out
    restored = _ctip(tmp_path, "copy.sqlite3", "restore", str(backup))
    assert "restored" in restored.stdout
    assert _dump(tmp_path / "copy.sqlite3") == _dump(tmp_path / "live.sqlite3")
    # the case database (its own file beside the main one) is in the backup too
    assert _dump(tmp_path / "copy-cases.sqlite3") == _dump(tmp_path / "live-cases.sqlite3")
    assert "cases_case" in _dump(tmp_path / "copy-cases.sqlite3")
    again = _ctip(tmp_path, "copy.sqlite3", "restore", str(backup), check=False)
    assert again.returncode != 0 and "--force" in again.stderr
    as_boss = _ctip(tmp_path, "live.sqlite3", "--as", "boss", "backup", check=False)
    assert as_boss.returncode == 0, as_boss.stderr  # boss is an administrator: default file
    assert list((tmp_path / "backups").glob("ctip-*.tar"))


def test_init_makes_the_sqlite_file_readable_by_its_owner_only(tmp_path):
    _ctip(tmp_path, "live.sqlite3", "init")
    assert stat.S_IMODE(os.stat(tmp_path / "live.sqlite3").st_mode) == 0o600


def test_an_encrypted_backup_made_with_a_key_file_restores_with_it_and_not_without(tmp_path):
    key_file = tmp_path / "backup.key"
    key_file.write_text("a passphrase kept on another disk\n")
    with_key = {"CTIP_BACKUP_KEY_FILE": str(key_file)}
    _ctip(tmp_path, "live.sqlite3", "init")
    _ctip(
        tmp_path,
        "live.sqlite3",
        "createuser",
        "boss",
        "--role",
        "administrator",
        "--password-stdin",
        stdin="a long enough passphrase\n",
    )
    backup = tmp_path / "nightly.enc"
    out = _ctip(tmp_path, "live.sqlite3", "backup", "--encrypt", "-o", str(backup), env=with_key)
    assert "encrypted backup written to" in out.stdout
    assert b"boss" not in backup.read_bytes()
    refused = _ctip(tmp_path, "copy.sqlite3", "restore", str(backup), check=False)
    assert refused.returncode != 0 and "CTIP_BACKUP_KEY" in refused.stderr
    wrong_file = tmp_path / "wrong.key"
    wrong_file.write_text("some other passphrase\n")
    wrong = _ctip(
        tmp_path,
        "copy.sqlite3",
        "restore",
        str(backup),
        check=False,
        env={"CTIP_BACKUP_KEY_FILE": str(wrong_file)},
    )
    assert wrong.returncode != 0 and "wrong key" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    restored = _ctip(tmp_path, "copy.sqlite3", "restore", str(backup), env=with_key)
    assert "restored" in restored.stdout
    assert _dump(tmp_path / "copy.sqlite3") == _dump(tmp_path / "live.sqlite3")
