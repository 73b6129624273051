"""The key of case data is held outside the database, and can be rotated: the old key still
decrypts while every value is encrypted again under the new one, then it goes."""

from __future__ import annotations

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
