"""The demo's partner frameworks (loaded from ctip/frameworks/examples/, files a team can copy):
the Bohol TIP Work Plan 2.0 with eleven member states and five sectoral bodies (a trial round
for 2024, all in; the 2025 round in progress: some late, some missing, one returned); IACAT's
4th NSAP with its 28 member agencies (a trial round on the first template, then the revised
template's round open); the ACWC maturity tool piloted in the Philippines and Thailand.
Values are synthetic."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from ctip.accounts.access import CliAdministrator

from .actions import (
    do_approve_report,
    do_create_focal_point,
    do_load_framework,
    do_return_report,
    do_save_values,
    do_submit_report,
)
from .files import read_definition
from .models import FrameworkRole, UnitReport

EXAMPLES = Path(__file__).parent / "examples"
FOCAL_POINTS = [
    # username, framework, unit, password (demo only: printed by `make demo`)
    ("focal-ph", "bohol-2", "PH", "demo-focal-pass"),
    ("focal-dswd", "iacat-nsap-4", "DSWD", "demo-focal-pass"),
]
# The first IACAT template, before the focal points' feedback: R2 was worded as a question of
# documents, and L2 (training) was not asked yet.
IACAT_FIRST_WORDING = {"R2": "Agency referral pathway for victim-survivors documented"}
IACAT_ADDED_LATER = {"L2"}


def _definition(name: str, program):
    definition = read_definition((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    definition.program = program.code
    return definition


def seed_demo_frameworks(program, seed: int = 2025) -> list[tuple[str, str, str]]:
    """Load the three frameworks and their rounds; returns the focal points' accounts."""
    rng = random.Random(seed)
    admin = CliAdministrator()

    bohol, _ = do_load_framework(_definition("bohol-2", program), admin)
    trial, regular = bohol.rounds.order_by("starts_on")
    for report in trial.reports.select_related("unit"):
        _fill(report, rng, admin)
        do_submit_report(report, admin, on=trial.due_on - dt.timedelta(days=rng.randint(-40, 20)))
        if rng.random() < 0.8:
            do_approve_report(report, admin)
    for index, report in enumerate(regular.reports.select_related("unit").order_by("unit__order")):
        if index % 5 == 4:
            continue  # missing: nothing sent yet
        _fill(report, rng, admin)
        if index % 5 == 3:
            continue  # a draft, not sent
        late = index % 3 == 0
        day = regular.due_on + dt.timedelta(
            days=rng.randint(3, 60) if late else -rng.randint(1, 30)
        )
        do_submit_report(report, admin, on=day)
        if report.unit.code == "KH":
            do_return_report(
                report,
                admin,
                {
                    None: "Thank you. Please check the victims' numbers against the NCCT report.",
                    "2.1": "Female and male do not match last year's split: please confirm.",
                },
            )
        elif rng.random() < 0.5:
            do_approve_report(report, admin)

    iacat = _definition("iacat-nsap-4", program)
    first = _definition("iacat-nsap-4", program)
    first.indicators = [
        {**entry, "name": IACAT_FIRST_WORDING.get(entry["code"], entry["name"])}
        for entry in first.indicators
        if entry["code"] not in IACAT_ADDED_LATER
    ]
    first.rounds = [entry for entry in first.rounds if entry["trial"]]
    framework, _ = do_load_framework(first, admin)
    (trial,) = framework.rounds.all()
    for index, report in enumerate(trial.reports.select_related("unit").order_by("unit__order")):
        if index % 7 == 6:
            continue
        _fill(report, rng, admin)
        do_submit_report(report, admin, on=trial.due_on + dt.timedelta(days=rng.randint(-20, 25)))
        do_approve_report(report, admin)
    do_load_framework(iacat, admin)  # the revised template: its 2026 round opens with it

    maturity, _ = do_load_framework(_definition("acwc-maturity", program), admin)
    start = {"PH": [2, 2, 1, 2, 1, 2], "TH": [2, 1, 2, 2, 2, 1]}
    for step, round_ in enumerate(maturity.rounds.order_by("starts_on")):
        for report in round_.reports.select_related("unit"):
            levels = [
                min(4, level + step * (1 if rng.random() < 0.6 else 0))
                for level in start[report.unit.code]
            ]
            do_save_values(
                report,
                admin,
                [
                    (indicator.code, "", str(level), "")
                    for indicator, level in zip(
                        maturity.indicators.order_by("order"), levels, strict=True
                    )
                ],
                {"D3": "Screening form with consent adopted by the social welfare ministry."},
            )
            do_submit_report(report, admin, on=round_.due_on - dt.timedelta(days=10))
            do_approve_report(report, admin)

    accounts = []
    frameworks = {f.code: f for f in (bohol, framework, maturity)}
    for username, code, unit, password in FOCAL_POINTS:
        if not FrameworkRole.objects.filter(user__username=username).exists():
            framework = frameworks[code]
            do_create_focal_point(username, password, framework, framework.units.get(code=unit))
        accounts.append((username, f"Focal point ({code} {unit})", password))
    return accounts


def _fill(report: UnitReport, rng: random.Random, actor) -> None:
    """Plausible values for every indicator of the report's round (sectoral bodies answer
    the counts of victims and cases with a comment: not theirs to count)."""
    sectoral = report.unit.parent is not None and report.unit.parent.code == "SB"
    cells, narratives = [], {}
    for entry in report.round.template:
        # each unit's own scale for each indicator, so that rounds follow on from each other
        size = random.Random(f"{report.unit.code}-{entry['code']}").randint(20, 400)
        code, kind = entry["code"], entry["type"]
        if sectoral and kind == "number" and code[0] in "23":
            cells.append((code, "", "", "Not counted by a sectoral body"))
            continue
        if kind == "yes/no":
            cells.append((code, "", "yes" if rng.random() < 0.75 else "no", ""))
        elif kind == "percentage":
            cells.append((code, "", str(min(100, int(size / 4 * rng.uniform(0.8, 1.25)))), ""))
        elif kind == "text":
            cells.append((code, "", "See the narrative.", ""))
        else:
            total = max(1, int(size * rng.uniform(0.8, 1.25)))
            cells.append((code, "", str(total), ""))
            by_dimension: dict[str, list[str]] = {}
            for dimension, category in entry["categories"]:
                by_dimension.setdefault(dimension, []).append(category)
            for categories in by_dimension.values():
                left = total
                for category in categories[:-1]:
                    part = rng.randint(0, left)
                    cells.append((code, category, str(part), ""))
                    left -= part
                cells.append((code, categories[-1], str(left), ""))
        if rng.random() < 0.3:
            narratives[code] = "Figures from the national database; see the attached report."
    do_save_values(report, actor, cells, narratives)
