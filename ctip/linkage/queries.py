"""Unique people: attendances counted once per real-world person.

"Attendances" count every time someone attended (one person at three events is three);
"unique people" count each person once, whichever records they came in under. A record not
linked yet (no cluster) counts as a person of its own. Staff (program and donor staff) are
not participants, as in every participant count (docs/definitions.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from ctip.events.models import Event
from ctip.lib.periods import Period
from ctip.people.models import Attendance
from ctip.programs.models import Program


@dataclass(frozen=True)
class UniqueCount:
    label: str
    attendances: int
    unique_people: int


def _participations(program: Program, period: Period | None, capacity_development: bool):
    attendances = Attendance.objects.filter(event__program=program).exclude(
        role__in=Attendance.STAFF_ROLES
    )
    if period is not None:
        attendances = attendances.filter(
            event__start_date__gte=period.start, event__start_date__lte=period.end
        )
    if capacity_development:
        attendances = attendances.filter(event__event_type__in=Event.CAPACITY_DEVELOPMENT)
    return attendances


def _count(attendances, label: str) -> UniqueCount:
    clusters = (
        attendances.filter(person__cluster_member__isnull=False)
        .values("person__cluster_member__cluster_id")
        .distinct()
        .count()
    )
    unlinked = (
        attendances.filter(person__cluster_member__isnull=True)
        .values("person_id")
        .distinct()
        .count()
    )
    return UniqueCount(label, attendances.count(), clusters + unlinked)


def unique_people(
    program: Program, period: Period | None = None, *, capacity_development: bool = False
) -> UniqueCount:
    """Participants in PERIOD (the whole program when None): attendances and unique people.
    With CAPACITY_DEVELOPMENT, only trainings, webinars, seminars and workshops."""
    return _count(
        _participations(program, period, capacity_development),
        "people trained" if capacity_development else "people reached",
    )


def people_reached(program: Program, period: Period | None = None) -> UniqueCount:
    """Participants of any event in PERIOD, counted once each."""
    return unique_people(program, period)


def people_trained(program: Program, period: Period | None = None) -> UniqueCount:
    """Participants of capacity-development events in PERIOD, counted once each."""
    return unique_people(program, period, capacity_development=True)


def life_of_program(program: Program) -> UniqueCount:
    """Everyone the program has reached since it began, counted once each."""
    return unique_people(program, None)


def unique_people_by(program: Program, period: Period | None, field: str, **filters) -> dict:
    """Unique people per value of an attendance FIELD path (e.g. "person__sex",
    "person__country_of_origin_id"); for tables that want unique people in their cells."""
    attendances = _participations(program, period, filters.pop("capacity_development", False))
    if filters:
        attendances = attendances.filter(**filters)
    values = attendances.values_list(field, flat=True).distinct()
    return {
        value: _count(attendances.filter(**{field: value}), str(value)).unique_people
        for value in values
    }
