from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from ctip.events.models import Event
from ctip.lib.names import romanise
from ctip.organisations.models import Organisation
from ctip.programs.models import Program

from .models import Attendance, Person, Sex


@transaction.atomic
def do_create_person(
    program: Program,
    *,
    full_name: str,
    romanised_name: str = "",
    sex: str = Sex.NOT_SPECIFIED,
    country_code: str | None = None,
    organisation: Organisation | None = None,
    position: str = "",
    email: str = "",
    phone: str = "",
    consent_given: bool = False,
    consent_date: dt.date | None = None,
    consent_version: str = "",
    **disability,
) -> Person:
    """Record a person. Without consent, nothing that identifies them is kept."""
    if not consent_given:
        raise ValueError("a person's record needs their consent to the use of their data")
    person = Person(
        program=program,
        full_name=full_name.strip(),
        romanised_name=(romanised_name or romanise(full_name)).strip(),
        sex=sex,
        country_of_origin_id=country_code,
        organisation=organisation,
        position=position,
        email=email,
        phone=phone,
        consent_given=consent_given,
        consent_date=consent_date or timezone.localdate(),
        consent_version=consent_version,
        **disability,
    )
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def do_record_attendance(
    event: Event,
    person: Person,
    *,
    role: str = Attendance.Role.PARTICIPANT,
    organisation: Organisation | None = None,
    position: str | None = None,
    name_as_written: str = "",
) -> Attendance:
    """Record that PERSON attended EVENT; recording it twice keeps one attendance."""
    if person.program_id != event.program_id:
        raise ValueError("the person and the event belong to different programs")
    attendance, created = Attendance.objects.get_or_create(
        event=event,
        person=person,
        defaults={
            "role": role,
            "organisation": organisation or person.organisation,
            "position": person.position if position is None else position,
            "name_as_written": name_as_written or person.full_name,
        },
    )
    if not created and attendance.role != role:
        attendance.role = role
        attendance.save(update_fields=["role"])
    return attendance


@transaction.atomic
def do_record_new_attendee(
    event: Event,
    *,
    role: str = Attendance.Role.PARTICIPANT,
    new_organisation: tuple[str, str] | None = None,
    **person_fields,
) -> Attendance:
    """Record a new person (consent required, as for do_create_person) and their
    attendance at EVENT, together or not at all. NEW_ORGANISATION (name, type) names an
    organisation not yet recorded; it is found or created in the person's country."""
    if new_organisation and not person_fields.get("organisation"):
        name, kind = new_organisation
        person_fields["organisation"] = organisation_named(
            name, kind, person_fields.get("country_code")
        )
    person = do_create_person(event.program, **person_fields)
    return do_record_attendance(event, person, role=role)


@transaction.atomic
def do_remove_attendance(attendance: Attendance) -> None:
    """Remove an attendance (audited). The person's record stays: they may have attended
    other events, and removing a person is a separate, deliberate act."""
    attendance.delete()


def organisation_named(name: str, kind: str, country_code: str | None) -> Organisation | None:
    """The organisation called NAME (any case) in the country, created with type KIND if
    there is none: for forms where people type their organisation. Safe when two forms
    name the same new organisation at the same moment (the unique constraint decides)."""
    name = " ".join(name.split())
    if not name:
        return None
    found = Organisation.objects.filter(name__iexact=name, country_id=country_code).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Organisation.objects.create(name=name, type=kind, country_id=country_code)
    except IntegrityError:
        return Organisation.objects.get(name=name, country_id=country_code)
