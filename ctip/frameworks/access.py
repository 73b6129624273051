"""Who reaches which framework and which unit's report. Every view and command goes through here.

- administrators and MEL officers of the framework's program manage it: load it, open rounds,
  review, see every report;
- a reviewer (FrameworkRole) reviews every report of the framework: return, approve;
- a focal point (FrameworkRole with a unit) sees and fills only their unit's reports;
- viewers of the program read the framework's aggregate reports (rates, values), no report pages;
- anyone else: nothing. A report that exists but is not yours is NotFound, as a missing one.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ctip.accounts.access import WHOLE_PROGRAM_ROLES, NotFound, role_in
from ctip.accounts.models import Role

from .models import Framework, FrameworkRole, UnitReport


def _roles(user) -> list[FrameworkRole]:
    if not getattr(user, "is_authenticated", False) or getattr(user, "pk", None) is None:
        return []
    if not user.is_active:
        return []
    cached = getattr(user, "_ctip_framework_roles", None)
    if cached is None:
        cached = list(FrameworkRole.objects.filter(user=user).select_related("unit"))
        user._ctip_framework_roles = cached
    return cached


def can_manage(user, framework: Framework) -> bool:
    """Load the framework, open rounds, see and review every report."""
    return role_in(user, framework.program) in WHOLE_PROGRAM_ROLES


def can_review(user, framework: Framework) -> bool:
    return can_manage(user, framework) or any(
        r.framework_id == framework.pk and r.role == FrameworkRole.Role.REVIEWER
        for r in _roles(user)
    )


def can_read_aggregates(user, framework: Framework) -> bool:
    """Reporting rates and values: managers, reviewers, viewers of the program, focal points."""
    return role_in(user, framework.program) in (*WHOLE_PROGRAM_ROLES, Role.VIEWER) or any(
        r.framework_id == framework.pk for r in _roles(user)
    )


def focal_units(user, framework: Framework) -> set[int]:
    """The units of FRAMEWORK the user reports for."""
    return {
        r.unit_id
        for r in _roles(user)
        if r.framework_id == framework.pk and r.role == FrameworkRole.Role.FOCAL_POINT
    }


def frameworks_for(user) -> QuerySet[Framework]:
    """Frameworks the user has anything to do with."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return Framework.objects.all()
    from ctip.accounts.access import _memberships

    # the user's memberships are read once per request; no query for the programs themselves
    programs = [
        m.program_id for m in _memberships(user) if m.role in (*WHOLE_PROGRAM_ROLES, Role.VIEWER)
    ]
    own = [r.framework_id for r in _roles(user)]
    return Framework.objects.filter(Q(program_id__in=programs) | Q(pk__in=own))


def access_framework(user, code: str) -> Framework:
    """The framework, if the user may read it; NotFound otherwise."""
    framework = frameworks_for(user).select_related("program").filter(code=code).first()
    if framework is None:
        raise NotFound
    return framework


def reports_for(user, framework: Framework) -> QuerySet[UnitReport]:
    """Unit reports the user may open: all for managers and reviewers, their units' for focal
    points, none for others."""
    reports = UnitReport.objects.filter(round__framework=framework).select_related("unit", "round")
    if can_review(user, framework):
        return reports
    return reports.filter(unit_id__in=focal_units(user, framework))


def access_report(user, report_id) -> UnitReport:
    """The unit report, if the user may open it; NotFound (the same for a missing one)."""
    try:
        report = UnitReport.objects.select_related("round__framework__program", "unit").get(
            pk=report_id
        )
    except (UnitReport.DoesNotExist, ValueError, TypeError):
        raise NotFound from None
    framework = report.round.framework
    if can_review(user, framework) or report.unit_id in focal_units(user, framework):
        return report
    raise NotFound


def can_fill(user, report: UnitReport) -> bool:
    """Enter values and submit: the unit's focal point, or a manager on its behalf."""
    framework = report.round.framework
    return report.unit_id in focal_units(user, framework) or can_manage(user, framework)
