"""A partner framework's reports, registered with the others (ctip.reports.registry):
`ctip report reporting-rates --framework CODE --period P` and `framework-values`."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctip.reports.registry import Column, Report, ReportSpec, Row, Section, register_report

from . import queries


def _round(report: Report):
    round_ = report.framework.rounds.filter(period=report.period.label).first()
    if round_ is None:
        from ctip.reports.registry import UnsupportedOption

        raise UnsupportedOption(
            _("%(framework)s has no round for %(period)s")
            % {"framework": report.framework.code, "period": report.period.label}
        )
    return round_


def _build_rates(report: Report) -> None:
    round_ = _round(report)
    rows = queries.reporting_rates(round_)
    section = Section(None, None, [])
    for row in rows:
        section.rows.append(
            Row(
                {
                    "unit": row.unit,
                    "expected": row.expected,
                    "submitted": row.submitted,
                    "on_time": row.on_time,
                    "approved": row.approved,
                }
            )
        )
    totals = {
        key: sum(getattr(row, key) for row in rows)
        for key in ("expected", "submitted", "on_time", "approved")
    }
    section.rows.append(Row({"unit": "Total", **totals}, "total"))
    report.sections = [section]
    expected = totals["expected"] or 1
    report.notes = [
        _(
            "%(framework)s, round %(period)s%(trial)s, due %(due)s: %(submitted)d of "
            "%(expected)d units submitted (%(rate)d%%), %(on_time)d on time (%(on_time_rate)d%%), "
            "%(approved)d approved. On time: the first submission no later than the due date."
        )
        % {
            "framework": report.framework.name,
            "period": round_.period,
            "trial": _(" (trial)") if round_.trial else "",
            "due": round_.due_on.isoformat(),
            "submitted": totals["submitted"],
            "expected": totals["expected"],
            "rate": round(100 * totals["submitted"] / expected),
            "on_time": totals["on_time"],
            "on_time_rate": round(100 * totals["on_time"] / expected),
            "approved": totals["approved"],
        }
    ]


def _rates_chart(report: Report) -> str:
    from ctip.reports.charts import stacked_bars

    rows = [row for row in report.sections[0].rows if row.kind == "data"]
    return stacked_bars(
        title=_("Reports by unit"),
        bars=[
            (
                row.values["unit"],
                [
                    row.values["on_time"],
                    row.values["submitted"] - row.values["on_time"],
                    row.values["expected"] - row.values["submitted"],
                ],
            )
            for row in rows
        ],
        series=[_("On time"), _("Late"), _("Missing")],
    )


register_report(
    ReportSpec(
        name="reporting-rates",
        label=gettext_lazy("Reporting rates"),
        title=gettext_lazy("Reporting rates, {period}"),
        description=gettext_lazy(
            "A partner framework's round: which units submitted, on time, approved."
        ),
        columns=(
            Column("unit", gettext_lazy("Unit"), "label"),
            Column("expected", gettext_lazy("Expected")),
            Column("submitted", gettext_lazy("Submitted")),
            Column("on_time", gettext_lazy("On time")),
            Column("approved", gettext_lazy("Approved")),
        ),
        build=_build_rates,
        chart=_rates_chart,
        counts_people=False,
        per_framework=True,
    )
)


def _build_values(report: Report) -> None:
    round_ = _round(report)
    section = Section(None, None, [])
    for value in queries.framework_values(round_):
        section.rows.append(
            Row(
                {
                    "indicator": value.indicator,
                    "unit": value.unit,
                    "disaggregation": value.category,
                    "value": value.value,
                }
            )
        )
    report.sections = [section]
    report.notes = [
        _(
            "Values of submitted and approved reports. Parent units roll up their units: "
            "counts summed, percentages and levels averaged over the units that gave one, "
            "yes/no as the number of units answering yes. An empty disaggregation is the total."
        )
    ]


register_report(
    ReportSpec(
        name="framework-values",
        label=gettext_lazy("Values by unit, with roll-ups"),
        title=gettext_lazy("Framework values, {period}"),
        description=gettext_lazy(
            "A partner framework's values by indicator, unit and disaggregation, with roll-ups."
        ),
        columns=(
            Column("indicator", gettext_lazy("Indicator"), "label"),
            Column("unit", gettext_lazy("Unit"), "text"),
            Column("disaggregation", gettext_lazy("Disaggregation"), "text"),
            Column("value", gettext_lazy("Value"), "text"),
        ),
        build=_build_values,
        counts_people=False,
        per_framework=True,
    )
)


def _build_summary(report: Report) -> None:
    round_ = _round(report)
    rows = queries.framework_summary(round_)
    report.sections = [
        Section(
            None,
            None,
            [
                Row(
                    {
                        "indicator": row.indicator,
                        "name": row.name,
                        "reported": row.reported,
                        "value": row.value,
                        "previous": row.previous,
                    }
                )
                for row in rows
            ],
        )
    ]
    rates = queries.reporting_rates(round_)
    report.notes = [
        _(
            "%(submitted)d of %(expected)d units have submitted their report for %(period)s "
            "(%(on_time)d on time, %(approved)d approved). Values are over the units that "
            "reported: counts summed, percentages and levels averaged, yes/no counted."
        )
        % {
            "submitted": sum(rate.submitted for rate in rates),
            "expected": len(rates),
            "period": round_.period,
            "on_time": sum(rate.on_time for rate in rates),
            "approved": sum(rate.approved for rate in rates),
        }
    ]


register_report(
    ReportSpec(
        name="framework-summary",
        label=gettext_lazy("Regional summary"),
        title=gettext_lazy("Regional summary, {period}"),
        description=gettext_lazy(
            "A partner framework's round for a meeting: each indicator over the units that "
            "reported, beside the round before."
        ),
        columns=(
            Column("indicator", gettext_lazy("Indicator"), "label"),
            Column("name", gettext_lazy("Name"), "text"),
            Column("reported", gettext_lazy("Units reporting")),
            Column("value", gettext_lazy("Value"), "text"),
            Column("previous", gettext_lazy("Previous round"), "text"),
        ),
        build=_build_summary,
        counts_people=False,
        per_framework=True,
    )
)
