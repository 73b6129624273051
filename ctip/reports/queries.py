"""The one query layer behind every report: views, CLI, PDF and spreadsheets call these.

Counting rules (docs/definitions.md):
- an event belongs to a period by its start date;
- participants are attendances, excluding program and donor staff;
- % women = female participants / participants, rounded half up to a whole number.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from ctip.events.models import Event
from ctip.lib.periods import Period
from ctip.people.models import Attendance, Sex
from ctip.programs.models import Program


def percent(part: int, whole: int) -> int | None:
    """Whole-number percentage, rounded half up; None when WHOLE is zero."""
    if not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), ROUND_HALF_UP))


@dataclass(frozen=True)
class Headline:
    label: str
    events: int
    participants: int
    female: int

    @property
    def percent_women(self) -> int | None:
        return percent(self.female, self.participants)


def events_in(program: Program, period: Period):
    return Event.objects.filter(
        program=program, start_date__gte=period.start, start_date__lte=period.end
    )


def participants_in(program: Program, period: Period):
    return Attendance.objects.filter(
        event__program=program,
        event__start_date__gte=period.start,
        event__start_date__lte=period.end,
    ).exclude(role__in=Attendance.STAFF_ROLES)


def headline_by_country(program: Program, period: Period) -> tuple[list[Headline], Headline]:
    """Events, participants and women per country where events were held, and the total."""
    events = dict(events_in(program, period).values_list("country__name").annotate(n=Count("id")))
    people = {
        row["event__country__name"]: row
        for row in participants_in(program, period)
        .values("event__country__name")
        .annotate(n=Count("id"), female=Count("id", filter=Q(person__sex=Sex.FEMALE)))
    }
    order = dict(
        events_in(program, period).values_list("country__name", "country__asean_order").distinct()
    )
    names = sorted(events, key=lambda name: (order.get(name) or 99, name))
    rows = [
        Headline(
            label=name,
            events=events[name],
            participants=people.get(name, {}).get("n", 0),
            female=people.get(name, {}).get("female", 0),
        )
        for name in names
    ]
    total = Headline(
        label="Total",
        events=sum(row.events for row in rows),
        participants=sum(row.participants for row in rows),
        female=sum(row.female for row in rows),
    )
    return rows, total


def latest_fiscal_year_with_events(program: Program, today) -> Period:
    """The current fiscal year if it has events, else the latest one that has."""
    current = program.fiscal_year_of(today)
    if events_in(program, current).exists():
        return current
    latest = (
        Event.objects.filter(program=program, start_date__lte=current.end)
        .order_by("-start_date")
        .values_list("start_date", flat=True)
        .first()
    )
    return program.fiscal_year_of(latest) if latest else current
