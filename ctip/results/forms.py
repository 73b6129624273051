from django import forms
from django.utils.translation import gettext_lazy as _

from ctip.programs.models import Outcome

from .models import Evidence, StatusRating


class RatingForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=StatusRating.Status.choices)
    justification = forms.CharField(
        label=_("Justification"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ActualForm(forms.Form):
    value = forms.DecimalField(label=_("Actual"), max_digits=14, decimal_places=2)
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 3}))


class TargetForm(forms.Form):
    period = forms.CharField(label=_("Period"), help_text=_("e.g. FY2025-26, or LOP"))
    value = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2)


class EvidenceForm(forms.ModelForm):
    class Meta:
        model = Evidence
        fields = [
            "kind",
            "title",
            "text",
            "country",
            "date",
            "achievement_type",
            "stage",
            "project",
            "outcomes",
            "speaker",
            "speaker_role",
            "consent_to_publish",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "text": forms.Textarea(attrs={"rows": 4}),
            "outcomes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = program.projects.all()
        self.fields["outcomes"].queryset = Outcome.objects.filter(program=program, level="io")
        self.fields["country"].queryset = self.fields["country"].queryset.filter(
            asean_order__isnull=False
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == Evidence.Kind.ACHIEVEMENT and not data.get("achievement_type"):
            self.add_error("achievement_type", _("An achievement needs its type."))
        if data.get("kind") == Evidence.Kind.QUOTE and not data.get("consent_to_publish"):
            self.add_error(
                "consent_to_publish",
                _("Quotes are recorded only with the speaker's consent to publish."),
            )
        return data
