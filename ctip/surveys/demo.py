"""Synthetic survey answers for the demo program."""

from __future__ import annotations

import datetime as dt
import random

from .actions import do_create_default_statements, do_record_response
from .models import Statement, SurveyKind

ATTRIBUTIONS = ["Partner from {country}", "Participant from {country}"]
EXAMPLES = [
    "We now screen every case for trafficking indicators before deciding on charges.",
    "Our agency adopted the training materials in its own induction course.",
    "Prosecutors and social workers now meet monthly to discuss cases.",
    "The guideline helped us explain the non-punishment principle to judges.",
]


def seed_surveys(program, events, rng: random.Random) -> int:
    """Feedback for about a third of capacity development events; a partner survey a year."""
    do_create_default_statements(program)
    feedback_codes = list(
        Statement.objects.filter(program=program, kind=SurveyKind.FEEDBACK).values_list(
            "code", flat=True
        )
    )
    partner_codes = list(
        Statement.objects.filter(program=program, kind=SurveyKind.PARTNER).values_list(
            "code", flat=True
        )
    )
    made = 0
    for event in events:
        if not event.is_capacity_development or rng.random() > 0.35:
            continue
        for number in range(rng.randint(5, 20)):
            answers = {
                code: rng.choices([5, 4, 3, 2, 1], [45, 42, 9, 3, 1])[0] for code in feedback_codes
            }
            quoted = rng.random() < 0.1
            do_record_response(
                program,
                kind=SurveyKind.FEEDBACK,
                event=event,
                answers=answers,
                answered_on=event.end_date,
                free_text=rng.choice(EXAMPLES) if quoted else "",
                agreed_to_be_quoted=quoted,
                quote_attribution=f"Participant from {event.country.name}" if quoted else "",
                source_key=f"demo-{event.code}-{number}",
            )
            made += 1
    countries = ["KH", "ID", "LA", "PH", "TH", "VN"]
    for year in sorted({event.start_date.year for event in events}):
        for number in range(40):
            country = rng.choice(countries)
            answers = {
                code: rng.choices([5, 4, 3, 2, 1], [38, 45, 12, 4, 1])[0] for code in partner_codes
            }
            do_record_response(
                program,
                kind=SurveyKind.PARTNER,
                answers=answers,
                answered_on=dt.date(year, 5, rng.randint(1, 31)),
                respondent_country=country,
                free_text=rng.choice(EXAMPLES),
                agreed_to_be_quoted=rng.random() < 0.3,
                source_key=f"demo-partner-{year}-{number}",
            )
            made += 1
    return made
