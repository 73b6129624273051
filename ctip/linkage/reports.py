"""The `unique-people` report: attendances beside unique people, clearly labelled."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctip.reports.registry import Column, Report, ReportSpec, Row, Section, register_report
from ctip.reports.suppression import hide

from .queries import life_of_program, people_reached, people_trained


def _build(report: Report) -> None:
    filters = {"country": report.country, "project": report.project}
    counts = [
        (
            "people-reached",
            _("People reached in the period"),
            people_reached(report.program, report.period, **filters),
        ),
        (
            "people-trained",
            _("People trained in the period (capacity development)"),
            people_trained(report.program, report.period, **filters),
        ),
        (
            "life-of-program",
            _("People reached since the program began"),
            life_of_program(report.program, **filters),
        ),
    ]
    rows = []
    for key, label, count in counts:
        values = {
            "measure": key,
            "label": label,
            "attendances": count.attendances,
            "unique_people": count.unique_people,
        }
        if report.public:
            for column in ("attendances", "unique_people"):
                if 0 < values[column] < report.threshold:
                    values[column] = hide(values[column], report.threshold)
        rows.append(Row(values))
    report.sections = [Section(None, None, rows)]
    report.notes = [
        _(
            "Attendances count every time someone attended (one person at three events is three); "
            "unique people count each person once, as record linkage has linked their records "
            "(an administrator runs it when new records come in; pairs it is unsure of wait on "
            "the Review links page); a record not linked yet counts as a person of its own. Staff "
            "are excluded. Country and project filters select the events (where held, which "
            "project), also for the people reached since the program began."
        )
    ]


register_report(
    ReportSpec(
        name="unique-people",
        label=gettext_lazy("People reached: attendances and unique people"),
        title=gettext_lazy("Attendances and unique people, {program}, {period}"),
        description=gettext_lazy(
            "People reached and trained in the period and since the program began: attendances "
            "beside unique people."
        ),
        columns=(
            Column("measure", gettext_lazy("Measure"), "key"),
            Column("label", gettext_lazy("What is counted"), "label"),
            Column("attendances", gettext_lazy("Attendances")),
            Column("unique_people", gettext_lazy("Unique people")),
        ),
        build=_build,
    )
)
