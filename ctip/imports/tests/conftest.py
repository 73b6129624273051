import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The cast's five users cost seconds with the production hasher on a busy machine.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Property-based tests (test_hostile_files.py): few examples so the suite stays fast, and
# the same examples on every run in CI (HYPOTHESIS_PROFILE=ci or CI set).
import os  # noqa: E402

from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "dev",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile("ci", parent=settings.get_profile("dev"), derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
