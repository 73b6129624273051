"""The feedback and partner-survey reports (the annual report's Figures 1 and 2)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctip.reports.charts import percent_bars
from ctip.reports.registry import Column, Report, ReportSpec, Row, Section, register_report
from ctip.reports.suppression import Hidden, hide

from .models import SurveyKind
from .queries import survey_results

COLUMNS = (
    Column("statement", gettext_lazy("Statement"), "label"),
    Column("respondents", gettext_lazy("Respondents")),
    Column("agree", gettext_lazy("Fully agree or agree")),
    Column("percent_agree", gettext_lazy("% who fully agree or agree"), "percent"),
)


def _suppress(values: dict, threshold: int) -> None:
    """Public release: hide a statement with few respondents, and an agree count whose
    complement (those who did not agree) is small, since either identifies people."""
    respondents, agree = values["respondents"], values["agree"]
    if 0 < respondents < threshold:
        values.update(
            respondents=hide(respondents, threshold),
            agree=Hidden(threshold),
            percent_agree=Hidden(threshold),
        )
    elif 0 < agree < threshold or 0 < respondents - agree < threshold:
        values.update(agree=Hidden(threshold), percent_agree=Hidden(threshold))


def _builder(kind: str):
    def build(report: Report) -> None:
        rows = []
        for result in survey_results(
            report.program, kind, report.period, report.country, report.project
        ):
            values = {
                "statement": result.statement,
                "respondents": result.respondents,
                "agree": result.agree,
                "percent_agree": result.percent_agree,
            }
            if report.public:
                _suppress(values, report.threshold)
            rows.append(Row(values))
        report.sections = [Section(None, None, rows)]
        report.notes = [
            _(
                "Note: Percentages indicate the proportion of respondents who fully agree or agree "
                "with the various statements."
            ),
            _(
                "Feedback belongs to the period of its event's start date; a country or project "
                "filter selects the events."
            )
            if kind == SurveyKind.FEEDBACK
            else _(
                "Partner survey responses belong to the period in which they were answered; a "
                "country filter selects the respondents' country; a project filter does not "
                "apply."
            ),
        ]

    return build


def _chart(report: Report) -> str:
    bars = [
        (row.values["statement"], row.values["percent_agree"])
        for row in report.sections[0].rows
        if isinstance(row.values["percent_agree"], int)
    ]
    return percent_bars(report.title, bars)


register_report(
    ReportSpec(
        name="feedback",
        label=gettext_lazy("Figure 1: participant feedback"),
        title=gettext_lazy("Summary of participant feedback collected in {period}"),
        description=gettext_lazy(
            "Per feedback statement, respondents and % who fully agree or agree (Figure 1)."
        ),
        columns=COLUMNS,
        build=_builder(SurveyKind.FEEDBACK),
        chart=_chart,
    )
)
register_report(
    ReportSpec(
        name="partner-survey",
        label=gettext_lazy("Figure 2: partner survey"),
        title=gettext_lazy("Summary of partner survey results in {period}"),
        description=gettext_lazy(
            "Per partner-survey statement, respondents and % who fully agree or agree (Figure 2)."
        ),
        columns=COLUMNS,
        build=_builder(SurveyKind.PARTNER),
        chart=_chart,
    )
)
