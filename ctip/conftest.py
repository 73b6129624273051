"""The cast every test can call on: one program, users standing for each role, and two
events with their participants (one in Thailand, one in Cambodia), built through actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from ctip.accounts.actions import do_create_user
from ctip.accounts.models import Role
from ctip.countries.actions import do_load_countries
from ctip.events.actions import do_create_event
from ctip.organisations.models import Organisation
from ctip.people.actions import do_create_person, do_record_attendance
from ctip.programs.models import Program, Project

PASSWORD = "a-long-test-password-1"  # noqa: S105


@pytest.fixture(scope="session", autouse=True)
def _no_connection_left_behind(django_db_setup, django_db_blocker):
    """Servers started by tests (gunicorn, live servers) may leave a PostgreSQL session
    open a moment after they stop; the test database could then not be dropped ("is being
    accessed by other users") and stayed on the server. End them before the drop."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    """Each test starts with an empty cache (rate limits, rendered blank forms), and reads
    reports as they are now: a test changes data and reads the report again at once, where a
    server may answer from the last few seconds (ctip/reports/freshness.py has tests of its own
    that turn it on)."""
    from django.core.cache import cache

    from ctip.reports.freshness import forget_all

    settings.CTIP_REPORT_FRESH_SECONDS = 0
    cache.clear()
    forget_all()
    yield
    cache.clear()
    forget_all()


@pytest.fixture(autouse=True)
def _no_language_left_active():
    """A request served in Vietnamese leaves Vietnamese active in the thread (the language
    middleware activates it); the next test must not print its tables in it."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _cases_database_only_where_declared(request, monkeypatch):
    """Victim case data is in a database of its own (docs/cases.md); a test reaches it only
    by declaring it (`django_db(databases=["default", "cases"])`). Elsewhere the navigation
    does not ask it whether the user works on cases."""
    marker = request.node.get_closest_marker("django_db")
    databases = marker.kwargs.get("databases") if marker else None
    if databases == "__all__" or (databases and "cases" in databases):
        return
    monkeypatch.setattr("ctip.web.context_processors._has_cases", lambda user: False)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher takes ~0.5 s a password by design; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _second_factor_passed_at_login(request):
    """Administrators log in all over the suite; the second factor has its own tests (marked
    `real_mfa`: ctip/security/tests/test_second_factor.py). Elsewhere a login also counts as
    having passed it, written to the session under the key the code page sets."""
    if request.node.get_closest_marker("real_mfa"):
        yield
        return
    from django.contrib.auth.signals import user_logged_in
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from ctip.security.mfa import confirmed_device, needs_second_factor

    def _passed(sender, request, user, **kwargs):
        if request is None or not needs_second_factor(user):
            return
        device = confirmed_device(user) or TOTPDevice.objects.create(
            user=user, name="test", confirmed=True
        )
        request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id

    user_logged_in.connect(_passed, dispatch_uid="ctip-test-second-factor")
    yield
    user_logged_in.disconnect(dispatch_uid="ctip-test-second-factor")


@dataclass
class Cast:
    program: Program
    admin: object
    mel: object
    thai_officer: object
    viewer: object
    outsider: object
    thai_event: object
    cambodian_event: object
    somchai: object  # attended the Thai event
    sokha: object  # attended the Cambodian event


@pytest.fixture
def program(db) -> Program:
    do_load_countries()
    program = Program.objects.create(code="test", name="Test program")
    Project.objects.create(program=program, code="AA1", name="Collaboration")
    return program


@pytest.fixture
def cast(program) -> Cast:
    admin = do_create_user("admin", PASSWORD, role=Role.ADMINISTRATOR)
    mel = do_create_user("mel", PASSWORD, role=Role.MEL_OFFICER, program=program)
    thai_officer = do_create_user(
        "thai", PASSWORD, role=Role.COUNTRY_OFFICER, program=program, country_codes=["TH"]
    )
    viewer = do_create_user("viewer", PASSWORD, role=Role.VIEWER, program=program)
    other_program = Program.objects.create(code="other", name="Another program")
    outsider = do_create_user("outsider", PASSWORD, role=Role.MEL_OFFICER, program=other_program)

    police = Organisation.objects.create(
        name="Royal Thai Police", type=Organisation.Type.GOVERNMENT_NATIONAL, country_id="TH"
    )
    ncct = Organisation.objects.create(
        name="National Committee for Counter Trafficking",
        type=Organisation.Type.GOVERNMENT_NATIONAL,
        country_id="KH",
    )
    thai_event = do_create_event(
        program,
        code="TH-001",
        title="Training on victim identification",
        start_date=dt.date(2024, 9, 10),
        country_code="TH",
        event_type="training",
    )
    cambodian_event = do_create_event(
        program,
        code="KH-001",
        title="Coordination meeting",
        start_date=dt.date(2024, 10, 2),
        country_code="KH",
        event_type="meeting",
    )
    somchai = do_create_person(
        program,
        full_name="สมชาย ศรีสุข",
        romanised_name="Somchai Srisuk",
        sex="male",
        country_code="TH",
        organisation=police,
        consent_given=True,
        consent_version="v1",
    )
    sokha = do_create_person(
        program,
        full_name="សុខា ចាន់",
        romanised_name="Sokha Chan",
        sex="female",
        country_code="KH",
        organisation=ncct,
        consent_given=True,
        consent_version="v1",
    )
    do_record_attendance(thai_event, somchai)
    do_record_attendance(cambodian_event, sokha)
    return Cast(
        program,
        admin,
        mel,
        thai_officer,
        viewer,
        outsider,
        thai_event,
        cambodian_event,
        somchai,
        sokha,
    )


def pytest_configure(config):
    from django.conf import settings

    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when missing


CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright's own browser download fails offline
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture
def browser(monkeypatch):
    """Headless Debian chromium driven by Playwright (skipped where chromium is missing)."""
    import shutil

    if not shutil.which(CHROMIUM):
        pytest.skip("Debian chromium is not installed")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def screenshot(page, **options) -> None:
    """A screenshot for a person to look at, never asserted on: chromium on a loaded machine
    sometimes answers "Unable to capture screenshot", which must not fail the test."""
    import warnings

    from playwright.sync_api import Error

    for _attempt in range(2):
        try:
            page.screenshot(**options)
            return
        except Error as error:
            failure = error
    warnings.warn(f"screenshot not taken: {failure}", stacklevel=2)


# A phone-sized touch screen for the participant-facing pages (browser.new_context(**PHONE)).
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
