"""The e-learning page: completions by course × language × country × sex, and the program's
choice whether they count as people trained."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ctip.accounts.access import WHOLE_PROGRAM_ROLES, role_in
from ctip.imports.permissions import may_import
from ctip.reports.renderers import html_table
from ctip.web.instruments import period_report
from ctip.web.programs import current_program

from . import actions


@login_required
def elearning_index(request):
    program, period, report, error = period_report(request, "elearning")
    return render(
        request,
        "elearning/index.html",
        {
            "program": program,
            "period": period,
            "table": mark_safe(html_table(report)),  # noqa: S308  (escaped by the renderer)
            "error": error,
            "may_manage": role_in(request.user, program) in WHOLE_PROGRAM_ROLES,
            "may_import": may_import(request.user, program),
        },
    )


@login_required
@require_POST
def counting(request):
    program = current_program(request)
    if role_in(request.user, program) not in WHOLE_PROGRAM_ROLES:
        raise PermissionDenied
    actions.do_set_counts_elearning(program, request.user, request.POST.get("counts") == "yes")
    messages.success(request, _("Saved."))
    return redirect("elearning")
