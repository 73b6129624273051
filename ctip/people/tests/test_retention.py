"""The retention policy: `ctip people retention` forgets participants whose last attendance
ended more than CTIP_RETENTION_YEARS ago, keeping every reported number."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from ctip.events.actions import do_create_event
from ctip.people.actions import do_create_person, do_record_attendance
from ctip.people.models import Person
from ctip.people.tests.test_forget import _counts, _database_text_containing
from ctip.security.models import PersonalDataRead
from ctip.security.reads import Kind, record_read


@pytest.fixture
def old_timers(cast):
    """Anong attended only in 2015; Dara in 2015 and again in 2024 (so she stays)."""
    old_event = do_create_event(
        cast.program,
        code="TH-OLD",
        title="Early training",
        start_date=dt.date(2015, 3, 2),
        end_date=dt.date(2015, 3, 4),
        country_code="TH",
        event_type="training",
    )
    anong = do_create_person(
        cast.program,
        full_name="Anong Boonmee",
        sex="female",
        country_code="TH",
        consent_given=True,
        consent_version="v1",
        email="anong@example.org",
    )
    dara = do_create_person(
        cast.program,
        full_name="Dara Sok",
        sex="female",
        country_code="KH",
        consent_given=True,
        consent_version="v1",
    )
    do_record_attendance(old_event, anong)
    do_record_attendance(old_event, dara)
    do_record_attendance(cast.thai_event, dara)
    return anong, dara


def _retention(*args) -> str:
    out = io.StringIO()
    call_command("people", "retention", *args, stdout=out)
    return out.getvalue()


def test_retention_is_off_by_default_and_forgets_no_one(old_timers):
    assert "off" in _retention("--apply")
    assert Person.objects.filter(full_name="Anong Boonmee").exists()


def test_a_dry_run_counts_without_names_and_changes_nothing(old_timers, settings):
    settings.CTIP_RETENTION_YEARS = 5
    out = _retention()
    assert "1 participant(s)" in out and "--apply" in out
    assert "Anong" not in out and "Dara" not in out
    assert Person.objects.filter(full_name="Anong Boonmee").exists()


def test_applying_forgets_only_those_past_retention_and_keeps_every_count(
    cast, old_timers, settings
):
    anong, dara = old_timers
    settings.CTIP_RETENTION_YEARS = 5
    before = _counts(cast)
    out = _retention("--apply")
    assert "1 participant(s)" in out and "forgotten" in out
    assert _counts(cast) == before
    assert _database_text_containing(["Anong", "Boonmee", "anong@example.org"]) == []
    anong.refresh_from_db()
    assert anong.full_name == f"forgotten #{anong.pk}"
    assert Person.objects.get(pk=dara.pk).full_name == "Dara Sok"
    assert Person.objects.get(pk=cast.somchai.pk).romanised_name == "Somchai Srisuk"
    # running it again finds no one: the forgotten are not forgotten twice
    assert "0 participant(s)" in _retention()


def test_someone_recorded_long_ago_who_attended_nothing_is_past_retention(cast, settings):
    settings.CTIP_RETENTION_YEARS = 5
    lonely = do_create_person(
        cast.program, full_name="Lonely Record", consent_given=True, consent_version="v1"
    )
    assert "0 participant(s)" in _retention()
    Person.objects.filter(pk=lonely.pk).update(
        created_at=timezone.now() - dt.timedelta(days=6 * 366)
    )
    assert "1 participant(s)" in _retention("--apply")
    assert _database_text_containing(["Lonely Record"]) == []


def test_records_of_reads_older_than_the_setting_are_pruned_on_apply(cast, settings):
    record_read(cast.mel, Kind.PERSON, person_ids=[cast.somchai.pk])
    record_read(cast.mel, Kind.PERSON, person_ids=[cast.sokha.pk])
    PersonalDataRead.objects.filter(person_id=cast.somchai.pk).update(
        at=timezone.now() - dt.timedelta(days=400)
    )
    assert "kept" in _retention("--apply")
    assert PersonalDataRead.objects.count() == 2
    settings.CTIP_READ_AUDIT_DAYS = 365
    assert "records of reads (365 days): 1" in _retention()
    assert PersonalDataRead.objects.count() == 2
    _retention("--apply")
    assert list(PersonalDataRead.objects.values_list("person_id", flat=True)) == [cast.sokha.pk]


@pytest.mark.parametrize("role", ["mel", "thai", "viewer"])
def test_only_an_administrator_applies_the_retention_policy(old_timers, settings, role):
    settings.CTIP_RETENTION_YEARS = 5
    with pytest.raises(CommandError, match="only an administrator"):
        call_command("people", "--as", role, "retention", "--apply", stdout=io.StringIO())
    assert Person.objects.filter(full_name="Anong Boonmee").exists()
