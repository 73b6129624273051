"""The e-learning report: completions by course × language × country × sex."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctip.countries.models import Country
from ctip.reports.registry import Column, Report, ReportSpec, Row, Section, register_report
from ctip.reports.suppression import hide_if_small

from . import queries
from .models import LANGUAGES

SEXES = ("female", "male", "other", "not_specified")


def _build_elearning(report: Report) -> None:
    lines = queries.completions_by_course(report.program, report.period, report.country)
    names = dict(Country.objects.values_list("code", "name"))
    sections = {}
    for line in lines:
        section = sections.setdefault(line.course, Section(line.course, line.course, []))
        values = {
            "language": str(LANGUAGES.get(line.language, line.language)),
            "country": names.get(line.country, _("Not given")),
        }
        values.update({sex: hide_if_small(getattr(line, sex), report.threshold) for sex in SEXES})
        values["total"] = hide_if_small(line.total, report.threshold)
        section.rows.append(Row(values))
    for course, section in sections.items():
        course_lines = [line for line in lines if line.course == course]
        total = {"language": _("Total"), "country": _("All countries")}
        total.update(
            {
                sex: hide_if_small(
                    sum(getattr(line, sex) for line in course_lines), report.threshold
                )
                for sex in SEXES
            }
        )
        total["total"] = hide_if_small(sum(line.total for line in course_lines), report.threshold)
        section.rows.append(Row(total, "total"))
    report.sections = list(sections.values())
    counted = (
        _("The program counts these completions as people trained.")
        if report.program.counts_elearning_as_trained
        else _("These completions are not counted as people trained (a program setting).")
    )
    report.notes = [
        _(
            "Completions dated in the period, as the learning platform reported them; country "
            "is the learner's country on the platform, sex as the registry records the learner."
        ),
        counted,
    ]


register_report(
    ReportSpec(
        name="elearning",
        label=gettext_lazy("E-learning completions"),
        title=gettext_lazy("E-learning completions, {program}, {period}"),
        description=gettext_lazy(
            "Course completions imported from the learning platform, by course, language, "
            "country and sex."
        ),
        columns=(
            Column("language", gettext_lazy("Language"), "label"),
            Column("country", gettext_lazy("Country"), "text"),
            Column("female", gettext_lazy("Female")),
            Column("male", gettext_lazy("Male")),
            Column("other", gettext_lazy("Other")),
            Column("not_specified", gettext_lazy("Did not specify or blank")),
            Column("total", gettext_lazy("Total")),
        ),
        build=_build_elearning,
    )
)
