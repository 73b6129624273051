"""Forms of the case pages: the case, a stage decision, the harmonised screening form (with the
Washington Group Short Set), consent, a referral, break glass."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .actions import REFERRABLE_FIELDS, SCREENING_FIELDS
from .models import (
    WGSS_QUESTIONS,
    Agency,
    Case,
    ConsentPurpose,
    DecisionMakingOrg,
    Difficulty,
    Gender,
    MethodOfControl,
    MethodOfRecruitment,
    Stage,
    StageOutcome,
    Support,
    TypeOfExploitation,
    TypeOfTrafficking,
    VulnerableGroup,
)


class DateInput(forms.DateInput):
    input_type = "date"


def _multiple(label, choices) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


CASE_FORM_FIELDS = [
    "first_name",
    "second_name",
    "birth_date",
    "gender",
    "birth_year",
    "age_at_identification",
    "citizenship",
    "mobile_phone",
    "email",
    "mailing_street",
    "mailing_city",
    "mailing_country",
    "identity_documents",
    "type_of_exploitation",
    "type_of_trafficking",
    "vulnerable_groups",
    "support_received",
    "location_of_recruitment",
    "location_of_exploitation",
    "status",
    "closed_on",
    "reason_for_case_closure",
    "notes",
]


class CaseForm(forms.ModelForm):
    type_of_exploitation = _multiple(_("Form of exploitation"), TypeOfExploitation.choices)
    vulnerable_groups = _multiple(_("Vulnerable group"), VulnerableGroup.choices)
    support_received = _multiple(_("Support received"), Support.choices)

    class Meta:
        model = Case
        fields = CASE_FORM_FIELDS
        widgets = {
            "birth_date": DateInput(),
            "closed_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "identity_documents": forms.Textarea(attrs={"rows": 2}),
            "first_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "second_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "mobile_phone": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
            "email": forms.TextInput(attrs={"autocomplete": "off"}),
            "mailing_street": forms.TextInput(attrs={"autocomplete": "off"}),
            "mailing_city": forms.TextInput(attrs={"autocomplete": "off"}),
            "mailing_country": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def clean_citizenship(self):
        return (self.cleaned_data.get("citizenship") or "").strip().upper()


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    deciding_organisation = forms.CharField(label=_("Deciding organisation"), max_length=300)
    deciding_organisation_type = forms.ChoiceField(
        label=_("Type of deciding organisation"),
        choices=[("", "—"), *DecisionMakingOrg.choices],
        required=False,
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=StageOutcome.choices)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ScreeningForm(forms.Form):
    """The harmonised victim screening form: who the person is (no name), the indicators of
    trafficking, the six questions of the Washington Group Short Set, and the decision. It
    holds no name and no free text, so that its draft may wait on the phone while offline."""

    date = forms.DateField(label=_("Date of screening"), widget=DateInput())
    deciding_organisation = forms.CharField(label=_("Screening organisation"), max_length=300)
    deciding_organisation_type = forms.ChoiceField(
        label=_("Type of organisation"),
        choices=[("", "—"), *DecisionMakingOrg.choices],
        required=False,
    )
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", "—"), *Gender.choices], required=False
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth"), required=False, min_value=1900, max_value=2100
    )
    citizenship = forms.CharField(
        label=_("Citizenship (country code)"), max_length=2, required=False
    )
    method_of_recruitment = _multiple(
        _("How was the person recruited?"), MethodOfRecruitment.choices
    )
    methods_of_control = _multiple(_("Methods of control"), MethodOfControl.choices)
    type_of_exploitation = _multiple(_("Form of exploitation"), TypeOfExploitation.choices)
    type_of_trafficking = forms.ChoiceField(
        label=_("Type of trafficking"),
        choices=[("", "—"), *TypeOfTrafficking.choices],
        required=False,
    )
    vulnerable_groups = _multiple(_("Vulnerable group"), VulnerableGroup.choices)
    outcome = forms.ChoiceField(
        label=_("Outcome of screening"),
        choices=[
            (StageOutcome.PROCEED, _("Screened in: refer for identification")),
            (StageOutcome.NOT_TRAFFICKED, _("Screened out")),
            (StageOutcome.REFERRED, StageOutcome.REFERRED.label),
            (StageOutcome.DECLINED, StageOutcome.DECLINED.label),
            (StageOutcome.PENDING, StageOutcome.PENDING.label),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, question in WGSS_QUESTIONS.items():
            self.fields[name] = forms.ChoiceField(
                label=question,
                choices=Difficulty.choices,
                required=False,
                widget=forms.RadioSelect,
            )
        # the questionnaire's order: decision fields last
        order = [
            "date",
            "deciding_organisation",
            "deciding_organisation_type",
            "gender",
            "birth_year",
            "citizenship",
            "method_of_recruitment",
            "methods_of_control",
            "type_of_exploitation",
            "type_of_trafficking",
            "vulnerable_groups",
            *WGSS_QUESTIONS,
            "outcome",
        ]
        self.order_fields(order)

    def clean_citizenship(self):
        return (self.cleaned_data.get("citizenship") or "").strip().upper()

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            name: data.get(name) if data.get(name) is not None else "" for name in SCREENING_FIELDS
        }

    @property
    def wgss_fields(self):
        return [self[name] for name in WGSS_QUESTIONS]


FIELD_LABELS = {name: Case._meta.get_field(name).verbose_name for name in REFERRABLE_FIELDS}


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("Purpose"), choices=ConsentPurpose.choices, widget=forms.RadioSelect
    )
    given = forms.TypedChoiceField(
        label=_("The person's answer"),
        choices=[("yes", _("Consents")), ("no", _("Refuses"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    to_agency = forms.ModelChoiceField(
        label=_("Agency (for a referral)"), queryset=Agency.objects.none(), required=False
    )
    fields = forms.MultipleChoiceField(
        label=_("Fields the person agrees to share with that agency"),
        choices=[(name, label) for name, label in FIELD_LABELS.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].queryset = Agency.objects.exclude(pk=agency.pk)

    def clean(self):
        data = super().clean()
        if data.get("purpose") == ConsentPurpose.REFERRAL and not data.get("to_agency"):
            self.add_error("to_agency", _("Name the agency the person may be referred to."))
        if data.get("purpose") != ConsentPurpose.REFERRAL:
            data["to_agency"] = None
            data["fields"] = []
        return data


class ReferralForm(forms.Form):
    fields = forms.MultipleChoiceField(
        label=_("Fields to send"), widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(label=_("Reason for referral"), max_length=300, required=False)

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields"].choices = [(name, FIELD_LABELS[name]) for name in allowed]
        self.fields["fields"].initial = list(allowed)


class AnswerForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class BreakGlassForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.all())
    reference = forms.CharField(label=_("Case reference"), max_length=60)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why you need this case now. The reason is recorded and reviewed."),
    )


class WorkersForm(forms.Form):
    workers = forms.MultipleChoiceField(
        label=_("Case workers"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workers"].choices = [(str(m.pk), m.username) for m in memberships]
