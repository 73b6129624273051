from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ctip.countries.models import Country

from . import mail
from .models import Role


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        required=False,
        help_text=_("Leave empty to use the part of the address before the @."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"),
        queryset=Country.objects.filter(is_asean_member=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for country officers."),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"), choices=settings.LANGUAGES, initial="en"
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.COUNTRY_OFFICER and not cleaned.get("countries"):
            self.add_error("countries", _("A country officer needs at least one country."))
        return cleaned


class EmailChangeForm(forms.Form):
    new_email = forms.EmailField(label=_("New e-mail address"))
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To make sure it is you."),
    )


class LocalisedPasswordResetForm(PasswordResetForm):
    """Django's reset form, whose mail is ours: written in the user's language and sent from
    another thread (the page takes as long for an address with no account)."""

    request = None  # set by the view before save()

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        user = context["user"]
        path = reverse(
            "password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        message = mail.compose(
            "password_reset",
            to_email,
            {
                "user": user,
                "link": mail.absolute_url(path, self.request),
                "minutes": settings.PASSWORD_RESET_TIMEOUT // 60,
            },
            mail.language_of(user),
        )
        mail.send_in_background(message, user_id=user.pk)
