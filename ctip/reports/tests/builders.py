"""Record-level data for report tests, made fast with bulk_create.

`make_attendances` makes N people and their attendances with given attributes;
`build_published_fy2024_25` makes the events and attendances whose aggregates are exactly the
seed annual report's FY 2024-25 Table 1 and Table 2 (and its country progress lines).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from ctip.events.actions import do_create_event
from ctip.events.models import Event
from ctip.organisations.models import Organisation
from ctip.people.models import Attendance, Person
from ctip.reports.participation import refresh_participation

_serial = itertools.count(1)


def add_attendances(program, specs: Sequence[tuple]) -> int:
    """SPECS: (event, sex, country code or None, organisation or None, role). One new person
    per attendance; two bulk inserts."""
    people = Person.objects.bulk_create(
        [
            Person(
                program=program,
                full_name=f"Participant {next(_serial)}",
                romanised_name="",
                sex=sex,
                country_of_origin_id=country,
                organisation=organisation,
                consent_given=True,
                consent_date=dt.date(2024, 7, 1),
            )
            for _event, sex, country, organisation, _role in specs
        ],
        batch_size=2000,
    )
    Attendance.objects.bulk_create(
        [
            Attendance(event=spec[0], person=person, role=spec[4], organisation=spec[3])
            for spec, person in zip(specs, people, strict=True)
        ],
        batch_size=2000,
    )
    refresh_participation(spec[0].pk for spec in specs)  # bulk_create sends no signals
    return len(specs)


def make_attendances(
    events: Event | Sequence[Event],
    n: int,
    *,
    sex: str = "female",
    country: str | None = "TH",
    organisation: Organisation | None = None,
    role: str = Attendance.Role.PARTICIPANT,
) -> int:
    """N attendances (N new people) with these attributes, spread over EVENTS in turn."""
    events = [events] if isinstance(events, Event) else list(events)
    program = events[0].program
    specs = [(events[i % len(events)], sex, country, organisation, role) for i in range(n)]
    return add_attendances(program, specs)


def make_events(program, country: str, types: Sequence[str], start: dt.date, project=None):
    """One event per type, on consecutive days from START, through the real action."""
    return [
        do_create_event(
            program,
            code=f"{country}-{next(_serial)}",
            title=f"{event_type.title()} in {country}",
            start_date=start + dt.timedelta(days=index % 360),
            country_code=country,
            event_type=event_type,
            project=project,
        )
        for index, event_type in enumerate(types)
    ]


# --- the published FY 2024-25 tables (seed 003, Section 5) ------------------------------------

# country or region where held: capacity development, meetings, conferences and launches, other
PUBLISHED_TABLE1 = {
    "KH": (4, 13, 2, 1),
    "ID": (0, 4, 0, 0),
    "LA": (8, 0, 0, 4),
    "PH": (27, 29, 2, 5),
    "TH": (13, 44, 1, 2),
    "VN": (11, 11, 1, 1),
    "ASEAN": (26, 19, 1, 0),
}
# country of origin: female, male, other, did not specify
PUBLISHED_STATE = {
    "BN": (27, 7, 1, 0),
    "KH": (134, 254, 0, 0),
    "ID": (107, 107, 1, 0),
    "LA": (153, 165, 0, 0),
    "MY": (27, 15, 0, 0),
    "MM": (6, 10, 0, 0),
    "PH": (957, 634, 4, 2),
    "SG": (7, 12, 0, 0),
    "TH": (343, 349, 14, 3),
    "VN": (274, 226, 0, 0),
    "TL": (10, 12, 0, 0),
    None: (9, 0, 0, 1),  # outside ASEAN: from Australia, or unknown
}
# female, male, other, did not specify, of which from OPDs, of which private sector
PUBLISHED_NON_STATE = {
    "BN": (3, 3, 0, 0, 0, 0),
    "KH": (81, 75, 0, 0, 7, 1),
    "ID": (112, 46, 1, 0, 20, 7),
    "LA": (33, 21, 0, 0, 20, 0),
    "MY": (6, 11, 0, 0, 0, 5),
    "MM": (23, 14, 0, 0, 0, 2),
    "PH": (90, 58, 0, 4, 44, 6),
    "SG": (3, 7, 0, 0, 1, 7),
    "TH": (193, 95, 3, 5, 14, 51),
    "VN": (65, 19, 0, 1, 63, 1),
    None: (54, 22, 0, 26, 0, 56),
}
PUBLISHED_NGO_CSO = 670  # OPDs included (highlights)
# "We delivered 20 events, with 384 participants (37% women)": participants, of whom female
PUBLISHED_BY_LOCATION = {
    "KH": (384, 142),
    "LA": (295, 145),
    "PH": (1388, 805),
    "TH": (772, 401),
    "VN": (501, 286),
    "ID": (100, 50),  # not published: the rest is split between Indonesia and regional
    "ASEAN": (1505, 888),
}
_OUTSIDE = ("AU", None, "US", "GB")  # countries outside ASEAN, and unknown
SEXES = ("female", "male", "other", "not-specified")


def _capacity_types(count: int) -> list[str]:
    return [("training", "webinar", "seminar", "workshop")[i % 4] for i in range(count)]


def build_published_fy2024_25(program) -> None:
    """Events and attendances whose Table 1 and Table 2 for FY2024-25 are the published ones,
    plus staff and events outside the year that must not count."""
    fy_start = dt.date(2024, 7, 1)
    events_at: dict[str, list[Event]] = {}
    for country, (capacity, meetings, conferences, other) in PUBLISHED_TABLE1.items():
        types = (
            _capacity_types(capacity)
            + ["meeting"] * meetings
            + [("conference", "launch")[i % 2] for i in range(conferences)]
            + ["other"] * other
        )
        events_at[country] = make_events(program, country, types, fy_start)
    last_day = dt.date(2025, 6, 30)  # an event on the year's last day counts
    Event.objects.filter(pk=events_at["TH"][-1].pk).update(start_date=last_day, end_date=last_day)

    organisations = _organisations()
    people = []  # (sex, country, organisation)
    for country, counts in PUBLISHED_STATE.items():
        for index, sex in enumerate(
            itertools.chain.from_iterable([sex] * n for sex, n in zip(SEXES, counts, strict=True))
        ):
            origin = country or _OUTSIDE[index % len(_OUTSIDE)]
            people.append((sex, origin, organisations["state"][index % 2]))
    other_kinds = itertools.cycle(["international", "regional", "academic", None])
    ngo_left = PUBLISHED_NGO_CSO - sum(row[4] for row in PUBLISHED_NON_STATE.values())
    for country, (*counts, opd, private) in PUBLISHED_NON_STATE.items():
        sexes = list(
            itertools.chain.from_iterable([sex] * n for sex, n in zip(SEXES, counts, strict=True))
        )
        kinds = ["opd"] * opd + ["private"] * private
        for _ in range(len(sexes) - len(kinds)):
            if ngo_left:
                kinds.append("ngo")
                ngo_left -= 1
            else:
                kinds.append(next(other_kinds))
        for index, (sex, kind) in enumerate(zip(sexes, kinds, strict=True)):
            origin = country or _OUTSIDE[index % len(_OUTSIDE)]
            people.append((sex, origin, organisations[kind] if kind else None))

    women = [person for person in people if person[0] == "female"]
    others = [person for person in people if person[0] != "female"]
    specs = []
    for location, (participants, female) in PUBLISHED_BY_LOCATION.items():
        chosen = [women.pop() for _ in range(female)] + [
            others.pop() for _ in range(participants - female)
        ]
        events = events_at[location]
        specs += [
            (events[i % len(events)], *person, Attendance.Role.PARTICIPANT)
            for i, person in enumerate(chosen)
        ]
    assert not women and not others
    # staff at the year's events, and an event in the next fiscal year: none of them count
    specs += [
        (events_at["TH"][i], "female", "AU", None, role)
        for i, role in enumerate([Attendance.Role.PROGRAM_STAFF, Attendance.Role.DONOR_STAFF] * 5)
    ]
    next_year = make_events(program, "TH", ["training"], dt.date(2025, 7, 1))[0]
    specs += [(next_year, "female", "TH", organisations["state"][0], "participant")]
    earlier = make_events(program, "KH", ["meeting"], dt.date(2024, 6, 30))[0]
    specs += [(earlier, "male", "KH", organisations["ngo"], "participant")]
    add_attendances(program, specs)


def _organisations() -> dict:
    def make(name, type_, **extra):
        return Organisation.objects.create(name=name, type=type_, **extra)

    kinds = Organisation.Type
    return {
        "state": [
            make("Ministry of Justice", kinds.GOVERNMENT_NATIONAL),
            make("Provincial Social Welfare Office", kinds.GOVERNMENT_SUBNATIONAL),
        ],
        "ngo": make("Community Legal Aid", kinds.NGO_CSO),
        "opd": make("Disabled People's Association", kinds.NGO_CSO, is_opd=True),
        "private": make("Recruitment Agencies Federation", kinds.PRIVATE_SECTOR),
        "international": make("International Organization for Migration", kinds.INTERNATIONAL),
        "regional": make("ASEAN Secretariat", kinds.REGIONAL),
        "academic": make("Mahidol University", kinds.ACADEMIC),
    }
