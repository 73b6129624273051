"""The one way to reach events and personal data: every view and CLI command goes through here.

Rules (SYSTEM.md, issue 2):
- administrator (superuser, or Membership role administrator): everything in the program;
- MEL officer: everything in the program;
- country officer: the events held in their countries and the people who attended them;
- viewer: aggregate numbers only, never a person's record;
- anyone else: nothing.

A record that exists but is not yours raises the same NotFound as one that does not exist.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from ctip.events.models import Event
from ctip.people.models import Attendance, Person

from .models import Membership, Role

PERSONAL_DATA_ROLES = (Role.ADMINISTRATOR, Role.MEL_OFFICER, Role.COUNTRY_OFFICER)
WHOLE_PROGRAM_ROLES = (Role.ADMINISTRATOR, Role.MEL_OFFICER)


class NotFound(Http404):
    """Raised alike for a missing record and for one the user may not see."""


class CliAdministrator:
    """Whoever holds the database runs the CLI with administrator rights (no --as)."""

    pk = None
    id = None
    username = "(cli)"
    is_superuser = True
    is_staff = True
    is_active = True
    is_authenticated = True
    is_anonymous = False

    def __str__(self) -> str:
        return self.username


def _memberships(user) -> list[Membership]:
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.pk is None:
        return []
    cached = getattr(user, "_ctip_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).prefetch_related("countries"))
        user._ctip_memberships = cached
    return cached


def role_in(user, program) -> str | None:
    """The user's role in PROGRAM, or None."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return Role.ADMINISTRATOR
    for membership in _memberships(user):
        if membership.program_id == program.pk:
            return membership.role
    return None


def programs_of(user):
    """Programs the user has any role in."""
    from ctip.programs.models import Program

    if getattr(user, "is_superuser", False) and user.is_active:
        return Program.objects.all()
    return Program.objects.filter(pk__in=[m.program_id for m in _memberships(user)])


def can_see_people(user, program=None) -> bool:
    """True when the user may see at least some personal records (in PROGRAM, if given)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return any(
        m.role in PERSONAL_DATA_ROLES and (program is None or m.program_id == program.pk)
        for m in _memberships(user)
    )


def _event_scope(user, *, personal: bool) -> Q | None:
    """A filter on Event: the events the user may see (PERSONAL: and their attendance lists)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return Q()
    scope = None
    for membership in _memberships(user):
        if membership.role in WHOLE_PROGRAM_ROLES or (
            membership.role == Role.VIEWER and not personal
        ):
            part = Q(program_id=membership.program_id)
        elif membership.role == Role.COUNTRY_OFFICER:
            codes = [country.code for country in membership.countries.all()]
            part = Q(program_id=membership.program_id, country_id__in=codes)
        else:
            continue
        scope = part if scope is None else scope | part
    return scope


def events_for(user) -> QuerySet[Event]:
    """Events the user may see: the program's for administrators, MEL officers and viewers
    (an event is not personal data), their countries' for country officers."""
    scope = _event_scope(user, personal=False)
    if scope is None:
        return Event.objects.none()
    return Event.objects.filter(scope)


def access_event(user, event_id) -> Event:
    """The event, if the user may see it; NotFound otherwise (the same for a missing one)."""
    try:
        return events_for(user).select_related("country", "project", "program").get(pk=event_id)
    except (Event.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def attendances_for(user, event: Event | None = None) -> QuerySet[Attendance]:
    """Attendance records (personal data) the user may see, optionally of one event."""
    scope = _event_scope(user, personal=True)
    if scope is None:
        return Attendance.objects.none()
    visible_events = Event.objects.filter(scope)
    attendances = Attendance.objects.filter(event__in=visible_events)
    if event is not None:
        attendances = attendances.filter(event=event)
    return attendances


def people_for(user) -> QuerySet[Person]:
    """People the user may see: whole-program roles see the program's people; country
    officers see the people who attended events in their countries."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return Person.objects.all()
    scope = None
    for membership in _memberships(user):
        if membership.role in WHOLE_PROGRAM_ROLES:
            part = Q(program_id=membership.program_id)
        elif membership.role == Role.COUNTRY_OFFICER:
            codes = [country.code for country in membership.countries.all()]
            attended = Attendance.objects.filter(
                event__program_id=membership.program_id, event__country_id__in=codes
            ).values("person_id")
            part = Q(pk__in=attended)
        else:
            continue
        scope = part if scope is None else scope | part
    if scope is None:
        return Person.objects.none()
    return Person.objects.filter(scope)


def access_person(user, person_id: int) -> Person:
    """The person, if the user may see them; NotFound otherwise (same for missing)."""
    try:
        return (
            people_for(user).select_related("country_of_origin", "organisation").get(pk=person_id)
        )
    except (Person.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


# --- Writing events and attendance (issue: data collection) ---------------------------------


def _country_code(country) -> str | None:
    return getattr(country, "code", country)


def can_create_event_in(user, program, country=None) -> bool:
    """True when the user may create an event in PROGRAM (held in COUNTRY, if given):
    administrators and MEL officers anywhere in the program, country officers only in
    their countries, nobody else."""
    role = role_in(user, program)
    if role in WHOLE_PROGRAM_ROLES:
        return True
    if role != Role.COUNTRY_OFFICER:
        return False
    codes = event_countries_for(user, program)
    return country is None or _country_code(country) in codes


def event_countries_for(user, program) -> set[str] | None:
    """Country codes the user may hold PROGRAM's events in: None means any country."""
    role = role_in(user, program)
    if role in WHOLE_PROGRAM_ROLES:
        return None
    if role != Role.COUNTRY_OFFICER:
        return set()
    return {
        country.code
        for membership in _memberships(user)
        if membership.program_id == program.pk and membership.role == Role.COUNTRY_OFFICER
        for country in membership.countries.all()
    }


def can_edit_event(user, event: Event) -> bool:
    """True when the user may change EVENT and its attendance list."""
    return can_create_event_in(user, event.program, event.country_id)


def access_event_for_edit(user, event_id) -> Event:
    """The event, if the user may change it. NotFound when they may not see it at all,
    PermissionDenied when they may see it but not change it (a viewer)."""
    event = access_event(user, event_id)
    if not can_edit_event(user, event):
        raise PermissionDenied
    return event
