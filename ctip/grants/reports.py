"""The grants report: one line per grant running in the period."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctip.reports.registry import Column, Report, ReportSpec, Row, Section, register_report
from ctip.reports.suppression import hide_if_small

from . import queries


def _build_grants(report: Report) -> None:
    rows = []
    for line in queries.grant_lines(report.program, report.period):
        grant = line.grant
        rows.append(
            Row(
                {
                    "grant": grant.code,
                    "grantee": grant.grantee.name,
                    "country": grant.grantee.country.name if grant.grantee.country else "",
                    "opd": _("yes") if grant.grantee.is_opd else _("no"),
                    "amount": f"{grant.amount:,.2f} {grant.currency}",
                    "tranches_met": f"{line.tranches_met} / {line.tranches}",
                    "reports_approved": f"{line.reports_approved} / {line.reports}",
                    "events": line.events,
                    "participants": hide_if_small(line.participants, report.threshold),
                }
            )
        )
    report.sections = [Section(None, None, rows)]
    counted = (
        _("The program counts grantees' events in its reports.")
        if report.program.counts_grantee_events
        else _(
            "Grantees' events are not counted in the program's Table 1, Table 2 and highlights "
            "(a program setting)."
        )
    )
    report.notes = [
        _(
            "Grants whose period overlaps the reporting period. Events and participants: those "
            "the grantee held under the grant in the period (participants exclude staff)."
        ),
        counted,
    ]


register_report(
    ReportSpec(
        name="grants",
        label=gettext_lazy("Grants"),
        title=gettext_lazy("Grants, {program}, {period}"),
        description=gettext_lazy(
            "Each grant running in the period: grantee, OPD, amount, tranches whose conditions "
            "are met, progress reports approved, the grantee's events and participants."
        ),
        columns=(
            Column("grant", gettext_lazy("Grant"), "label"),
            Column("grantee", gettext_lazy("Grantee"), "text"),
            Column("country", gettext_lazy("Country"), "text"),
            Column("opd", gettext_lazy("OPD"), "text"),
            Column("amount", gettext_lazy("Amount"), "text"),
            Column("tranches_met", gettext_lazy("Tranche conditions met"), "text"),
            Column("reports_approved", gettext_lazy("Reports approved"), "text"),
            Column("events", gettext_lazy("Grantee's events")),
            Column("participants", gettext_lazy("Their participants")),
        ),
        build=_build_grants,
    )
)
