from django.db import models
from django.utils.translation import gettext_lazy as _

from ctip.lib.countries import OUTSIDE_ASEAN, REGIONAL_CODE


class Country(models.Model):
    """An ISO 3166 country, or the "ASEAN/regional" pseudo-location for regional events."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    alpha3 = models.CharField(max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=100)
    is_asean_member = models.BooleanField(default=False)
    asean_order = models.PositiveSmallIntegerField(null=True, blank=True)
    member_since = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=8, blank=True)

    class Meta:
        ordering = ["asean_order", "name"]
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    @property
    def is_regional(self) -> bool:
        return self.code == REGIONAL_CODE

    @property
    def report_name(self) -> str:
        """The row a person from this country falls in, in the program's tables."""
        if self.is_asean_member or self.is_regional:
            return self.name
        return OUTSIDE_ASEAN
