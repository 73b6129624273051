"""The reports pages: thin views over the registry and the renderers."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ctip.accounts.access import programs_of
from ctip.countries.models import Country
from ctip.lib.periods import PeriodError
from ctip.lib.spreadsheets import EXCEL_BOM
from ctip.web.programs import current_program

from . import queries
from .freshness import remembered
from .pdf_cache import TooManyPdfs, cached_pdf
from .registry import REPORTS, UnsupportedOption, run_report
from .renderers import RENDERERS, OutputUnavailable, filename, html_table
from .renderers import render as render_format
from .suppression import DEFAULT_THRESHOLD
from .views_factsheet import too_many_pdfs


def _run(request, name):
    """(report or None, filters for the form, error message or None)."""
    if name not in REPORTS:
        raise Http404
    if REPORTS[name].per_framework:
        return _run_for_framework(request, name)
    program = current_program(request)
    filters = {
        "period": request.GET.get("period", "").strip(),
        "country": request.GET.get("country", "").strip(),
        "project": request.GET.get("project", "").strip(),
        "public": request.GET.get("public") == "1",
        "unique": request.GET.get("unique") == "1",
    }
    try:
        period = (
            program.period(filters["period"])
            if filters["period"]
            else queries.default_period(program, timezone.localdate())
        )
        filters["period"] = period.label
        report = remembered(
            _report_key(name, program, period, filters),
            lambda: run_report(
                name,
                program,
                period,
                country=filters["country"] or None,
                project=filters["project"] or None,
                threshold=DEFAULT_THRESHOLD if filters["public"] else None,
                unique=filters["unique"],
            ),
        )
    except (PeriodError, queries.ReportFilterError, UnsupportedOption) as error:
        return None, program, filters, str(error)
    return report, program, filters, None


def _report_key(name, program, period, filters) -> tuple:
    """What a report's answer depends on (ctip/reports/freshness.py adds language and date)."""
    options = tuple(filters[key] for key in ("country", "project", "public", "unique"))
    return ("report", name, program.pk, period, *options)


def _run_for_framework(request, name):
    """A partner framework's report (?framework=CODE&period=2024): the framework's program,
    periods and access rules (ctip.frameworks.access)."""
    from ctip.frameworks.access import access_framework, can_read_aggregates

    framework = access_framework(request.user, request.GET.get("framework", ""))
    if not can_read_aggregates(request.user, framework):
        raise Http404
    filters = dict.fromkeys(("country", "project"), "")
    filters.update(period=request.GET.get("period", "").strip(), public=False, unique=False)
    latest = framework.rounds.order_by("-starts_on").first()
    try:
        period = framework.period(filters["period"] or (latest.period if latest else ""))
        filters["period"] = period.label
        report = run_report(name, framework.program, period, framework=framework)
    except (PeriodError, UnsupportedOption) as error:
        return None, framework.program, filters, str(error)
    return report, framework.program, filters, None


def _query(program, filters) -> str:
    params = {"program": program.code, "period": filters["period"]}
    params.update({key: filters[key] for key in ("country", "project") if filters[key]})
    for option in ("unique", "public"):
        if filters[option]:
            params[option] = "1"
    return urlencode(params)


@login_required
def report_list(request):
    program = current_program(request)
    reports = [spec for spec in REPORTS.values() if not spec.per_framework]
    return render(
        request,
        "reports/index.html",
        {"program": program, "reports": reports, "programs": programs_of(request.user)},
    )


@login_required
def report_page(request, name):
    if name in REPORTS and REPORTS[name].per_framework:
        # a framework's reports live on its round pages
        report, _program, filters, _error = _run(request, name)
        code = request.GET.get("framework", "")
        return redirect(reverse("framework-round", args=[code, filters["period"]]))
    report, program, filters, error = _run(request, name)
    query = _query(program, filters)
    downloads = [
        (fmt, reverse("report-download", args=[name, fmt]) + "?" + query) for fmt in RENDERERS
    ]
    table, chart = "", ""
    if report is not None:
        table, chart = remembered(
            ("page", *_report_key(name, program, report.period, filters)),
            lambda: (html_table(report), report.chart() or ""),
        )
    return render(
        request,
        "reports/report.html",
        {
            "spec": REPORTS[name],
            "program": program,
            "report": report,
            "table": mark_safe(table),  # noqa: S308 (escaped by html_table)
            "chart": mark_safe(chart),  # noqa: S308 (escaped by the chart)
            "filters": filters,
            "error": error,
            "downloads": downloads,
            "countries": Country.objects.filter(asean_order__isnull=False),
            "projects": program.projects.all(),
        },
    )


@login_required
def report_download(request, name, fmt):
    if fmt not in RENDERERS:
        raise Http404
    report, program, filters, error = _run(request, name)
    if report is None:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    try:
        if fmt == "pdf":  # seconds to make: made once per report, filters and data version
            what = ("report", name, program.pk, _query(program, filters), get_language())
            body, _cached = cached_pdf(what, lambda: render_format(report, fmt), user=request.user)
        else:
            body = render_format(report, fmt)
    except TooManyPdfs:
        return too_many_pdfs()
    except OutputUnavailable as unavailable:
        return HttpResponse(str(unavailable), status=503, content_type="text/plain; charset=utf-8")
    if fmt == "csv":
        body = EXCEL_BOM + body
    response = HttpResponse(body, content_type=RENDERERS[fmt].content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename(report, fmt)}"'
    return response
