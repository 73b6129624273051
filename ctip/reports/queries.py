"""The one query layer behind every report: views, CLI, PDF and spreadsheets call these.

Counting rules (docs/definitions.md):
- an event belongs to a period by its start date;
- participants are attendances, excluding program and donor staff;
- % women = female participants / participants, rounded half up to a whole number;
- filters: COUNTRY is where the event was held (an ISO code, or ASEAN for regional events),
  PROJECT the event's project code;
- events a grantee held under a grant count only when the program says so
  (Program.counts_grantee_events, docs/instruments.md).

Every function groups in the database (one GROUP BY query each) and returns plain dataclasses;
Python only folds the few aggregate rows, never individual attendances. Participant counts sum
the participation cube (ctip.reports.participation: one row per event and kind of participant,
kept current on every write) rather than joining each attendance to its person, organisation and
event; events_in() and participants_in() remain the record-level definitions it must equal.

Unique people (Table 2 with unique=True) cannot be summed from the cube: they are counted from
the attendances, as COUNT(DISTINCT ctip.linkage.queries.person_key()) — one grouped query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.db import connection
from django.db.models import Case, CharField, Count, DateField, F, Func, Q, Sum, Value, When

from ctip.countries.models import Country
from ctip.events.models import Event, uncounted_event_ids
from ctip.lib.countries import ASEAN_MEMBERS, OUTSIDE_ASEAN, REGIONAL_CODE
from ctip.lib.periods import Period
from ctip.linkage.queries import participations, unique_people_count
from ctip.organisations.models import Organisation
from ctip.people.models import Attendance, Sex
from ctip.programs.models import Program

from .cellkey import group_count
from .models import ParticipantCell, Participation

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
    uncounted = uncounted_event_ids(program)
    if uncounted:
        events = events.exclude(pk__in=uncounted)
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
    uncounted = uncounted_event_ids(program)
    if uncounted:
        attendances = attendances.exclude(event_id__in=uncounted)
    return attendances


class _Unindexed(Func):
    """A column's value that SQLite will not use as an index range (`+column`). A report then
    reads its covering index in GROUP BY order with the date checked per entry, instead of
    reading the date range and sorting every row to group it. Other databases: the column."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra)


def _project_ids(program: Program, project) -> list[int]:
    return list(program.projects.filter(code=project).values_list("pk", flat=True))


def _held_in(rows, program: Program, period: Period, country, project):
    """ROWS (events or cube rows, with program, start_date, country, project) of the filters."""
    rows = (
        rows.filter(program=program)
        .alias(day=_Unindexed(F("start_date"), output_field=DateField()))
        .filter(day__gte=period.start, day__lte=period.end)
    )
    if country:
        rows = rows.filter(country_id=country)
    if project:
        rows = rows.filter(project_id__in=_project_ids(program, project))
    uncounted = uncounted_event_ids(program)
    if uncounted:
        rows = rows.exclude(**{"pk__in" if rows.model is Event else "event_id__in": uncounted})
    return rows


def events_by_place_and_type(
    program: Program, period: Period, country=None, project=None
) -> list[tuple[str, str, int]]:
    """(country code, event type, number of events) for the events events_in() selects."""
    return list(
        _held_in(Event.objects.all(), program, period, country, project)
        .values_list("country_id", "event_type")
        .annotate(n=Count("id"))
        .order_by()
    )


def participation_in(program: Program, period: Period, country: str | None = None, project=None):
    """The cube rows of the events events_in() selects: summing their `participants` counts
    what participants_in() would count."""
    return _held_in(Participation.objects.all(), program, period, country, project)


def participants_by_cell(
    program: Program, period: Period, country=None, project=None, *keys: str
) -> list[tuple]:
    """Participants grouped by cell (and by KEYS, columns of the event such as "event_type"
    or "country_id"): a list of (Cell, *key values, count)."""
    grouped = (
        participation_in(program, period, country, project)
        .values_list("cell_id", *keys)
        .annotate(n=Sum("participants"))
        .order_by()
    )
    sql, params = grouped.query.sql_with_params()
    cell_table = connection.ops.quote_name(ParticipantCell._meta.db_table)
    with connection.cursor() as cursor:
        # the cells joined to the few grouped rows, not to every cube row
        cursor.execute(
            f"SELECT c.sex, c.origin, c.organisation_type, c.is_opd, g.* "  # noqa: S608
            f"FROM ({sql}) g JOIN {cell_table} c ON c.id = g.cell_id",
            params,
        )
        return [(Cell(*row[:3], bool(row[3])), *row[5:]) for row in cursor.fetchall()]


class Cell(NamedTuple):
    """A kind of participant (a ParticipantCell's values)."""

    sex: str
    origin: str
    organisation_type: str
    is_opd: bool


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


