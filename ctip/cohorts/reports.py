"""The cohorts report: completion and drop-out by sex, country and stakeholder group."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctip.reports.queries import percent
from ctip.reports.registry import Column, Report, ReportSpec, Row, Section, register_report
from ctip.reports.suppression import hide_if_small

from . import queries

DIMENSION_TITLES = {
    "sex": gettext_lazy("by sex"),
    "country": gettext_lazy("by country"),
    "stakeholder_group": gettext_lazy("by stakeholder group"),
}
GROUPS = {"state": gettext_lazy("State"), "non-state": gettext_lazy("Non-state")}


def _build_cohorts(report: Report) -> None:
    sections = []
    threshold = report.threshold
    for cohort in queries.cohorts_during(report.program, report.period):
        as_of = min(report.period.end, cohort.ends_on)
        for dimension, lines in queries.completion_by(cohort, as_of).items():
            rows = []
            for line in lines:
                label = str(GROUPS.get(line.label, line.label)) or _("Not given")
                rows.append(
                    Row(
                        {
                            "label": label,
                            "members": hide_if_small(line.members, threshold),
                            "completed": hide_if_small(line.completed, threshold),
                            "dropped_out": hide_if_small(line.dropped_out, threshold),
                            "in_progress": hide_if_small(line.in_progress, threshold),
                            "percent_completed": None
                            if threshold
                            else percent(line.completed, line.members),
                        }
                    )
                )
            totals = {
                key: sum(getattr(line, key) for line in lines)
                for key in ("members", "completed", "dropped_out", "in_progress")
            }
            rows.append(
                Row(
                    {
                        "label": _("Total"),
                        **{key: hide_if_small(n, threshold) for key, n in totals.items()},
                        "percent_completed": None
                        if threshold
                        else percent(totals["completed"], totals["members"]),
                    },
                    "total",
                )
            )
            sections.append(
                Section(
                    f"{cohort.code}:{dimension}",
                    f"{cohort.title}, {DIMENSION_TITLES[dimension]}",
                    rows,
                )
            )
    report.sections = sections
    report.notes = [
        _(
            "A member completes a cohort by attending the cohort's share of its modules (any "
            "session of a module counts); status as at the end of the period or of the cohort."
        )
    ]


register_report(
    ReportSpec(
        name="cohorts",
        label=gettext_lazy("Cohorts"),
        title=gettext_lazy("Cohort completion, {program}, {period}"),
        description=gettext_lazy(
            "Members of each cohort running in the period: completed, dropped out and in "
            "progress, by sex, country and stakeholder group."
        ),
        columns=(
            Column("label", gettext_lazy("Group"), "label"),
            Column("members", gettext_lazy("Members")),
            Column("completed", gettext_lazy("Completed")),
            Column("dropped_out", gettext_lazy("Dropped out")),
            Column("in_progress", gettext_lazy("In progress")),
            Column("percent_completed", gettext_lazy("Share completed"), "percent"),
        ),
        build=_build_cohorts,
    )
)
