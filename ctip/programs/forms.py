"""Forms of the program pages: each gives one entry of the program file (docs/programs.md),
so the web and `ctip program load` change a program by the same rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .definition import AGGREGATIONS, INDICATOR_LEVELS, LEVELS

_DATE = forms.DateInput(attrs={"type": "date"})


def _choices(values) -> list[tuple[str, str]]:
    return [(value, value) for value in values]


class ProgramForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    fiscal_year_start_month = forms.IntegerField(
        label=_("Fiscal year starts in month"), min_value=1, max_value=12
    )
    starts_on = forms.DateField(label=_("Starts on"), required=False, widget=_DATE)
    ends_on = forms.DateField(label=_("Ends on"), required=False, widget=_DATE)
    description = forms.CharField(
        label=_("Description for fact sheets (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Translations come with the program file (docs/programs.md)."),
    )

    def entry(self) -> dict:
        return dict(self.cleaned_data)


class ProjectForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("e.g. AA1"))
    name = forms.CharField(label=_("Name"), max_length=200)

    def entry(self) -> dict:
        return {"code": self.cleaned_data["code"].strip(), "name": self.cleaned_data["name"]}


class OutcomeForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=_choices(LEVELS))
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999)
    parent = forms.ChoiceField(label=_("Serves"), required=False)
    title = forms.CharField(label=_("Title (English)"), widget=forms.Textarea(attrs={"rows": 2}))
    since = forms.DateField(
        label=_("A new title takes effect from"),
        required=False,
        widget=_DATE,
        help_text=_("Blank: today. Reports for earlier periods keep the earlier title."),
    )
    introduced_on = forms.DateField(
        label=_("Part of the framework from"), required=False, widget=_DATE
    )
    retired_on = forms.DateField(label=_("Retired on"), required=False, widget=_DATE)

    def __init__(self, *args, parents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", "–"), *_choices(parents)]

    def entry(self) -> dict:
        data = dict(self.cleaned_data)
        data["parent"] = data["parent"] or None
        return {key: value for key, value in data.items() if value not in (None, "")}


class IndicatorForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    title = forms.CharField(label=_("Title"), max_length=300)
    level = forms.ChoiceField(label=_("Level"), choices=_choices(INDICATOR_LEVELS))
    unit = forms.CharField(label=_("Unit"), max_length=40, initial="number")
    disaggregations = forms.CharField(label=_("Disaggregated by"), max_length=200, required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False)
    aggregation = forms.ChoiceField(label=_("Aggregation"), choices=_choices(AGGREGATIONS))
    computed_as = forms.ChoiceField(label=_("Computed as"), required=False)
    baseline = forms.DecimalField(
        label=_("Baseline"), max_digits=14, decimal_places=2, required=False
    )
    baseline_period = forms.CharField(label=_("Baseline period"), max_length=40, required=False)

    def __init__(self, *args, outcomes=(), **kwargs):
        from ctip.results.computed import COMPUTED

        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [("", "–"), *_choices(outcomes)]
        self.fields["computed_as"].choices = [
            ("", _("entered with evidence")),
            *[(name, str(label)) for name, (label, _f) in COMPUTED.items()],
        ]

    def entry(self) -> dict:
        data = dict(self.cleaned_data)
        return {key: value for key, value in data.items() if value not in (None, "")}


class TargetForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"))
    period = forms.CharField(label=_("Period"), help_text=_("e.g. FY2025-26, or LOP"))
    value = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2)

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = _choices(indicators)

    def entry(self) -> dict:
        return dict(self.cleaned_data)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Program file (.yaml or .xlsx)"))
