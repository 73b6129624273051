"""Output indicators the data computes: name → query over events and attendance.

Each takes (program, start, end) and returns a number, through the report query layer, so an
indicator's actual equals the matching cell of table1/table2 for the same filters."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Sum
from django.db.models.functions import Coalesce

from ctip.events.models import Event
from ctip.lib.periods import Period
from ctip.lib.registry import Registry
from ctip.organisations.models import Organisation
from ctip.people.models import Sex
from ctip.reports.queries import events_in, participation_in

# Filled by this module and by every app's `indicators` module (and the series report's), which
# are imported when COMPUTED is first read, not at start-up (ctip.lib.registry).
COMPUTED: Registry[tuple[str, Callable]] = Registry()


def computed(name: str, label: str):
    def register(function):
        COMPUTED.add(name, (label, function))
        return function

    return register


@computed("events", "Number of events supported")
def _events(program, period: Period) -> int:
    return events_in(program, period).count()


@computed("capacity-development-events", "Number of capacity development events")
def _capacity_events(program, period: Period) -> int:
    return events_in(program, period).filter(event_type__in=Event.CAPACITY_DEVELOPMENT).count()


def _participants_where(program, period: Period, **conditions) -> int:
    rows = participation_in(program, period).filter(**conditions)
    return rows.aggregate(n=Coalesce(Sum("participants"), 0))["n"]


@computed("participants", "Number of participants (attendances)")
def _participants(program, period: Period) -> int:
    return _participants_where(program, period)


@computed("participants-female", "Number of female participants")
def _participants_female(program, period: Period) -> int:
    return _participants_where(program, period, cell__sex=Sex.FEMALE)


@computed("people-trained", "Number of participants of capacity development events")
def _people_trained(program, period: Period) -> int:
    trained = _participants_where(program, period, event_type__in=Event.CAPACITY_DEVELOPMENT)
    if program.counts_elearning_as_trained:  # the program's choice (docs/instruments.md)
        from ctip.elearning.queries import people_trained_online

        trained += people_trained_online(program, period)
    return trained


@computed("state-participants", "Number of participants from state agencies")
def _state(program, period: Period) -> int:
    return _participants_where(
        program, period, cell__organisation_type__in=Organisation.STATE_TYPES
    )


@computed("non-state-participants", "Number of non-state participants")
def _non_state(program, period: Period) -> int:
    return _participants_where(program, period) - _state(program, period)


@computed("non-state-opd", "Number of non-state participants from OPDs")
def _opd(program, period: Period) -> int:
    return _participants_where(program, period, cell__is_opd=True)


@computed("non-state-private-sector", "Number of non-state participants from the private sector")
def _private(program, period: Period) -> int:
    return _participants_where(
        program, period, cell__organisation_type=Organisation.Type.PRIVATE_SECTOR
    )
