"""The annual report's recurring parts: outcome status, indicator progress, achievements."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ctip.lib.periods import Period, fiscal_year
from ctip.programs.models import Outcome, Program
from ctip.reports.queries import percent

from .computed import COMPUTED
from .models import Evidence, Indicator, StatusRating, outcome_title_on


@dataclass(frozen=True)
class OutcomeStatus:
    number: int
    outcome: str
    status: str
    justification: str
    approved: bool


def outcome_status(program: Program, period: Period) -> list[OutcomeStatus]:
    """Intermediate outcomes with their rating for the period, worded as they stood then."""
    ratings = {
        r.outcome_id: r
        for r in StatusRating.objects.filter(outcome__program=program, period=period.label)
    }
    rows = []
    for outcome in Outcome.objects.filter(program=program, level=Outcome.Level.INTERMEDIATE):
        if not outcome.stood_during(period):
            continue
        rating = ratings.get(outcome.pk)
        status = ""
        if rating is not None:
            status = rating.get_status_display()
            if rating.status == StatusRating.Status.ON_TRACK and program.ends_on:
                status = f"On track to achieve by {program.ends_on.year}"
        rows.append(
            OutcomeStatus(
                number=outcome.number,
                outcome=outcome_title_on(outcome, period.end),
                status=status or "Not rated",
                justification=rating.justification if rating else "",
                approved=bool(rating and rating.state == StatusRating.State.APPROVED),
            )
        )
    return rows


@dataclass(frozen=True)
class IndicatorProgress:
    code: str
    title: str
    level: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    actual: Decimal | None
    source: str  # "computed" or "entered"
    trend: tuple[tuple[str, Decimal | None], ...]

    @property
    def percent_of_target(self) -> int | None:
        if self.target in (None, 0) or self.actual is None:
            return None
        return percent(int(self.actual * 100), int(self.target * 100))


def _fiscal_years_to(program: Program, period: Period, count: int) -> list[Period]:
    last = program.fiscal_year_of(period.end)
    start_year = last.start.year
    return [
        fiscal_year(start_year - n, program.fiscal_year_start_month)
        for n in range(count - 1, -1, -1)
    ]


def indicator_value(indicator: Indicator, period: Period) -> Decimal | None:
    """The indicator's actual for PERIOD, aggregated as the indicator says."""
    program = indicator.program
    if program.starts_on and period.end < program.starts_on:
        return None  # before the program began
    if indicator.aggregation == Indicator.Aggregation.CUMULATIVE:
        start = program.starts_on or period.start
        period = Period(f"to {period.end}", min(start, period.start), period.end)
    if indicator.is_computed:
        return Decimal(COMPUTED[indicator.computed_as][1](program, period))
    actuals = {a.period: a.value for a in indicator.actuals.all()}
    if indicator.aggregation == Indicator.Aggregation.PER_PERIOD:
        return actuals.get(period.label)
    within = []
    for label, value in actuals.items():
        entered = program.period(label)
        if entered.end <= period.end and entered.start >= period.start:
            within.append((entered.end, value))
    if not within:
        return None
    if indicator.aggregation == Indicator.Aggregation.LATEST:
        return max(within)[1]
    return sum(value for _, value in within)


def indicator_progress(program: Program, period: Period, trend_years: int = 4):
    rows = []
    for indicator in Indicator.objects.filter(program=program).prefetch_related(
        "targets", "actuals"
    ):
        targets = {t.period: t.value for t in indicator.targets.all()}
        trend = tuple(
            (year.label, indicator_value(indicator, year))
            for year in _fiscal_years_to(program, period, trend_years)
        )
        rows.append(
            IndicatorProgress(
                code=indicator.code,
                title=indicator.title,
                level=indicator.get_level_display(),
                unit=indicator.unit,
                baseline=indicator.baseline,
                target=targets.get(period.label),
                actual=indicator_value(indicator, period),
                source="computed" if indicator.is_computed else "entered",
                trend=trend,
            )
        )
    return rows


@dataclass(frozen=True)
class AchievementRow:
    title: str
    country: str
    date: str
    type: str
    stage: str
    tags: str
    text: str


def achievements(
    program: Program,
    period: Period,
    country: str | None = None,
    outcome_number: int | None = None,
    project: str | None = None,
) -> list[AchievementRow]:
    evidence = (
        Evidence.objects.filter(
            program=program,
            kind=Evidence.Kind.ACHIEVEMENT,
            date__gte=period.start,
            date__lte=period.end,
        )
        .select_related("country", "project")
        .prefetch_related("outcomes")
        .order_by("country__asean_order", "date")
    )
    if country:
        evidence = evidence.filter(country_id=country)
    if project:
        evidence = evidence.filter(project__code=project)
    if outcome_number:
        evidence = evidence.filter(outcomes__level="io", outcomes__number=outcome_number)
    return [
        AchievementRow(
            e.title,
            e.country.name,
            e.date.isoformat(),
            e.get_achievement_type_display(),
            e.get_stage_display(),
            e.tags(),
            e.text,
        )
        for e in evidence
    ]
