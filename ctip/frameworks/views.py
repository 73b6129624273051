"""The partner frameworks' pages: thin views over ctip.frameworks.access, actions and queries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ctip.accounts.access import NotFound
from ctip.lib.periods import PeriodError
from ctip.reports.registry import REPORTS, run_report
from ctip.reports.renderers import html_table

from . import access, actions, charts, queries
from .exchange import ExchangeError, export_dhis2, import_values, template_workbook
from .files import FileProblem, read_definition, write_definition
from .models import Evidence, UnitReport

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


def _readable(request, code):
    framework = access.access_framework(request.user, code)
    if not access.can_read_aggregates(request.user, framework):
        raise NotFound
    return framework


@login_required
def framework_list(request):
    frameworks = access.frameworks_for(request.user).select_related("program")
    rows = []
    for framework in frameworks:
        latest = framework.rounds.order_by("-starts_on").first()
        rates = queries.reporting_rates(latest) if latest else []
        rows.append(
            {
                "framework": framework,
                "latest": latest,
                "expected": len(rates),
                "submitted": sum(rate.submitted for rate in rates),
                "mine": access.reports_for(request.user, framework).filter(
                    status__in=(UnitReport.Status.DRAFT, UnitReport.Status.RETURNED)
                )
                if access.focal_units(request.user, framework)
                else [],
            }
        )
    from ctip.accounts.access import WHOLE_PROGRAM_ROLES, programs_of, role_in

    may_load = any(
        role_in(request.user, program) in WHOLE_PROGRAM_ROLES
        for program in programs_of(request.user)
    )
    return render(request, "frameworks/list.html", {"rows": rows, "may_load": may_load})


@login_required
def framework_file(request, code):
    """The framework as its YAML file (docs/frameworks.md), for its managers."""
    framework = access.access_framework(request.user, code)
    if not access.can_manage(request.user, framework):
        raise NotFound
    response = HttpResponse(
        write_definition(framework), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(True, f"{framework.code}.yaml")
    return response


@login_required
@require_POST
def framework_load(request):
    """Load a framework file from the web: a new framework, or a revised one (the same checks
    and rules as `ctip framework load`)."""
    upload = request.FILES.get("file")
    back = request.POST.get("next") or reverse("framework-list")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("framework-list")
    if upload is None or upload.size > MAX_EVIDENCE_BYTES:
        messages.error(request, _("Choose a framework file (YAML, at most 10 MB)."))
        return redirect(back)
    try:
        definition = read_definition(upload.read().decode("utf-8-sig"))
        framework, changed = actions.do_load_framework(definition, request.user)
    except UnicodeDecodeError:
        messages.error(request, _("The file is not text (UTF-8): export the framework as YAML."))
        return redirect(back)
    except FileProblem as problem:
        for line in problem.problems[:50]:
            messages.error(request, line)
        return redirect(back)
    except (actions.FrameworkRefused, PermissionDenied) as refused:
        messages.error(request, str(refused) or _("You may not load this framework."))
        return redirect(back)
    messages.success(
        request,
        _("Loaded: the framework was updated.")
        if changed
        else _("Nothing changed: the file matches the framework."),
    )
    return redirect("framework-detail", code=framework.code)


@login_required
def framework_detail(request, code):
    framework = _readable(request, code)
    rounds = []
    for round_ in framework.rounds.order_by("-starts_on"):
        rates = queries.reporting_rates(round_)
        rounds.append(
            {
                "round": round_,
                "expected": len(rates),
                "submitted": sum(r.submitted for r in rates),
                "on_time": sum(r.on_time for r in rates),
                "approved": sum(r.approved for r in rates),
            }
        )
    context = {
        "framework": framework,
        "rounds": rounds,
        "units": framework.units.filter(retired=False).select_related("parent"),
        "indicators": framework.indicators.filter(retired=False).select_related("area"),
        "can_manage": access.can_manage(request.user, framework),
        "my_reports": access.reports_for(request.user, framework).filter(
            unit_id__in=access.focal_units(request.user, framework)
        ),
    }
    if framework.maturity:
        context["maturity_chart"] = mark_safe(  # noqa: S308 (escaped in charts)
            charts.maturity_comparison(framework)
        )
    return render(request, "frameworks/detail.html", context)


@login_required
@require_POST
def round_open(request, code):
    framework = access.access_framework(request.user, code)
    if not access.can_manage(request.user, framework):
        raise PermissionDenied
    try:
        round_ = actions.do_open_round(
            framework, request.POST.get("period", ""), trial=request.POST.get("trial") == "1"
        )
    except PeriodError as error:
        messages.error(request, str(error))
        return redirect("framework-detail", code=code)
    return redirect("framework-round", code=code, period=round_.period)


def _round(framework, period):
    round_ = framework.rounds.filter(period=period).first()
    if round_ is None:
        raise Http404
    return round_


@login_required
def round_detail(request, code, period):
    framework = _readable(request, code)
    round_ = _round(framework, period)
    rates = run_report(
        "reporting-rates", framework.program, framework.period(period), framework=framework
    )
    values = run_report(
        "framework-values", framework.program, framework.period(period), framework=framework
    )
    visible = set(access.reports_for(request.user, framework).values_list("pk", flat=True))
    reports = [
        (report, report.pk in visible)
        for report in round_.reports.select_related("unit").order_by("unit__order")
    ]
    query = f"?framework={framework.code}&period={round_.period}"
    return render(
        request,
        "frameworks/round.html",
        {
            "framework": framework,
            "round": round_,
            "reports": reports,
            "rates": rates,
            "rates_table": mark_safe(html_table(rates)),  # noqa: S308 (escaped)
            "rates_chart": mark_safe(rates.chart() or ""),  # noqa: S308 (escaped)
            "values_table": mark_safe(html_table(values)),  # noqa: S308 (escaped)
            "downloads": [
                (
                    REPORTS[name].human_name,
                    fmt,
                    reverse("report-download", args=[name, fmt]) + query,
                )
                for name in ("framework-summary", "reporting-rates", "framework-values")
                for fmt in ("csv", "xlsx", "pdf")
            ],
            "can_export": access.can_review(request.user, framework),
        },
    )


@login_required
def round_dhis2(request, code, period):
    framework = access.access_framework(request.user, code)
    if not access.can_review(request.user, framework):
        raise NotFound
    round_ = _round(framework, period)
    body = export_dhis2(framework, round_.period, round_.reports.select_related("unit"))
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = (
        f'attachment; filename="{framework.code}-{round_.period}-dataValueSet.json"'
    )
    return response


@login_required
def indicator_trend(request, code, indicator):
    framework = _readable(request, code)
    found = framework.indicators.filter(code=indicator).first()
    if found is None:
        raise Http404
    unit = request.GET.get("unit") or None
    trend = queries.indicator_trend(framework, found.code, unit)
    return render(
        request,
        "frameworks/indicator.html",
        {
            "framework": framework,
            "indicator": found,
            "trend": trend,
            "unit": unit,
            "units": framework.units.filter(retired=False),
            "chart": mark_safe(charts.trend(found, trend)),  # noqa: S308 (escaped)
        },
    )


def _cells_from(request, report) -> tuple[list, dict]:
    """The form's values: value-CODE[-CATEGORY], comment-CODE[-CATEGORY], narrative-CODE."""
    cells, narratives = [], {}
    for entry in report.round.template:
        for category in ["", *(c for _d, c in entry["categories"])]:
            key = entry["code"] + (f"--{category}" if category else "")
            if f"value-{key}" in request.POST or f"comment-{key}" in request.POST:
                cells.append(
                    (
                        entry["code"],
                        category,
                        request.POST.get(f"value-{key}", ""),
                        request.POST.get(f"comment-{key}", ""),
                    )
                )
        if f"narrative-{entry['code']}" in request.POST:
            narratives[entry["code"]] = request.POST[f"narrative-{entry['code']}"]
    return cells, narratives


