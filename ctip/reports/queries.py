"""The one query layer behind every report: views, CLI, PDF and spreadsheets call these.

Counting rules (docs/definitions.md):
- an event belongs to a period by its start date;
- participants are attendances, excluding program and donor staff;
- % women = female participants / participants, rounded half up to a whole number;
- filters: COUNTRY is where the event was held (an ISO code, or ASEAN for regional events),
  PROJECT the event's project code.

Every function groups in the database (one GROUP BY query each) and returns plain dataclasses;
Python only folds the few aggregate rows, never individual attendances.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, CharField, Count, F, Q, Value, When

from ctip.countries.models import Country
from ctip.events.models import Event
from ctip.lib.countries import ASEAN_MEMBERS, OUTSIDE_ASEAN, REGIONAL_CODE
from ctip.lib.periods import Period
from ctip.organisations.models import Organisation
from ctip.people.models import Attendance, Sex
from ctip.programs.models import Program

STATE = "state"
NON_STATE = "non-state"
OUTSIDE_CODE = "OUTSIDE"  # the "Outside ASEAN region" row: every other country, and unknown


class ReportFilterError(ValueError):
    """A country or project filter that does not name one."""


def percent(part: int, whole: int) -> int | None:
    """Whole-number percentage, rounded half up; None when WHOLE is zero."""
    if not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), ROUND_HALF_UP))


def percent_2dp(part: int, whole: int) -> Decimal | None:
    """Percentage with two decimals, rounded half up (53.06); None when WHOLE is zero."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass(frozen=True)
class Headline:
    label: str
    events: int
    participants: int
    female: int
    code: str | None = None

    @property
    def percent_women(self) -> int | None:
        return percent(self.female, self.participants)


# --- filters ---------------------------------------------------------------------------------


def events_in(program: Program, period: Period, country: str | None = None, project=None):
    """The program's events that started in PERIOD (held in COUNTRY, of PROJECT)."""
    events = Event.objects.filter(
        program=program, start_date__gte=period.start, start_date__lte=period.end
    )
    if country:
        events = events.filter(country_id=country)
    if project:
        events = events.filter(project__code=project)
    return events


def participants_in(program: Program, period: Period, country: str | None = None, project=None):
    """Attendances at those events, staff excluded."""
    attendances = Attendance.objects.filter(
        event__program=program,
        event__start_date__gte=period.start,
        event__start_date__lte=period.end,
    ).exclude(role__in=Attendance.STAFF_ROLES)
    if country:
        attendances = attendances.filter(event__country_id=country)
    if project:
        attendances = attendances.filter(event__project__code=project)
    return attendances


def check_filters(program: Program, country: str | None, project: str | None):
    """Normalised (country code, project code); ReportFilterError when one names nothing."""
    if country:
        country = country.strip().upper()
        if not Country.objects.filter(code=country).exists():
            raise ReportFilterError(f"{country!r} is not a country code (or ASEAN for regional)")
    if project:
        project = project.strip()
        if not program.projects.filter(code=project).exists():
            raise ReportFilterError(f"{project!r} is not a project of {program.code}")
    return country or None, project or None


def _country_order(code: str, name: str, asean_order: int | None) -> tuple:
    """ASEAN members in the program's order, then other countries by name, regional last."""
    if code == REGIONAL_CODE:
        return (2, 0, name)
    if asean_order is not None:
        return (0, asean_order, name)
    return (1, 0, name)


# --- Table 1: events by country or region and type --------------------------------------------

TABLE1_CATEGORIES = ("capacity_development", "meetings", "conferences_and_launches", "other")


def _table1_category():
    return Case(
        When(event_type__in=Event.CAPACITY_DEVELOPMENT, then=Value("capacity_development")),
        When(event_type=Event.Type.MEETING, then=Value("meetings")),
        When(event_type__in=Event.CONFERENCES_AND_LAUNCHES, then=Value("conferences_and_launches")),
        default=Value("other"),
        output_field=CharField(),
    )


@dataclass(frozen=True)
class EventCounts:
    label: str
    capacity_development: int = 0
    meetings: int = 0
    conferences_and_launches: int = 0
    other: int = 0
    code: str | None = None

    @property
    def total(self) -> int:
        return sum(getattr(self, key) for key in TABLE1_CATEGORIES)


@dataclass(frozen=True)
class Table1:
    rows: list[EventCounts]
    total: EventCounts


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

SEX_COLUMNS = ("female", "male", "other", "not_specified")


@dataclass(frozen=True)
class ParticipantCounts:
    label: str
    female: int = 0
    male: int = 0
    other: int = 0
    not_specified: int = 0
    opd: int = 0
    private_sector: int = 0
    code: str | None = None

    @property
    def total(self) -> int:
        return self.female + self.male + self.other + self.not_specified


@dataclass(frozen=True)
class StakeholderGroup:
    key: str  # "state" or "non-state"
    rows: list[ParticipantCounts]
    total: ParticipantCounts

    def share(self, count: int) -> Decimal | None:
        """COUNT as a percentage of the group's participants, two decimals."""
        return percent_2dp(count, self.total.total)


@dataclass(frozen=True)
class Table2:
    groups: tuple[StakeholderGroup, StakeholderGroup] = field(default_factory=tuple)

    def group(self, key: str) -> StakeholderGroup:
        return next(group for group in self.groups if group.key == key)


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


@dataclass(frozen=True)
class Highlights:
    events: int
    participants: int
    female: int
    state: int
    state_female: int
    non_state: int
    non_state_female: int
    ngo_cso: int  # organisations of people with disability included
    private_sector: int


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


def headline_by_country(program: Program, period: Period) -> tuple[list[Headline], Headline]:
    """Events, participants and women per country where events were held, and the total."""
    rows = country_summary(program, period)
    total = Headline(
        label="Total",
        events=sum(row.events for row in rows),
        participants=sum(row.participants for row in rows),
        female=sum(row.female for row in rows),
    )
    return rows, total


def latest_fiscal_year_with_events(program: Program, today) -> Period:
    """The current fiscal year if it has events, else the latest one that has."""
    current = program.fiscal_year_of(today)
    if events_in(program, current).exists():
        return current
    latest = (
        Event.objects.filter(program=program, start_date__lte=current.end)
        .order_by("-start_date")
        .values_list("start_date", flat=True)
        .first()
    )
    return program.fiscal_year_of(latest) if latest else current
