"""The public registration form: phone-first, anonymous, in the participant's language."""

from __future__ import annotations

import re

from django import forms
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from ctip.events.forms import countries_in_order
from ctip.lib.countries import REGIONAL_CODE
from ctip.organisations.models import Organisation
from ctip.people.models import WG_DOMAINS, Difficulty, Sex
from ctip.web.widgets import QuickRadioSelect, QuickSelect

# The consent wording is versioned: a person's record keeps the version they agreed to.
# Change the wording only by adding a new version and pointing CONSENT_VERSION at it.
CONSENT_WORDING = {
    "qr-1": _(
        "We keep your answers to count who takes part in our events and to make them "
        "better. Only the program's staff can see your name and contact details; reports "
        "show numbers, never names. You can ask the organisers to correct or delete your "
        "details at any time."
    ),
}
CONSENT_VERSION = "qr-1"

# The Washington Group Short Set, worded exactly as the Washington Group publishes it.
WG_QUESTIONS = {
    "seeing": _("Do you have difficulty seeing, even if wearing glasses?"),
    "hearing": _("Do you have difficulty hearing, even if using a hearing aid?"),
    "walking": _("Do you have difficulty walking or climbing steps?"),
    "cognition": _("Do you have difficulty remembering or concentrating?"),
    "self_care": _("Do you have difficulty (with self-care such as) washing all over or dressing?"),
    "communication": _(
        "Using your usual (customary) language, do you have difficulty communicating, "
        "for example understanding or being understood?"
    ),
}

SEX_CHOICES = [
    (Sex.FEMALE, _("Female")),
    (Sex.MALE, _("Male")),
    (Sex.OTHER, _("Other")),
    (Sex.NOT_SPECIFIED, _("Prefer not to say")),
]
CONSENT_CHOICES = [
    ("yes", _("Yes, you may keep my details")),
    ("no", _("No, do not keep my details")),
]

# The ASEAN members' names as Country rows hold them, listed for the catalogues.
ASEAN_COUNTRY_NAMES = (
    gettext_noop("Brunei Darussalam"),
    gettext_noop("Cambodia"),
    gettext_noop("Indonesia"),
    gettext_noop("Laos"),
    gettext_noop("Malaysia"),
    gettext_noop("Myanmar"),
    gettext_noop("Philippines"),
    gettext_noop("Singapore"),
    gettext_noop("Thailand"),
    gettext_noop("Vietnam"),
    gettext_noop("Timor-Leste"),
)


def country_name(country) -> str:
    """COUNTRY's name in the active language: ours for the ASEAN members (the catalogue
    translates them), the ISO 3166 translations that ship with pycountry for the rest."""
    if country.is_asean_member:
        return gettext(country.name)
    language = translation.get_language() or "en"
    if language == "en":
        return country.name
    import gettext as gnu_gettext

    import pycountry

    iso = pycountry.countries.get(alpha_2=country.code)
    if iso is None:
        return country.name
    catalogue = gnu_gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )
    translated = catalogue.gettext(iso.name)
    return translated if translated != iso.name else country.name


_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_PHONE = re.compile(r"^[0-9+()\-. ]{6,40}$")


class SelfRegistrationForm(forms.Form):
    """What a participant tells us about themselves; personal answers only with consent."""

    submission_token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    lang = forms.CharField(widget=forms.HiddenInput, required=False, max_length=8)
    full_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("As you write it, in any script."),
    )
    romanised_name = forms.CharField(
        label=_("Your name in Latin letters"),
        max_length=200,
        required=False,
        help_text=_("Only if your name is not written in Latin letters."),
    )
    sex = forms.ChoiceField(
        label=_("Sex"), choices=SEX_CHOICES, required=False, widget=QuickRadioSelect
    )
    country = forms.ModelChoiceField(
        label=_("Country you come from"),
        queryset=None,
        required=False,
        empty_label="—",
        widget=QuickSelect,
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    organisation_type = forms.ChoiceField(
        label=_("Type of organisation"),
        choices=[("", "—"), *Organisation.Type.choices],
        required=False,
        widget=QuickSelect,
    )
    position = forms.CharField(
        label=_("Position"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    email = forms.EmailField(label=_("Email (optional)"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    consent = forms.ChoiceField(
        label=_("May we keep your details?"),
        choices=CONSENT_CHOICES,
        widget=QuickRadioSelect,
        error_messages={"required": _("Please choose yes or no.")},
    )

    def __init__(self, *args, event_country: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the option needs: 250 countries are built on every form (issue 14).
        self.fields["country"].queryset = (
            countries_in_order().exclude(code=REGIONAL_CODE).only("code", "name", "is_asean_member")
        )
        self.fields["country"].label_from_instance = country_name
        if event_country and event_country != REGIONAL_CODE:
            self.fields["country"].initial = event_country
        for domain in WG_DOMAINS:
            self.fields[f"wg_{domain}"] = forms.ChoiceField(
                label=WG_QUESTIONS[domain],
                choices=Difficulty.choices,
                required=False,
                widget=QuickRadioSelect,
            )

    @property
    def wg_fields(self):
        return [self[f"wg_{domain}"] for domain in WG_DOMAINS]

    @property
    def wg_answered(self) -> bool:
        """Whether any everyday-activities question has an answer (the part opens)."""
        return any(field.value() for field in self.wg_fields)

    @property
    def consent_wording(self):
        return CONSENT_WORDING[CONSENT_VERSION]

    def clean_submission_token(self):
        token = self.cleaned_data["submission_token"]
        if not _TOKEN.match(token):
            raise forms.ValidationError(_("Please reload the page and try again."))
        return token

    def clean_phone(self):
        phone = " ".join(self.cleaned_data["phone"].split())
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError(_("Please write the phone number with digits only."))
        return phone

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("consent") != "yes":
            # Nothing personal will be kept, so a mistyped e-mail must not stand in the way.
            for name in list(self.errors):
                if name != "consent":
                    del self.errors[name]
            return cleaned
        if not cleaned.get("full_name", "").strip():
            self.add_error("full_name", _("Please write your name."))
        if cleaned.get("organisation", "").strip() and not cleaned.get("organisation_type"):
            self.add_error("organisation_type", _("Please choose the type of your organisation."))
        return cleaned

    @property
    def consented(self) -> bool:
        return self.cleaned_data.get("consent") == "yes"

    def answers(self) -> dict | None:
        """What the participant told us, for do_self_register; None without consent, so
        nothing personal goes any further."""
        if not self.consented:
            return None
        data = self.cleaned_data
        return {
            "full_name": data["full_name"].strip(),
            "romanised_name": data["romanised_name"].strip(),
            "sex": data["sex"] or Sex.NOT_SPECIFIED,
            "country_code": data["country"].code if data["country"] else None,
            "organisation_name": " ".join(data["organisation"].split()),
            "organisation_type": data["organisation_type"],
            "position": data["position"].strip(),
            "email": data["email"].strip().lower(),
            "phone": data["phone"],
            **{f"wg_{domain}": data.get(f"wg_{domain}", "") for domain in WG_DOMAINS},
        }


class WindowForm(forms.Form):
    opens_at = forms.DateTimeField(
        label=_("Opens at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty to open at midnight the day before the event starts."),
    )
    closes_days_after = forms.IntegerField(
        label=_("Closes this many days after the event"), min_value=0, max_value=90
    )
