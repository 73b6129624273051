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
