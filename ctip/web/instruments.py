"""What the instruments' pages share: the program and period a page is about, and a
registered report run for them (ctip.reports.registry)."""

from __future__ import annotations

from django.utils import timezone

from ctip.lib.periods import PeriodError
from ctip.reports import queries
from ctip.reports.registry import run_report

from .programs import current_program


def period_report(request, name: str | None):
    """(program, period, report NAME run for them or None, error message or None)."""
    program = current_program(request)
    period, error = period_of(request, program)
    report = run_report(name, program, period) if name else None
    return program, period, report, error


def program_object(request, model, code: str):
    """The MODEL row (a cohort, a series) with CODE in a program the user has a role in
    (?program=CODE chooses one); NotFound for a missing one and for another program's."""
    from ctip.accounts.access import NotFound, programs_of

    programs = (
        [current_program(request)] if request.GET.get("program") else programs_of(request.user)
    )
    found = (
        model.objects.filter(program__in=programs, code=code)
        .select_related("program")
        .order_by("program__code")
        .first()
    )
    if found is None:
        raise NotFound
    return found


def period_of(request, program):
    """The period ?period= names, or the program's default; (period, error or None)."""
    label = request.GET.get("period", "").strip()
    try:
        return (program.period(label) if label else None) or queries.default_period(
            program, timezone.localdate()
        ), None
    except PeriodError as problem:
        return queries.default_period(program, timezone.localdate()), str(problem)
