"""The key of case data is held outside the database, and can be rotated: the old key still
decrypts while every value is encrypted again under the new one, then it goes."""

from __future__ import annotations

import datetime as dt
import io
import stat

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connections

from ctip.cases.crypto import encryption_keys, key_file
from ctip.cases.models import Case

from .conftest import CASES_DB

pytestmark = CASES_DB


def _raw_first_name(case) -> str:
    with connections["cases"].cursor() as cursor:
        cursor.execute("SELECT first_name FROM cases_case WHERE id = %s", [case.pk])
        return cursor.fetchone()[0]


def test_the_key_file_is_created_readable_by_its_owner_only(agencies):
    assert stat.S_IMODE(key_file().stat().st_mode) == 0o600
    assert len(encryption_keys()) == 1


def test_rotating_the_key_reencrypts_every_value_and_drops_the_old_key(agencies):
    old_key = encryption_keys()[0]
    before = _raw_first_name(agencies.case)
    out = io.StringIO()
    call_command("cases", "rotate-key", stdout=out)
    assert "values re-encrypted" in out.getvalue()
    new_keys = encryption_keys()
    assert new_keys != [old_key] and len(new_keys) == 1
    assert _raw_first_name(agencies.case) != before
    assert Fernet(new_keys[0].encode()).decrypt(_raw_first_name(agencies.case).encode()) == (
        b"Somsri"
    )
    assert Case.objects.get(pk=agencies.case.pk).full_name == "Somsri Jaidee"
    with pytest.raises(Exception):  # noqa: B017 - the old key no longer opens anything
        Fernet(old_key.encode()).decrypt(_raw_first_name(agencies.case).encode())
    assert stat.S_IMODE(key_file().stat().st_mode) == 0o600


def test_during_a_rotation_the_old_key_still_decrypts(agencies, settings):
    old_key = encryption_keys()[0]
    new_key = Fernet.generate_key().decode()
    settings.CTIP_CASES_KEY = f"{new_key},{old_key}"  # the operator put the new key first
    assert Case.objects.get(pk=agencies.case.pk).first_name == "Somsri"
    out = io.StringIO()
    call_command("cases", "rotate-key", stdout=out)
    assert "remove the older keys" in out.getvalue()
    settings.CTIP_CASES_KEY = new_key
    assert Case.objects.get(pk=agencies.case.pk).first_name == "Somsri"


def test_without_the_right_key_case_data_cannot_be_read(agencies, settings):
    settings.CTIP_CASES_KEY = Fernet.generate_key().decode()
    with pytest.raises(ImproperlyConfigured, match="cannot be decrypted"):
        Case.objects.get(pk=agencies.case.pk)


def test_only_an_administrator_rotates_the_key(agencies):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="only an administrator"):
        call_command("cases", "--as", "manager", "rotate-key", stdout=io.StringIO())


# -- the key of the search hashes ------------------------------------------------------------


@pytest.fixture
def hash_key_in_a_file(settings, tmp_path):
    settings.CTIP_CASES_HASH_KEY = ""
    settings.CTIP_CASES_HASH_KEY_FILE = tmp_path / "cases-hash.key"


def _found(name, born=None) -> str:
    out = io.StringIO()
    born_args = ["--born", born] if born else []
    call_command("cases", "--as", "manager", "list", "--name", name, *born_args, stdout=out)
    return out.getvalue()


def test_rotating_the_hash_key_computes_every_hash_again_and_search_still_works(
    hash_key_in_a_file, agencies
):
    from ctip.cases.crypto import hash_key_file, hash_keys, identity_hash

    old_key = hash_keys()[0]
    assert "DSDW-1" in _found("SOMSRI  jaidee", "2001-02-03")
    updated_at = Case.objects.get(pk=agencies.case.pk).updated_at
    out = io.StringIO()
    call_command("cases", "rotate-key", "--hash-key", stdout=out)
    assert "search hashes of 2 cases computed again" in out.getvalue()
    new_keys = hash_keys()
    assert len(new_keys) == 1 and new_keys[0] != old_key
    assert stat.S_IMODE(hash_key_file().stat().st_mode) == 0o600
    # found with the new key only
    assert "DSDW-1" in _found("Somsri Jaidee", "2001-02-03")
    assert "DSDW-2" in _found("mya mya")
    case = Case.objects.get(pk=agencies.case.pk)
    assert case.name_birth_hash == identity_hash(
        "Somsri Jaidee", dt.date(2001, 2, 3), key=new_keys[0]
    )
    assert case.updated_at == updated_at  # not a change of the case: retention unaffected
    # the old key no longer finds anything
    old_hash = identity_hash("Somsri Jaidee", dt.date(2001, 2, 3), key=old_key)
    assert not Case.objects.filter(name_birth_hash=old_hash).exists()
    assert not Case.objects.filter(name_hash=identity_hash("Somsri Jaidee", key=old_key)).exists()


def test_during_a_hash_key_rotation_search_tries_the_old_key_too(agencies, settings):
    from ctip.cases.access import find_cases

    old_key = settings.CTIP_CASES_HASH_KEY
    new_key = Fernet.generate_key().decode()
    settings.CTIP_CASES_HASH_KEY = f"{new_key},{old_key}"  # new first, hashes still the old
    assert list(find_cases(agencies.manager, "somsri jaidee")) == [agencies.case]
    out = io.StringIO()
    call_command("cases", "rotate-key", "--hash-key", stdout=out)
    assert "remove the older keys" in out.getvalue()
    settings.CTIP_CASES_HASH_KEY = new_key
    assert list(find_cases(agencies.manager, "somsri jaidee")) == [agencies.case]
    assert "DSDW-1" in _found("Somsri Jaidee", "2001-02-03")
    settings.CTIP_CASES_HASH_KEY = old_key
    assert not find_cases(agencies.manager, "somsri jaidee").exists()


def test_a_search_finds_only_the_cases_the_user_may_see(agencies):
    from ctip.cases.access import find_cases

    assert not find_cases(agencies.colleague, "Somsri Jaidee").exists()
    assert list(find_cases(agencies.worker, "Somsri Jaidee")) == [agencies.case]
    assert not find_cases(agencies.worker, "Somsri Jaidy").exists()


def test_rotating_the_encryption_key_reencrypts_court_cases_defendants(agencies):
    from ctip.cases.models import CourtCase

    court_case = CourtCase.objects.create(
        agency=agencies.shelter, court="Lao Cai", case_number="1/2026", defendants="Defendant A"
    )
    with connections["cases"].cursor() as cursor:
        cursor.execute("SELECT defendants FROM cases_courtcase WHERE id = %s", [court_case.pk])
        before = cursor.fetchone()[0]
    call_command("cases", "rotate-key", stdout=io.StringIO())
    with connections["cases"].cursor() as cursor:
        cursor.execute("SELECT defendants FROM cases_courtcase WHERE id = %s", [court_case.pk])
        token = cursor.fetchone()[0]
    assert token != before
    assert Fernet(encryption_keys()[0].encode()).decrypt(token.encode()) == b"Defendant A"
