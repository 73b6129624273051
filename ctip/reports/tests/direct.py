"""The reports as they were computed before the participation cube: straight GROUP BY queries
over attendances joined to people, organisations and events. The reference the cube-based query
layer must equal (test_participation.py); not used by the application."""

from __future__ import annotations

from django.db.models import Case, CharField, Count, F, Q, Value, When

from ctip.events.models import Event
from ctip.lib.countries import ASEAN_MEMBERS, OUTSIDE_ASEAN
from ctip.lib.periods import Period
from ctip.organisations.models import Organisation
from ctip.people.models import Sex
from ctip.programs.models import Program
from ctip.reports.queries import (
    NON_STATE,
    OUTSIDE_CODE,
    SEX_COLUMNS,
    STATE,
    TABLE1_CATEGORIES,
    EventCounts,
    Headline,
    Highlights,
    ParticipantCounts,
    StakeholderGroup,
    Table1,
    Table2,
    _country_order,
    events_in,
    participants_in,
)

# --- Table 1: events by country or region and type --------------------------------------------


def _table1_category():
    return Case(
        When(event_type__in=Event.CAPACITY_DEVELOPMENT, then=Value("capacity_development")),
        When(event_type=Event.Type.MEETING, then=Value("meetings")),
        When(event_type__in=Event.CONFERENCES_AND_LAUNCHES, then=Value("conferences_and_launches")),
        default=Value("other"),
        output_field=CharField(),
    )


def table1(program: Program, period: Period, country=None, project=None) -> Table1:
    """Events by where they were held × type (seed report Table 1)."""
    grouped = (
        events_in(program, period, country, project)
        .annotate(category=_table1_category())
        .values("country_id", "country__name", "country__asean_order", "category")
        .annotate(n=Count("id"))
    )
    counts: dict[str, dict] = {}
    for row in grouped:
        entry = counts.setdefault(
            row["country_id"],
            {"name": row["country__name"], "order": row["country__asean_order"], "n": {}},
        )
        entry["n"][row["category"]] = row["n"]
    codes = sorted(counts, key=lambda c: _country_order(c, counts[c]["name"], counts[c]["order"]))
    rows = [
        EventCounts(label=counts[code]["name"], code=code, **counts[code]["n"]) for code in codes
    ]
    total = EventCounts(
        label="Total", **{key: sum(getattr(row, key) for row in rows) for key in TABLE1_CATEGORIES}
    )
    return Table1(rows, total)


# --- Table 2: participants by stakeholder group, country of origin and sex ---------------------


def _stakeholder_group():
    return Case(
        When(organisation__type__in=Organisation.STATE_TYPES, then=Value(STATE)),
        default=Value(NON_STATE),
        output_field=CharField(),
    )


def _origin():
    return Case(
        When(
            person__country_of_origin__is_asean_member=True,
            then=F("person__country_of_origin_id"),
        ),
        default=Value(OUTSIDE_CODE),
        output_field=CharField(),
    )


def _sex_column():
    return Case(
        When(person__sex=Sex.FEMALE, then=Value("female")),
        When(person__sex=Sex.MALE, then=Value("male")),
        When(person__sex=Sex.OTHER, then=Value("other")),
        default=Value("not_specified"),
        output_field=CharField(),
    )


def table2(program: Program, period: Period, country=None, project=None) -> Table2:
    """Participants by stakeholder group × country of origin × sex (seed report Table 2).

    The group is that of the organisation the person represented at the event (the
    attendance's organisation): national and subnational government agencies are state,
    everyone else — including people with no organisation recorded — non-state.
    """
    grouped = (
        participants_in(program, period, country, project)
        .annotate(group=_stakeholder_group(), origin=_origin(), sex_column=_sex_column())
        .values("group", "origin", "sex_column")
        .annotate(
            n=Count("id"),
            opd=Count("id", filter=Q(organisation__is_opd=True)),
            private_sector=Count(
                "id", filter=Q(organisation__type=Organisation.Type.PRIVATE_SECTOR)
            ),
        )
    )
    cells: dict[tuple[str, str], dict[str, int]] = {}
    for row in grouped:
        cell = cells.setdefault((row["group"], row["origin"]), dict.fromkeys(SEX_COLUMNS, 0))
        cell[row["sex_column"]] += row["n"]
        cell["opd"] = cell.get("opd", 0) + row["opd"]
        cell["private_sector"] = cell.get("private_sector", 0) + row["private_sector"]
    origins = [(member.code, member.name) for member in ASEAN_MEMBERS]
    origins.append((OUTSIDE_CODE, OUTSIDE_ASEAN))
    groups = []
    for key in (STATE, NON_STATE):
        rows = [
            ParticipantCounts(label=name, code=code, **cells[(key, code)])
            for code, name in origins
            if (key, code) in cells
        ]
        total = ParticipantCounts(
            label="Total",
            **{
                column: sum(getattr(row, column) for row in rows)
                for column in (*SEX_COLUMNS, "opd", "private_sector")
            },
        )
        groups.append(StakeholderGroup(key, rows, total))
    return Table2(tuple(groups))


