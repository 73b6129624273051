"""Case pages: thin views over ctip.cases.access (who sees what) and ctip.cases.actions.

Every page that shows a case records the read with the fields it showed. A page about a case
the user may not see is the same 404 as a case that does not exist; the whole area is a 404
for anyone who is neither in an agency nor allowed to break glass.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import access, actions
from .forms import (
    CASE_FORM_FIELDS,
    FIELD_LABELS,
    AnswerForm,
    BreakGlassForm,
    CaseForm,
    ConsentForm,
    ReferralForm,
    ScreeningForm,
    StageForm,
    WorkersForm,
)
from .models import (
    IDENTIFYING_FIELDS,
    WGSS_QUESTIONS,
    AgencyMembership,
    AgencyRole,
    Case,
    Consent,
    Stage,
)

LIST_FIELDS = ["reference", "first_name", "second_name", "current_stage", "status"]
CASE_PAGE_FIELDS = [
    "reference",
    *IDENTIFYING_FIELDS,
    "gender",
    "birth_year",
    "age_at_identification",
    "citizenship",
    "trafficking_status",
    "type_of_exploitation",
    "type_of_trafficking",
    "vulnerable_groups",
    "support_received",
    "has_disability",
    *WGSS_QUESTIONS,
    "current_stage",
    "status",
    "stages",
    "consents",
    "referrals",
]


def _member_or_404(request) -> list[AgencyMembership]:
    memberships = access.memberships_of(request.user)
    if not memberships:
        raise access.NotFound
    return memberships


def _case(request, case_id) -> Case:
    return access.access_case(request.user, case_id)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
def case_list(request):
    memberships = access.memberships_of(request.user)
    grants = list(access.active_break_glass(request.user).select_related("case"))
    if not memberships and not grants:
        raise access.NotFound
    cases = list(
        access.cases_for(request.user).prefetch_related("assigned_workers").order_by("reference")
    )
    access.record_case_read(request.user, cases, LIST_FIELDS)
    return render(
        request,
        "cases/list.html",
        {
            "cases": cases,
            "memberships": memberships,
            "manages": any(m.role == AgencyRole.CASE_MANAGER for m in memberships),
            "may_break_glass": access.may_break_glass(request.user),
        },
    )


@login_required
def case_create(request):
    memberships = _member_or_404(request)
    membership = memberships[0]
    if len(memberships) > 1 and request.GET.get("agency"):
        membership = next(
            (m for m in memberships if m.agency.code == request.GET["agency"]), membership
        )
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in CASE_FORM_FIELDS}
        workers = [membership] if membership.role == AgencyRole.CASE_WORKER else []
        try:
            case = actions.do_create_case(
                membership.agency, actor=request.user, workers=workers, **fields
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            return redirect("case-detail", case.pk)
    return render(request, "cases/form.html", {"form": form, "agency": membership.agency})


@login_required
def case_detail(request, case_id):
    case = _case(request, case_id)
    access.record_case_read(request.user, [case], CASE_PAGE_FIELDS)
    role = access.case_role(request.user, case)
    memberships = []
    if role == AgencyRole.CASE_MANAGER:
        memberships = AgencyMembership.objects.filter(agency=case.agency)
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "role": role,
            "grant": access.grant_for(request.user, case),
            "stages": case.stages.all(),
            "consents": case.consents.select_related("to_agency"),
            "referrals": case.referrals_sent.select_related("to_agency"),
            "wgss": [(question, _answer(case, name)) for name, question in WGSS_QUESTIONS.items()],
            "stage_form": StageForm(initial={"stage": case.next_stage or case.current_stage}),
            "workers_form": WorkersForm(
                memberships=memberships,
                initial={"workers": [str(m.pk) for m in case.assigned_workers.all()]},
            )
            if memberships
            else None,
            "identifying": IDENTIFYING_FIELDS,
        },
    )


def _answer(case: Case, name: str) -> str:
    return getattr(case, f"get_{name}_display")() if getattr(case, name) else ""


@login_required
def case_edit(request, case_id):
    case = _case(request, case_id)
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST":
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in CASE_FORM_FIELDS}
            try:
                actions.do_update_case(Case.objects.get(pk=case.pk), actor=request.user, **fields)
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            else:
                return redirect("case-detail", case.pk)
    else:
        access.record_case_read(request.user, [case], CASE_FORM_FIELDS)
    return render(request, "cases/form.html", {"form": form, "case": case, "agency": case.agency})


@login_required
def case_stage(request, case_id):
    case = _case(request, case_id)
    form = StageForm(request.POST or None, initial={"stage": case.next_stage or case.current_stage})
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_record_stage(case, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("The stage is recorded."))
            return redirect("case-detail", case.pk)
    return render(request, "cases/stage.html", {"form": form, "case": case})


@login_required
def case_screening(request, case_id):
    case = _case(request, case_id)
    if request.method == "POST":
        form = ScreeningForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.do_record_screening(
                    case,
                    actor=request.user,
                    date=data["date"],
                    deciding_organisation=data["deciding_organisation"],
                    deciding_organisation_type=data["deciding_organisation_type"],
                    outcome=data["outcome"],
                    answers=form.answers(),
                )
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            else:
                messages.success(request, _("The screening is recorded."))
                return redirect("case-detail", case.pk)
    else:
        initial = {name: getattr(case, name) for name in actions.SCREENING_FIELDS}
        form = ScreeningForm(initial=initial)
        access.record_case_read(request.user, [case], actions.SCREENING_FIELDS)
    return render(
        request,
        "cases/screening.html",
        {"form": form, "case": case, "at_screening": case.current_stage != Stage.PROTECTION},
    )


@login_required
def case_workers(request, case_id):
    case = _case(request, case_id)
    if access.case_role(request.user, case) != AgencyRole.CASE_MANAGER:
        raise access.NotFound
    if request.method != "POST":
        return redirect("case-detail", case.pk)
    memberships = AgencyMembership.objects.filter(agency=case.agency)
    form = WorkersForm(request.POST, memberships=memberships)
    if form.is_valid():
        chosen = memberships.filter(pk__in=[int(pk) for pk in form.cleaned_data["workers"]])
        actions.do_assign_workers(case, chosen, actor=request.user)
        messages.success(request, _("Case workers assigned."))
    return redirect("case-detail", case.pk)


@login_required
def case_consent(request, case_id):
    case = _case(request, case_id)
    form = ConsentForm(request.POST or None, agency=case.agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.do_record_consent(
                case,
                actor=request.user,
                purpose=data["purpose"],
                given=data["given"],
                to_agency=data["to_agency"],
                fields=data["fields"],
                date=data["date"],
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("The person's answer is recorded."))
            return redirect("case-detail", case.pk)
    return render(request, "cases/consent.html", {"form": form, "case": case})


@login_required
@require_POST
def consent_withdraw(request, case_id, consent_id):
    case = _case(request, case_id)
    consent = Consent.objects.filter(case=case, pk=consent_id).first()
    if consent is None:
        raise access.NotFound
    actions.do_withdraw_consent(consent, actor=request.user)
    messages.success(request, _("The consent is withdrawn."))
    return redirect("case-detail", case.pk)


@login_required
def referral_send(request, case_id):
    case = _case(request, case_id)
    consents = [
        consent
        for consent in case.consents.filter(purpose="referral").select_related("to_agency")
        if consent.in_force
    ]
    agencies = {consent.to_agency.code: consent.to_agency for consent in consents}
    agency = agencies.get(request.POST.get("to") or request.GET.get("to") or "")
    form = None
    if agency is not None:
        allowed = actions.referable_fields(case, agency)
        form = ReferralForm(request.POST or None, allowed=allowed)
        if request.method == "POST" and form.is_valid():
            try:
                referral = actions.do_send_referral(
                    case,
                    actor=request.user,
                    to_agency=agency,
                    fields=form.cleaned_data["fields"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            else:
                messages.success(request, _("The referral is sent."))
                return redirect("referral-detail", referral.pk)
    return render(
        request,
        "cases/referral_send.html",
        {"case": case, "agencies": agencies.values(), "agency": agency, "form": form},
    )


@login_required
def referral_list(request):
    _member_or_404(request)
    referrals = list(access.referrals_for(request.user))
    managed = {agency.pk for agency in access.agencies_managed_by(request.user)}
    return render(
        request,
        "cases/referral_list.html",
        {
            "received": [r for r in referrals if r.to_agency_id in managed],
            "sent": [r for r in referrals if r.to_agency_id not in managed],
        },
    )


@login_required
def referral_detail(request, referral_id):
    _member_or_404(request)
    referral = access.access_referral(request.user, referral_id)
    managed = {agency.pk for agency in access.agencies_managed_by(request.user)}
    receiving = referral.to_agency_id in managed
    if request.method == "POST":
        if not receiving:
            raise access.NotFound
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                actions.do_answer_referral(
                    referral,
                    actor=request.user,
                    accept=request.POST.get("answer") == "accept",
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                messages.error(request, _error_text(error))
            return redirect("referral-detail", referral.pk)
    if referral.payload and (receiving or referral.case in access.cases_for(request.user)):
        access.record_case_read(request.user, [referral.case], referral.fields)
    return render(
        request,
        "cases/referral_detail.html",
        {
            "referral": referral,
            "receiving": receiving,
            "values": [
                (_field_label(name), (referral.payload or {}).get(name, ""))
                for name in referral.fields
            ],
            "form": AnswerForm(),
        },
    )


def _field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


@login_required
def audit(request):
    managed = access.agencies_managed_by(request.user)
    if not managed.exists() and not access.is_administrator(request.user):
        raise access.NotFound
    reads = access.reads_for(request.user).select_related("agency", "break_glass")[:500]
    return render(
        request,
        "cases/audit.html",
        {
            "reads": reads,
            "grants": access.break_glass_for_review(request.user)[:200],
            "managed": managed,
        },
    )


@login_required
def break_glass(request):
    if not access.may_break_glass(request.user):
        raise access.NotFound
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case = access.case_for_break_glass(request.user, data["agency"], data["reference"])
        if case is None:
            form.add_error("reference", _("No such case in this agency."))
        else:
            try:
                actions.do_break_glass(case, actor=request.user, reason=data["reason"])
            except ValidationError as error:
                form.add_error("reason", _error_text(error))
            else:
                return redirect("case-detail", case.pk)
    return render(request, "cases/break_glass.html", {"form": form})


@login_required
@require_POST
def break_glass_review(request, grant_id):
    grant = access.break_glass_for_review(request.user).filter(pk=grant_id).first()
    if grant is None:
        raise access.NotFound
    try:
        actions.do_review_break_glass(grant, actor=request.user, note=request.POST.get("note", ""))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("case-audit")


# -- victims' tables: aggregates only --------------------------------------------------------

TABLE_TITLES = {
    "victims-by-sex": gettext_lazy("Victims by sex"),
    "victims-by-age-group": gettext_lazy("Victims by age group"),
    "victims-by-citizenship": gettext_lazy("Victims by citizenship"),
    "victims-by-exploitation": gettext_lazy("Victims by form of exploitation"),
    "victims-by-stage": gettext_lazy("Victims by stage of the referral mechanism"),
    "victims-by-citizenship-and-sex": gettext_lazy("Victims by citizenship and sex"),
    "victims-by-exploitation-and-sex": gettext_lazy("Victims by form of exploitation and sex"),
    "victims-by-age-group-and-sex": gettext_lazy("Victims by age group and sex"),
}
FILTER_LABELS = {
    "country": gettext_lazy("Country of the agency"),
    "year": gettext_lazy("Year first seen by an agency"),
}


def _label(value: str) -> str:
    """A row or column heading of a victims' table, in the reader's language."""
    from .disclosure import ALL, TOTAL, UNKNOWN
    from .models import Stage, TypeOfExploitation

    fixed = {
        TOTAL: _("Total"),
        ALL: _("Unique victims"),
        UNKNOWN: _("Not known"),
        "Several": _("Several forms"),
        "female": _("Female"),
        "male": _("Male"),
        "other or not known": _("Other or not known"),
    }
    if value in fixed:
        return fixed[value]
    for choices in (Stage, TypeOfExploitation):
        if value in choices.values:
            return str(choices(value).label)
    return value


@login_required
def victims_tables(request):
    """The victims' tables through disclosure control, for MEL officers, administrators and
    case managers: suppressed counts of unique victims, never a case; narrowed to one
    country or one year at a time, every table of the family protected together."""
    from .disclosure import FILTERS, TABLES
    from .exchange import may_see_victims_tables, victims_filters, victims_table

    if not may_see_victims_tables(request.user):
        raise access.NotFound
    name = request.GET.get("table", "")
    name = name if name in TABLES else "victims-by-sex"
    narrowed = None
    kind, _sep, value = request.GET.get("filter", "").partition(":")
    if kind in FILTERS and value:
        narrowed = (kind, value)
    table = victims_table(request.user, name, narrowed=narrowed)
    filters = [
        (FILTER_LABELS[kind], [(f"{kind}:{value}", value) for value in values])
        for kind, values in victims_filters(request.user).items()
    ]
    rows = [
        [_label(row), *(table.shown(row, column) for column in table.columns)] for row in table.rows
    ]
    return render(
        request,
        "cases/victims_tables.html",
        {
            "tables": [(key, TABLE_TITLES[key]) for key in TABLES],
            "name": name,
            "title": TABLE_TITLES[name],
            "columns": [_label(column) for column in table.columns],
            "rows": rows,
            "threshold": table.threshold,
            "filters": filters,
            "chosen": f"{narrowed[0]}:{narrowed[1]}" if narrowed else "",
            "narrowed": narrowed and (FILTER_LABELS[narrowed[0]], narrowed[1]),
            "manages": bool(access.agencies_managed_by(request.user).exists()),
        },
    )
