"""Every report, registered in one place and all of the same shape.

A report is a name, a title, its columns and a `build` function that turns the numbers of the
query layer (ctip.reports.queries) into printable sections of rows, with its footnotes. The
renderers (ctip.reports.renderers) print any report in any format, so the web page, the CLI,
the spreadsheet and the PDF show the same numbers.

To add a report: write its query in queries.py, a `_build_<name>` here, `register_report(...)`
it, and document it in docs/reports.md (a test checks).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ctip.countries.models import Country
from ctip.lib.periods import Period
from ctip.lib.registry import Registry
from ctip.programs.models import Program

from . import queries
from .cellkey import nobody_shown_small, perturbed
from .suppression import Hidden, grid_lines, hide, suppressed_cells


@dataclass(frozen=True)
class Column:
    key: str  # the csv/json column name
    label: str  # the heading in human formats (translatable)
    kind: str = "count"  # "label", "count" (an integer), "percent" (whole number), "text",
    # or "key": a machine key, in csv/json/xlsx only (a person reads the label beside it)


@dataclass
class Row:
    values: dict[str, object]  # column key → int, Decimal, str, None or Hidden
    kind: str = "data"  # "data", "total" or "percentage"


@dataclass
class Section:
    key: str | None  # e.g. "state"; printed in the "group" column of machine formats
    title: str | None
    rows: list[Row]


@dataclass(frozen=True)
class ReportSpec:
    name: str
    title: str  # may use {program} and {period}
    description: str
    columns: tuple[Column, ...]
    build: Callable[[Report], None]
    chart: Callable[[Report], str] | None = None
    counts_people: bool = True  # counts of people are suppressed for public release
    unique_title: str | None = None  # set: the report can count unique people (--unique)
    per_framework: bool = False  # a partner framework's report: needs --framework CODE
    label: str = ""  # the name a person reads in lists ("Table 1: events"); else `name`

    @property
    def human_name(self) -> str:
        return str(self.label) if self.label else self.name

    @property
    def counts_unique_people(self) -> bool:
        return self.unique_title is not None


@dataclass
class Report:
    """One report run: what was asked for, and the printable result."""

    spec: ReportSpec
    program: Program
    period: Period
    country: str | None = None
    project: str | None = None
    threshold: int | None = None  # set for public release: small cells are suppressed
    unique: bool = False  # cells count unique people (record linkage), not attendances
    framework: object = None  # a partner framework (ctip.frameworks), for its reports
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.spec.columns

    @property
    def public(self) -> bool:
        return self.threshold is not None

    @functools.cached_property
    def scope(self) -> str:
        """The events the report counts, as one digest: two filters that select the same
        events (a program of one project and that project; a period written two ways) make
        one table, whose empty cells show alike (cellkey.nobody_shown_small)."""
        events = queries.events_in(self.program, self.period, self.country, self.project)
        ids = ",".join(str(pk) for pk in sorted(events.values_list("pk", flat=True)))
        return hashlib.sha256(ids.encode()).hexdigest()

    @property
    def title(self) -> str:
        title = self.spec.unique_title if self.unique else self.spec.title
        return str(title).format(program=self.program.name, period=self.period.label)

    @property
    def grouped(self) -> bool:
        return any(section.key for section in self.sections)

    def filter_notes(self) -> list[str]:
        notes = []
        if self.country:
            name = Country.objects.get(code=self.country).name
            notes.append(_("Only events held in %(country)s.") % {"country": name})
        if self.project:
            notes.append(_("Only events of project %(project)s.") % {"project": self.project})
        return notes

    def suppression_note(self) -> str:
        if self.unique:
            return _(
                "For public release, counts from 1 to %(below)d are shown as <%(threshold)d; "
                "cells marked x are hidden so that no small count can be worked out from the "
                "totals; percentages of hidden cells are hidden too."
            ) % {"below": self.threshold - 1, "threshold": self.threshold}
        return _(
            "For public release, every count of people is perturbed by a small amount (at most "
            "2, the same for the same people in every table), so that no small count can be "
            "worked out from the totals or from other public tables; counts from 1 to "
            "%(below)d are shown as <%(threshold)d; percentages of hidden cells are hidden too."
        ) % {"below": self.threshold - 1, "threshold": self.threshold}

    def chart(self) -> str | None:
        return self.spec.chart(self) if self.spec.chart else None


# Filled by this module's register_report() calls and by every app's `reports` module, which
# are imported when REPORTS is first read, not at start-up (ctip.lib.registry).
REPORTS: Registry[ReportSpec] = Registry()


class UnsupportedOption(ValueError):
    """An option the report does not take (e.g. unique counts for a report without them)."""


def register_report(spec: ReportSpec) -> ReportSpec:
    REPORTS.add(spec.name, spec)
    return spec


def run_report(
    name: str,
    program: Program,
    period: Period,
    *,
    country: str | None = None,
    project: str | None = None,
    threshold: int | None = None,
    unique: bool = False,
    framework=None,
) -> Report:
    """Run report NAME. Raises KeyError for an unknown report, ReportFilterError for a
    country or project that names nothing, UnsupportedOption for UNIQUE on a report that
    cannot count unique people. THRESHOLD set: suppressed for public release."""
    spec = REPORTS[name]
    if unique and not spec.counts_unique_people:
        supported = ", ".join(n for n, s in REPORTS.items() if s.counts_unique_people)
        raise UnsupportedOption(
            _(
                "%(report)s cannot count unique people in its cells; unique counts are for "
                "%(reports)s (the unique-people report shows them beside attendances without it)"
            )
            % {"report": name, "reports": supported}
        )
    if spec.per_framework and framework is None:
        raise UnsupportedOption(
            _("%(report)s is a framework's report: give its framework") % {"report": name}
        )
    country, project = queries.check_filters(program, country, project)
    report = Report(spec, program, period, country, project, threshold, unique, framework)
    spec.build(report)
    report.notes += report.filter_notes()
    if report.public and spec.counts_people:
        report.notes.append(report.suppression_note())
    return report


def _published(report: Report, cells: dict, *where) -> tuple[dict, dict]:
    """CELLS (counts carrying cell keys) of REPORT (WHERE: the part of it they are, such as
    a section) as published: perturbed by the cell-key method, and those to show as
    <threshold — small ones, and the empty ones the table's key picks (ctip/reports/cellkey.py).
    """
    table = (report.name, report.scope, *where)
    small = Hidden(report.threshold, primary=True)
    published = {key: perturbed(value) for key, value in cells.items()}
    hidden = {
        key: small
        for key, value in published.items()
        if 0 < value < report.threshold or (value == 0 and nobody_shown_small(table, key))
    }
    return published, hidden


def _hide(value: int, key, hidden: dict):
    """VALUE, or how it is hidden: HIDDEN maps the keys of hidden cells to what they show
    (<5 or x)."""
    return hidden.get(key, value)


# --- table1 -----------------------------------------------------------------------------------


def _build_table1(report: Report) -> None:
    table = queries.table1(report.program, report.period, report.country, report.project)
    section = Section(None, None, [])
    for counts, kind in [(row, "data") for row in table.rows] + [(table.total, "total")]:
        values = {"country": counts.label}
        values.update({key: getattr(counts, key) for key in queries.TABLE1_CATEGORIES})
        values["total"] = counts.total
        section.rows.append(Row(values, kind))
    report.sections = [section]
    report.notes = [
        _("* Capacity development includes training, webinars, seminars and workshops.")
    ]


def _table1_chart(report: Report) -> str:
    from .charts import stacked_bars

    rows = [row for row in report.sections[0].rows if row.kind == "data"]
    series = [(column.key, str(column.label).rstrip("*")) for column in report.columns[1:5]]
    return stacked_bars(
        title=_("Events by country or region and type"),
        bars=[(row.values["country"], [row.values[key] for key, _ in series]) for row in rows],
        series=[label for _, label in series],
    )


register_report(
    ReportSpec(
        name="table1",
        label=gettext_lazy("Table 1: events by country and type"),
        title=gettext_lazy("Number and type of events supported by {program}, {period}"),
        description=gettext_lazy("Events by country or region where held, and type (Table 1)."),
        columns=(
            Column("country", gettext_lazy("Country/region"), "label"),
            Column("capacity_development", gettext_lazy("Capacity development*")),
            Column("meetings", gettext_lazy("Meetings")),
            Column("conferences_and_launches", gettext_lazy("Conferences and launches")),
            Column("other", gettext_lazy("Other")),
            Column("total", gettext_lazy("Total number of events supported")),
        ),
        build=_build_table1,
        chart=_table1_chart,
        counts_people=False,  # events are not people: Table 1 is published whole
    )
)


# --- table2 -----------------------------------------------------------------------------------

TABLE2_COUNTS = (*queries.SEX_COLUMNS, "total", "opd", "private_sector")
GROUP_TITLES = {
    queries.STATE: gettext_lazy(
        "State stakeholders (national and subnational government agencies)"
    ),
    queries.NON_STATE: gettext_lazy(
        "Non-state stakeholders (NGOs/CSOs, international organisations, regional "
        "organisations, and private sector)"
    ),
}


def _build_table2(report: Report) -> None:
    keyed = report.public and not report.unique
    table = queries.table2(
        report.program,
        report.period,
        report.country,
        report.project,
        unique=report.unique,
        keyed=keyed,
    )
    report.sections = []
    for group in table.groups:
        counted = [*group.rows, group.total]
        cells = {
            (counts.label, key): getattr(counts, key) for counts in counted for key in TABLE2_COUNTS
        }
        hidden: dict = {}
        if keyed:
            cells, hidden = _published(report, cells, group.key)
        elif report.public:  # unique people: no cell keys, secondary suppression
            labels = [counts.label for counts in group.rows]
            lines = grid_lines(labels, queries.SEX_COLUMNS, "Total", "total")
            lines += [
                [(label, key) for label in [*labels, "Total"]] for key in ("opd", "private_sector")
            ]
            suppressed = suppressed_cells(cells, lines, report.threshold)
            hidden = {key: hide(cells[key], report.threshold) for key in suppressed}
        rows = []
        for counts in counted:
            values = {"country": counts.label}
            for key in TABLE2_COUNTS:
                values[key] = _hide(cells[(counts.label, key)], (counts.label, key), hidden)
            rows.append(Row(values, "total" if counts is group.total else "data"))
        shares = {"country": "Percentage"}
        for key in TABLE2_COUNTS:
            # a percentage of a shown cell would give a hidden grand total away
            shown = not {("Total", key), ("Total", "total")} & hidden.keys()
            shares[key] = (
                queries.percent_2dp(cells[("Total", key)], cells[("Total", "total")])
                if shown
                else Hidden(report.threshold)
            )
        rows.append(Row(shares, "percentage"))
        report.sections.append(Section(group.key, str(GROUP_TITLES[group.key]), rows))
    report.notes = [
        _(
            "Note: Excludes program staff and donor staff. A participant's stakeholder group is "
            "that of the organisation they represented at the event; participants with no "
            'organisation recorded count as non-state. "Outside ASEAN region" includes '
            "participants whose country of origin is not recorded. Percentages are of the "
            "group's total, rounded half up to two decimals."
        )
    ]
    if report.unique:
        report.notes.insert(0, _unique_table2_note())
    unconfirmed = queries.unconfirmed_participants(
        report.program, report.period, report.country, report.project
    )
    if unconfirmed and report.public:  # an exact count of people: not in public tables
        report.notes.append(
            _(
                "Some participants represented organisations named on the self-registration "
                "form and not confirmed yet; their stakeholder group is as the participants "
                "gave it."
            )
        )
    elif unconfirmed:
        report.notes.append(
            ngettext(
                "%(count)s participant represented an organisation named on the "
                "self-registration form and not confirmed yet; its stakeholder group is as "
                "the participant gave it.",
                "%(count)s participants represented organisations named on the "
                "self-registration form and not confirmed yet; their stakeholder group is as "
                "the participants gave it.",
                unconfirmed,
            )
            % {"count": f"{unconfirmed:,}"}
        )


def _unique_table2_note() -> str:
    return _(
        "UNIQUE PEOPLE, NOT ATTENDANCES: every cell counts people once each, however many "
        "events they attended, as record linkage has linked their records (an administrator "
        "runs it when new records come in; pairs it is unsure of wait on the Review links page); "
        "a record not linked yet counts as a person of its own. This is not the published "
        "Table 2, which counts attendances. Each total is the number of distinct people, not "
        "the sum of its cells: a person whose records fall in several cells of a row or column "
        "(a sex or country of origin recorded differently, or several organisations) counts "
        "in each of those cells but once in the total. A person who represented both a state "
        "and a non-state organisation counts in both groups."
    )


register_report(
    ReportSpec(
        name="table2",
        label=gettext_lazy("Table 2: participants by group, country and sex"),
        title=gettext_lazy(
            "Number of state and non-state stakeholders who participated in {program}-supported "
            "events, by country of origin, {period}"
        ),
        unique_title=gettext_lazy(
            "Unique people (each counted once, not attendances): state and non-state "
            "stakeholders who participated in {program}-supported events, by country of origin, "
            "{period}"
        ),
        description=gettext_lazy(
            "Participants by stakeholder group, country of origin and sex (Table 2)."
        ),
        columns=(
            Column("country", gettext_lazy("Country/region"), "label"),
            Column("female", gettext_lazy("Female")),
            Column("male", gettext_lazy("Male")),
            Column("other", gettext_lazy("Other")),
            Column("not_specified", gettext_lazy("Did not specify or blank")),
            Column("total", gettext_lazy("Total")),
            Column(
                "opd",
                gettext_lazy("Of total, number from organisations of people with disability"),
            ),
            Column("private_sector", gettext_lazy("Of total, number from the private sector")),
        ),
        build=_build_table2,
    )
)


# --- highlights -------------------------------------------------------------------------------


def _women_cells(prefix: str, total: int, female: int) -> dict:
    return {prefix: total, f"{prefix}_female": female, f"{prefix}_not_female": total - female}


def _build_highlights(report: Report) -> None:
    numbers = queries.highlights(
        report.program, report.period, report.country, report.project, keyed=report.public
    )
    cells = {
        **_women_cells("all", numbers.participants, numbers.female),
        **_women_cells("state", numbers.state, numbers.state_female),
        **_women_cells("non_state", numbers.non_state, numbers.non_state_female),
        "ngo_cso": numbers.ngo_cso,
        "private_sector": numbers.private_sector,
    }
    hidden: dict = {}
    if report.public:
        cells, hidden = _published(report, cells)

    def count(key):
        return _hide(cells[key], key, hidden)

    def women(prefix):
        if {prefix, f"{prefix}_female", f"{prefix}_not_female"} & hidden.keys():
            return Hidden(report.threshold)
        return queries.percent(cells[f"{prefix}_female"], cells[prefix])

    measures = [
        ("events", _("Counter-trafficking in persons events delivered"), numbers.events, None),
        ("participants", _("Participants across all events"), count("all"), women("all")),
        ("state", _("Government (state) stakeholders"), count("state"), women("state")),
        ("non_state", _("Non-state stakeholders"), count("non_state"), women("non_state")),
        (
            "ngo_cso",
            _("Non-state stakeholders from non-government / civil society organisations"),
            count("ngo_cso"),
            None,
        ),
        (
            "private_sector",
            _("Non-state stakeholders from the private sector"),
            count("private_sector"),
            None,
        ),
    ]
    rows = [
        Row({"measure": key, "label": label, "count": value, "percent_women": women_share})
        for key, label, value, women_share in measures
    ]
    report.sections = [Section(None, None, rows)]
    report.notes = [
        _(
            "Participants are attendances at events that started in the period, excluding "
            "program and donor staff. NGO/CSO includes organisations of people with disability. "
            "% women is rounded half up to a whole number."
        )
    ]


register_report(
    ReportSpec(
        name="highlights",
        label=gettext_lazy("Achievement highlights"),
        title=gettext_lazy("Achievement highlights, {program}, {period}"),
        description=gettext_lazy(
            "Events; participants, state and non-state stakeholders with % women; NGO/CSO and "
            "private sector."
        ),
        columns=(
            Column("measure", gettext_lazy("Measure"), "key"),
            Column("label", gettext_lazy("What is counted"), "label"),
            Column("count", gettext_lazy("Number")),
            Column("percent_women", gettext_lazy("% women"), "percent"),
        ),
        build=_build_highlights,
    )
)


# --- country summary --------------------------------------------------------------------------


def progress_sentence(events: int, participants, percent_women) -> str:
    """ "We delivered 20 events, with 384 participants (37% women)." """
    events_text = ngettext(
        "We delivered %(count)s event", "We delivered %(count)s events", events
    ) % {"count": f"{events:,}"}
    if isinstance(participants, Hidden):
        people = _("with fewer than %(threshold)d participants") % {
            "threshold": participants.threshold
        }
    elif participants == 0:
        return events_text + "."
    else:
        people = ngettext(
            "with %(count)s participant", "with %(count)s participants", participants
        ) % {"count": f"{participants:,}"}
    if percent_women is None or isinstance(percent_women, Hidden):
        return f"{events_text}, {people}."
    return f"{events_text}, {people} " + _("(%(percent)d%% women).") % {"percent": percent_women}


def _build_country_summary(report: Report) -> None:
    rows = []
    for line in queries.country_summary(
        report.program, report.period, report.country, report.project, keyed=report.public
    ):
        participants, percent_women = line.participants, line.percent_women
        if report.public:
            cells, hidden = _published(
                report, _women_cells("all", line.participants, line.female), line.label
            )
            participants = _hide(cells["all"], "all", hidden)
            percent_women = (
                Hidden(report.threshold)
                if hidden
                else queries.percent(cells["all_female"], cells["all"])
            )
        rows.append(
            Row(
                {
                    "country": line.label,
                    "events": line.events,
                    "participants": participants,
                    "percent_women": percent_women,
                    "sentence": progress_sentence(line.events, participants, percent_women),
                }
            )
        )
    report.sections = [Section(None, None, rows)]
    report.notes = [
        _(
            "Country or region where the events were held. Participants exclude program and "
            "donor staff; % women is rounded half up to a whole number."
        )
    ]


register_report(
    ReportSpec(
        name="country-summary",
        label=gettext_lazy("Country summary"),
        title=gettext_lazy("Progress by country, {program}, {period}"),
        description=gettext_lazy(
            "One sentence per country or region: events, participants and % women."
        ),
        columns=(
            Column("country", gettext_lazy("Country/region"), "label"),
            Column("events", gettext_lazy("Events")),
            Column("participants", gettext_lazy("Participants")),
            Column("percent_women", gettext_lazy("% women"), "percent"),
            Column("sentence", gettext_lazy("Progress"), "text"),
        ),
        build=_build_country_summary,
    )
)
