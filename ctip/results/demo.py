"""The demo program's indicators, ratings and achievements, after the seed annual report."""

from __future__ import annotations

import datetime as dt

from ctip.accounts.access import CliAdministrator
from ctip.programs.models import Outcome

from .actions import (
    do_approve_rating,
    do_rate_outcome,
    do_record_actual,
    do_record_evidence,
)
from .models import Evidence, Indicator, StatusRating

DELAYED_IN_FY2024_25 = {5}  # seed 003, "Performance status on achieving intermediate outcomes"

ACHIEVEMENTS = [
    (
        "ASEAN Guideline on the Implementation of the Non-Punishment Principle endorsed",
        "ASEAN",
        dt.date(2024, 10, 9),
        "guideline",
        "endorsed",
        "AA3",
        [2, 3, 8],
    ),
    (
        "MERL framework for the Bohol TIP Work Plan 2.0 adopted by the SOMTC",
        "ASEAN",
        dt.date(2024, 9, 28),
        "plan",
        "adopted",
        "AA3",
        [4, 8],
    ),
    (
        "Revised Law on Prevention and Combat of Human Trafficking passed",
        "VN",
        dt.date(2024, 11, 28),
        "law",
        "adopted",
        "AA2",
        [1],
    ),
    (
        "IACAT resolution establishing MERL focal points in member agencies",
        "PH",
        dt.date(2025, 2, 14),
        "policy",
        "endorsed",
        "AA3",
        [4, 8],
    ),
    (
        "Trafficking in persons training curriculum institutionalised at the judicial academy",
        "TH",
        dt.date(2025, 3, 20),
        "curriculum",
        "adopted",
        "AA2",
        [1, 6],
    ),
    (
        "Victim screening SOP validated with the Ministry of Public Security",
        "LA",
        dt.date(2025, 5, 6),
        "sop",
        "validated",
        "AA2",
        [1, 2],
    ),
    (
        "Guidelines on protecting migrant fishers noted by ASEAN Leaders",
        "ASEAN",
        dt.date(2025, 5, 26),
        "guideline",
        "endorsed",
        "AA1",
        [1, 6],
    ),
]


def seed_results(program, projects) -> None:
    admin = CliAdministrator()
    ios = {o.number: o for o in Outcome.objects.filter(program=program, level="io")}
    # The indicators and their targets come with the program file (ctip/demo/program.yaml).
    for indicator in Indicator.objects.filter(program=program).order_by("code"):
        code = indicator.code
        if code == "IO1.1":
            do_record_actual(admin, indicator, "FY2023-24", 1, "ACWC guidebook endorsed Sep 2023")
            do_record_actual(
                admin,
                indicator,
                "FY2024-25",
                2,
                "Non-punishment guideline endorsed; revised TIP law passed",
            )
        if code == "IO4.1":
            do_record_actual(
                admin,
                indicator,
                "FY2024-25",
                3,
                "Trial reporting under the MERL framework: Philippines, Vietnam, Thailand",
            )
    for year in ("FY2023-24", "FY2024-25"):
        for number, outcome in ios.items():
            delayed = year == "FY2024-25" and number in DELAYED_IN_FY2024_25
            rating = do_rate_outcome(
                admin,
                outcome,
                year,
                StatusRating.Status.DELAYED if delayed else StatusRating.Status.ON_TRACK,
                "Partner restructuring slowed the anti-corruption dialogue; activities are "
                "rescheduled for the next period."
                if delayed
                else "Milestones for the period were met (see achievements).",
            )
            do_approve_rating(admin, rating)
    for title, country, date, kind, stage, project, outcome_numbers in ACHIEVEMENTS:
        do_record_evidence(
            program,
            kind=Evidence.Kind.ACHIEVEMENT,
            title=title,
            country_code=country,
            date=date,
            achievement_type=kind,
            stage=stage,
            project=projects[project],
            outcomes=[ios[n] for n in outcome_numbers],
        )
