"""Cohort numbers: each member's modules, coaching and status under the cohort's rule, and
completion and drop-out by sex, country and stakeholder group."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count

from ctip.lib.periods import Period
from ctip.organisations.models import Organisation

from .models import Cohort, Member, Session

COMPLETED = "completed"
DROPPED_OUT = "dropped-out"
IN_PROGRESS = "in-progress"


@dataclass(frozen=True)
class MemberStatus:
    member: Member
    modules_attended: int
    modules_needed: int
    coaching: int
    status: str


def cohorts_during(program, period: Period):
    return Cohort.objects.filter(
        program=program, starts_on__lte=period.end, ends_on__gte=period.start
    )


def member_statuses(cohort: Cohort, as_of: dt.date) -> list[MemberStatus]:
    """Every member's status on AS_OF: dropped out (by then), completed (attended at least
    the cohort's share of its modules in sessions held by then), or in progress."""
    needed = cohort.modules_needed(cohort.modules.count())
    attended = dict(
        Session.attendees.through.objects.filter(
            session__module__cohort=cohort, session__held_on__lte=as_of
        )
        .values_list("member_id")
        .annotate(n=Count("session__module", distinct=True))
    )
    members = (
        cohort.members.select_related("person__country_of_origin", "person__organisation")
        .annotate(n_coaching=Count("coaching"))
        .order_by("pk")
    )
    statuses = []
    for member in members:
        modules = attended.get(member.pk, 0)
        if member.dropped_out_on is not None and member.dropped_out_on <= as_of:
            status = DROPPED_OUT
        elif needed and modules >= needed:
            status = COMPLETED
        else:
            status = IN_PROGRESS
        statuses.append(MemberStatus(member, modules, needed, member.n_coaching, status))
    return statuses


@dataclass(frozen=True)
class CompletionLine:
    label: str
    members: int = 0
    completed: int = 0
    dropped_out: int = 0
    in_progress: int = 0


def _group(person) -> str:
    organisation = person.organisation
    if organisation is not None and organisation.type in Organisation.STATE_TYPES:
        return "state"
    return "non-state"


DIMENSIONS = ("sex", "country", "stakeholder_group")


def completion_by(cohort: Cohort, as_of: dt.date) -> dict[str, list[CompletionLine]]:
    """Members, completed, dropped out and in progress by sex, country of origin and
    stakeholder group (state or non-state, by the member's organisation)."""
    keys = {
        "sex": lambda person: person.get_sex_display(),
        "country": lambda person: person.country_of_origin.name if person.country_of_origin else "",
        "stakeholder_group": _group,
    }
    tables: dict[str, dict[str, dict[str, int]]] = {dimension: {} for dimension in DIMENSIONS}
    for status in member_statuses(cohort, as_of):
        for dimension in DIMENSIONS:
            value = str(keys[dimension](status.member.person))
            line = tables[dimension].setdefault(
                value, {"members": 0, COMPLETED: 0, DROPPED_OUT: 0, IN_PROGRESS: 0}
            )
            line["members"] += 1
            line[status.status] += 1
    return {
        dimension: [
            CompletionLine(
                label=value,
                members=line["members"],
                completed=line[COMPLETED],
                dropped_out=line[DROPPED_OUT],
                in_progress=line[IN_PROGRESS],
            )
            for value, line in sorted(tables[dimension].items())
        ]
        for dimension in DIMENSIONS
    }


def members_during(program, period: Period) -> int:
    return Member.objects.filter(cohort__in=cohorts_during(program, period)).count()


def completed_by(program, period: Period) -> int:
    """Members of the cohorts running in PERIOD who had completed by its end."""
    return sum(
        status.status == COMPLETED
        for cohort in cohorts_during(program, period)
        for status in member_statuses(cohort, period.end)
    )
