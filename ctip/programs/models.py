from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ctip.lib.periods import Period, fiscal_year_of, parse_period


class Program(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    fiscal_year_start_month = models.PositiveSmallIntegerField(
        _("fiscal year starts in month"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    blurb = models.TextField(_("description for fact sheets"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    # What the program's reports count besides its own events (docs/instruments.md).
    counts_grantee_events = models.BooleanField(
        _("count grantees' events"),
        default=False,
        help_text=_(
            "Events its grantees held (and their participants) count in Table 1, Table 2, the "
            "highlights, the OPD counts and the computed indicators."
        ),
    )
    counts_elearning_as_trained = models.BooleanField(
        _("count e-learning completions as people trained"),
        default=False,
        help_text=_("Completions of the e-learning course add to the people-trained indicator."),
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def period(self, label: str) -> Period:
        return parse_period(label, self.fiscal_year_start_month)

    def fiscal_year_of(self, day) -> Period:
        return fiscal_year_of(day, self.fiscal_year_start_month)


class Project(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="projects")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["program", "code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="unique_project_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class Outcome(models.Model):
    """A node of the results framework: the goal, end-of-program and intermediate outcomes."""

    class Level(models.TextChoices):
        GOAL = "goal", _("Goal")
        END_OF_PROGRAM = "eopo", _("End-of-program outcome")
        INTERMEDIATE = "io", _("Intermediate outcome")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="outcomes")
    level = models.CharField(_("level"), max_length=4, choices=Level.choices)
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.TextField(_("title"))
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    # The framework changes over a program's life: a report for a period shows the outcomes
    # that stood then (ctip.results keeps each outcome's wording over time).
    introduced_on = models.DateField(_("part of the framework from"), null=True, blank=True)
    retired_on = models.DateField(_("retired on"), null=True, blank=True)

    class Meta:
        ordering = ["program", "level", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "level", "number"], name="unique_outcome_number"
            )
        ]

    def __str__(self) -> str:
        prefix = {"goal": "Goal", "eopo": "EOPO", "io": "IO"}[self.level]
        return f"{prefix} {self.number}"

    def stood_during(self, period) -> bool:
        """Whether the outcome was part of the framework at some time in PERIOD."""
        started = self.introduced_on is None or self.introduced_on <= period.end
        ended = self.retired_on is not None and self.retired_on < period.start
        return started and not ended


from auditlog.registry import auditlog  # noqa: E402

for _model in (Program, Project, Outcome):
    auditlog.register(_model)
