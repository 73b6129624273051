"""The demo program's own instruments, after the seed annual report (FY 2024-25): the grants
program's three OPD grantees with two reporting periods, the first emerging leaders cohort
of 20, the ACWC e-learning course's completions in six languages, and the webinar series
numbered 1-23. Everything goes through the instruments' actions and the e-learning import.

Loaded after the linkage, so that the grantees' participants stay records of their own; none
of it changes Table 1 or Table 2: the demo program counts neither grantees' events nor
e-learning completions (both are program settings, docs/instruments.md)."""

from __future__ import annotations

import datetime as dt
import io
import random
from decimal import Decimal

from ctip.accounts.access import CliAdministrator
from ctip.cohorts import actions as cohorts
from ctip.events.models import Event, Series
from ctip.grants import actions as grants
from ctip.organisations.models import Organisation
from ctip.people.models import Attendance, Person, Sex
from ctip.programs.models import Program
from ctip.reports.participation import refresh_participation

GRANTEE_USER = ("grantee-lifehaven", "demo-grantee-pass")
ELEARNING_COURSE = "Gender-Sensitive and Victim-Centred Approaches for Frontliners"
# Course language → the learners' country (the six national languages of the course).
ELEARNING_LANGUAGES = {
    "Burmese \u200e(my)\u200e": "MM",
    "Indonesian \u200e(id)\u200e": "ID",
    "Khmer \u200e(km)\u200e": "KH",
    "Lao \u200e(lo)\u200e": "LA",
    "Thai \u200e(th)\u200e": "TH",
    "Vietnamese \u200e(vi)\u200e": "VN",
}
COUNTRY_NAMES = {
    "MM": "Myanmar",
    "ID": "Indonesia",
    "KH": "Cambodia",
    "LA": "Laos",
    "TH": "Thailand",
    "VN": "Viet Nam",
}
SERIES_TITLES = {
    21: "From contracts to coercion: Understanding forced labour in the ASEAN region",
    22: "Survivors matter to countering trafficking: Amplify their voices",
    23: "Women as drivers of change: Effective policies to enhance representation of women "
    "in counter-trafficking",
}
GRANTS = [
    # code, grantee, country, amount (synthetic), narratives of the two periods, numbers
    (
        "opd-yayasan-sakura",
        "Yayasan Sakura Indonesia Al Jamaan",
        "ID",
        Decimal("62000"),
        [1, 3, 6],
        (
            "Set up a consortium of organisations of people with disability, anti-trafficking "
            "NGOs and local government agencies in Bogor regency to influence counter-"
            "trafficking policy; regular meetings on the intersection of trafficking and "
            "disability.",
            "Multidisciplinary consultations in February and May 2025 on guidelines for "
            "disability-inclusive prevention and handling of trafficking in persons.",
        ),
        ([("Organisations in the consortium", 31)], [("Organisations in the consortium", 44)]),
    ),
    (
        "opd-life-haven",
        "Life Haven Center for Independent Living",
        "PH",
        Decimal("58000"),
        [2, 3, 7],
        (
            "Engaged the IACAT and CTIP agencies on inclusive approaches; introduced the "
            "ACWC's online CTIP e-learning course to people with disability in September and "
            "October 2024.",
            "A three-day workshop on disability inclusion and counter-trafficking in March "
            "2025 with representatives of 10 OPDs and nine CTIP agencies.",
        ),
        (
            [("People with disability introduced to the e-learning course", 38)],
            [("OPDs at the workshop", 10), ("CTIP agencies at the workshop", 9)],
        ),
    ),
    (
        "opd-good-friends",
        "Good Friends Association",
        "TH",
        Decimal("54000"),
        [1, 2],
        (
            "Disability-related training for frontline responders and technical advice on "
            "the national referral mechanism.",
            "Accessible information on safe migration for people with disability.",
        ),
        (
            [("Frontline responders trained", 46)],
            [("Accessible information products", 3)],
        ),
    ),
]
# The grantees' own events (held under the grant): code, grant, title, start, days, size.
GRANTEE_EVENTS = [
    ("ID-YS-2425-01", "opd-yayasan-sakura", "Consultation on disability-inclusive guidelines",
     dt.date(2025, 2, 18), 1, 34),
    ("ID-YS-2425-02", "opd-yayasan-sakura", "Consultation on disability-inclusive guidelines",
     dt.date(2025, 5, 14), 1, 29),
    ("PH-LH-2425-01", "opd-life-haven",
     "Workshop on disability inclusion and counter-trafficking in persons",
     dt.date(2025, 3, 11), 3, 27),
]  # fmt: skip
LEAP_MODULES = [
    "Leading in counter-trafficking",
    "Unconscious bias and trauma-informed leadership",
    "GEDSI in the workplace",
    "Collaboration across agencies",
    "Negotiation and influence",
    "Leading change: the capstone",
]


