"""The participation cube always gives the numbers the record-level queries give.

The reports sum the cube (ctip.reports.participation); tests/direct.py keeps the queries that
join every attendance to its person, organisation and event. After any sequence of writes —
through the actions and model saves, or in bulk followed by refresh_participation() — every
report, fact sheet and computed indicator must be the same both ways.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctip.events.actions import do_create_event, do_update_event
from ctip.events.models import Event
from ctip.organisations.models import Organisation
from ctip.people.actions import do_create_person, do_record_attendance, do_remove_attendance
from ctip.people.models import Attendance, Person
from ctip.reports import queries
from ctip.reports.factsheet import SexSplit, factsheet
from ctip.reports.models import Participation
from ctip.reports.participation import participation_is_missing
from ctip.results.computed import COMPUTED

from . import direct
from .builders import add_attendances

FY = "FY2024-25"
SEXES = ("female", "male", "other", "not-specified")
ORIGINS = ("TH", "KH", "AU", None, "TL")
ROLES = tuple(Attendance.Role.values)
TYPES = tuple(Organisation.Type.values)
EVENT_TYPES = tuple(Event.Type.values)
PLACES = ("TH", "KH", "ASEAN", "PH")
DAYS = (dt.date(2024, 7, 1), dt.date(2025, 6, 30), dt.date(2024, 6, 30), dt.date(2025, 1, 15))


def assert_cube_equals_direct(program) -> None:
    """Every cube-based number equals its record-level counterpart, for the year and filters."""
    period = program.period(FY)
    for country, project in ((None, None), ("TH", None), ("ASEAN", None), (None, "AA1")):
        args = (program, period, country, project)
        assert queries.table1(*args) == direct.table1(*args)
        assert queries.table2(*args) == direct.table2(*args)
        assert queries.highlights(*args) == direct.highlights(*args)
        assert queries.country_summary(*args) == direct.country_summary(*args)
    for code in PLACES:
        sheet = factsheet(program, period, code)
        participants = queries.participants_in(program, period).filter(event__country_id=code)
        trained = participants.filter(event__event_type__in=Event.CAPACITY_DEVELOPMENT)
        assert sheet.participants == SexSplit(**direct.sex_split(participants))
        assert sheet.people_trained == SexSplit(**direct.sex_split(trained))
    # the indicators counted from events and attendances (the instruments' own, such as
    # grants-opd, count other records: ctip/grants, ctip/cohorts, ctip/elearning tests)
    expected = direct.indicators(program, period)
    assert {name: COMPUTED[name][1](program, period) for name in expected} == expected


class World:
    """A small program to act on: a few organisations, events and people, all through the
    actions; then actions picked by number, so that hypothesis can shrink them."""

    def __init__(self, program):
        self.program = program
        self.project = program.projects.get(code="AA1")
        self.organisations = [
            Organisation.objects.create(name=f"Organisation {i}", type=kind, country_id="TH")
            for i, kind in enumerate(("government-national", "ngo-cso", "private-sector"))
        ]
        self.events = [
            do_create_event(
                program,
                code=f"E{i}",
                title=f"Event {i}",
                start_date=DAYS[i % 2],
                country_code=PLACES[i],
                event_type=EVENT_TYPES[i],
                project=self.project if i % 2 else None,
            )
            for i in range(3)
        ]
        self.people = [
            do_create_person(
                program,
                full_name=f"Person {i}",
                sex=SEXES[i % 4],
                country_code=ORIGINS[i % 5],
                organisation=self.organisations[i % 3] if i % 4 else None,
                consent_given=True,
            )
            for i in range(5)
        ]
        for i, person in enumerate(self.people):
            do_record_attendance(self.events[i % 3], person)
            do_record_attendance(self.events[(i + 1) % 3], person, role=ROLES[i])

    def _pick(self, items, i):
        items = list(items)
        return items[i % len(items)] if items else None

    def _attendance(self, i) -> Attendance | None:
        return self._pick(Attendance.objects.filter(event__program=self.program).order_by("pk"), i)

    def apply(self, action: tuple) -> None:
        name, a, b, c = action
        event, person = self._pick(self.events, a), self._pick(self.people, b)
        organisation = self._pick(self.organisations, c)
        if name == "attend" and event and person:
            do_record_attendance(event, person, role=ROLES[c % len(ROLES)], organisation=None)
        elif name == "attend-for" and event and person:
            do_record_attendance(event, person, organisation=organisation)
        elif name == "remove" and (attendance := self._attendance(a)):
            do_remove_attendance(attendance)
        elif name == "role" and (attendance := self._attendance(a)):
            attendance.role = ROLES[b % len(ROLES)]
            attendance.save()
        elif name == "represent" and (attendance := self._attendance(a)):
            attendance.organisation = None if b % 4 == 0 else organisation
            attendance.save()
        elif name == "sex" and person:
            person.sex = SEXES[c % 4]
            person.save()
        elif name == "origin" and person:
            person.country_of_origin_id = ORIGINS[c % 5]
            person.save()
        elif name == "organisation-type" and organisation:
            organisation.type = TYPES[a % len(TYPES)]
            organisation.is_opd = organisation.type == "ngo-cso" and b % 2 == 0
            organisation.save()
        elif name == "event" and event:
            do_update_event(
                event,
                start_date=DAYS[b % len(DAYS)],
                end_date=DAYS[b % len(DAYS)] + dt.timedelta(days=1),
                country_id=PLACES[c % len(PLACES)],
                event_type=EVENT_TYPES[(b + c) % len(EVENT_TYPES)],
                project=self.project if c % 2 else None,
            )
        elif name == "delete-event" and event and len(self.events) > 1:
            self.events.remove(event)
            event.delete()
        elif name == "bulk" and event:
            kind = self._pick(self.organisations + [None], c)
            add_attendances(
                self.program,
                [
                    (event, SEXES[(b + i) % 4], ORIGINS[i % 5], kind, ROLES[i % 6])
                    for i in range(a % 7)
                ],
            )


ACTIONS = st.tuples(
    st.sampled_from(
        (
            "attend",
            "attend-for",
            "remove",
            "role",
            "represent",
            "sex",
            "origin",
            "organisation-type",
            "event",
            "delete-event",
            "bulk",
        )
    ),
    st.integers(0, 20),
    st.integers(0, 20),
    st.integers(0, 20),
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=st.lists(ACTIONS, min_size=1, max_size=12))
def test_reports_from_the_cube_equal_the_record_level_counts_after_any_writes(program, actions):
    with transaction.atomic():
        world = World(program)
        for action in actions:
            world.apply(action)
        assert_cube_equals_direct(program)
        transaction.set_rollback(True)


def test_changing_a_persons_sex_moves_their_attendances_in_table2(cast):
    cast.sokha.sex = "male"
    cast.sokha.save()
    table = queries.table2(cast.program, cast.program.period(FY))
    cambodia = next(row for row in table.group("state").rows if row.code == "KH")
    assert (cambodia.female, cambodia.male) == (0, 1)
    assert_cube_equals_direct(cast.program)


def test_an_organisation_that_becomes_non_state_moves_its_people(cast):
    police = cast.somchai.organisation
    police.type = Organisation.Type.NGO_CSO
    police.save()
    numbers = queries.highlights(cast.program, cast.program.period(FY))
    assert (numbers.state, numbers.non_state, numbers.ngo_cso) == (1, 1, 1)
    assert_cube_equals_direct(cast.program)


def test_moving_an_event_out_of_the_year_takes_its_participants_with_it(cast):
    do_update_event(cast.thai_event, start_date=dt.date(2025, 7, 1), end_date=dt.date(2025, 7, 2))
    numbers = queries.highlights(cast.program, cast.program.period(FY))
    assert (numbers.events, numbers.participants) == (1, 1)
    assert_cube_equals_direct(cast.program)


def test_deleting_an_event_leaves_nothing_of_it_in_the_cube(cast):
    event_id = cast.thai_event.pk
    cast.thai_event.delete()
    assert not Participation.objects.filter(event_id=event_id).exists()
    assert_cube_equals_direct(cast.program)


@pytest.mark.django_db(databases=["default", "cases"])  # init migrates both
def test_init_rebuilds_an_empty_cube_when_attendances_exist(cast):
    Participation.objects.all().delete()  # a database from before the cube
    assert participation_is_missing()
    out = io.StringIO()
    call_command("init", stdout=out)
    assert "participation cube rebuilt" in out.getvalue()
    assert not participation_is_missing()
    assert_cube_equals_direct(cast.program)


@pytest.mark.django_db(databases=["default", "cases"])  # init migrates both
def test_init_rebuild_aggregates_repairs_a_cube_written_around(cast):
    # a bulk write that forgot refresh_participation(): the cube is stale until rebuilt
    Person.objects.filter(pk=cast.sokha.pk).update(sex="other")
    with pytest.raises(AssertionError):
        assert_cube_equals_direct(cast.program)
    out = io.StringIO()
    call_command("init", "--rebuild-aggregates", stdout=out)
    assert "participation cube rebuilt" in out.getvalue()
    assert_cube_equals_direct(cast.program)


@pytest.mark.django_db(transaction=True)
def test_two_people_registering_at_once_are_counted_once_each():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write; the race needs PostgreSQL")
    import threading
    import time

    from ctip.countries.actions import do_load_countries
    from ctip.programs.models import Program

    do_load_countries()
    program = Program.objects.create(code="race", name="Race")
    event = do_create_event(
        program,
        code="E",
        title="Training",
        start_date=dt.date(2024, 9, 1),
        country_code="TH",
        event_type="training",
    )
    people = [
        do_create_person(program, full_name=f"P{i}", sex="female", consent_given=True)
        for i in range(3)
    ]
    do_record_attendance(event, people[0])

    def register(person, wait_before: float, wait_inside: float):
        time.sleep(wait_before)
        with transaction.atomic():
            do_record_attendance(event, person)
            time.sleep(wait_inside)  # the other registration runs meanwhile
        connection.close()

    threads = [
        threading.Thread(target=register, args=(people[1], 0, 1.0)),
        threading.Thread(target=register, args=(people[2], 0.3, 0)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counted = Participation.objects.filter(event_id=event.pk).values_list("participants", flat=True)
    assert sum(counted) == 3


def _training(program, code="F"):
    return do_create_event(
        program,
        code=code,
        title="Training",
        start_date=dt.date(2024, 9, 1),
        country_code="TH",
        event_type="training",
    )


def test_each_registration_counts_in_a_row_of_its_own_and_a_fold_sums_them(cast):
    from ctip.reports.participation import fold_participation

    event = _training(cast.program)
    for number in range(7):
        person = do_create_person(
            cast.program,
            full_name=f"Registrant {number}",
            sex=("female", "male")[number % 2],
            country_code="TH",
            consent_given=True,
        )
        do_record_attendance(event, person, new_person=True)
    rows = Participation.objects.filter(event_id=event.pk)
    assert rows.count() == 7
    assert fold_participation(event.pk) == 5
    assert sorted(rows.values_list("participants", flat=True)) == [3, 4]
    assert fold_participation(event.pk) == 0
    assert_cube_equals_direct(cast.program)


def test_every_fiftieth_row_folds_its_event_once_the_registration_has_committed(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    from ctip.reports import participation

    monkeypatch.setattr(participation, "FOLD_EVERY", 1)
    event = _training(cast.program)
    with django_capture_on_commit_callbacks(execute=True) as folds:
        for number in range(3):
            person = do_create_person(
                cast.program, full_name=f"Early bird {number}", sex="female", consent_given=True
            )
            do_record_attendance(event, person, new_person=True)
    assert folds
    assert list(
        Participation.objects.filter(event_id=event.pk).values_list("participants", flat=True)
    ) == [3]
    assert_cube_equals_direct(cast.program)


@pytest.mark.django_db(transaction=True)
def test_a_registration_does_not_wait_for_another_registration_still_in_flight():
    """A conference's phones register at once: the second's transaction must not queue
    behind the first one's until it commits (it did, on the event's cube row lock)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write; the waiting needs PostgreSQL")
    import threading

    from ctip.countries.actions import do_load_countries
    from ctip.programs.models import Program

    do_load_countries()
    program = Program.objects.create(code="door", name="Door")
    event = _training(program, code="CONF")
    earlier, first, second = (
        do_create_person(program, full_name=name, sex="female", consent_given=True)
        for name in ("Earlier", "First", "Second")
    )
    # Someone of their kind registered before (a new kind of participant is a new cube cell,
    # which two registrations at once do take turns to create, once).
    do_record_attendance(event, earlier)
    first_recorded, second_done = threading.Event(), threading.Event()
    outcome = {}

    def register_first():
        with transaction.atomic():
            do_record_attendance(event, first)
            first_recorded.set()
            # Held open until the second has committed, or given up on after 10 seconds.
            outcome["second finished meanwhile"] = second_done.wait(10)
        connection.close()

    def register_second():
        first_recorded.wait(10)
        with transaction.atomic():
            do_record_attendance(event, second)
        second_done.set()
        connection.close()

    threads = [threading.Thread(target=register_first), threading.Thread(target=register_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcome == {"second finished meanwhile": True}
    assert (
        sum(Participation.objects.filter(event_id=event.pk).values_list("participants", flat=True))
        == 3
    )
