"""Who reaches which grant and which progress report. Every view and command goes through here.

- administrators and MEL officers of the grant's program manage grants: create them, record
  tranches, open reporting periods, review (return, approve) and read every report;
- country officers and viewers of the program read the grants list and the aggregate numbers;
- a grantee's focal point (GrantRole) sees only its own grant and fills and submits its reports;
- anyone else: nothing. A grant that exists but is not yours is NotFound, as a missing one.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ctip.accounts.access import WHOLE_PROGRAM_ROLES, NotFound, programs_of, role_in

from .models import Grant, GrantReport, GrantRole


def _own_grants(user) -> set[int]:
    if not getattr(user, "is_authenticated", False) or getattr(user, "pk", None) is None:
        return set()
    if not user.is_active:
        return set()
    cached = getattr(user, "_ctip_grant_roles", None)
    if cached is None:
        cached = set(GrantRole.objects.filter(user=user).values_list("grant_id", flat=True))
        user._ctip_grant_roles = cached
    return cached


def can_manage(user, program) -> bool:
    """Create grants, record tranches, open periods, review every report."""
    return role_in(user, program) in WHOLE_PROGRAM_ROLES


def is_focal_point(user, grant: Grant) -> bool:
    return grant.pk in _own_grants(user)


def grants_for(user) -> QuerySet[Grant]:
    """Grants the user may see: every grant of the programs they have a role in, and the
    grants they are a grantee's focal point for."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return Grant.objects.all()
    programs = [program.pk for program in programs_of(user)]
    return Grant.objects.filter(Q(program_id__in=programs) | Q(pk__in=_own_grants(user)))


def access_grant(user, code: str, program=None) -> Grant:
    """The grant, if the user may see it; NotFound otherwise (the same for a missing one)."""
    grants = grants_for(user).select_related("program", "grantee")
    if program is not None:
        grants = grants.filter(program=program)
    grant = grants.filter(code=code).first()
    if grant is None:
        raise NotFound
    return grant


def can_read_reports(user, grant: Grant) -> bool:
    """The narrative, numbers and evidence: the program's managers and the grantee."""
    return can_manage(user, grant.program) or is_focal_point(user, grant)


def reports_for(user, grant: Grant) -> QuerySet[GrantReport]:
    reports = GrantReport.objects.filter(grant=grant)
    return reports if can_read_reports(user, grant) else reports.none()


def access_report(user, report_id) -> GrantReport:
    """The progress report, if the user may open it; NotFound (the same for a missing one)."""
    try:
        report = GrantReport.objects.select_related("grant__program", "grant__grantee").get(
            pk=report_id
        )
    except (GrantReport.DoesNotExist, ValueError, TypeError):
        raise NotFound from None
    if not can_read_reports(user, report.grant):
        raise NotFound
    return report


def can_fill(user, report: GrantReport) -> bool:
    """Write the narrative, numbers and evidence, and submit: the grantee's focal point, or a
    manager on its behalf."""
    return is_focal_point(user, report.grant) or can_manage(user, report.grant.program)


def can_review(user, report: GrantReport) -> bool:
    return can_manage(user, report.grant.program)
