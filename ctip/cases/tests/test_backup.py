"""`ctip backup` holds the case database too, and `ctip restore` brings a case back; the
backup holds no name in the clear and none of the keys of case data."""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.cases.crypto import encryption_keys
from ctip.cases.models import Case

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "cases"])


def _restore(path, *args) -> str:
    out = io.StringIO()
    call_command("restore", str(path), *args, stdout=out)
    return out.getvalue()


def test_backup_then_restore_brings_back_a_case(agencies, tmp_path, settings):
    path = tmp_path / "nightly.tar"
    call_command("backup", "-o", str(path), stdout=io.StringIO())
    with tarfile.open(path) as archive:
        names = set(archive.getnames())
    assert "manifest.json" in names and any(name.startswith("ctip-cases.") for name in names)
    Case.objects.filter(pk=agencies.unassigned.pk).delete()
    agencies.case.first_name = "Changed"
    agencies.case.save()
    with pytest.raises(CommandError, match="holds data"):
        _restore(path)
    assert "the case database" in _restore(path, "--force")
    restored = Case.objects.get(agency__code="dsdw", reference="DSDW-1")
    assert restored.full_name == "Somsri Jaidee"
    assert Case.objects.get(reference="DSDW-2").full_name == "Mya Mya"


def _readable(path, tmp_path) -> bytes:
    """The backup as a reader of it sees it: each SQLite copy's bytes, each pg_dump file as
    the SQL pg_restore writes from it (its data is compressed in the file)."""
    from ctip.backups.archive import unpack

    (tmp_path / "unpacked").mkdir()
    seen = b""
    for vendor, copy in unpack(path, tmp_path / "unpacked").values():
        if vendor == "sqlite":
            seen += copy.read_bytes()
        else:
            seen += subprocess.run(  # noqa: S603
                [shutil.which("pg_restore"), "--file=-", str(copy)],
                capture_output=True,
                check=True,
            ).stdout
    return seen


def test_the_backup_holds_no_name_in_the_clear_and_no_key(agencies, tmp_path, settings):
    path = tmp_path / "nightly.tar"
    call_command("backup", "-o", str(path), stdout=io.StringIO())
    data = path.read_bytes() + _readable(path, tmp_path)
    assert b"DSDW-1" in data  # the case database is in it (references are not secret)
    for clear in ("Somsri", "Jaidee", "Mya Mya", "+66 81 234 5678", "Mae Sot", "2001-02-03"):
        assert clear.encode() not in data, clear
    for key in (*encryption_keys(), settings.CTIP_CASES_HASH_KEY):
        assert key.encode() not in data


def test_an_encrypted_backup_restores_the_case_database_too(agencies, tmp_path, settings):
    settings.CTIP_BACKUP_KEY = "correct horse battery staple"  # noqa: S105
    path = tmp_path / "nightly.tar.enc"
    call_command("backup", "--encrypt", "-o", str(path), stdout=io.StringIO())
    assert b"DSDW-1" not in path.read_bytes()
    Case.objects.filter(pk=agencies.case.pk).delete()
    _restore(path, "--force")
    assert Case.objects.get(reference="DSDW-1").first_name == "Somsri"