def _table1_category(event_type: str) -> str:
    if event_type in Event.CAPACITY_DEVELOPMENT:
        return "capacity_development"
    if event_type == Event.Type.MEETING:
        return "meetings"
    if event_type in Event.CONFERENCES_AND_LAUNCHES:
        return "conferences_and_launches"
    return "other"


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
    grouped = events_by_place_and_type(program, period, country, project)
    places = Country.objects.filter(code__in={code for code, _type, _n in grouped})
    counts: dict[str, dict] = {
        code: {"name": name, "order": order, "n": {}}
        for code, name, order in places.values_list("code", "name", "asean_order")
    }
    for code, event_type, n in grouped:
        category = _table1_category(event_type)
        counts[code]["n"][category] = counts[code]["n"].get(category, 0) + n
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
class UniquePeopleCounts(ParticipantCounts):
    """Unique people in Table 2's cells. A person whose records fall in several cells (two
    countries of origin, or a sex recorded differently) counts in each of them, but once in
    the row total and in the Total row: the total is the distinct count, not the sum."""

    people: int = 0

    @property
    def total(self) -> int:
        return self.people


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


def _sex_column(sex: str) -> str:
    return sex if sex in (Sex.FEMALE, Sex.MALE, Sex.OTHER) else "not_specified"


def _is_state(cell: Cell) -> bool:
    return cell.organisation_type in Organisation.STATE_TYPES


def _grouped(program, period, country, project, keys: tuple, keyed: bool):
    """participants_by_cell rows; with KEYED each count carries its cell key (cellkey.py)."""
    if not keyed:
        yield from participants_by_cell(program, period, country, project, *keys)
        return
    for kind, *values, event_id, n in participants_by_cell(
        program, period, country, project, *keys, "event_id"
    ):
        yield (kind, *values, group_count(n, event_id, *kind))


def table2(
    program: Program,
    period: Period,
    country=None,
    project=None,
    *,
    unique: bool = False,
    keyed: bool = False,
) -> Table2:
    """Participants by stakeholder group × country of origin × sex (seed report Table 2).

    The group is that of the organisation the person represented at the event (the
    attendance's organisation): national and subnational government agencies are state,
    everyone else — including people with no organisation recorded — non-state.

    UNIQUE: every cell and total counts unique people (record linkage) instead of attendances.
    KEYED: every count carries the cell key of its records, for public release (cellkey.py).
    """
    asean = set(Country.objects.filter(is_asean_member=True).values_list("code", flat=True))
    if unique:
        return _unique_table2(program, period, country, project, asean)
    cells: dict[tuple[str, str], dict[str, int]] = {}
    for kind, n in _grouped(program, period, country, project, (), keyed):
        group = STATE if _is_state(kind) else NON_STATE
        origin = kind.origin if kind.origin in asean else OUTSIDE_CODE
        cell = cells.setdefault(
            (group, origin), dict.fromkeys((*SEX_COLUMNS, "opd", "private_sector"), 0)
        )
        cell[_sex_column(kind.sex)] += n
        cell["opd"] += n if kind.is_opd else 0
        cell["private_sector"] += (
            n if kind.organisation_type == Organisation.Type.PRIVATE_SECTOR else 0
        )
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


_TABLE2_TOTAL = "Total"


def unconfirmed_participants(program: Program, period: Period, country=None, project=None) -> int:
    """Attendances (participants) of the period whose organisation registered itself on the
    self-registration form and is not confirmed yet: their stakeholder group is as typed.

    Read from the few unconfirmed organisations to their attendances, not from every
    attendance of the period to its organisation (0.36 s at 1M attendances)."""
    unconfirmed = Organisation.objects.filter(confirmed=False).values_list("pk", flat=True)
    few = list(unconfirmed[:5000])
    if not few:
        return 0
    if len(few) < 5000:
        unconfirmed = few  # a list of ids: the attendances' organisation index is used
    return (
        participations(program, period, country=country, project=project)
        .filter(organisation_id__in=unconfirmed)
        .count()
    )


