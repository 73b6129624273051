from __future__ import annotations

import datetime as dt

from django.db import transaction

from ctip.events.models import Event
from ctip.programs.models import Program

from . import defaults
from .models import Answer, Likert, Response, Statement, SurveyKind


@transaction.atomic
def do_create_default_statements(program: Program) -> int:
    """Give PROGRAM the default feedback and partner-survey statements it lacks."""
    created = 0
    for kind, rows in (
        (SurveyKind.FEEDBACK, defaults.FEEDBACK),
        (SurveyKind.PARTNER, defaults.PARTNER),
    ):
        for order, (code, text) in enumerate(rows, start=1):
            _, made = Statement.objects.get_or_create(
                program=program, kind=kind, code=code, defaults={"text": text, "order": order}
            )
            created += made
    return created


@transaction.atomic
def do_record_response(
    program: Program,
    *,
    kind: str,
    answers: dict[str, int],
    answered_on: dt.date,
    event: Event | None = None,
    free_text: str = "",
    agreed_to_be_quoted: bool = False,
    quote_attribution: str = "",
    respondent_organisation: str = "",
    respondent_country: str | None = None,
    source_key: str = "",
) -> tuple[Response, bool]:
    """Record one survey response (ANSWERS: statement code → Likert value).

    With a SOURCE_KEY, recording the same response again changes nothing and returns
    (existing, False). Without agreement to be quoted no attribution is kept."""
    if kind == SurveyKind.FEEDBACK and event is None:
        raise ValueError("a feedback response belongs to an event")
    if source_key:
        existing = Response.objects.filter(
            program=program, kind=kind, source_key=source_key
        ).first()
        if existing is not None:
            return existing, False
    statements = {
        s.code: s for s in Statement.objects.filter(program=program, kind=kind, active=True)
    }
    unknown = set(answers) - set(statements)
    if unknown:
        raise ValueError(f"unknown statements: {', '.join(sorted(unknown))}")
    for code, value in answers.items():
        if value not in Likert.values:
            raise ValueError(f"{code}: {value!r} is not an answer on the five-point scale")
    response = Response.objects.create(
        program=program,
        kind=kind,
        event=event,
        answered_on=answered_on,
        free_text=free_text.strip(),
        agreed_to_be_quoted=agreed_to_be_quoted,
        quote_attribution=quote_attribution.strip() if agreed_to_be_quoted else "",
        respondent_organisation=respondent_organisation.strip(),
        respondent_country_id=respondent_country,
        source_key=source_key,
    )
    Answer.objects.bulk_create(
        Answer(response=response, statement=statements[code], value=value)
        for code, value in answers.items()
    )
    return response, True
