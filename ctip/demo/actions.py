"""The synthetic demo program, generated deterministically from a seed number."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from ctip.accounts.access import CliAdministrator
from ctip.accounts.actions import do_create_user
from ctip.accounts.models import Role
from ctip.countries.actions import do_load_countries
from ctip.events.models import Event
from ctip.lib.periods import fiscal_year
from ctip.linkage.actions import LinkReport, do_link_people
from ctip.linkage.models import ClusterMember
from ctip.organisations.models import Organisation
from ctip.people.models import Attendance, Person, Sex
from ctip.programs.actions import do_load_program
from ctip.programs.definition import read_definition
from ctip.programs.models import Program
from ctip.reports.participation import refresh_participation
from ctip.results.demo import seed_results
from ctip.surveys.demo import seed_surveys

from . import catalogue
from . import identities as identities_
from .instruments import GRANTEE_USER, seed_instruments

PROGRAM_FILE = Path(__file__).with_name("program.yaml")
DEMO_PROGRAM_CODE = "demo"
FISCAL_YEARS = (2022, 2023, 2024, 2025)  # FY2022-23 … FY2025-26
DEMO_USERS = [
    # username, role, countries, password (demo only: printed by `make demo`)
    ("admin", Role.ADMINISTRATOR, [], "demo-admin-pass"),
    ("mel", Role.MEL_OFFICER, [], "demo-mel-pass"),
    ("thailand", Role.COUNTRY_OFFICER, ["TH"], "demo-thailand-pass"),
    ("cambodia", Role.COUNTRY_OFFICER, ["KH"], "demo-cambodia-pass"),
    ("viewer", Role.VIEWER, [], "demo-viewer-pass"),
]
ATTENDEES_PER_EVENT = (8, 38)
RETURNING_SHARE = 0.45
# Of the returns, how many arrive as a new record (an imported sheet) rather than the
# person's existing record (found by the web form's search).
NEW_RECORD_SHARE = 0.5
TITLES = {
    "capacity": [
        "Training on victim-centred investigation",
        "Workshop on trauma-informed interviewing",
        "Webinar on online scam trafficking",
        "Seminar on the non-punishment principle",
        "Training of trainers on trafficking indicators",
        "Workshop on gender-sensitive case management",
        "Training on financial investigation of trafficking",
    ],
    "meeting": [
        "Technical working group meeting",
        "Coordination meeting with focal points",
        "Planning meeting",
        "Consultation meeting on the national action plan",
        "Steering committee meeting",
    ],
    "conference": [
        "Regional conference on counter-trafficking",
        "Launch of the handbook on victim protection",
        "Annual forum on migrant workers' rights",
    ],
    "other": ["Study visit", "Courtroom observation", "Exchange visit", "Mentoring session"],
}
CAPACITY_TYPES = ["training", "workshop", "webinar", "seminar", "training", "workshop"]


# How often each kind of organisation sends people, relative to the others of its group.
_ORG_WEIGHT = {
    "government-national": 3,
    "government-subnational": 1,
    "ngo-cso": 3,
    "international-organisation": 1,
    "regional-organisation": 1,
    "private-sector": 0.6,
    "academic": 0.7,
}


@dataclass
class DemoSummary:
    program: Program
    events: int
    records: int  # Person rows: one per sheet that created one
    attendances: int
    users: list[tuple[str, str, str]]
    created: bool
    true_people: int | None = None  # the synthetic people behind the records (when created)
    link: LinkReport | None = None
    link_seconds: float = 0.0
    accuracy: Accuracy | None = None
    # record id -> the synthetic person behind it: the generator's truth, kept in memory
    # only (never stored), for measuring the linkage
    truth: dict[int, int] = field(default_factory=dict, repr=False)


# The first demo drew its names from the main random stream, from pools of these sizes
# (female given, male given, family; middle names for Vietnam). Those draws are still made,
# and thrown away, so that the main stream — and with it every event, attendance, survey and
# result figure — stays exactly as published; names now come from a stream of their own.
_FIRST_DEMO_POOLS = {
    "TH": (10, 9, 9), "LA": (6, 6, 7), "KH": (6, 6, 8), "VN": (8, 8, 8), "MM": (5, 5, 0),
    "ID": (8, 8, 7), "PH": (7, 7, 8), "MY": (4, 4, 5), "SG": (4, 4, 5), "BN": (3, 3, 3),
    "TL": (4, 4, 6), "AU": (4, 4, 6),
}  # fmt: skip


def _first_demo_name_draws(rng: random.Random, country: str, sex: str) -> None:
    female, male, family = _FIRST_DEMO_POOLS.get(country, _FIRST_DEMO_POOLS["AU"])
    rng.randrange(female if sex == Sex.FEMALE else male)  # same draws as rng.choice(pool)
    if country == "MM":
        return
    if country == "ID" and rng.random() < 0.3:
        return
    rng.randrange(family)
    if country == "VN":
        rng.randrange(3)


def _record(program, person: dict, name: tuple[str, str], contact: tuple[str, str], event):
    """A Person row for PERSON as one sheet (or the web form) recorded them."""
    return Person(
        program=program,
        full_name=name[0][:200],
        romanised_name=name[1][:200],
        email=contact[0],
        phone=contact[1],
        consent_given=True,
        consent_date=event.start_date,
        consent_version="v1",
        **person,
    )


def _sex(rng: random.Random, group: str) -> str:
    roll = rng.random()
    if roll < 0.005:
        return Sex.OTHER
    if roll < 0.005 + (0.002 if group == "state" else 0.03):
        return Sex.NOT_SPECIFIED
    return Sex.FEMALE if rng.random() < catalogue.FEMALE_SHARE[group] else Sex.MALE


def _event_types(rng: random.Random, country: str, count: int) -> list[str]:
    mix = catalogue.TYPE_MIX[country]
    categories = rng.choices(
        ["capacity", "meeting", "conference", "other"], weights=[w + 0.05 for w in mix], k=count
    )
    types = []
    for category in categories:
        if category == "capacity":
            types.append(rng.choice(CAPACITY_TYPES))
        elif category == "conference":
            types.append(rng.choice(["conference", "launch"]))
        else:
            types.append(category)
    return types


@transaction.atomic
def do_load_demo(seed: int = 2025, *, link: bool = True, actor=None) -> DemoSummary:
    """Load the demo program (once; a second run changes nothing and says so).

    With LINK (the default), the records are then linked into people
    (`ctip.linkage.actions.do_link_people`), so the demo opens with unique counts and a
    review queue, and the result is compared with the generator's truth (kept in memory).
    ACTOR (who loads the demo) is recorded as the one who ran the linkage.
    """
    do_load_countries()
    existing = Program.objects.filter(code=DEMO_PROGRAM_CODE).first()
    users = [(u, r.label, p) for u, r, _c, p in DEMO_USERS]
    if existing is not None:
        from ctip.frameworks.demo import FOCAL_POINTS

        users += [(u, f"Focal point ({f} {unit})", p) for u, f, unit, p in FOCAL_POINTS]
        users.append((GRANTEE_USER[0], "Grantee focal point (Life Haven)", GRANTEE_USER[1]))
        return DemoSummary(
            existing,
            existing.events.count(),
            existing.people.count(),
            Attendance.objects.filter(event__program=existing).count(),
            users,
            created=False,
        )
    rng = random.Random(seed)
    organisations: dict[str, dict[str, list[Organisation]]] = {}
    for country, rows in catalogue.ORGANISATIONS.items():
        made = Organisation.objects.bulk_create(
            Organisation(name=name, acronym=acronym, type=kind, is_opd=opd, country_id=country)
            for name, acronym, kind, opd in rows
        )
        organisations[country] = {
            "state": [o for o in made if o.type in Organisation.STATE_TYPES],
            "non-state": [o for o in made if o.type not in Organisation.STATE_TYPES],
        }
    # The program itself (projects, framework, indicators and targets, survey statements,
    # country partners) comes from a program file a team can copy: docs/programs.md.
    program = do_load_program(
        read_definition(PROGRAM_FILE.read_bytes(), PROGRAM_FILE.name), actor=CliAdministrator()
    ).program
    projects = {project.code: project for project in program.projects.all()}
    ios = {outcome.number: outcome for outcome in program.outcomes.filter(level="io")}
    regional_non_state = organisations["ASEAN"]["non-state"]

    events: list[Event] = []
    for start_year in FISCAL_YEARS:
        year = fiscal_year(start_year, program.fiscal_year_start_month)
        days = (year.end - year.start).days
        fy_code = f"{start_year % 100:02d}{(start_year + 1) % 100:02d}"
        for country, per_year in catalogue.EVENTS_PER_YEAR.items():
            count = max(1, round(per_year * rng.uniform(0.8, 1.15)))
            for number, event_type in enumerate(_event_types(rng, country, count), start=1):
                start = year.start + dt.timedelta(days=rng.randrange(days))
                category = (
                    "capacity"
                    if event_type in Event.CAPACITY_DEVELOPMENT
                    else "conference"
                    if event_type in Event.CONFERENCES_AND_LAUNCHES
                    else event_type
                )
                lead_pool = organisations[country]["state"] or organisations[country]["non-state"]
                events.append(
                    Event(
                        program=program,
                        code=f"{country}-{fy_code}-{number:03d}",
                        title=rng.choice(TITLES[category]),
                        start_date=start,
                        end_date=start + dt.timedelta(days=rng.choice([0, 0, 1, 2, 4])),
                        country_id=country,
                        modality="online"
                        if event_type == "webinar"
                        else rng.choice(["in-person"] * 6 + ["hybrid", "online"]),
                        event_type=event_type,
                        project=projects[rng.choice(["AA1", "AA2", "AA3", "AA4", "AA2", "AA3"])],
                        lead_partner=rng.choice(lead_pool),
                        place="" if country == "ASEAN" else rng.choice(["capital", "province"]),
                    )
                )
    events = Event.objects.bulk_create(events)
    through = Event.outcomes.through
    through.objects.bulk_create(
        through(event_id=event.pk, outcome_id=ios[number].pk)
        for event in events
        for number in rng.sample(sorted(ios), k=rng.choice([1, 1, 2]))
    )

    # Two streams: RNG decides events, attendances and who comes back (as the first demo did);
    # NAMES_RNG decides who each person is and how each sheet writes them.
    names_rng = random.Random(seed * 1_000_003 + 1)
    taken: set[str] = set()
    identities: list[identities_.Identity] = []
    people: list[dict] = []  # per true person: sex, country, organisation, position, ...
    records: list[Person] = []  # Person rows: one per person, plus one per sheet that made one
    truth: list[int] = []  # per record: the true person (kept in memory, never stored)
    record_of: list[int] = []  # per true person: the record the web form's search finds
    pools: dict[str, list[int]] = {}  # country -> indexes into people
    attendance_rows: list[tuple[int, int, str]] = []
    origins, weights = zip(*catalogue.REGIONAL_ORIGINS.items(), strict=True)
    for event_index, event in enumerate(sorted(events, key=lambda e: e.start_date)):
        size = rng.randint(*ATTENDEES_PER_EVENT)
        if event.event_type == "webinar":
            size = int(size * 1.8)
        seen: set[int] = set()
        for _ in range(size):
            if event.country_id == "ASEAN":
                origin = rng.choices(origins, weights=weights)[0]
            else:
                origin = event.country_id if rng.random() < 0.94 else rng.choice(origins)
            pool = pools.setdefault(origin, [])
            if pool and rng.random() < RETURNING_SHARE:
                person_index = rng.choice(pool)
                if person_index in seen:
                    continue
                if names_rng.random() < NEW_RECORD_SHARE:
                    # An imported sheet: a new record, the name as this sheet wrote it.
                    record_index = len(records)
                    records.append(
                        _record(
                            program,
                            people[person_index],
                            identities_.written(names_rng, identities[person_index]),
                            identities_.contacts(names_rng, identities[person_index], first=False),
                            event,
                        )
                    )
                    truth.append(person_index)
                else:  # the web form's search found the person's record
                    record_index = record_of[person_index]
            else:
                group = "state" if rng.random() < catalogue.STATE_SHARE[origin] else "non-state"
                orgs = organisations.get(origin, {}).get(group) or (
                    regional_non_state if group == "non-state" else organisations["AU"]["state"]
                )
                if group == "non-state" and rng.random() < 0.2:
                    orgs = regional_non_state
                sex = _sex(rng, group)
                _first_demo_name_draws(rng, origin, sex)
                organisation = rng.choices(orgs, weights=[_ORG_WEIGHT[o.type] for o in orgs])[0]
                person = {
                    "sex": sex,
                    "country_of_origin_id": origin,
                    "organisation": organisation,
                    "position": rng.choice(catalogue.POSITIONS[organisation.stakeholder_group]),
                    "disability_self_identified": rng.random() < 0.03,
                }
                identity = identities_.new_identity(
                    names_rng,
                    origin,
                    sex if sex in (Sex.FEMALE, Sex.MALE) else "",
                    person["position"],
                    organisation.acronym,
                    taken,
                )
                person_index = len(people)
                people.append(person)
                identities.append(identity)
                pool.append(person_index)
                record_index = len(records)
                record_of.append(record_index)
                records.append(
                    _record(
                        program,
                        person,
                        identity.canonical(),
                        identities_.contacts(names_rng, identity, first=True),
                        event,
                    )
                )
                truth.append(person_index)
            seen.add(person_index)
            roll = rng.random()
            role = (
                Attendance.Role.PROGRAM_STAFF
                if roll < 0.03
                else Attendance.Role.DONOR_STAFF
                if roll < 0.035
                else Attendance.Role.SPEAKER
                if roll < 0.07
                else Attendance.Role.FACILITATOR
                if roll < 0.085
                else Attendance.Role.PARTICIPANT
            )
            attendance_rows.append((event_index, record_index, role))
    records = Person.objects.bulk_create(records, batch_size=2000)
    ordered_events = sorted(events, key=lambda e: e.start_date)
    Attendance.objects.bulk_create(
        (
            Attendance(
                event=ordered_events[event_index],
                person=records[record_index],
                role=role,
                organisation_id=records[record_index].organisation_id,
                position=records[record_index].position,
                name_as_written=records[record_index].full_name,
            )
            for event_index, record_index, role in attendance_rows
        ),
        batch_size=2000,
    )
    # bulk_create sends no signals: count the new attendances into the reports' cube
    refresh_participation(event.pk for event in events)
    seed_surveys(program, ordered_events, rng)
    seed_results(program, projects)
    for username, role, countries, password in DEMO_USERS:
        do_create_user(
            username,
            password,
            role=role,
            program=None if role == Role.ADMINISTRATOR else program,
            country_codes=countries,
            check_password=False,
        )
    from ctip.frameworks.demo import seed_demo_frameworks

    users += seed_demo_frameworks(program)
    summary = DemoSummary(
        program,
        len(events),
        len(records),
        len(attendance_rows),
        users,
        True,
        len(people),
        truth={record.pk: person for record, person in zip(records, truth, strict=True)},
    )
    if link:
        started = time.monotonic()
        summary.link = do_link_people(program, actor=actor)
        summary.link_seconds = time.monotonic() - started
        summary.accuracy = linkage_accuracy(program, summary.truth)
    # after the linkage: the grantees' participants stay records of their own
    summary.users += seed_instruments(program, seed)
    return summary


@dataclass
class Accuracy:
    """How the linkage did against the generator's own truth (which is never stored)."""

    true_people: int
    linked_people: int
    precision: float  # of the pairs of records linked, the share that are one person
    recall: float  # of the pairs of records that are one person, the share linked
    f1: float

    @property
    def unique_count_error(self) -> float:
        return self.linked_people / self.true_people - 1

    def line(self) -> str:
        return (
            f"linkage against the generator's truth: {self.linked_people:,} people found for "
            f"{self.true_people:,} ({self.unique_count_error:+.1%}); pairs: precision "
            f"{self.precision:.3f}, recall {self.recall:.3f}, F1 {self.f1:.3f}"
        )


def linkage_accuracy(program: Program, truth: dict[int, int]) -> Accuracy:
    """Compare the program's clusters with TRUTH (record id -> true person)."""
    cluster_of = dict(
        ClusterMember.objects.filter(person__program=program).values_list("person_id", "cluster")
    )
    # A record not linked is a person of its own (as in every unique count).
    found = Counter(cluster_of.get(record, -record) for record in truth)
    true = Counter(truth.values())
    both = Counter((cluster_of.get(record, -record), person) for record, person in truth.items())

    def pairs(counts: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    linked, same, right = pairs(found), pairs(true), pairs(both)
    precision = right / linked if linked else 1.0
    recall = right / same if same else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Accuracy(len(true), len(found), precision, recall, f1)
