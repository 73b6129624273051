"""Unique people: attendances counted once per real-world person.

"Attendances" count every time someone attended (one person at three events is three);
"unique people" count each person once, whichever records they came in under. A record not
linked yet (no cluster) counts as a person of its own. Staff (program and donor staff) are
not participants, as in every participant count (docs/definitions.md).

`person_key()` is the one definition of "a person" for counting: every unique count here and
in ctip.reports.queries (Table 2 with --unique) is a COUNT(DISTINCT person_key()).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, Q, Value
from django.db.models.functions import Coalesce

from ctip.events.models import Event, uncounted_event_ids
from ctip.lib.periods import Period
from ctip.people.models import Attendance
from ctip.programs.models import Program


@dataclass(frozen=True)
class UniqueCount:
    label: str
    attendances: int
    unique_people: int


def person_key(prefix: str = "person__"):
    """The person an attendance (PREFIX "person__") or a record (PREFIX "") counts as: its
    cluster id when linked, else minus the record's id (a person of its own). Cluster ids
    are positive, so the two never collide."""
    return Coalesce(
        F(f"{prefix}cluster_member__cluster_id"),
        Value(0) - F(f"{prefix}id"),
        output_field=IntegerField(),
    )


def unique_people_count(*conditions: Q, **filters) -> Count:
    """COUNT(DISTINCT person) over attendances (those matching CONDITIONS and FILTERS)."""
    condition = Q(*conditions, **filters)
    return Count(person_key(), distinct=True, filter=condition if condition else None)


def participations(
    program: Program,
    period: Period | None,
    *,
    capacity_development: bool = False,
    country: str | None = None,
    project: str | None = None,
):
    """The attendances counted (staff excluded): at the program's events that started in
    PERIOD (any time when None), held in COUNTRY (a code, or a set of codes), of PROJECT."""
    attendances = Attendance.objects.filter(event__program=program).exclude(
        role__in=Attendance.STAFF_ROLES
    )
    if period is not None:
        attendances = attendances.filter(
            event__start_date__gte=period.start, event__start_date__lte=period.end
        )
    if capacity_development:
        attendances = attendances.filter(event__event_type__in=Event.CAPACITY_DEVELOPMENT)
    if isinstance(country, set | frozenset | list | tuple):
        attendances = attendances.filter(event__country_id__in=country)
    elif country:
        attendances = attendances.filter(event__country_id=country)
    if project:
        attendances = attendances.filter(event__project__code=project)
    uncounted = uncounted_event_ids(program)
    if uncounted:  # grantees' events, unless the program counts them (docs/instruments.md)
        attendances = attendances.exclude(event_id__in=uncounted)
    return attendances


def _count(attendances, label: str) -> UniqueCount:
    counts = attendances.aggregate(attendances=Count("id"), unique_people=unique_people_count())
    return UniqueCount(label, counts["attendances"], counts["unique_people"])


def unique_people(
    program: Program,
    period: Period | None = None,
    *,
    capacity_development: bool = False,
    country: str | None = None,
    project: str | None = None,
) -> UniqueCount:
    """Participants in PERIOD (the whole program when None): attendances and unique people.
    With CAPACITY_DEVELOPMENT, only trainings, webinars, seminars and workshops; with COUNTRY
    or PROJECT, only events held there or of that project."""
    return _count(
        participations(
            program,
            period,
            capacity_development=capacity_development,
            country=country,
            project=project,
        ),
        "people trained" if capacity_development else "people reached",
    )


def people_reached(program: Program, period: Period | None = None, **filters) -> UniqueCount:
    """Participants of any event in PERIOD, counted once each (FILTERS: country, project)."""
    return unique_people(program, period, **filters)


def people_trained(program: Program, period: Period | None = None, **filters) -> UniqueCount:
    """Participants of capacity-development events in PERIOD, counted once each."""
    return unique_people(program, period, capacity_development=True, **filters)


def life_of_program(program: Program, **filters) -> UniqueCount:
    """Everyone the program has reached since it began, counted once each."""
    return unique_people(program, None, **filters)


def unique_people_by(program: Program, period: Period | None, field: str, **filters) -> dict:
    """Unique people per value of an attendance FIELD path (e.g. "person__sex",
    "person__country_of_origin_id"), in one grouped query. FILTERS: capacity_development,
    country, project, or other attendance lookups."""
    options = {
        key: filters.pop(key, None) for key in ("capacity_development", "country", "project")
    }
    attendances = participations(program, period, **{k: v for k, v in options.items() if v})
    if filters:
        attendances = attendances.filter(**filters)
    grouped = attendances.values_list(field).annotate(n=unique_people_count()).order_by()
    return dict(grouped)
