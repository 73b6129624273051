"""Organisations that participants named on the self-registration form wait, unconfirmed,
until a MEL officer or an administrator confirms their type or merges them into a known
organisation: anyone can type "national government agency", and the stakeholder group of
Table 2 comes from it. Reports say how many participants such organisations hold."""

from __future__ import annotations

from django.db import transaction

from ctip.people.models import Attendance, Person
from ctip.reports.participation import refresh_participation

from .models import Organisation


def unconfirmed_organisations(program):
    """Unconfirmed organisations that people represented at PROGRAM's events."""
    represented = Attendance.objects.filter(event__program=program).values("organisation_id")
    return Organisation.objects.filter(confirmed=False, pk__in=represented).select_related(
        "country"
    )


@transaction.atomic
def do_confirm_organisation(organisation: Organisation, *, kind: str) -> Organisation:
    """Confirm ORGANISATION with the type KIND (the one the participant gave, or a correction)."""
    organisation.type = kind
    organisation.confirmed = True
    organisation.full_clean()
    organisation.save()  # a changed type refreshes the participation cube (signals)
    return organisation


@transaction.atomic
def do_merge_organisation(organisation: Organisation, *, into: Organisation) -> Organisation:
    """ORGANISATION is INTO under another spelling: its people and attendances move to INTO,
    and it is deleted. INTO stays as it is (confirmed)."""
    if organisation.pk == into.pk:
        raise ValueError("an organisation cannot be merged into itself")
    events = set(
        Attendance.objects.filter(organisation=organisation).values_list("event_id", flat=True)
    )
    for attendance in Attendance.objects.filter(organisation=organisation):
        attendance.organisation = into
        attendance.save(update_fields=["organisation"])
    for person in Person.objects.filter(organisation=organisation):
        person.organisation = into
        person.save(update_fields=["organisation"])
    organisation.delete()
    refresh_participation(events)
    return into