def seed_instruments(program: Program, seed: int) -> list[tuple[str, str, str]]:
    """Load the demo's instruments; returns the grantee's demo account (user, role, password)."""
    rng = random.Random(seed * 7_919 + 16)
    admin = CliAdministrator()
    _seed_series(program)
    user = _seed_grants(program, admin, rng)
    _seed_cohort(program, admin, rng)
    _seed_elearning(program, admin, rng)
    return [(user.username, "Grantee focal point (Life Haven)", GRANTEE_USER[1])]


def _seed_series(program: Program) -> None:
    """The webinar series: 1-20 the last regional webinars before FY2024-25, 21-23 the first
    three of FY2024-25 (the demo's own webinars: their participants are the demo's)."""
    series = Series.objects.create(
        program=program,
        code="adaptive-justice",
        title="Webinars on adaptive justice responses to trafficking in persons",
    )
    year = program.period("FY2024-25")
    webinars = Event.objects.filter(program=program, event_type=Event.Type.WEBINAR)
    before = list(webinars.filter(start_date__lt=year.start).order_by("-start_date", "code")[:20])
    during = list(
        webinars.filter(start_date__gte=year.start, start_date__lte=year.end).order_by(
            "start_date", "code"
        )[:3]
    )
    numbered = list(reversed(before)) + during
    for number, event in enumerate(numbered, start=1):
        event.series = series
        event.series_number = number
        event.title = SERIES_TITLES.get(number, event.title)
        event.save(update_fields=["series", "series_number", "title"])


