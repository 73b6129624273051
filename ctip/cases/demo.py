"""The demo's victim case data: two Thai agencies and a Vietnamese court, each with synthetic
cases (ctip/cases/synthetic.py: no real people) whose overlap is known, built through the
actions. Their case managers are demo accounts; `ctip cases pprl encode` and `count` on them
find the overlap the demo prints (docs/cases-exchange.md)."""

from __future__ import annotations

import datetime as dt
import random

from .synthetic import AGENCIES, COURT, SCREENING, SHELTER, synthetic_cases

CASES_PER_AGENCY = 60
SEED = 2026
AGENCY_NAMES = {
    SCREENING: ("Victim screening unit (demo)", "TH"),
    SHELTER: ("Protection shelter (demo)", "TH"),
    COURT: ("Provincial people's court (demo)", "VN"),
}
CASE_MANAGERS = {
    SCREENING: ("cm-screen", "demo-cases-pass"),
    SHELTER: ("cm-shelter", "demo-cases-pass"),
    COURT: ("cm-court", "demo-cases-pass"),
}
GENDERS = {"female": "Feminine", "male": "Masculine"}
STAGES = {
    "frontline": "frontline-response",
    "screening": "screening",
    "identification": "identification",
    "protection": "protection",
}


def seed_demo_cases(actor=None) -> tuple[list[tuple[str, str, str]], dict]:
    """Load the demo agencies and cases once; (accounts, overlap) where overlap maps each set
    of agencies (joined with +) to the number of synthetic victims held by exactly those."""
    from django.contrib.auth import get_user_model

    from .actions import do_add_agency, do_add_member, do_create_case, do_record_consent
    from .models import Agency, AgencyRole, ConsentPurpose, CourtCase

    cases = synthetic_cases(CASES_PER_AGENCY, seed=SEED)
    overlap = {"+".join(sorted(k)): v for k, v in sorted(cases.overlap().items(), key=str)}
    accounts = [(u, f"Case manager ({code})", p) for code, (u, p) in CASE_MANAGERS.items()]
    if Agency.objects.filter(code=SCREENING).exists():
        return accounts, overlap
    users = get_user_model().objects
    rng = random.Random(SEED)
    for code in AGENCIES:
        name, country = AGENCY_NAMES[code]
        agency = do_add_agency(code, name, actor=actor, country_code=country)
        username, password = CASE_MANAGERS[code]
        manager = users.filter(username=username).first() or users.create_user(
            username, password=password
        )
        do_add_member(agency, manager, AgencyRole.CASE_MANAGER, actor=actor)
        made = []
        for record in cases.records[code]:
            case = do_create_case(
                agency,
                actor=manager,
                reference=record["reference"],
                first_name=record["given"],
                second_name=record["family"],
                birth_date=record["birth_date"],
                gender=GENDERS.get(record["sex"], ""),
                citizenship=record["citizenship"],
                type_of_exploitation=[record["exploitation"]],
                current_stage=STAGES[record["stage"]],
                reported_disability=record["disability"] if code == COURT else None,
                opened_on=dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(300)),
            )
            if rng.random() < 0.9:  # most agree to be counted anonymously
                do_record_consent(
                    case, actor=manager, purpose=ConsentPurpose.STATISTICS, given=True
                )
            made.append(case)
        if code == COURT:
            for number in range(0, len(made), 4):
                court_case = CourtCase.objects.create(
                    agency=agency,
                    court=name,
                    case_number=f"{number // 4 + 1}/2026/HS-ST",
                    judgment_date=dt.date(2026, 6, 1) + dt.timedelta(days=number),
                    defendants="Defendant A (synthetic); Defendant B (synthetic)",
                )
                court_case.victims.set(made[number : number + 4])
    return accounts, overlap