def _unique_table2(program: Program, period: Period, country, project, asean: set) -> Table2:
    """Table 2 in unique people: each row (group × origin) and each group's Total row from
    one query, a UNION of two GROUP BYs of COUNT(DISTINCT person)."""
    attendances = participations(program, period, country=country, project=project).annotate(
        group=Case(
            When(organisation__type__in=Organisation.STATE_TYPES, then=Value(STATE)),
            default=Value(NON_STATE),
        ),
        origin=Case(
            When(
                person__country_of_origin_id__in=sorted(asean),
                then=F("person__country_of_origin_id"),
            ),
            default=Value(OUTSIDE_CODE),
            output_field=CharField(),
        ),
    )
    named_sexes = [Sex.FEMALE, Sex.MALE, Sex.OTHER]
    counts = {
        "female": unique_people_count(person__sex=Sex.FEMALE),
        "male": unique_people_count(person__sex=Sex.MALE),
        "other": unique_people_count(person__sex=Sex.OTHER),
        "not_specified": unique_people_count(~Q(person__sex__in=named_sexes)),
        "opd": unique_people_count(organisation__is_opd=True),
        "private_sector": unique_people_count(organisation__type=Organisation.Type.PRIVATE_SECTOR),
        "people": unique_people_count(),
    }
    by_origin = attendances.values_list("group", "origin").annotate(**counts).order_by()
    by_group = (
        attendances.annotate(everywhere=Value(_TABLE2_TOTAL, output_field=CharField()))
        .values_list("group", "everywhere")
        .annotate(**counts)
        .order_by()
    )
    cells = {
        (group, origin): dict(zip(counts, numbers, strict=True))
        for group, origin, *numbers in by_origin.union(by_group, all=True)
    }
    origins = [(member.code, member.name) for member in ASEAN_MEMBERS]
    origins.append((OUTSIDE_CODE, OUTSIDE_ASEAN))
    groups = []
    for key in (STATE, NON_STATE):
        rows = [
            UniquePeopleCounts(label=name, code=code, **cells[(key, code)])
            for code, name in origins
            if (key, code) in cells
        ]
        total = UniquePeopleCounts(label="Total", **cells.get((key, _TABLE2_TOTAL), {}))
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


