from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from ctip.events.models import Event
from ctip.lib.names import romanise
from ctip.organisations.models import Organisation
from ctip.programs.models import Program

from .models import Attendance, Person, Sex


# No savepoint when called inside another transaction (a registration, an import): the person
# is one INSERT and its audit entry, nothing to undo on its own, and a failure here fails the
# caller's transaction anyway. Two round trips fewer for each of a conference's registrations.
@transaction.atomic(savepoint=False)
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
    # The program and the organisation came as objects read from the database: checking that
    # they exist again would cost a query each on every registration.
    person.full_clean(exclude=["program", "organisation"])
    person.save()
    return person


@transaction.atomic(savepoint=False)  # as do_create_person
def do_record_attendance(
    event: Event,
    person: Person,
    *,
    role: str = Attendance.Role.PARTICIPANT,
    organisation: Organisation | None = None,
    position: str | None = None,
    name_as_written: str = "",
    new_person: bool = False,
) -> Attendance:
    """Record that PERSON attended EVENT; recording it twice keeps one attendance.
    NEW_PERSON: the person was created just now, in this transaction, so they have no
    attendance to look for (a registration saves the look-up)."""
    if person.program_id != event.program_id:
        raise ValueError("the person and the event belong to different programs")
    values = {
        "role": role,
        "organisation": organisation or person.organisation,
        "position": person.position if position is None else position,
        "name_as_written": name_as_written or person.full_name,
    }
    if new_person:
        return Attendance.objects.create(event=event, person=person, **values)
    attendance, created = Attendance.objects.get_or_create(
        event=event, person=person, defaults=values
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


def organisation_named(
    name: str, kind: str, country_code: str | None, *, confirmed: bool = True
) -> Organisation | None:
    """The organisation called NAME (any case) in the country, created with type KIND if
    there is none: for forms where people type their organisation. Safe when two forms
    name the same new organisation at the same moment (the unique constraint decides).
    CONFIRMED False: a new one waits for a MEL officer (self-registration)."""
    name = " ".join(name.split())
    if not name:
        return None
    found = Organisation.objects.filter(name__iexact=name, country_id=country_code).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Organisation.objects.create(
                name=name, type=kind, country_id=country_code, confirmed=confirmed
            )
    except IntegrityError:
        return Organisation.objects.get(name=name, country_id=country_code)


FORGOTTEN = "[forgotten]"
# What identifies a person, on the person and on their attendances. Sex, country of origin,
# organisation, consent and the attendances themselves stay: they are what the anonymous
# counts already reported were computed from, and alone they name nobody.
_IDENTIFYING_PERSON_FIELDS = ("full_name", "romanised_name", "position", "email", "phone")
_IDENTIFYING_ATTENDANCE_FIELDS = ("position", "name_as_written")


def forgotten_name(person_id: int) -> str:
    return f"forgotten #{person_id}"


def _scrub_value(value, secrets: list[str]):
    if isinstance(value, str):
        return FORGOTTEN if any(secret in value for secret in secrets) else value
    if isinstance(value, list):
        return [_scrub_value(item, secrets) for item in value]
    if isinstance(value, dict):
        return {key: _scrub_value(item, secrets) for key, item in value.items()}
    return value


def _scrub_audit_trail(content_type, object_pks: list[str], fields, secrets, placeholder):
    from auditlog.models import LogEntry

    for entry in LogEntry.objects.filter(content_type=content_type, object_pk__in=object_pks):
        changes = entry.changes if isinstance(entry.changes, dict) else {}
        for field in fields:
            if field in changes:
                changes[field] = [FORGOTTEN if value else value for value in changes[field]]
        entry.changes = _scrub_value(changes, secrets)
        entry.changes_text = _scrub_value(entry.changes_text, secrets)
        entry.additional_data = _scrub_value(entry.additional_data, secrets)
        entry.serialized_data = None
        if placeholder is not None:
            entry.object_repr = placeholder
        entry.save(
            update_fields=[
                "changes",
                "changes_text",
                "additional_data",
                "serialized_data",
                "object_repr",
            ]
        )


_IDENTIFYING_IMPORTED_FIELDS = {
    "full_name",
    "romanised_name",
    "email",
    "phone",
    "position",
    "name_as_written",
}


def _scrub_import_history(person, attendances, placeholder) -> list[str]:
    """Imports keep the state a record had before they changed it (for rollback): blank the
    forgotten person's identifying fields there too. Returns the values removed, so the
    audit trail can be cleared of them as well."""
    from ctip.imports.models import ImportChange

    keys = [("people.person", str(person.pk))] + [
        ("people.attendance", str(attendance.pk)) for attendance in attendances
    ]
    removed = []
    for model, pk in keys:
        for change in ImportChange.objects.filter(model=model, object_pk=pk):
            before = dict(change.before)
            for field in _IDENTIFYING_IMPORTED_FIELDS & set(before):
                if before[field]:
                    removed.append(str(before[field]))
                before[field] = placeholder if "name" in field else ""
            change.before = before
            change.save(update_fields=["before"])
    return removed


@transaction.atomic
def do_forget_person(person: Person, *, actor=None, reason: str = "") -> Person:
    """The participant's right to be forgotten: remove what identifies PERSON (names,
    contacts, position, the detail of the disability questions) from the record, their
    attendances and the audit trail's copies, and keep what the anonymous counts need (sex,
    country, organisation, whether they have a disability, attendances), so every number
    already reported stays the same. A new audit entry says that the person was forgotten,
    by whom and why, without the data. Cannot be undone (backups aside)."""
    from auditlog.context import disable_auditlog
    from auditlog.models import LogEntry
    from django.apps import apps
    from django.contrib.admin.models import LogEntry as AdminLogEntry
    from django.contrib.contenttypes.models import ContentType

    from .models import WG_DOMAINS

    placeholder = forgotten_name(person.pk)
    attendances = list(person.attendances.all())
    secrets = [
        value
        for value in {
            person.full_name,
            person.romanised_name,
            person.email,
            person.phone,
            person.position,
            *(attendance.name_as_written for attendance in attendances),
            *(attendance.position for attendance in attendances),
        }
        if value and len(value) >= 3 and value != placeholder
    ]
    secrets += [
        value
        for value in _scrub_import_history(person, attendances, placeholder)
        if len(value) >= 3 and value != placeholder
    ]
    has_disability = person.has_disability
    with disable_auditlog():
        person.full_name = placeholder
        person.romanised_name = placeholder
        person.position = person.email = person.phone = ""
        person.disability_self_identified = has_disability
        for domain in WG_DOMAINS:
            setattr(person, f"wg_{domain}", "")
        person.save()
        for attendance in attendances:
            attendance.position = ""
            attendance.name_as_written = placeholder
            attendance.save(update_fields=["position", "name_as_written"])

    person_type = ContentType.objects.get_for_model(Person)
    attendance_type = ContentType.objects.get_for_model(Attendance)
    wg_fields = tuple(f"wg_{domain}" for domain in WG_DOMAINS)
    _scrub_audit_trail(
        person_type, [str(person.pk)], _IDENTIFYING_PERSON_FIELDS + wg_fields, secrets, placeholder
    )
    _scrub_audit_trail(
        attendance_type,
        [str(attendance.pk) for attendance in attendances],
        _IDENTIFYING_ATTENDANCE_FIELDS,
        secrets,
        None,
    )
    AdminLogEntry.objects.filter(content_type=person_type, object_id=str(person.pk)).update(
        object_repr=placeholder, change_message=""
    )
    # Self-registration's duplicate keys are keyed hashes of the name with the e-mail, phone
    # or organisation: gone, so nobody can confirm the person attended, and a new
    # registration is a new record rather than folded into the forgotten one.
    apps.get_model("registration", "DuplicateKey").objects.filter(
        registration__attendance__in=attendances
    ).delete()
    LogEntry.objects.create(
        content_type=person_type,
        object_pk=str(person.pk),
        object_id=person.pk,
        object_repr=placeholder,
        action=LogEntry.Action.UPDATE,
        changes={},
        changes_text="forgotten at the person's request",
        additional_data={"forgotten": True, "reason": reason},
        actor=actor if getattr(actor, "pk", None) else None,
    )
    return person


def retention_cutoff(years: int, today: dt.date) -> dt.date:
    """The day YEARS years before TODAY (28 February for a 29 February)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def people_past_retention(years: int, today: dt.date):
    """People not yet forgotten whose last attendance ended before the retention cutoff, or
    who have no attendance and were recorded before it."""
    from django.db.models import CharField, Max, Q, Value
    from django.db.models.functions import Cast, Concat

    cutoff = retention_cutoff(years, today)
    start_of_cutoff = timezone.make_aware(dt.datetime.combine(cutoff, dt.time.min))
    return (
        Person.objects.annotate(
            last_attended=Max("attendances__event__end_date"),
            placeholder=Concat(Value("forgotten #"), Cast("pk", CharField())),
        )
        .filter(
            Q(last_attended__lt=cutoff)
            | Q(last_attended__isnull=True, created_at__lt=start_of_cutoff)
        )
        .exclude(full_name=models.F("placeholder"))
    )


def do_apply_retention(years: int, today: dt.date, *, actor=None) -> int:
    """Forget (do_forget_person) everyone past the retention period; how many. Each person
    is forgotten in their own transaction, so an interrupted run keeps what it did."""
    cutoff = retention_cutoff(years, today)
    reason = f"retention policy: no attendance since before {cutoff.isoformat()} ({years} years)"
    forgotten = 0
    for person_id in people_past_retention(years, today).values_list("pk", flat=True):
        with transaction.atomic():
            person = Person.objects.select_for_update().get(pk=person_id)
            do_forget_person(person, actor=actor, reason=reason)
        forgotten += 1
    return forgotten
