from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from ctip.events.models import Event
from ctip.programs.models import Program

from . import defaults
from .models import Answer, Likert, Response, Statement, SurveyKind, SurveyLink


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


def do_submit_web_response(program: Program, *, submission_token: str, **fields) -> Response:
    """Record a response sent from a public web form. The form's random SUBMISSION_TOKEN is
    the source key: sending the form twice keeps one response, also when both copies arrive
    at the same moment (the unique constraint decides; the loser reads the winner's row)."""
    source_key = f"web:{submission_token}"
    try:
        response, _created = do_record_response(program, source_key=source_key, **fields)
    except IntegrityError:
        response = Response.objects.get(program=program, kind=fields["kind"], source_key=source_key)
    return response


@transaction.atomic
def do_create_survey_link(
    program: Program, *, period_label: str, closes_on: dt.date, created_by=None
) -> SurveyLink:
    """A new public partner-survey link for PERIOD_LABEL, open to the end of CLOSES_ON."""
    program.period(period_label)  # PeriodError for a label that is not a period
    return SurveyLink.objects.create(
        program=program,
        kind=SurveyKind.PARTNER,
        period_label=period_label.strip(),
        closes_on=closes_on,
        created_by=created_by,
    )


@transaction.atomic
def do_revoke_survey_link(link: SurveyLink) -> None:
    """Stop LINK working at once (its responses stay)."""
    link.revoked = True
    link.save(update_fields=["revoked"])