# --- highlights and the country progress lines ------------------------------------------------


def highlights(program: Program, period: Period, country=None, project=None) -> Highlights:
    """The headline numbers of the annual report's "Achievement highlights"."""
    state = Q(organisation__type__in=Organisation.STATE_TYPES)
    female = Q(person__sex=Sex.FEMALE)
    numbers = participants_in(program, period, country, project).aggregate(
        participants=Count("id"),
        female=Count("id", filter=female),
        state=Count("id", filter=state),
        state_female=Count("id", filter=state & female),
        ngo_cso=Count("id", filter=Q(organisation__type=Organisation.Type.NGO_CSO)),
        private_sector=Count("id", filter=Q(organisation__type=Organisation.Type.PRIVATE_SECTOR)),
    )
    return Highlights(
        events=events_in(program, period, country, project).count(),
        participants=numbers["participants"],
        female=numbers["female"],
        state=numbers["state"],
        state_female=numbers["state_female"],
        non_state=numbers["participants"] - numbers["state"],
        non_state_female=numbers["female"] - numbers["state_female"],
        ngo_cso=numbers["ngo_cso"],
        private_sector=numbers["private_sector"],
    )


def country_summary(program: Program, period: Period, country=None, project=None) -> list[Headline]:
    """Per country or region where events were held: events, participants and women."""
    events = events_in(program, period, country, project)
    counted = {
        row["country_id"]: row
        for row in events.values("country_id", "country__name", "country__asean_order").annotate(
            n=Count("id")
        )
    }
    people = {
        row["event__country_id"]: row
        for row in participants_in(program, period, country, project)
        .values("event__country_id")
        .annotate(n=Count("id"), female=Count("id", filter=Q(person__sex=Sex.FEMALE)))
    }
    codes = sorted(
        counted,
        key=lambda c: _country_order(
            c, counted[c]["country__name"], counted[c]["country__asean_order"]
        ),
    )
    return [
        Headline(
            label=counted[code]["country__name"],
            code=code,
            events=counted[code]["n"],
            participants=people.get(code, {}).get("n", 0),
            female=people.get(code, {}).get("female", 0),
        )
        for code in codes
    ]


def sex_split(attendances) -> dict[str, int]:
    """The fact sheet's participants by sex, as counted before the cube."""
    return attendances.aggregate(
        total=Count("id"),
        female=Count("id", filter=Q(person__sex=Sex.FEMALE)),
        male=Count("id", filter=Q(person__sex=Sex.MALE)),
        other=Count("id", filter=Q(person__sex=Sex.OTHER)),
        not_specified=Count("id", filter=Q(person__sex=Sex.NOT_SPECIFIED)),
    )


def indicators(program, period) -> dict[str, int]:
    """The computed output indicators (ctip.results.computed), as counted before the cube."""
    participants = participants_in(program, period)
    state = Q(organisation__type__in=Organisation.STATE_TYPES)
    return {
        "events": events_in(program, period).count(),
        "capacity-development-events": events_in(program, period)
        .filter(event_type__in=Event.CAPACITY_DEVELOPMENT)
        .count(),
        "participants": participants.count(),
        "participants-female": participants.filter(person__sex=Sex.FEMALE).count(),
        "people-trained": participants.filter(
            event__event_type__in=Event.CAPACITY_DEVELOPMENT
        ).count(),
        "state-participants": participants.filter(state).count(),
        "non-state-participants": participants.exclude(state).count(),
        "non-state-opd": participants.filter(organisation__is_opd=True).count(),
        "non-state-private-sector": participants.filter(
            organisation__type=Organisation.Type.PRIVATE_SECTOR
        ).count(),
    }
