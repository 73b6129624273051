"""Forms staff use to record who attended an event."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ctip.events.forms import countries_in_order
from ctip.organisations.models import Organisation

from .models import Attendance, Sex


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), choices=Attendance.Role.choices, initial=Attendance.Role.PARTICIPANT
    )


class ExistingAttendeeForm(RoleForm):
    person = forms.IntegerField(widget=forms.HiddenInput)


class NewAttendeeForm(RoleForm):
    full_name = forms.CharField(
        label=_("Name (as the person writes it, any script)"), max_length=200
    )
    romanised_name = forms.CharField(
        label=_("Name in Latin script"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to transliterate the name automatically."),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.NOT_SPECIFIED)
    country = forms.ModelChoiceField(
        label=_("Country of origin"), queryset=None, required=False, empty_label="—"
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, required=False, empty_label="—"
    )
    new_organisation = forms.CharField(
        label=_("… or an organisation not in the list"), max_length=300, required=False
    )
    new_organisation_type = forms.ChoiceField(
        label=_("Its type"),
        choices=[("", "—"), *Organisation.Type.choices],
        required=False,
    )
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    consent_given = forms.BooleanField(
        label=_("The person consents to the use of their data"),
        required=True,
        error_messages={"required": _("Without the person's consent nothing can be recorded.")},
    )
    consent_version = forms.CharField(
        label=_("Consent wording version"),
        max_length=20,
        initial="v1",
        help_text=_("The version of the consent wording the person agreed to."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = countries_in_order().exclude(code="ASEAN")
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_organisation", "").strip() and not cleaned.get("organisation"):
            if not cleaned.get("new_organisation_type"):
                self.add_error("new_organisation_type", _("Choose the organisation's type."))
        return cleaned

    def organisation_to_create(self) -> tuple[str, str] | None:
        name = self.cleaned_data.get("new_organisation", "").strip()
        return (name, self.cleaned_data["new_organisation_type"]) if name else None

    def person_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "full_name": data["full_name"],
            "romanised_name": data["romanised_name"],
            "sex": data["sex"],
            "country_code": data["country"].code if data["country"] else None,
            "organisation": data["organisation"],
            "position": data["position"],
            "email": data["email"],
            "phone": data["phone"],
            "consent_given": data["consent_given"],
            "consent_version": data["consent_version"],
        }
