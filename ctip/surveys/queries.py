"""Survey results as the annual report's Figures 1 and 2 show them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from ctip.events.models import Event
from ctip.lib.periods import Period
from ctip.programs.models import Program
from ctip.reports.queries import percent

from .models import AGREEING, Answer, Response, Statement, SurveyKind


@dataclass(frozen=True)
class StatementResult:
    statement: str
    respondents: int
    agree: int

    @property
    def percent_agree(self) -> int | None:
        return percent(self.agree, self.respondents)


def _responses(
    program: Program, kind: str, period: Period, country: str | None, project: str | None = None
):
    responses = Response.objects.filter(program=program, kind=kind)
    if kind == "feedback":
        responses = responses.filter(
            event__start_date__gte=period.start, event__start_date__lte=period.end
        )
        if country:
            responses = responses.filter(event__country_id=country)
        if project:
            responses = responses.filter(event__project__code=project)
    else:
        responses = responses.filter(answered_on__gte=period.start, answered_on__lte=period.end)
        if country:
            responses = responses.filter(respondent_country_id=country)
    return responses


def survey_results(
    program: Program,
    kind: str,
    period: Period,
    country: str | None = None,
    project: str | None = None,
) -> list[StatementResult]:
    """Per statement: respondents who answered it and how many fully agree or agree.

    Feedback belongs to a period by its event's start date; partner-survey responses by
    the date they were answered."""
    counts = {
        row["statement_id"]: row
        for row in Answer.objects.filter(
            response__in=_responses(program, kind, period, country, project)
        )
        .values("statement_id")
        .annotate(n=Count("id"), agree=Count("id", filter=Q(value__in=AGREEING)))
    }
    return [
        StatementResult(
            statement.text,
            counts.get(statement.pk, {}).get("n", 0),
            counts.get(statement.pk, {}).get("agree", 0),
        )
        for statement in Statement.objects.filter(program=program, kind=kind).order_by("order")
        if statement.active or statement.pk in counts
    ]


def quotable_answers(program: Program, kind: str, period: Period, country: str | None = None):
    """Free-text answers whose authors agreed to be quoted: candidate quotes."""
    return (
        _responses(program, kind, period, country)
        .filter(agreed_to_be_quoted=True)
        .exclude(free_text="")
        .values_list("free_text", "quote_attribution")
    )


def periods_with_responses(program: Program) -> list[Period]:
    """The fiscal years that have feedback (by its event's start date) or partner-survey
    responses (by the date answered), newest first."""
    months = set(
        Event.objects.filter(program=program, feedback__isnull=False).dates("start_date", "month")
    ) | set(
        Response.objects.filter(program=program, kind=SurveyKind.PARTNER).dates(
            "answered_on", "month"
        )
    )
    years = {program.fiscal_year_of(month) for month in months}
    return sorted(years, key=lambda period: period.start, reverse=True)


def candidate_quotes(program: Program, period: Period) -> list[dict]:
    """Every consented free-text answer of the period, both surveys, with where it came
    from: what MEL officers choose the report's quotes from."""
    quotes = []
    for kind in (SurveyKind.FEEDBACK, SurveyKind.PARTNER):
        for response in (
            _responses(program, kind, period, None)
            .filter(agreed_to_be_quoted=True)
            .exclude(free_text="")
            .select_related("event", "respondent_country")
            .order_by("answered_on", "id")
        ):
            quotes.append(
                {
                    "kind": response.get_kind_display(),
                    "text": response.free_text,
                    "attribution": response.quote_attribution,
                    "event": response.event,
                    "answered_on": response.answered_on,
                }
            )
    return quotes