def _rows(report) -> list[dict]:
    """The report's form, indicator by indicator, with its values, comments and evidence."""
    cells = {(v.indicator.code, v.category): v for v in report.values.select_related("indicator")}
    narratives = {n.indicator.code: n.text for n in report.narratives.select_related("indicator")}
    comments = {}
    for comment in report.comments.select_related("indicator"):
        comments.setdefault(comment.indicator.code if comment.indicator else None, []).append(
            comment
        )
    evidence = {}
    for item in report.evidence.select_related("indicator").defer("content"):
        evidence.setdefault(item.indicator.code, []).append(item)
    descriptors = {
        i.code: i.descriptors for i in report.round.framework.indicators.all() if i.descriptors
    }
    rows = []
    for entry in report.round.template:
        parts = []
        for category in ["", *(c for _d, c in entry["categories"])]:
            cell = cells.get((entry["code"], category))
            parts.append(
                {
                    "category": category,
                    "key": entry["code"] + (f"--{category}" if category else ""),
                    "value": cell.value if cell else "",
                    "comment": cell.comment if cell else "",
                }
            )
        rows.append(
            {
                **entry,
                "parts": parts,
                "narrative": narratives.get(entry["code"], ""),
                "comments": comments.get(entry["code"], []),
                "evidence": evidence.get(entry["code"], []),
                "descriptors": sorted(
                    descriptors.get(entry["code"], {}).items(), key=lambda item: int(item[0])
                ),
            }
        )
    return rows


