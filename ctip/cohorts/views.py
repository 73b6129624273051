"""The cohorts pages: completion by sex, country and stakeholder group for every member of
the program; the members' own progress for its administrators and MEL officers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.safestring import mark_safe

from ctip.reports.renderers import html_table
from ctip.web.instruments import period_of, period_report, program_object

from . import queries
from .actions import can_manage
from .models import Cohort


@login_required
def cohort_list(request):
    program, period, report, error = period_report(request, "cohorts")
    return render(
        request,
        "cohorts/list.html",
        {
            "program": program,
            "period": period,
            "cohorts": Cohort.objects.filter(program=program),
            "table": mark_safe(html_table(report)) if report else "",  # noqa: S308
            "error": error,
        },
    )


@login_required
def cohort_detail(request, code):
    cohort = program_object(request, Cohort, code)
    program = cohort.program
    period, _error = period_of(request, program)
    as_of = min(period.end, cohort.ends_on)
    managing = can_manage(request.user, program)
    return render(
        request,
        "cohorts/detail.html",
        {
            "cohort": cohort,
            "period": period,
            "modules": cohort.modules.prefetch_related("sessions__attendees"),
            "statuses": queries.member_statuses(cohort, as_of) if managing else [],
            "managing": managing,
            "as_of": as_of,
        },
    )
