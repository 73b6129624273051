from __future__ import annotations

import datetime as dt

from django.db import transaction

from ctip.organisations.models import Organisation
from ctip.programs.models import Outcome, Program, Project

from .models import Event


@transaction.atomic
def do_create_event(
    program: Program,
    *,
    code: str,
    title: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    country_code: str,
    event_type: str,
    modality: str = Event.Modality.IN_PERSON,
    place: str = "",
    project: Project | None = None,
    outcomes: list[Outcome] = (),
    lead_partner: Organisation | None = None,
    co_organisers: list[Organisation] = (),
) -> Event:
    """Create an event (validated as a form would be) and tag it."""
    event = Event(
        program=program,
        code=code,
        title=title,
        start_date=start_date,
        end_date=end_date or start_date,
        country_id=country_code,
        event_type=event_type,
        modality=modality,
        place=place,
        project=project,
        lead_partner=lead_partner,
    )
    event.full_clean()
    event.save()
    if outcomes:
        event.outcomes.set(outcomes)
    if co_organisers:
        event.co_organisers.set(co_organisers)
    return event


_UPDATABLE_FIELDS = (
    "code",
    "title",
    "start_date",
    "end_date",
    "country_id",
    "place",
    "modality",
    "event_type",
    "project",
    "lead_partner",
)


@transaction.atomic
def do_update_event(
    event: Event,
    *,
    outcomes: list[Outcome] | None = None,
    co_organisers: list[Organisation] | None = None,
    **fields,
) -> Event:
    """Change EVENT's fields (validated as on creation) and, when given, its outcome and
    co-organiser tags. `country_code` sets the country."""
    if "country_code" in fields:
        fields["country_id"] = fields.pop("country_code")
    unknown = set(fields) - set(_UPDATABLE_FIELDS)
    if unknown:
        raise ValueError(f"cannot update {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(event, name, value)
    if event.end_date is None:
        event.end_date = event.start_date
    event.full_clean()
    event.save()
    if outcomes is not None:
        event.outcomes.set(outcomes)
    if co_organisers is not None:
        event.co_organisers.set(co_organisers)
    return event
