"""The grants' numbers, for the grants report, the computed indicators and the pages."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from ctip.lib.periods import Period
from ctip.people.models import Attendance

from .models import Grant, GrantReport


def grants_during(program, period: Period):
    """The program's grants whose period overlaps PERIOD."""
    return Grant.objects.filter(
        program=program, starts_on__lte=period.end, ends_on__gte=period.start
    ).select_related("grantee", "grantee__country")


def opd_grantees(program, period: Period) -> int:
    """Organisations of people with disability holding a grant during PERIOD."""
    return (
        grants_during(program, period)
        .filter(grantee__is_opd=True)
        .values("grantee_id")
        .distinct()
        .count()
    )


@dataclass(frozen=True)
class GrantLine:
    grant: Grant
    tranches: int
    tranches_met: int
    reports: int
    reports_approved: int
    events: int  # events the grantee held under the grant in the period
    participants: int  # their participants (attendances, staff excluded)

    @property
    def amount(self) -> Decimal:
        return self.grant.amount


def grant_lines(program, period: Period, grants=None) -> list[GrantLine]:
    """One line per grant running during PERIOD (of GRANTS when given): tranches and their
    conditions met, progress reports approved (of the period), the grantee's events and
    participants in the period — whether or not the program counts them in its reports."""
    grants = grants_during(program, period) if grants is None else grants
    grants = grants.annotate(
        n_tranches=Count("tranches", distinct=True),
        n_met=Count("tranches", filter=Q(tranches__condition_met=True), distinct=True),
    )
    reports = {
        row["grant_id"]: row
        for row in GrantReport.objects.filter(
            grant__in=grants, starts_on__lte=period.end, ends_on__gte=period.start
        )
        .values("grant_id")
        .annotate(n=Count("id"), approved=Count("id", filter=Q(status=GrantReport.Status.APPROVED)))
    }
    events = {
        row["grant_id"]: row["n"]
        for row in _grantee_events(program, period).values("grant_id").annotate(n=Count("id"))
    }
    participants = {
        row["event__grant_id"]: row["n"]
        for row in Attendance.objects.filter(event__in=_grantee_events(program, period))
        .exclude(role__in=Attendance.STAFF_ROLES)
        .values("event__grant_id")
        .annotate(n=Count("id"))
    }
    return [
        GrantLine(
            grant=grant,
            tranches=grant.n_tranches,
            tranches_met=grant.n_met,
            reports=reports.get(grant.pk, {}).get("n", 0),
            reports_approved=reports.get(grant.pk, {}).get("approved", 0),
            events=events.get(grant.pk, 0),
            participants=participants.get(grant.pk, 0),
        )
        for grant in grants
    ]


def _grantee_events(program, period: Period):
    from ctip.events.models import Event

    return Event.objects.filter(
        program=program,
        grant__isnull=False,
        start_date__gte=period.start,
        start_date__lte=period.end,
    )
