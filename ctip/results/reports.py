"""The results reports: outcome status, indicator progress and achievements."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctip.reports.registry import Column, Report, ReportSpec, Row, Section, register_report

from . import queries


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _build_outcomes(report: Report) -> None:
    rows = [
        Row(
            {
                "outcome": f"{row.number} {row.outcome}",
                "status": row.status,
                "justification": row.justification,
                "approved": _("yes")
                if row.approved
                else _("no (draft)")
                if row.justification
                else "",
            }
        )
        for row in queries.outcome_status(report.program, report.period)
    ]
    report.sections = [Section(None, None, rows)]
    report.notes = [
        _(
            "Ratings are entered by the MEL officer and approved by an administrator; "
            "outcomes are worded as they stood at the end of the period."
        )
    ]


register_report(
    ReportSpec(
        name="outcomes",
        label=gettext_lazy("Outcome status"),
        title=gettext_lazy("Performance status on achieving intermediate outcomes, {period}"),
        description=gettext_lazy("Each intermediate outcome's status rating for the period."),
        columns=(
            Column("outcome", gettext_lazy("Program's intermediate outcomes"), "label"),
            Column("status", gettext_lazy("Status"), "text"),
            Column("justification", gettext_lazy("Justification"), "text"),
            Column("approved", gettext_lazy("Approved"), "text"),
        ),
        build=_build_outcomes,
        counts_people=False,
    )
)


def _build_indicators(report: Report) -> None:
    rows = []
    for row in queries.indicator_progress(report.program, report.period):
        rows.append(
            Row(
                {
                    "code": row.code,
                    "indicator": row.title,
                    "level": row.level,
                    "baseline": _number(row.baseline),
                    "target": _number(row.target),
                    "actual": _number(row.actual),
                    "percent_of_target": row.percent_of_target,
                    "trend": "; ".join(
                        f"{label}: {'–' if value is None else f'{_number(value):,}'}"
                        for label, value in row.trend
                    ),
                    "source": _("computed") if row.source == "computed" else _("entered"),
                }
            )
        )
    report.sections = [Section(None, None, rows)]
    report.notes = [
        _(
            "Computed indicators count events and attendances with the definitions of "
            "Table 1 and Table 2 (filters of country and project do not apply); entered "
            "indicators carry their evidence on the indicator's page."
        )
    ]


def _indicators_chart(report: Report) -> str:
    from ctip.reports.charts import percent_bars

    bars = [
        (
            f"{row.values['code']} {row.values['indicator']}",
            row.values["percent_of_target"],
        )
        for row in report.sections[0].rows
        if isinstance(row.values["percent_of_target"], int)
    ]
    # xgettext:no-python-format
    return percent_bars(_("% of target reached"), bars, reference=100)


register_report(
    ReportSpec(
        name="indicators",
        label=gettext_lazy("Indicator progress"),
        title=gettext_lazy("Indicator progress, {program}, {period}"),
        # xgettext:no-python-format
        description=gettext_lazy("Baseline, target, actual, % of target and trend per indicator."),
        columns=(
            Column("code", gettext_lazy("Code"), "label"),
            Column("indicator", gettext_lazy("Indicator"), "text"),
            Column("level", gettext_lazy("Level"), "text"),
            Column("baseline", gettext_lazy("Baseline")),
            Column("target", gettext_lazy("Target")),
            Column("actual", gettext_lazy("Actual")),
            # xgettext:no-python-format
            Column("percent_of_target", gettext_lazy("% of target"), "percent"),
            Column("trend", gettext_lazy("Trend by fiscal year"), "text"),
            Column("source", gettext_lazy("Source"), "text"),
        ),
        build=_build_indicators,
        chart=_indicators_chart,
        counts_people=False,
    )
)


def _build_achievements(report: Report) -> None:
    rows = [
        Row(
            {
                "achievement": a.title,
                "country": a.country,
                "date": a.date,
                "type": a.type,
                "stage": a.stage,
                "tags": a.tags,
            }
        )
        for a in queries.achievements(
            report.program, report.period, report.country, project=report.project
        )
    ]
    report.sections = [Section(None, None, rows)]
    report.notes = [_("Achievements dated within the period, by country or region.")]


register_report(
    ReportSpec(
        name="achievements",
        label=gettext_lazy("Achievements"),
        title=gettext_lazy("Achievements, {program}, {period}"),
        description=gettext_lazy("Achievements with their country, type, stage and tags."),
        columns=(
            Column("achievement", gettext_lazy("Achievement"), "label"),
            Column("country", gettext_lazy("Country/region"), "text"),
            Column("date", gettext_lazy("Date"), "text"),
            Column("type", gettext_lazy("Type"), "text"),
            Column("stage", gettext_lazy("Stage"), "text"),
            Column("tags", gettext_lazy("Project and outcomes"), "text"),
        ),
        build=_build_achievements,
        counts_people=False,
    )
)