def highlights(
    program: Program, period: Period, country=None, project=None, *, keyed: bool = False
) -> Highlights:
    """The headline numbers of the annual report's "Achievement highlights" (KEYED: counts
    carry their cell keys, for public release)."""
    numbers = dict.fromkeys(
        ("participants", "female", "state", "state_female", "ngo_cso", "private_sector"), 0
    )
    for kind, n in _grouped(program, period, country, project, (), keyed):
        female = kind.sex == Sex.FEMALE
        numbers["participants"] += n
        numbers["female"] += n if female else 0
        numbers["state"] += n if _is_state(kind) else 0
        numbers["state_female"] += n if _is_state(kind) and female else 0
        numbers["ngo_cso"] += n if kind.organisation_type == Organisation.Type.NGO_CSO else 0
        numbers["private_sector"] += (
            n if kind.organisation_type == Organisation.Type.PRIVATE_SECTOR else 0
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


def country_summary(
    program: Program, period: Period, country=None, project=None, *, keyed: bool = False
) -> list[Headline]:
    """Per country or region where events were held: events, participants and women
    (KEYED: counts carry their cell keys, for public release)."""
    people: dict[str, dict[str, int]] = {}
    for kind, _event_type, held_in, n in _grouped(
        program, period, country, project, ("event_type", "country_id"), keyed
    ):
        place = people.setdefault(held_in, {"n": 0, "female": 0})
        place["n"] += n
        place["female"] += n if kind.sex == Sex.FEMALE else 0
    return [
        Headline(
            label=row.label,
            code=row.code,
            events=row.total,
            participants=people.get(row.code, {}).get("n", 0),
            female=people.get(row.code, {}).get("female", 0),
        )
        for row in table1(program, period, country, project).rows
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


# --- what pages open on, and the dashboard's trend (issue 12) ---------------------------------


def default_period(program: Program, today) -> Period:
    """The period every page opens on when none is asked for: the fiscal year in progress."""
    return program.fiscal_year_of(today)


@dataclass(frozen=True)
class LittleData:
    """A period in progress that has few events so far, beside the year before it."""

    period: Period
    events: int
    previous: Period | None  # the latest earlier fiscal year with events, if any
    previous_events: int


def little_data(program: Program, period: Period, today) -> LittleData | None:
    """When PERIOD is the fiscal year in progress and has fewer than a quarter of the events of
    the latest earlier fiscal year with events (or none at all): the counts a note under it
    shows, and that earlier year."""
    if period != program.fiscal_year_of(today):
        return None
    events = events_in(program, period).count()
    latest = (
        Event.objects.filter(program=program, start_date__lt=period.start)
        .order_by("-start_date")
        .values_list("start_date", flat=True)
        .first()
    )
    if latest is None:
        return None if events else LittleData(period, 0, None, 0)
    previous = program.fiscal_year_of(latest)
    previous_events = events_in(program, previous).count()
    if events and events * 4 >= previous_events:
        return None
    return LittleData(period, events, previous, previous_events)


def headline_in(
    program: Program, period: Period, countries=None
) -> tuple[list[Headline], Headline]:
    """As headline_by_country, limited to the events held in COUNTRIES (codes) when given."""
    rows, total = headline_by_country(program, period)
    if countries is None:
        return rows, total
    rows = [row for row in rows if row.code in countries]
    total = Headline(
        label="Total",
        events=sum(row.events for row in rows),
        participants=sum(row.participants for row in rows),
        female=sum(row.female for row in rows),
    )
    return rows, total


def fiscal_year_trend(program: Program, today, years: int = 5, countries=None) -> list[Headline]:
    """Events, participants and women in each of the last YEARS fiscal years up to the one in
    progress (oldest first), as the dashboard's totals count them; labelled with the year."""
    current = program.fiscal_year_of(today)
    periods = [
        program.fiscal_year_of(current.start.replace(year=current.start.year - back))
        for back in range(years - 1, -1, -1)
    ]
    return period_totals(program, periods, countries)


def period_totals(program: Program, periods: list[Period], countries=None) -> list[Headline]:
    """The Total line of headline_in for each of PERIODS, labelled with the period: two
    aggregate queries for all of them, not two tables per period (the dashboard's trend)."""
    first, last = min(p.start for p in periods), max(p.end for p in periods)
    span = Period(label="", start=first, end=last)
    events = _held_in(Event.objects.all(), program, span, None, None)
    participation = participation_in(program, span)
    if countries is not None:
        events = events.filter(country_id__in=countries)
        participation = participation.filter(country_id__in=countries)
    female = Q(cell_id__in=ParticipantCell.objects.filter(sex=Sex.FEMALE).values("pk"))

    def within(period: Period) -> Q:
        return Q(start_date__gte=period.start, start_date__lte=period.end)

    counts = events.aggregate(
        **{f"e{i}": Count("pk", filter=within(p)) for i, p in enumerate(periods)}
    )
    sums = participation.aggregate(
        **{f"n{i}": Sum("participants", filter=within(p)) for i, p in enumerate(periods)},
        **{f"f{i}": Sum("participants", filter=within(p) & female) for i, p in enumerate(periods)},
    )
    return [
        Headline(
            label=period.label,
            events=counts[f"e{i}"] or 0,
            participants=sums[f"n{i}"] or 0,
            female=sums[f"f{i}"] or 0,
        )
        for i, period in enumerate(periods)
    ]


def with_participant_counts(events):
    """EVENTS annotated with `participants`: their attendances, program and donor staff
    excluded (the count every report uses)."""
    return events.annotate(
        participants=Count(
            "attendances", filter=~Q(attendances__role__in=Attendance.STAFF_ROLES), distinct=True
        )
    )


# --- event series: numbered across years (docs/instruments.md) ----------------------------------


@dataclass(frozen=True)
class SeriesEvent:
    number: int
    code: str
    title: str
    start_date: object
    fiscal_year: str
    participants: int
    female: int


def series_events(program: Program, series, until=None) -> list[SeriesEvent]:
    """The events of SERIES in number order (those that started by UNTIL, a date, if given),
    each with its participants and women (staff excluded), from the participation cube."""
    events = Event.objects.filter(program=program, series=series).order_by("series_number")
    if until is not None:
        events = events.filter(start_date__lte=until)
    counts: dict[int, dict[str, int]] = {}
    for event_id, sex, n in (
        Participation.objects.filter(event_id__in=events.values("pk"))
        .values_list("event_id", "cell__sex")
        .annotate(n=Sum("participants"))
        .order_by()
    ):
        line = counts.setdefault(event_id, {"all": 0, "female": 0})
        line["all"] += n
        line["female"] += n if sex == Sex.FEMALE else 0
    return [
        SeriesEvent(
            number=event.series_number,
            code=event.code,
            title=event.title,
            start_date=event.start_date,
            fiscal_year=program.fiscal_year_of(event.start_date).label,
            participants=counts.get(event.pk, {}).get("all", 0),
            female=counts.get(event.pk, {}).get("female", 0),
        )
        for event in events
    ]


@dataclass(frozen=True)
class SeriesYear:
    fiscal_year: str
    numbers: tuple[int, ...]
    participants: int
    female: int

    @property
    def events(self) -> int:
        return len(self.numbers)

    @property
    def percent_women(self) -> int | None:
        return percent(self.female, self.participants)


def series_by_year(program: Program, series, until=None) -> list[SeriesYear]:
    """Per fiscal year: the series' event numbers held, their participants and women."""
    years: dict[str, list[SeriesEvent]] = {}
    for event in series_events(program, series, until):
        years.setdefault(event.fiscal_year, []).append(event)
    return [
        SeriesYear(
            fiscal_year=label,
            numbers=tuple(event.number for event in events),
            participants=sum(event.participants for event in events),
            female=sum(event.female for event in events),
        )
        for label, events in sorted(years.items())
    ]
