"""Indicators, targets, actuals, outcome status ratings and the evidence library."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutcomeWording(models.Model):
    """The wording of a results-framework node from a date on. Editing the framework adds a
    wording; reports for an old period read the wording that stood then."""

    outcome = models.ForeignKey(
        "programs.Outcome", on_delete=models.CASCADE, related_name="wordings"
    )
    title = models.TextField(_("title"))
    effective_from = models.DateField(_("effective from"))

    class Meta:
        ordering = ["outcome", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "effective_from"], name="one_wording_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.outcome} from {self.effective_from}"


def outcome_title_on(outcome, day: dt.date) -> str:
    """The outcome's wording on DAY (the original title before any recorded change)."""
    wording = outcome.wordings.filter(effective_from__lte=day).order_by("-effective_from").first()
    return wording.title if wording else outcome.title


class Indicator(models.Model):
    class Level(models.TextChoices):
        OUTPUT = "output", _("Output")
        OUTCOME = "outcome", _("Outcome")

    class Aggregation(models.TextChoices):
        PER_PERIOD = "per-period", _("Per period (the period's own value)")
        CUMULATIVE = "cumulative", _("Cumulative (sum of periods to date)")
        LATEST = "latest", _("Latest value")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    level = models.CharField(_("level"), max_length=7, choices=Level.choices)
    unit = models.CharField(_("unit"), max_length=40, default="number")
    disaggregations = models.CharField(
        _("disaggregated by"),
        max_length=200,
        blank=True,
        help_text=_("Comma-separated: sex, stakeholder group, country, organisation type."),
    )
    outcome = models.ForeignKey(
        "programs.Outcome",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
    )
    aggregation = models.CharField(
        max_length=10, choices=Aggregation.choices, default=Aggregation.PER_PERIOD
    )
    computed_as = models.CharField(
        _("computed as"),
        max_length=40,
        blank=True,
        help_text=_(
            "Name of the query that computes the actual from the data; blank when entered."
        ),
    )
    baseline = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_period = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["program", "code"]
        constraints = [models.UniqueConstraint(fields=["program", "code"], name="unique_indicator")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_computed(self) -> bool:
        return bool(self.computed_as)


class Target(models.Model):
    """A target for one period (a period label such as FY2025-26) or for life of program ("LOP")."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.CharField(max_length=40)
    value = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="one_target")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: {self.value}"


class Actual(models.Model):
    """An entered actual for an indicator the data cannot compute, with its evidence."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="actuals")
    period = models.CharField(max_length=40)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    evidence = models.TextField(_("evidence"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True)
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="one_actual")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: {self.value}"


class StatusRating(models.Model):
    """The MEL officer's rating of an intermediate outcome for a period, approved by an admin."""

    class Status(models.TextChoices):
        ON_TRACK = "on-track", _("On track to achieve by 2028")
        DELAYED = "delayed", _("Some delay but will be back on track during next reporting period")
        OFF_TRACK = "off-track", _("Off track")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    outcome = models.ForeignKey(
        "programs.Outcome", on_delete=models.PROTECT, related_name="ratings"
    )
    period = models.CharField(max_length=40)
    status = models.CharField(max_length=10, choices=Status.choices)
    justification = models.TextField(_("justification"))
    state = models.CharField(max_length=8, choices=State.choices, default=State.DRAFT)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["outcome", "period"], name="one_rating")]

    def __str__(self) -> str:
        return f"{self.outcome} {self.period}: {self.get_status_display()}"


class Evidence(models.Model):
    """The evidence library: achievements, stories of change, case studies and quotes."""

    class Kind(models.TextChoices):
        ACHIEVEMENT = "achievement", _("Achievement")
        STORY = "story", _("Story of change")
        CASE_STUDY = "case-study", _("Case study")
        QUOTE = "quote", _("Quote")

    class AchievementType(models.TextChoices):
        LAW = "law", _("Law")
        POLICY = "policy", _("Policy")
        GUIDELINE = "guideline", _("Guideline")
        SOP = "sop", _("Standard operating procedure")
        CURRICULUM = "curriculum", _("Curriculum")
        HANDBOOK = "handbook", _("Handbook")
        PLAN = "plan", _("Plan")
        RESEARCH = "research", _("Research")
        OTHER = "other", _("Other")

    class Stage(models.TextChoices):
        DRAFTED = "drafted", _("Drafted")
        VALIDATED = "validated", _("Validated")
        ENDORSED = "endorsed", _("Endorsed")
        LAUNCHED = "launched", _("Launched")
        ADOPTED = "adopted", _("Adopted")
        IN_FORCE = "in-force", _("In force")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    country = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, help_text=_("ASEAN/regional for regional.")
    )
    date = models.DateField(_("date"))
    achievement_type = models.CharField(max_length=12, choices=AchievementType.choices, blank=True)
    stage = models.CharField(max_length=10, choices=Stage.choices, blank=True)
    project = models.ForeignKey("programs.Project", on_delete=models.PROTECT, null=True, blank=True)
    outcomes = models.ManyToManyField("programs.Outcome", blank=True, related_name="evidence")
    events = models.ManyToManyField("events.Event", blank=True, related_name="evidence")
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    speaker_role = models.CharField(_("speaker's role"), max_length=200, blank=True)
    consent_to_publish = models.BooleanField(_("consent to publish"), default=False)

    class Meta:
        ordering = ["-date", "title"]
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="achievement") | ~models.Q(achievement_type=""),
                name="achievement_has_a_type",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def tags(self) -> str:
        """The report's tag line: "project AA3; intermediate outcomes 4 and 8"."""
        parts = []
        if self.project_id:
            parts.append(f"project {self.project.code}")
        numbers = sorted(o.number for o in self.outcomes.all() if o.level == "io")
        if numbers:
            word = "intermediate outcome" if len(numbers) == 1 else "intermediate outcomes"
            listed = [str(n) for n in numbers]
            text = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
            parts.append(f"{word} {text}")
        return "; ".join(parts)


from auditlog.registry import auditlog  # noqa: E402

for _model in (OutcomeWording, Indicator, Target, Actual, StatusRating, Evidence):
    auditlog.register(_model)
