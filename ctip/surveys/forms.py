"""The public survey forms: phone-first, anonymous, in the respondent's language."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ctip.countries.models import Country

from .models import Likert, Statement

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")

# Fully agree first: the order in which the annual report reads the scale.
SCALE = [(str(value), label) for value, label in Likert.choices]

QUOTE_AS_CHOICES = [
    ("anonymous", _("Without my name")),
    ("named", _("With the words I write below")),
]


def statement_text(statement: Statement) -> str:
    """The statement in the active language when a translator has translated its wording
    (the default statements are); a program's own wording stays as written."""
    return gettext(statement.text)


class _SurveyForm(forms.Form):
    """Hidden submission token and language, a five-point question per active statement,
    free text, and consent to quote with the attribution the respondent chose."""

    submission_token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    lang = forms.CharField(widget=forms.HiddenInput, required=False, max_length=8)
    free_text = forms.CharField(
        label=_("Anything else you would like to tell us?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    may_quote = forms.BooleanField(
        label=_("You may quote my words in the program's reports."), required=False
    )
    quote_as = forms.ChoiceField(
        label=_("If you quote me, name me"),
        choices=QUOTE_AS_CHOICES,
        required=False,
        initial="anonymous",
        widget=forms.RadioSelect,
    )
    quote_name = forms.CharField(
        label=_("How should we name you?"),
        help_text=_("For example: “Police officer, Thailand”."),
        required=False,
        max_length=150,
    )

    def __init__(self, *args, statements, **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = list(statements)
        for statement in self.statements:
            self.fields[f"s_{statement.code}"] = forms.TypedChoiceField(
                label=statement_text(statement),
                choices=SCALE,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )

    @property
    def statement_fields(self):
        return [self[f"s_{statement.code}"] for statement in self.statements]

    def clean_submission_token(self):
        token = self.cleaned_data["submission_token"]
        if not _TOKEN.match(token):
            raise forms.ValidationError(_("Please reload the page and try again."))
        return token

    def clean(self):
        cleaned = super().clean()
        if not self.answers() and not cleaned.get("free_text", "").strip():
            raise forms.ValidationError(_("Please answer at least one question."))
        if (
            cleaned.get("may_quote")
            and cleaned.get("quote_as") == "named"
            and not cleaned.get("quote_name", "").strip()
        ):
            self.add_error("quote_name", _("Please write how we should name you."))
        return cleaned

    def answers(self) -> dict[str, int]:
        """Statement code → Likert value, for the statements answered."""
        return {
            statement.code: self.cleaned_data[f"s_{statement.code}"]
            for statement in self.statements
            if self.cleaned_data.get(f"s_{statement.code}") not in (None, "")
        }

    def anonymous_attribution(self) -> str:
        raise NotImplementedError

    def attribution(self) -> str:
        """The name under which a quote may appear; empty without consent to quote."""
        if not self.cleaned_data.get("may_quote"):
            return ""
        if self.cleaned_data.get("quote_as") == "named":
            return " ".join(self.cleaned_data["quote_name"].split())
        return self.anonymous_attribution()

    def response_fields(self) -> dict:
        """The keyword arguments of do_record_response this form gives."""
        return {
            "answers": self.answers(),
            "free_text": self.cleaned_data.get("free_text", ""),
            "agreed_to_be_quoted": bool(self.cleaned_data.get("may_quote")),
            "quote_attribution": self.attribution(),
        }


class FeedbackForm(_SurveyForm):
    """A participant's feedback on one event: nothing in it names the person."""

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event

    def anonymous_attribution(self) -> str:
        # Stored in English, as reports print it.
        if self.event.country.is_regional:
            return "Event participant"
        return f"Event participant, {self.event.country.name}"


class PartnerSurveyForm(_SurveyForm):
    """A partner organisation's answers for the year."""

    organisation = forms.CharField(
        label=_("Your organisation"),
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), empty_label="—"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.filter(is_asean_member=True)
        self.fields["free_text"].label = _("An example of change")
        self.fields["free_text"].help_text = _(
            "What has changed in your organisation's work thanks to the program's support? "
            "Please give one example."
        )

    def anonymous_attribution(self) -> str:
        return f"Partner from {self.cleaned_data['country'].name}"

    def response_fields(self) -> dict:
        return {
            **super().response_fields(),
            "respondent_organisation": " ".join(self.cleaned_data["organisation"].split()),
            "respondent_country": self.cleaned_data["country"].code,
        }


class SurveyLinkForm(forms.Form):
    period_label = forms.CharField(
        label=_("Period"), max_length=40, help_text=_("e.g. FY2024-25 or 2025.")
    )
    closes_on = forms.DateField(
        label=_("Open until"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program

    def clean_period_label(self):
        from ctip.lib.periods import PeriodError

        label = self.cleaned_data["period_label"].strip()
        try:
            return self.program.period(label).label
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None
