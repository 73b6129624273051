from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class Type(models.TextChoices):
        GOVERNMENT_NATIONAL = "government-national", _("National government agency")
        GOVERNMENT_SUBNATIONAL = "government-subnational", _("Subnational government agency")
        NGO_CSO = "ngo-cso", _("NGO/CSO")
        INTERNATIONAL = "international-organisation", _("International organisation")
        REGIONAL = "regional-organisation", _("Regional organisation")
        PRIVATE_SECTOR = "private-sector", _("Private sector")
        ACADEMIC = "academic", _("Academic")

    STATE_TYPES = (Type.GOVERNMENT_NATIONAL, Type.GOVERNMENT_SUBNATIONAL)

    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    type = models.CharField(_("type"), max_length=30, choices=Type.choices)
    is_opd = models.BooleanField(
        _("organisation of people with disability"),
        default=False,
        help_text=_("An NGO/CSO led by and for people with disability."),
    )
    country = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, null=True, blank=True
    )
    confirmed = models.BooleanField(
        _("confirmed"),
        default=True,
        help_text=_(
            "False for an organisation a participant named on the self-registration form, "
            "until a MEL officer confirms its type or merges it into a known one."
        ),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("parent agency"),
        help_text=_("The agency this one belongs to (Bareskrim belongs to POLRI)."),
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="unique_organisation"),
            models.CheckConstraint(
                condition=models.Q(is_opd=False) | models.Q(type="ngo-cso"),
                name="opd_is_ngo_cso",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_state(self) -> bool:
        return self.type in self.STATE_TYPES

    @property
    def stakeholder_group(self) -> str:
        return "state" if self.is_state else "non-state"


class OrganisationAlias(models.Model):
    """Another way an organisation is written: an acronym, a former name, its name in a
    language of the region ("MA RI" and "Mahkamah Agung RI" for the Supreme Court of
    Indonesia). Imports find an organisation by any of its aliases."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("alias"), max_length=300)
    language = models.CharField(
        _("language"), max_length=8, blank=True, help_text=_("BCP 47 code: en, th, id, vi ...")
    )

    class Meta:
        ordering = ["organisation", "alias"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "alias"], name="unique_alias"),
        ]

    def __str__(self) -> str:
        return self.alias


class OrganisationsApart(models.Model):
    """A reviewer's word that two organisations proposed for merging are different
    agencies (two "MOJ"s of one country, a unit and its ministry): not proposed again."""

    first = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="organisations_apart_once"),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} apart from {self.second_id}"


from auditlog.registry import auditlog  # noqa: E402

auditlog.register(Organisation)
auditlog.register(OrganisationAlias)
auditlog.register(OrganisationsApart)
