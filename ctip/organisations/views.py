"""The page where MEL officers and administrators confirm or merge self-registered
organisations (ctip/organisations/confirmation.py)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ctip.accounts.access import WHOLE_PROGRAM_ROLES, role_in
from ctip.people.models import Attendance
from ctip.web.programs import current_program

from .confirmation import do_confirm_organisation, do_merge_organisation, unconfirmed_organisations
from .models import Organisation


class ConfirmForm(forms.Form):
    type = forms.ChoiceField(label=_("Type"), choices=Organisation.Type.choices)
    into = forms.ModelChoiceField(
        label=_("or the same as"),
        queryset=Organisation.objects.filter(confirmed=True),
        required=False,
        empty_label="—",
    )


def _reviewer_program(request):
    program = current_program(request)
    if role_in(request.user, program) not in WHOLE_PROGRAM_ROLES:
        raise PermissionDenied
    return program


@login_required
def unconfirmed(request):
    program = _reviewer_program(request)
    organisations = [
        (
            organisation,
            Attendance.objects.filter(organisation=organisation).count(),
            ConfirmForm(initial={"type": organisation.type}, prefix=str(organisation.pk)),
        )
        for organisation in unconfirmed_organisations(program)
    ]
    return render(request, "organisations/unconfirmed.html", {"organisations": organisations})


@login_required
@require_POST
def confirm(request, organisation_id):
    program = _reviewer_program(request)
    organisation = get_object_or_404(unconfirmed_organisations(program), pk=organisation_id)
    form = ConfirmForm(request.POST, prefix=str(organisation.pk))
    if form.is_valid():
        if form.cleaned_data["into"] is not None:
            do_merge_organisation(organisation, into=form.cleaned_data["into"])
        else:
            do_confirm_organisation(organisation, kind=form.cleaned_data["type"])
    return redirect("organisations-unconfirmed")
