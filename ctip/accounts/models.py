from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    MEL_OFFICER = "mel-officer", _("MEL officer")
    COUNTRY_OFFICER = "country-officer", _("Country officer")
    VIEWER = "viewer", _("Viewer")


class Membership(models.Model):
    """A user's role in one program; country officers also have their countries."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    countries = models.ManyToManyField(
        "countries.Country", blank=True, help_text=_("Only for country officers.")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "program"], name="one_role_per_program")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.program.code}"


class Preferences(models.Model):
    """What we know of how a user wants to be addressed: the language their mail is written in
    (set by the invitation, then by the language they last logged in with)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences"
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)

    def __str__(self) -> str:
        return f"{self.user} – {self.language}"


class Invitation(models.Model):
    """An administrator's invitation to a new account: the link in the mail (a signed token
    naming this row) sets the password once, before CTIP_INVITATION_DAYS have passed. Only a
    user's latest invitation counts: sending again voids the earlier links."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"invitation of {self.user} at {self.sent_at:%Y-%m-%d %H:%M}"


class EmailChange(models.Model):
    """A new e-mail address waiting for its owner to follow the link sent to it; the address
    on the account changes only then."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_changes"
    )
    new_email = models.EmailField()
    requested_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"e-mail change of {self.user} at {self.requested_at:%Y-%m-%d %H:%M}"
