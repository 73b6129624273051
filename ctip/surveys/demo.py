"""Synthetic survey answers for the demo program (bulk-created: the demo is not an import)."""

from __future__ import annotations

import datetime as dt
import random

from .actions import do_create_default_statements
from .models import Answer, Response, Statement, SurveyKind

EXAMPLES = [
    "We now screen every case for trafficking indicators before deciding on charges.",
    "Our agency adopted the training materials in its own induction course.",
    "Prosecutors and social workers now meet monthly to discuss cases.",
    "The guideline helped us explain the non-punishment principle to judges.",
]
FEEDBACK_WEIGHTS = [45, 42, 9, 3, 1]  # fully agree … fully disagree
PARTNER_WEIGHTS = [38, 45, 12, 4, 1]


def seed_surveys(program, events, rng: random.Random) -> int:
    """Feedback for about a third of capacity development events; a partner survey a year."""
    do_create_default_statements(program)
    statements = {
        kind: list(Statement.objects.filter(program=program, kind=kind))
        for kind in (SurveyKind.FEEDBACK, SurveyKind.PARTNER)
    }
    responses: list[Response] = []
    values: list[list[int]] = []
    names = dict(program.events.values_list("country_id", "country__name").distinct())
    for event in events:
        if not event.is_capacity_development or rng.random() > 0.35:
            continue
        for number in range(rng.randint(5, 20)):
            quoted = rng.random() < 0.1
            responses.append(
                Response(
                    program=program,
                    kind=SurveyKind.FEEDBACK,
                    event=event,
                    answered_on=event.end_date,
                    free_text=rng.choice(EXAMPLES) if quoted else "",
                    agreed_to_be_quoted=quoted,
                    quote_attribution=f"Participant from {names[event.country_id]}"
                    if quoted
                    else "",
                    source_key=f"demo-{event.code}-{number}",
                )
            )
            values.append(
                rng.choices(
                    [5, 4, 3, 2, 1], FEEDBACK_WEIGHTS, k=len(statements[SurveyKind.FEEDBACK])
                )
            )
    for year in sorted({event.start_date.year for event in events}):
        for number in range(40):
            quoted = rng.random() < 0.3
            responses.append(
                Response(
                    program=program,
                    kind=SurveyKind.PARTNER,
                    answered_on=dt.date(year, 5, rng.randint(1, 31)),
                    respondent_country_id=rng.choice(["KH", "ID", "LA", "PH", "TH", "VN"]),
                    free_text=rng.choice(EXAMPLES),
                    agreed_to_be_quoted=quoted,
                    source_key=f"demo-partner-{year}-{number}",
                )
            )
            values.append(
                rng.choices([5, 4, 3, 2, 1], PARTNER_WEIGHTS, k=len(statements[SurveyKind.PARTNER]))
            )
    responses = Response.objects.bulk_create(responses, batch_size=1000)
    Answer.objects.bulk_create(
        (
            Answer(response=response, statement=statement, value=value)
            for response, answers in zip(responses, values, strict=True)
            for statement, value in zip(statements[response.kind], answers, strict=True)
        ),
        batch_size=2000,
    )
    return len(responses)
