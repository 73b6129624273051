"""The grants pages: thin views over ctip.grants.access, actions and queries."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ctip.accounts.access import NotFound, programs_of
from ctip.lib.periods import PeriodError
from ctip.reports import queries as report_queries
from ctip.web.programs import current_program

from . import access, actions, queries
from .models import ReportEvidence


def _period(request, program):
    try:
        label = request.GET.get("period", "").strip()
        return (
            program.period(label)
            if label
            else report_queries.default_period(program, timezone.localdate())
        )
    except PeriodError:
        return report_queries.default_period(program, timezone.localdate())


@login_required
def grant_list(request):
    """The program's grants with their numbers for the period; a grantee's focal point sees
    its own grant only."""
    own = [
        grant
        for grant in access.grants_for(request.user).select_related("grantee")
        if access.is_focal_point(request.user, grant)
    ]
    program = period = None
    lines = []
    if programs_of(request.user).exists():
        program = current_program(request)
        period = _period(request, program)
        lines = queries.grant_lines(program, period)
    return render(
        request,
        "grants/list.html",
        {
            "own": own,
            "program": program,
            "period": period,
            "lines": lines,
            "may_manage": program is not None and access.can_manage(request.user, program),
        },
    )


@login_required
def grant_detail(request, code):
    grant = access.access_grant(request.user, code)
    return render(
        request,
        "grants/detail.html",
        {
            "grant": grant,
            "tranches": grant.tranches.all(),
            "reports": access.reports_for(request.user, grant),
            "events": grant.events.order_by("start_date"),
            "may_manage": access.can_manage(request.user, grant.program),
        },
    )


@login_required
def report_detail(request, report_id):
    report = access.access_report(request.user, report_id)
    program = report.grant.program
    return render(
        request,
        "grants/report.html",
        {
            "report": report,
            "figures": report.figures.all(),
            "evidence": report.evidence.all(),
            "may_fill": access.can_fill(request.user, report) and report.editable,
            "may_review": access.can_review(request.user, report)
            and report.status == report.Status.SUBMITTED,
            "projects": program.projects.all(),
            "outcomes": program.outcomes.filter(level="io"),
            "tagged_projects": set(report.projects.values_list("pk", flat=True)),
            "tagged_outcomes": set(report.outcomes.values_list("pk", flat=True)),
            "blank_figures": range(3),
        },
    )


def _figures(post) -> list[tuple[str, Decimal]]:
    figures = []
    for label, value in zip(
        post.getlist("figure_label"), post.getlist("figure_value"), strict=False
    ):
        if not label.strip() and not value.strip():
            continue
        try:
            figures.append((label, Decimal(value.strip().replace(",", ""))))
        except InvalidOperation:
            raise actions.GrantRefused(
                _('"%(value)s" is not a number (for "%(label)s")')
                % {"value": value, "label": label}
            ) from None
    return figures


@login_required
@require_POST
def report_save(request, report_id):
    report = access.access_report(request.user, report_id)
    if not access.can_fill(request.user, report):
        raise PermissionDenied
    program = report.grant.program
    try:
        actions.do_save_report(
            report,
            request.user,
            narrative=request.POST.get("narrative", ""),
            figures=_figures(request.POST),
            projects=list(program.projects.filter(pk__in=_ids(request.POST, "projects"))),
            outcomes=list(program.outcomes.filter(pk__in=_ids(request.POST, "outcomes"))),
        )
        if request.POST.get("submit"):
            actions.do_submit_report(report, request.user)
            messages.success(request, _("Report submitted."))
        else:
            messages.success(request, _("Saved."))
    except actions.GrantRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("grant-report", report.pk)


def _ids(post, name) -> list[int]:
    return [int(value) for value in post.getlist(name) if value.isdigit()]


@login_required
@require_POST
def report_review(request, report_id):
    report = access.access_report(request.user, report_id)
    if not access.can_review(request.user, report):
        raise PermissionDenied
    try:
        if request.POST.get("decision") == "approve":
            actions.do_approve_report(report, request.user)
            messages.success(request, _("Report approved."))
        else:
            actions.do_return_report(report, request.user, request.POST.get("comment", ""))
            messages.success(request, _("Report returned to the grantee."))
    except actions.GrantRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("grant-report", report.pk)


@login_required
@require_POST
def evidence_add(request, report_id):
    report = access.access_report(request.user, report_id)
    if not access.can_fill(request.user, report):
        raise PermissionDenied
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file."))
        return redirect("grant-report", report.pk)
    if upload.size > actions.MAX_EVIDENCE_BYTES:
        messages.error(request, _("An evidence file may hold up to 10 MB."))
        return redirect("grant-report", report.pk)
    try:
        actions.do_add_evidence(
            report, request.user, upload.name, upload.read(), upload.content_type or ""
        )
        messages.success(request, _("File added."))
    except actions.GrantRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("grant-report", report.pk)


@login_required
def evidence_file(request, evidence_id):
    evidence = ReportEvidence.objects.filter(pk=evidence_id).select_related("report").first()
    if evidence is None:
        raise NotFound
    access.access_report(request.user, evidence.report_id)
    response = HttpResponse(bytes(evidence.content), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, evidence.file_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def counting(request):
    """The program's choice whether grantees' events count in its reports."""
    program = current_program(request)
    if not access.can_manage(request.user, program):
        raise PermissionDenied
    actions.do_set_counts_grantee_events(program, request.user, request.POST.get("counts") == "yes")
    messages.success(request, _("Saved."))
    return redirect("grant-list")