def _seed_grants(program: Program, admin, rng: random.Random):
    projects = {project.code: project for project in program.projects.all()}
    outcomes = {o.number: o for o in program.outcomes.filter(level="io")}
    made = {}
    for code, name, country, amount, ios, narratives, figures in GRANTS:
        grantee, _created = Organisation.objects.get_or_create(
            name=name,
            country_id=country,
            defaults={"type": Organisation.Type.NGO_CSO, "is_opd": True},
        )
        grant = grants.do_save_grant(
            program,
            admin,
            code=code,
            title=f"Grants program for OPDs: {name}",
            grantee=grantee,
            amount=amount,
            currency="AUD",
            starts_on=dt.date(2024, 7, 1),
            ends_on=dt.date(2025, 12, 31),
            projects=[projects["AA1"]],
            outcomes=[outcomes[n] for n in ios],
        )
        grants.do_save_tranche(
            grant,
            admin,
            number=1,
            amount=amount * Decimal("0.4"),
            due_on=dt.date(2024, 7, 15),
            condition="Grant agreement signed",
            condition_met=True,
            met_on=dt.date(2024, 7, 12),
        )
        grants.do_save_tranche(
            grant,
            admin,
            number=2,
            amount=amount * Decimal("0.4"),
            due_on=dt.date(2025, 2, 15),
            condition="First progress report approved",
            condition_met=True,
            met_on=dt.date(2025, 2, 10),
        )
        grants.do_save_tranche(
            grant, admin, number=3, amount=amount * Decimal("0.2"), due_on=dt.date(2025, 8, 15),
            condition="Second progress report approved and acquittal received",
        )  # fmt: skip
        halves = (
            (dt.date(2024, 7, 1), dt.date(2024, 12, 31)),
            (dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
        )
        for index, (start, end) in enumerate(halves):
            report = grants.do_open_report(grant, admin, start, end)
            grants.do_save_report(
                report,
                admin,
                narrative=narratives[index],
                figures=[(label, Decimal(n)) for label, n in figures[index]],
                projects=[projects["AA1"]],
                outcomes=[outcomes[n] for n in ios],
            )
            grants.do_submit_report(report, admin, on=end + dt.timedelta(days=20))
            if index == 0:
                grants.do_approve_report(report, admin)
        made[code] = grant
    user = grants.do_create_grantee_user(
        GRANTEE_USER[0], GRANTEE_USER[1], made["opd-life-haven"], admin
    )
    _seed_grantee_events(program, made, rng)
    return user


def _seed_grantee_events(program: Program, made: dict, rng: random.Random) -> None:
    """The grantees' events and participants (synthetic people, records of their own)."""
    events = []
    for code, grant_code, title, start, days, size in GRANTEE_EVENTS:
        grant = made[grant_code]
        country = grant.grantee.country_id
        event = Event.objects.create(
            program=program,
            code=code,
            title=title,
            start_date=start,
            end_date=start + dt.timedelta(days=days - 1),
            country_id=country,
            modality=Event.Modality.IN_PERSON,
            event_type=Event.Type.WORKSHOP,
            lead_partner=grant.grantee,
            grant=grant,
        )
        state = list(
            Organisation.objects.filter(
                country_id=country, type__in=Organisation.STATE_TYPES
            ).order_by("pk")[:4]
        )
        people = []
        for number in range(1, size + 1):
            opd = rng.random() < 0.45
            sex = rng.choice([Sex.FEMALE, Sex.FEMALE, Sex.MALE, Sex.MALE, Sex.NOT_SPECIFIED])
            organisation = grant.grantee if opd or not state else rng.choice(state)
            people.append(
                Person(
                    program=program,
                    full_name=f"Grantee workshop participant {code}-{number:02d}",
                    sex=sex,
                    country_of_origin_id=country,
                    organisation=organisation,
                    disability_self_identified=opd,
                )
            )
        people = Person.objects.bulk_create(people)
        Attendance.objects.bulk_create(
            Attendance(
                event=event,
                person=person,
                organisation=person.organisation,
                name_as_written=person.full_name,
            )
            for person in people
        )
        events.append(event.pk)
    # bulk_create sends no signals: count the new attendances into the reports' cube
    refresh_participation(events)


def _seed_cohort(program: Program, admin, rng: random.Random) -> None:
    """The first cohort of the CTIP Leadership Excellence in ASEAN Program: 20 senior
    officials (11 women) of state agencies in Cambodia, Laos, the Philippines, Thailand and
    Vietnam; four modules in FY2024-25, two more before it ends in October 2025."""
    cohort = cohorts.do_save_cohort(
        program,
        admin,
        code="leap-1",
        title="CTIP Leadership Excellence in ASEAN Program (LEAP), cohort 1",
        starts_on=dt.date(2024, 11, 1),
        ends_on=dt.date(2025, 10, 31),
        completion_share=Decimal(80),
        modules=LEAP_MODULES,
        project=program.projects.get(code="AA4"),
    )
    people = []
    women_left = 11
    for index, country in enumerate(("KH", "LA", "PH", "TH", "VN")):
        candidates = Person.objects.filter(
            program=program,
            country_of_origin_id=country,
            organisation__type=Organisation.Type.GOVERNMENT_NATIONAL,
        ).order_by("pk")
        women = 3 if index < 1 else 2  # 3 + 2 × 4 = 11 women
        women = min(women, women_left)
        women_left -= women
        people += list(candidates.filter(sex=Sex.FEMALE)[:women])
        people += list(candidates.filter(sex=Sex.MALE)[: 4 - women])
    members = cohorts.do_add_members(cohort, admin, people)
    days = [dt.date(2024, 11, 20), dt.date(2025, 1, 22), dt.date(2025, 3, 26),
            dt.date(2025, 5, 28), dt.date(2025, 8, 20), dt.date(2025, 10, 8)]  # fmt: skip
    dropped = members[7]
    for module, day in zip(cohort.modules.order_by("number"), days, strict=True):
        present = [
            member
            for member in members
            if not (member == dropped and day > dt.date(2025, 2, 1)) and rng.random() < 0.93
        ]
        modality = "in-person" if module.number in (2, 6) else "online"
        cohorts.do_record_session(module, admin, day, present, modality=modality)
    cohorts.do_drop_out(dropped, admin, dt.date(2025, 2, 14))
    for member in members:
        if member == dropped:
            continue
        for month in (1, 3, 5):
            cohorts.do_record_coaching(
                member, admin, dt.date(2025, month, 5 + rng.randrange(20)), coach="Coach (Polaris)"
            )


def _moodle_time(day: dt.date, rng: random.Random) -> str:
    """A completion time as Moodle's report writes it: "Tuesday, 1 October 2024, 10:15 AM"."""
    return f"{day:%A}, {day.day} {day:%B %Y}, {rng.randint(8, 11)}:{rng.randrange(60):02d} AM"


def _seed_elearning(program: Program, admin, rng: random.Random) -> None:
    """Completions of the ACWC course in its six languages, as Moodle's course completion
    report gives them (imported through `ctip import elearning`'s own path). The learners
    are people of the demo's registry, found by name and e-mail."""
    from ctip.imports.actions import do_import_file
    from ctip.lib.spreadsheets import csv_writer

    rows = [
        ["Full name", "Email address", "Country", "Institution", "Sex", "Course full name",
         "Course language", "Time completed"],
    ]  # fmt: skip
    year = program.period("FY2024-25")
    for language, country in ELEARNING_LANGUAGES.items():
        wanted, emails, learners = rng.randint(18, 34), set(), []
        for person in (
            Person.objects.filter(program=program, country_of_origin_id=country)
            .exclude(email="")
            .select_related("organisation")
            .order_by("pk")[:200]
        ):  # one record per learner: a person's records share their e-mail
            if person.email not in emails and len(learners) < wanted:
                emails.add(person.email)
                learners.append(person)
        for person in learners:
            day = year.start + dt.timedelta(days=rng.randrange(90, 365))
            rows.append(
                [
                    person.full_name,
                    person.email,
                    COUNTRY_NAMES[country],
                    person.organisation.name if person.organisation else "",
                    person.get_sex_display() if person.sex != Sex.NOT_SPECIFIED else "",
                    ELEARNING_COURSE,
                    language,
                    _moodle_time(day, rng),
                ]
            )
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerows(rows)
    plan = do_import_file(
        "elearning",
        out.getvalue().encode(),
        "moodle-course-completions.csv",
        program=program,
        actor=admin,
    )
    if plan.errors:  # the demo's own file: a problem here is a bug in this module
        raise RuntimeError("; ".join(str(error) for error in plan.errors))