@login_required
def report_detail(request, report_id):
    report = access.access_report(request.user, report_id)
    framework = report.round.framework
    can_fill = access.can_fill(request.user, report) and report.editable
    problems = []
    if request.method == "POST":
        if not can_fill:
            raise PermissionDenied
        cells, narratives = _cells_from(request, report)
        actions.do_save_values(report, request.user, cells, narratives)
        if request.POST.get("action") == "submit":
            try:
                actions.do_submit_report(report, request.user)
                messages.success(request, _("Submitted. The reviewers have been told."))
                return redirect("framework-report", report_id=report.pk)
            except actions.ReportInvalid as invalid:
                problems = invalid.problems
        else:
            messages.success(request, _("Draft saved."))
            if request.headers.get("X-CTIP-Draft"):
                return HttpResponse(status=204)  # the page's script reloads it
            return redirect("framework-report", report_id=report.pk)
        report.refresh_from_db()
    return render(
        request,
        "frameworks/report.html",
        {
            "framework": framework,
            "report": report,
            "rows": _rows(report),
            "general_comments": report.comments.filter(indicator__isnull=True),
            "submissions": report.submissions.select_related("submitted_by"),
            "problems": problems,
            "can_fill": can_fill,
            "can_review": access.can_review(request.user, framework)
            and report.status == UnitReport.Status.SUBMITTED,
            "levels": framework.levels,
            "updated": report.updated_at.isoformat(),
        },
        status=400 if problems else 200,
    )


@login_required
@require_POST
def report_review(request, report_id):
    report = access.access_report(request.user, report_id)
    try:
        if request.POST.get("action") == "approve":
            actions.do_approve_report(report, request.user)
            messages.success(request, _("Approved."))
        else:
            comments = {None: request.POST.get("comment", "")}
            for entry in report.round.template:
                comments[entry["code"]] = request.POST.get(f"comment-on-{entry['code']}", "")
            actions.do_return_report(report, request.user, comments)
            messages.success(request, _("Returned to the focal point with your comments."))
    except actions.FrameworkRefused as refused:
        messages.error(request, str(refused))
    return redirect("framework-report", report_id=report.pk)


@login_required
def report_template(request, report_id):
    report = access.access_report(request.user, report_id)
    response = HttpResponse(
        template_workbook(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"{report.round.framework.code}-{report.round.period}-{report.unit.code}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def report_upload(request, report_id):
    report = access.access_report(request.user, report_id)
    upload = request.FILES.get("file")
    if not access.can_fill(request.user, report):
        raise PermissionDenied
    if upload is None or upload.size > MAX_EVIDENCE_BYTES:
        messages.error(request, _("Choose the filled template (xlsx, at most 10 MB)."))
        return redirect("framework-report", report_id=report.pk)
    try:
        import_values(report.round.framework, upload.read(), upload.name, request.user)
        messages.success(request, _("The template's values are in the draft."))
    except ExchangeError as error:
        for problem in error.problems[:50]:
            messages.error(request, problem)
    return redirect("framework-report", report_id=report.pk)


@login_required
@require_POST
def evidence_add(request, report_id):
    report = access.access_report(request.user, report_id)
    upload = request.FILES.get("file")
    indicator = report.round.framework.indicators.filter(code=request.POST.get("indicator")).first()
    if not access.can_fill(request.user, report) or not report.editable:
        raise PermissionDenied
    if upload is None or indicator is None or upload.size > MAX_EVIDENCE_BYTES:
        messages.error(request, _("Choose a file of at most 10 MB for an indicator."))
        return redirect("framework-report", report_id=report.pk)
    Evidence.objects.create(
        report=report,
        indicator=indicator,
        file_name=upload.name[:255],
        content_type=(upload.content_type or "application/octet-stream")[:100],
        content=upload.read(),
        uploaded_by=request.user,
    )
    messages.success(request, _("Evidence added."))
    return redirect("framework-report", report_id=report.pk)


@login_required
def evidence_file(request, evidence_id):
    evidence = Evidence.objects.filter(pk=evidence_id).only("report_id").first()
    if evidence is None:
        raise NotFound
    access.access_report(request.user, evidence.report_id)
    evidence = Evidence.objects.get(pk=evidence_id)
    response = HttpResponse(bytes(evidence.content), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, evidence.file_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
