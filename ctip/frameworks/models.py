"""Partners' monitoring frameworks: a plan's result areas and indicators, the units that report
on it (member states, sectoral bodies, agencies), rounds of reporting and each unit's report.

A framework is data (loaded from a file: ctip.frameworks.files). A round keeps the template as
it stood when the round opened (`Round.template`), so an indicator re-worded or retired later
keeps its earlier rounds' wording and values. A unit's report moves draft → submitted →
returned (comments per indicator) → submitted again → approved; every submission is kept.

The maturity tracking tool is a framework too: its indicators are domains of type `level`
(maturity levels with descriptors), its units the countries or agencies that assess
themselves, each round one self-assessment, approval the reviewer's validation.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ctip.lib.periods import Period, PeriodError, next_month_day, parse_dhis2_period


class Framework(models.Model):
    class PeriodType(models.TextChoices):
        YEAR = "year", _("Year")
        HALF_YEAR = "half-year", _("Half-year")
        QUARTER = "quarter", _("Quarter")
        MONTH = "month", _("Month")
        FINANCIAL_YEAR = "financial-year", _("Financial year")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="frameworks"
    )
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    period_type = models.CharField(
        _("reporting period"), max_length=20, choices=PeriodType.choices, default="year"
    )
    due = models.CharField(
        _("due (month-day after the period's end)"), max_length=5, default="03-31"
    )
    # disaggregation dimension → its categories, e.g. {"sex": ["female", "male"]}
    dimensions = models.JSONField(_("disaggregations"), default=dict, blank=True)
    # yes: the framework is a maturity tracking tool (domains rated on levels)
    maturity = models.BooleanField(_("maturity tracking tool"), default=False)
    levels = models.JSONField(_("maturity levels"), default=list, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def period(self, label: str) -> Period:
        """A reporting period of this framework from its DHIS2 label (2024, 2024S1, ...)."""
        kind, period = parse_dhis2_period(label)
        if kind != self.period_type:
            raise PeriodError(
                f"{label!r} is a {kind} period; {self.code} reports by {self.period_type}"
            )
        return period

    def due_on(self, period: Period) -> dt.date:
        return next_month_day(period.end, self.due)

    def category_dimension(self) -> dict[str, str]:
        """category → its dimension (categories are unique across dimensions)."""
        return {
            category: dimension
            for dimension, categories in self.dimensions.items()
            for category in categories
        }


class ResultArea(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(_("code"), max_length=20)
    title = models.TextField(_("title"))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_result_area")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Indicator(models.Model):
    class Type(models.TextChoices):
        NUMBER = "number", _("Number")
        PERCENTAGE = "percentage", _("Percentage")
        YES_NO = "yes/no", _("Yes/no")
        TEXT = "text", _("Text")
        LEVEL = "level", _("Maturity level")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators")
    area = models.ForeignKey(
        ResultArea, on_delete=models.PROTECT, null=True, blank=True, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.TextField(_("name"))
    type = models.CharField(_("type"), max_length=12, choices=Type.choices, default="number")
    disaggregations = models.JSONField(_("disaggregated by"), default=list, blank=True)
    # level descriptors of a maturity domain: {"1": "...", "2": "..."}
    descriptors = models.JSONField(_("level descriptors"), default=dict, blank=True)
    order = models.PositiveIntegerField(default=0)
    # no longer in the framework's file: kept for the rounds that reported on it
    retired = models.BooleanField(_("retired"), default=False)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_indicator_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_numeric(self) -> bool:
        return self.type in (self.Type.NUMBER, self.Type.PERCENTAGE, self.Type.LEVEL)

    def categories(self) -> list[tuple[str, str]]:
        """(dimension, category) for every disaggregated value the indicator asks for."""
        dimensions = self.framework.dimensions
        return [(d, c) for d in self.disaggregations for c in dimensions.get(d, [])]


class Unit(models.Model):
    """Who reports: a member state, a sectoral body, an agency; PARENT for roll-ups."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="units")
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=300)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    order = models.PositiveIntegerField(default=0)
    retired = models.BooleanField(_("retired"), default=False)

    class Meta:
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_unit_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    @property
    def reports_itself(self) -> bool:
        """Whether the unit reports itself (a parent with children only rolls up)."""
        return not self.retired and not self.children.exists()


class Round(models.Model):
    """One period's reporting, with the template as it stood when the round opened."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="rounds")
    period = models.CharField(_("period"), max_length=20)  # DHIS2 ISO form
    starts_on = models.DateField()
    ends_on = models.DateField()
    due_on = models.DateField(_("due on"))
    trial = models.BooleanField(_("trial round"), default=False)
    # [{"code", "name", "type", "area", "disaggregations": [[dimension, category], ...]}]
    template = models.JSONField(default=list)
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["framework", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "period"], name="one_round_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.framework.code} {self.period}"

    def template_indicator(self, code: str) -> dict | None:
        return next((entry for entry in self.template if entry["code"] == code), None)


class UnitReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(max_length=10, choices=Status.choices, default="draft")
    first_submitted_on = models.DateField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round", "unit__order"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="one_report_per_unit_round")
        ]

    def __str__(self) -> str:
        return f"{self.round} {self.unit.code}"

    @property
    def submitted(self) -> bool:
        return self.first_submitted_on is not None

    @property
    def on_time(self) -> bool:
        return self.submitted and self.first_submitted_on <= self.round.due_on

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class Value(models.Model):
    """One number (or answer) of a report: a total (CATEGORY "") or one disaggregated part."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    category = models.CharField(max_length=40, blank=True, default="")
    value = models.CharField(max_length=2000, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["report", "indicator__order", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator", "category"], name="one_value_per_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.category or 'total'}: {self.value}"

    def number(self) -> Decimal | None:
        return as_number(self.value)


def as_number(text) -> Decimal | None:
    try:
        return Decimal(str(text).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


class Narrative(models.Model):
    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="narratives")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_narrative")
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.indicator.code}"


class Evidence(models.Model):
    """A file attached to a report's indicator (a policy, minutes, a photo of a register)."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="evidence")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.file_name


class Submission(models.Model):
    """What a report held when it was submitted: every submission is kept."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveIntegerField()
    submitted_on = models.DateField()
    submitted_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    via = models.CharField(max_length=20, default="web")  # web, xlsx, dhis2
    values = models.JSONField(default=list)  # [[indicator code, category, value, comment]]
    narratives = models.JSONField(default=dict)

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="submission_number")
        ]

    def __str__(self) -> str:
        return f"{self.report} #{self.number}"


class ReviewComment(models.Model):
    """A reviewer's comment when returning a report: on the report, or on one indicator."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="comments")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="comments")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report}: {self.text[:40]}"


class FrameworkRole(models.Model):
    """A focal point reports for one unit; a reviewer reviews the whole framework."""

    class Role(models.TextChoices):
        FOCAL_POINT = "focal-point", _("Focal point")
        REVIEWER = "reviewer", _("Reviewer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="framework_roles"
    )
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=12, choices=Role.choices)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "framework", "role", "unit"], name="one_framework_role"
            )
        ]

    def __str__(self) -> str:
        where = f" for {self.unit.code}" if self.unit_id else ""
        return f"{self.user} – {self.get_role_display()}{where} – {self.framework.code}"


class Reminder(models.Model):
    """A reminder mailed to a unit's focal points: once a day at most per report and kind."""

    class Kind(models.TextChoices):
        DUE_SOON = "due-soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")
        RETURNED = "returned", _("Returned, waiting for changes")

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_on = models.DateField()
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "kind", "sent_on"], name="one_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.kind} {self.sent_on}"
