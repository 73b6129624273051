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
    label = request.GET.get("period", "").strip()
    error = None
    try:
        period = program.period(label) if label else None
    except PeriodError as problem:
        period, error = None, str(problem)
    if period is None:
        period = queries.default_period(program, timezone.localdate())
    report = run_report(name, program, period) if name else None
    return program, period, report, error
