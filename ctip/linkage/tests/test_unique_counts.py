"""Unique people vs attendances: a person at several events counts once."""

import datetime as dt

import pytest

from ctip.events.actions import do_create_event
from ctip.lib.periods import fiscal_year
from ctip.linkage import queries
from ctip.linkage.actions import do_merge_people
from ctip.people.actions import do_create_person, do_record_attendance
from ctip.people.models import Attendance


@pytest.fixture
def somchai_trained_again(cast):
    """Somchai at a second Thai training: three attendances, two people."""
    second = do_create_event(
        cast.program,
        code="TH-002",
        title="Follow-up training",
        start_date=cast.thai_event.start_date,
        country_code="TH",
        event_type="training",
    )
    do_record_attendance(second, cast.somchai)


def test_unlinked_records_count_as_people_of_their_own(cast):
    reached = queries.people_reached(cast.program, fiscal_year(2024))
    assert (reached.attendances, reached.unique_people) == (2, 2)


def test_one_person_at_two_events_is_two_attendances_and_one_person(cast):
    do_merge_people(cast.mel, cast.somchai, cast.sokha)
    reached = queries.people_reached(cast.program, fiscal_year(2024))
    assert reached.label == "people reached"
    assert (reached.attendances, reached.unique_people) == (2, 1)


def test_people_trained_counts_capacity_development_events_only(cast):
    trained = queries.people_trained(cast.program, fiscal_year(2024))
    assert trained.label == "people trained"
    assert (trained.attendances, trained.unique_people) == (1, 1)  # the meeting is not training


def test_staff_are_not_counted(cast):
    staff = do_create_person(cast.program, full_name="Staff Member", consent_given=True)
    do_record_attendance(cast.thai_event, staff, role=Attendance.Role.PROGRAM_STAFF)
    assert queries.people_reached(cast.program, fiscal_year(2024)).unique_people == 2


def test_life_of_program_counts_every_period_once(cast):
    later = do_create_event(
        cast.program,
        code="TH-002",
        title="Refresher",
        start_date=dt.date(2026, 3, 1),
        country_code="TH",
        event_type="workshop",
    )
    again = do_create_person(cast.program, full_name="Somchai Srisuk", consent_given=True)
    do_record_attendance(later, again)
    do_merge_people(cast.mel, cast.somchai, again)
    assert queries.people_reached(cast.program, fiscal_year(2024)).unique_people == 2
    assert queries.people_reached(cast.program, fiscal_year(2025)).unique_people == 1
    whole = queries.life_of_program(cast.program)
    assert (whole.attendances, whole.unique_people) == (3, 2)


def test_unique_people_by_sex(cast):
    by_sex = queries.unique_people_by(cast.program, fiscal_year(2024), "person__sex")
    assert by_sex == {"male": 1, "female": 1}


def test_the_unique_people_report_prints_attendances_beside_unique_people(
    cast, somchai_trained_again, capsys
):
    import csv
    import io

    from django.core.management import call_command

    call_command(
        "report", "unique-people", "--period", "FY2024-25", "--program", "test", "--format", "csv"
    )
    rows = {r["measure"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert (rows["people-reached"]["attendances"], rows["people-reached"]["unique_people"]) == (
        "3",
        "2",
    )
    assert rows["people-trained"]["unique_people"] == "1"


def test_people_reached_in_thailand_are_the_unique_people_at_thai_events(cast):
    from ctip.reports.registry import run_report

    do_merge_people(
        cast.mel, cast.somchai, cast.sokha
    )  # one person, at a Thai and a Cambodian event
    thai = queries.people_reached(cast.program, fiscal_year(2024), country="TH")
    assert (thai.attendances, thai.unique_people) == (1, 1)
    assert queries.people_reached(cast.program, fiscal_year(2024), project="AA1").attendances == 0
    report = run_report("unique-people", cast.program, fiscal_year(2024), country="KH")
    rows = {row.values["measure"]: row.values for row in report.sections[0].rows}
    assert (rows["people-reached"]["attendances"], rows["people-reached"]["unique_people"]) == (
        1,
        1,
    )
    assert rows["people-trained"]["attendances"] == 0  # the Cambodian event is a meeting
    assert rows["life-of-program"]["attendances"] == 1
    assert "Only events held in Cambodia." in report.notes


def test_unique_people_by_counts_in_one_grouped_query(cast, django_assert_num_queries):
    do_merge_people(cast.mel, cast.somchai, cast.sokha)
    # one grouped query, and one for the program's grantee events it leaves out (instruments.md)
    with django_assert_num_queries(2):
        by_country = queries.unique_people_by(cast.program, fiscal_year(2024), "event__country_id")
    assert by_country == {"TH": 1, "KH": 1}


def test_the_dashboard_shows_unique_people_beside_participants(client, cast, somchai_trained_again):
    from django.urls import reverse

    from ctip.conftest import PASSWORD

    client.login(username="viewer", password=PASSWORD)
    page = client.get(reverse("dashboard") + "?period=FY2024-25").content.decode()
    assert 'data-testid="participants">3<' in page and "participants (attendances)" in page
    assert 'data-testid="unique-people">2<' in page and "unique people (each counted once)" in page
