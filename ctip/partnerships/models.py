from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class CountryPartnership(models.Model):
    """Who the program works with in one country: its focal point and key partners, as the
    country fact sheet names them."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="country_partnerships"
    )
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT)
    focal_point = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="focal_point_of",
        verbose_name=_("focal point"),
    )
    key_partners = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="key_partner_of",
        verbose_name=_("key partners"),
    )

    class Meta:
        ordering = ["program", "country__asean_order", "country__name"]
        verbose_name = _("country partnership")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "country"], name="one_partnership_per_country"
            )
        ]

    def __str__(self) -> str:
        return f"{self.program} in {self.country}"

    def clean(self) -> None:
        if self.focal_point_id and self.focal_point.country_id not in (None, self.country_id):
            raise ValidationError(
                {"focal_point": _("The focal point must be an organisation of this country.")}
            )


from auditlog.registry import auditlog  # noqa: E402

auditlog.register(CountryPartnership, m2m_fields={"key_partners"})
