"""The series pages: each numbered series' totals per fiscal year, and one series' events."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.safestring import mark_safe

from ctip.reports import queries
from ctip.reports.renderers import html_table
from ctip.web.instruments import period_of, period_report, program_object

from .models import Series


@login_required
def series_list(request):
    program, period, report, error = period_report(request, "series")
    return render(
        request,
        "events/series_list.html",
        {
            "program": program,
            "period": period,
            "series": Series.objects.filter(program=program),
            "table": mark_safe(html_table(report)),  # noqa: S308  (escaped by the renderer)
            "error": error,
        },
    )


@login_required
def series_detail(request, code):
    series = program_object(request, Series, code)
    program = series.program
    period, error = period_of(request, program)
    events = queries.series_events(program, series)
    return render(
        request,
        "events/series_detail.html",
        {
            "program": program,
            "period": period,
            "series": series,
            "events": events,
            "participants": sum(event.participants for event in events),
            "error": error,
        },
    )
