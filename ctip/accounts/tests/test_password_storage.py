"""Passwords are stored as Argon2id at OWASP's parameters; older hashes move to it at login."""

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import make_password

from ctip.accounts.actions import do_create_user
from ctip.accounts.models import Role

PRODUCTION_HASHERS = [
    "ctip.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


@pytest.fixture
def production_hashing(settings):
    from django.conf import settings as django_settings

    # the suite's fast hasher (ctip/conftest.py) replaced by what ctip/settings.py names
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    assert PRODUCTION_HASHERS[0] == django_settings.PASSWORD_HASHERS[0]


def test_a_new_password_is_stored_as_argon2id_with_19_mib_two_passes_one_lane(
    db, production_hashing
):
    user = do_create_user(
        "nok", "a long pass phrase 42", role=Role.ADMINISTRATOR, check_password=False
    )
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password("a long pass phrase 42")
    assert not user.check_password("a long pass phrase 43")


def test_a_password_stored_with_pbkdf2_before_moves_to_argon2id_at_the_next_login(
    db, production_hashing
):
    user = do_create_user(
        "lan", "a long pass phrase 42", role=Role.ADMINISTRATOR, check_password=False
    )
    user.password = make_password("a long pass phrase 42", hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    assert authenticate(username="lan", password="a long pass phrase 42") == user
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
