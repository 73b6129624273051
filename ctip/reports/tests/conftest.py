import datetime as dt

import pytest
from django.db import transaction

from ctip.organisations.models import Organisation
from ctip.programs.models import Project

from .builders import build_published_fy2024_25, make_attendances, make_events


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The cast's five users: a slow password hash each is most of a test's setup."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _own_pdf_cache(settings, tmp_path):
    """Each test keeps its PDFs in its own directory (ctip/reports/pdf_cache.py), and starts
    with no PDF counted against anyone's limit."""
    from django.core.cache import cache

    settings.VAR_DIR = tmp_path
    cache.clear()


@pytest.fixture
def mixed(cast):
    """The cast plus a few events in Thailand (project AA1 and none) and the Philippines,
    with state, NGO, OPD, private-sector and organisation-less participants, and staff."""
    program = cast.program
    aa1 = Project.objects.get(program=program, code="AA1")
    ministry = Organisation.objects.create(
        name="Ministry of Labour", type=Organisation.Type.GOVERNMENT_NATIONAL
    )
    opd = Organisation.objects.create(
        name="Blind Association", type=Organisation.Type.NGO_CSO, is_opd=True
    )
    company = Organisation.objects.create(
        name="Seafood Exporters", type=Organisation.Type.PRIVATE_SECTOR
    )
    thai_aa1 = make_events(program, "TH", ["workshop", "meeting"], dt.date(2024, 11, 1), aa1)
    thai_other = make_events(program, "TH", ["conference"], dt.date(2025, 2, 1))
    philippine = make_events(program, "PH", ["webinar", "launch"], dt.date(2025, 3, 1), aa1)
    make_attendances(thai_aa1, 12, sex="female", country="TH", organisation=ministry)
    make_attendances(thai_aa1, 7, sex="male", country="TH", organisation=ministry)
    make_attendances(thai_aa1, 6, sex="female", country="MM", organisation=opd)
    make_attendances(thai_aa1, 3, sex="other", country=None, organisation=None)
    make_attendances(thai_aa1, 9, sex="male", country="JP", organisation=company)
    make_attendances(thai_aa1, 4, sex="female", country="AU", role="program-staff")
    make_attendances(thai_other, 8, sex="female", country="TH", organisation=ministry)
    make_attendances(philippine, 20, sex="not-specified", country="PH", organisation=opd)
    make_attendances(philippine, 2, sex="male", country="PH", organisation=company)
    return cast


@pytest.fixture(scope="module")
def published_data(django_db_setup, django_db_blocker):
    """The published FY 2024-25 data, built once per test module and rolled back after it
    (each test still runs in its own transaction inside this one)."""
    from ctip.countries.actions import do_load_countries
    from ctip.programs.models import Program

    with django_db_blocker.unblock(), transaction.atomic():
        do_load_countries()
        program = Program.objects.create(code="test", name="Test program")
        build_published_fy2024_25(program)
        yield program
        transaction.set_rollback(True)


@pytest.fixture
def published(published_data, db):
    return published_data
