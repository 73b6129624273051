from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ctip.accounts.access import role_in
from ctip.accounts.models import Role
from ctip.lib.periods import PeriodError
from ctip.programs.models import Outcome
from ctip.web.programs import current_program

from . import actions, queries
from .forms import ActualForm, EvidenceForm, RatingForm, TargetForm
from .models import Indicator, StatusRating

EDITORS = (Role.ADMINISTRATOR, Role.MEL_OFFICER)


def _period(request, program):
    try:
        if request.GET.get("period"):
            return program.period(request.GET["period"])
    except PeriodError:
        pass
    return program.fiscal_year_of(timezone.localdate())


@login_required
def overview(request):
    program = current_program(request)
    period = _period(request, program)
    role = role_in(request.user, program)
    return render(
        request,
        "results/overview.html",
        {
            "program": program,
            "period": period,
            "outcomes": queries.outcome_status(program, period),
            "indicators": queries.indicator_progress(program, period),
            "achievements": queries.achievements(program, period),
            "can_edit": role in EDITORS,
            "can_approve": role == Role.ADMINISTRATOR,
            "ratings": {
                r.outcome.number: r
                for r in StatusRating.objects.filter(
                    outcome__program=program, period=period.label
                ).select_related("outcome")
            },
            "rating_form": RatingForm(),
        },
    )


def _editor(request, program):
    if role_in(request.user, program) not in EDITORS:
        raise PermissionDenied(_("Only the MEL team can change results."))


@login_required
@require_POST
def rate(request, number):
    program = current_program(request)
    _editor(request, program)
    period = _period(request, program)
    outcome = get_object_or_404(Outcome, program=program, level="io", number=number)
    form = RatingForm(request.POST)
    if form.is_valid():
        actions.do_rate_outcome(request.user, outcome, period.label, **form.cleaned_data)
        messages.success(request, _("Rating saved as a draft for approval."))
    else:
        messages.error(request, _("A rating needs a status and a justification."))
    return redirect(f"{reverse('results-overview')}?period={period.label}&program={program.code}")


@login_required
@require_POST
def approve(request, number):
    program = current_program(request)
    if role_in(request.user, program) != Role.ADMINISTRATOR:
        raise PermissionDenied(_("Only an administrator approves ratings."))
    period = _period(request, program)
    rating = StatusRating.objects.filter(
        outcome__program=program, outcome__number=number, outcome__level="io", period=period.label
    ).first()
    if rating is None:
        raise Http404
    actions.do_approve_rating(request.user, rating)
    messages.success(request, _("Rating approved."))
    return redirect(f"{reverse('results-overview')}?period={period.label}&program={program.code}")


@login_required
def indicator(request, code):
    program = current_program(request)
    indicator = get_object_or_404(Indicator, program=program, code=code)
    period = _period(request, program)
    can_edit = role_in(request.user, program) in EDITORS
    actual_form, target_form = ActualForm(), TargetForm(initial={"period": period.label})
    if request.method == "POST":
        _editor(request, program)
        try:
            if "evidence" in request.POST:
                actual_form = ActualForm(request.POST)
                if actual_form.is_valid():
                    actions.do_record_actual(
                        request.user, indicator, period.label, **actual_form.cleaned_data
                    )
                    return redirect(f"{request.path}?period={period.label}")
            else:
                target_form = TargetForm(request.POST)
                if target_form.is_valid():
                    actions.do_set_target(request.user, indicator, **target_form.cleaned_data)
                    return redirect(f"{request.path}?period={period.label}")
        except (ValueError, PeriodError) as error:
            messages.error(request, str(error))
    progress = next(
        row for row in queries.indicator_progress(program, period) if row.code == indicator.code
    )
    return render(
        request,
        "results/indicator.html",
        {
            "program": program,
            "period": period,
            "indicator": indicator,
            "progress": progress,
            "targets": indicator.targets.order_by("period"),
            "actuals": indicator.actuals.order_by("period"),
            "can_edit": can_edit and not indicator.is_computed,
            "can_target": can_edit,
            "actual_form": actual_form,
            "target_form": target_form,
        },
    )


@login_required
def add_evidence(request):
    program = current_program(request)
    _editor(request, program)
    form = EvidenceForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        evidence = form.save(commit=False)
        evidence.program = program
        evidence.save()
        form.save_m2m()
        messages.success(request, _("Evidence recorded."))
        return redirect("results-overview")
    return render(request, "results/evidence_form.html", {"form": form, "program": program})
