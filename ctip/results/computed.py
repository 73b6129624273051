"""Output indicators the data computes: name → query over events and attendance.

Each takes (program, start, end) and returns a number, through the report query layer, so an
indicator's actual equals the matching cell of table1/table2 for the same filters."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q

from ctip.events.models import Event
from ctip.lib.periods import Period
from ctip.organisations.models import Organisation
from ctip.people.models import Sex
from ctip.reports.queries import events_in, participants_in

COMPUTED: dict[str, tuple[str, Callable]] = {}


def computed(name: str, label: str):
    def register(function):
        COMPUTED[name] = (label, function)
        return function

    return register


@computed("events", "Number of events supported")
def _events(program, period: Period) -> int:
    return events_in(program, period).count()


@computed("capacity-development-events", "Number of capacity development events")
def _capacity_events(program, period: Period) -> int:
    return events_in(program, period).filter(event_type__in=Event.CAPACITY_DEVELOPMENT).count()


@computed("participants", "Number of participants (attendances)")
def _participants(program, period: Period) -> int:
    return participants_in(program, period).count()


@computed("participants-female", "Number of female participants")
def _participants_female(program, period: Period) -> int:
    return participants_in(program, period).filter(person__sex=Sex.FEMALE).count()


@computed("people-trained", "Number of participants of capacity development events")
def _people_trained(program, period: Period) -> int:
    return (
        participants_in(program, period)
        .filter(event__event_type__in=Event.CAPACITY_DEVELOPMENT)
        .count()
    )


@computed("state-participants", "Number of participants from state agencies")
def _state(program, period: Period) -> int:
    return (
        participants_in(program, period)
        .filter(organisation__type__in=Organisation.STATE_TYPES)
        .count()
    )


@computed("non-state-participants", "Number of non-state participants")
def _non_state(program, period: Period) -> int:
    return (
        participants_in(program, period)
        .exclude(organisation__type__in=Organisation.STATE_TYPES)
        .count()
    )


@computed("non-state-opd", "Number of non-state participants from OPDs")
def _opd(program, period: Period) -> int:
    return participants_in(program, period).filter(organisation__is_opd=True).count()


@computed("non-state-private-sector", "Number of non-state participants from the private sector")
def _private(program, period: Period) -> int:
    return (
        participants_in(program, period)
        .filter(Q(organisation__type=Organisation.Type.PRIVATE_SECTOR))
        .count()
    )
