"""Court cases with the victim indicators of Vietnam's Supreme People's Court, and the record of
every statistics release (docs/cases-exchange.md). Models of the cases database, imported by
ctip/cases/models.py."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .crypto import EncryptedTextField


class CourtCase(models.Model):
    """A court case as the court's system exports it: the court, the case number, the
    defendants (encrypted: they are people too) and the victims, who are cases of the court's
    agency carrying the six indicators (vulnerable group, gender, disability, form of
    exploitation, support received, type of trafficking)."""

    agency = models.ForeignKey("cases.Agency", on_delete=models.PROTECT, related_name="court_cases")
    court = models.CharField(_("court"), max_length=300)
    case_number = models.CharField(_("case number"), max_length=80)
    judgment_date = models.DateField(_("date of judgment"), null=True, blank=True)
    defendants = EncryptedTextField(_("defendants"), blank=True, help_text=_("Separated by ;"))
    victims = models.ManyToManyField("cases.Case", blank=True, related_name="court_cases")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # set by `ctip cases court forget` and retention: the defendants' names are gone and an
    # import does not bring them back
    forgotten_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["agency", "case_number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "case_number"], name="unique_court_case"),
        ]

    def __str__(self) -> str:
        return f"{self.agency.code}/{self.case_number}"

    @property
    def defendant_names(self) -> list[str]:
        return [name.strip() for name in self.defendants.split(";") if name.strip()]


class StatisticsRelease(models.Model):
    """One table of victims given out: to whom (public or internal), by which method, with
    which parameters; a differentially private release would record its privacy budget."""

    class Method(models.TextChoices):
        SUPPRESSION = "suppression", _("Small-cell and secondary suppression")
        DP = "dp", _("Differentially private counts (OpenDP)")

    table = models.CharField(max_length=80)
    # the filter the table was narrowed to ("country=TH", "year=2025"), blank for none
    narrowed_to = models.CharField(max_length=80, blank=True, default="")
    public = models.BooleanField(default=False)
    method = models.CharField(max_length=20, choices=Method.choices, default=Method.SUPPRESSION)
    threshold = models.PositiveIntegerField(null=True)
    epsilon = models.FloatField(null=True, blank=True)  # privacy budget spent (DP releases)
    agencies = models.JSONField(default=list)
    cells_shown = models.PositiveIntegerField(default=0)
    cells_hidden = models.PositiveIntegerField(default=0)
    released_by_id = models.BigIntegerField(null=True)
    released_by = models.CharField(max_length=150)
    released_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-released_at", "-id"]

    def __str__(self) -> str:
        return (
            f"{self.table} ({'public' if self.public else 'internal'}) {self.released_at:%Y-%m-%d}"
        )
