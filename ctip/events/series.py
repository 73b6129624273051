"""The series report: each event series' events and participants per fiscal year, across
years up to the end of the period (the webinar series numbered since Phase 1)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctip.reports import queries
from ctip.reports.registry import Column, Report, ReportSpec, Row, Section, register_report
from ctip.reports.suppression import hide_if_small
from ctip.results.computed import computed

from .models import Series


def numbers_text(numbers: tuple[int, ...]) -> str:
    """(21, 22, 23) → "21–23"; (3, 5) → "3, 5"."""
    if not numbers:
        return ""
    if list(numbers) == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 1:
        return f"{numbers[0]}–{numbers[-1]}"
    return ", ".join(str(n) for n in numbers)


def _build_series(report: Report) -> None:
    threshold = report.threshold
    sections = []
    for series in Series.objects.filter(program=report.program):
        years = queries.series_by_year(report.program, series, until=report.period.end)
        if not years:
            continue
        rows = [
            Row(
                {
                    "fiscal_year": year.fiscal_year,
                    "numbers": numbers_text(year.numbers),
                    "events": year.events,
                    "participants": hide_if_small(year.participants, threshold),
                    "percent_women": None if threshold else year.percent_women,
                }
            )
            for year in years
        ]
        participants = sum(year.participants for year in years)
        female = sum(year.female for year in years)
        rows.append(
            Row(
                {
                    "fiscal_year": _("Total"),
                    "numbers": numbers_text(tuple(n for year in years for n in year.numbers)),
                    "events": sum(year.events for year in years),
                    "participants": hide_if_small(participants, threshold),
                    "percent_women": None if threshold else queries.percent(female, participants),
                },
                "total",
            )
        )
        sections.append(Section(series.code, series.title, rows))
    report.sections = sections
    report.notes = [
        _(
            "Every event of each series up to the end of the period, by the fiscal year it "
            "started in; participants exclude program and donor staff."
        )
    ]


register_report(
    ReportSpec(
        name="series",
        label=gettext_lazy("Event series"),
        title=gettext_lazy("Event series across years, {program}, to {period}"),
        description=gettext_lazy(
            "Each numbered event series (the webinar series): its events and participants per "
            "fiscal year, and the totals across years."
        ),
        columns=(
            Column("fiscal_year", gettext_lazy("Fiscal year"), "label"),
            Column("numbers", gettext_lazy("Numbers in the series"), "text"),
            Column("events", gettext_lazy("Events")),
            Column("participants", gettext_lazy("Participants")),
            Column("percent_women", gettext_lazy("% women"), "percent"),
        ),
        build=_build_series,
    )
)


@computed("series-participants", "Number of participants of the events of numbered series")
def _series_participants(program, period) -> int:
    return sum(
        event.participants
        for series in Series.objects.filter(program=program)
        for event in queries.series_events(program, series, until=period.end)
        if event.start_date >= period.start
    )
