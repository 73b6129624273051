import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The cast's five users cost seconds with the production hasher on a busy machine.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
