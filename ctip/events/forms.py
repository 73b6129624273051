"""The event form staff fill in on the web; views hand its cleaned data to the actions."""

from __future__ import annotations

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from ctip.countries.models import Country
from ctip.organisations.models import Organisation
from ctip.programs.models import Outcome

from .codes import new_code_refusal
from .models import Event


def countries_in_order(codes: set[str] | None = None):
    """Countries with the ASEAN members and ASEAN/regional first (CODES: only those)."""
    countries = Country.objects.order_by(F("asean_order").asc(nulls_last=True), "name")
    if codes is not None:
        countries = countries.filter(code__in=codes)
    return countries


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "title",
            "code",
            "start_date",
            "end_date",
            "country",
            "place",
            "modality",
            "event_type",
            "project",
            "outcomes",
            "lead_partner",
            "co_organisers",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "outcomes": forms.CheckboxSelectMultiple,
            "co_organisers": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {"end_date": _("Leave empty for a one-day event.")}
        labels = {
            "project": _("Project"),
            "lead_partner": _("Lead partner"),
            "co_organisers": _("Co-organisers"),
        }

    def __init__(self, *args, program, country_codes: set[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.country_codes = country_codes
        self.fields["end_date"].required = False
        self.fields["country"].queryset = countries_in_order(country_codes)
        self.fields["country"].empty_label = None if country_codes else "—"
        self.fields["project"].queryset = program.projects.all()
        self.fields["outcomes"].queryset = program.outcomes.filter(
            level=Outcome.Level.INTERMEDIATE
        ).order_by("number")
        self.fields["outcomes"].label_from_instance = lambda o: f"{o.number}. {o.title}"
        organisations = Organisation.objects.select_related("country").order_by("name")
        self.fields["lead_partner"].queryset = organisations
        self.fields["co_organisers"].queryset = organisations
        self.fields["co_organisers"].required = False
        self.fields["outcomes"].required = False

    def clean_code(self):
        return self.cleaned_data["code"].strip()

    def _check_code(self, code: str, country) -> None:
        # The shape first, from the user's countries alone: a country officer never learns
        # whether another country's event holds an ID (ctip/events/codes.py).
        renamed = not self.instance.pk or code != self.instance.code
        if not renamed and country.code == self.instance.country_id:
            return
        refusal = new_code_refusal(code, country.code, self.country_codes)
        if refusal:
            self.add_error("code", refusal)
            return
        if not renamed:
            return
        taken = Event.objects.filter(program=self.program, code=code)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            self.add_error("code", _("Another event of this program has this event ID."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("code") and cleaned.get("country"):
            self._check_code(cleaned["code"], cleaned["country"])
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and not end:
            cleaned["end_date"] = start
        elif start and end and end < start:
            self.add_error("end_date", _("The event cannot end before it starts."))
        return cleaned

    def _post_clean(self):
        # The actions validate the model; here only the form's own checks run, so that
        # the instance is not half-changed before the action sees it.
        pass

    def action_arguments(self) -> dict:
        """The cleaned data as keyword arguments for do_create_event / do_update_event."""
        data = self.cleaned_data
        return {
            "code": data["code"],
            "title": data["title"],
            "start_date": data["start_date"],
            "end_date": data["end_date"],
            "country_code": data["country"].code,
            "place": data["place"],
            "modality": data["modality"],
            "event_type": data["event_type"],
            "project": data["project"],
            "lead_partner": data["lead_partner"],
            "outcomes": list(data["outcomes"]),
            "co_organisers": list(data["co_organisers"]),
        }
