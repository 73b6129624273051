"""Writes on cohorts: the cohort and its rule, members, modules, sessions with their
attendance, coaching, drop-out. For the program's administrators and MEL officers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ctip.accounts.access import WHOLE_PROGRAM_ROLES, role_in

from .models import Coaching, Cohort, Member, Module, Session


class CohortRefused(Exception):
    """A change the cohort does not allow; the message says why."""


def can_manage(actor, program) -> bool:
    return role_in(actor, program) in WHOLE_PROGRAM_ROLES


def _check(actor, program) -> None:
    if not can_manage(actor, program):
        raise PermissionDenied("only the program's administrators and MEL officers run cohorts")


@transaction.atomic
def do_save_cohort(
    program,
    actor,
    *,
    code: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    completion_share: Decimal = Decimal(80),
    modules: list[str] = (),
    project=None,
) -> Cohort:
    """Create or update cohort CODE, its completion rule and its modules (numbered 1..n)."""
    _check(actor, program)
    if ends_on < starts_on:
        raise CohortRefused("the cohort ends before it starts")
    cohort, _created = Cohort.objects.update_or_create(
        program=program,
        code=code,
        defaults={
            "title": title,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "completion_share": Decimal(completion_share),
            "project": project,
        },
    )
    for number, module_title in enumerate(modules, start=1):
        Module.objects.update_or_create(
            cohort=cohort, number=number, defaults={"title": module_title}
        )
    return cohort


@transaction.atomic
def do_add_members(cohort: Cohort, actor, people) -> list[Member]:
    """Make PEOPLE (of the registry, of the cohort's program) members of the cohort."""
    _check(actor, cohort.program)
    members = []
    for person in people:
        if person.program_id != cohort.program_id:
            raise CohortRefused("a person of another program")
        member, _created = Member.objects.get_or_create(cohort=cohort, person=person)
        members.append(member)
    return members


@transaction.atomic
def do_record_session(
    module: Module, actor, held_on: dt.date, attendees, *, modality: str = "in-person"
) -> Session:
    """The session of MODULE held on HELD_ON, attended by ATTENDEES (members of its cohort;
    they replace any recorded before: recording the same list twice changes nothing)."""
    _check(actor, module.cohort.program)
    attendees = list(attendees)
    if any(member.cohort_id != module.cohort_id for member in attendees):
        raise CohortRefused("an attendee who is not a member of this cohort")
    session, _created = Session.objects.get_or_create(
        module=module, held_on=held_on, defaults={"modality": modality}
    )
    if set(session.attendees.all()) != set(attendees):
        session.attendees.set(attendees)
    return session


@transaction.atomic
def do_record_coaching(member: Member, actor, held_on: dt.date, coach: str = "") -> Coaching:
    _check(actor, member.cohort.program)
    coaching, _created = Coaching.objects.get_or_create(
        member=member, held_on=held_on, defaults={"coach": coach}
    )
    return coaching


@transaction.atomic
def do_drop_out(member: Member, actor, on: dt.date | None) -> Member:
    """Record that MEMBER left the cohort on ON (None: they did not, after all)."""
    _check(actor, member.cohort.program)
    member.dropped_out_on = on
    member.save(update_fields=["dropped_out_on"])
    return member
