"""Grants to partner organisations (the grants program for organisations of people with
disability): the grant, its tranches and their conditions, and the grantee's progress
reports per reporting period (draft → submitted → returned → approved, as the partner
frameworks' reports). Reach grants and reports through ctip.grants.access."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Grant(models.Model):
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="grants")
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    grantee = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("grantee"),
    )
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="AUD")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    projects = models.ManyToManyField("programs.Project", blank=True, related_name="grants")
    outcomes = models.ManyToManyField("programs.Outcome", blank=True, related_name="grants")

    class Meta:
        ordering = ["program", "starts_on", "code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="unique_grant_code"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="grant_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.grantee}"

    def runs_during(self, period) -> bool:
        """Whether the grant's period overlaps PERIOD."""
        return self.starts_on <= period.end and self.ends_on >= period.start


class Tranche(models.Model):
    """A payment of the grant, released when its condition is met."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="tranches")
    number = models.PositiveSmallIntegerField(_("number"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    condition = models.TextField(_("condition"), blank=True)
    condition_met = models.BooleanField(_("condition met"), default=False)
    met_on = models.DateField(_("met on"), null=True, blank=True)

    class Meta:
        ordering = ["grant", "number"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "number"], name="unique_tranche_number")
        ]

    def __str__(self) -> str:
        return f"{self.grant.code} tranche {self.number}"


class GrantReport(models.Model):
    """The grantee's progress report for one reporting period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="reports")
    starts_on = models.DateField(_("period starts on"))
    ends_on = models.DateField(_("period ends on"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    narrative = models.TextField(_("narrative"), blank=True)
    projects = models.ManyToManyField("programs.Project", blank=True, related_name="grant_reports")
    outcomes = models.ManyToManyField("programs.Outcome", blank=True, related_name="grant_reports")
    submitted_on = models.DateField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["grant", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "starts_on"], name="one_grant_report_a_period")
        ]

    def __str__(self) -> str:
        return f"{self.grant.code} {self.period_label}"

    @property
    def period_label(self) -> str:
        return f"{self.starts_on.isoformat()}..{self.ends_on.isoformat()}"

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class ReportFigure(models.Model):
    """A number the grantee reports ("people with disability introduced to the e-learning
    course: 38")."""

    report = models.ForeignKey(GrantReport, on_delete=models.CASCADE, related_name="figures")
    label = models.CharField(_("what"), max_length=300)
    value = models.DecimalField(_("number"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"


class ReportEvidence(models.Model):
    report = models.ForeignKey(GrantReport, on_delete=models.CASCADE, related_name="evidence")
    file_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "uploaded_at"]

    def __str__(self) -> str:
        return self.file_name


class GrantRole(models.Model):
    """A grantee's focal point: fills and submits the grant's reports, sees nothing else."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grant_roles"
    )
    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="roles")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "grant"], name="one_grant_role")]

    def __str__(self) -> str:
        return f"{self.user} – focal point – {self.grant.code}"


from auditlog.registry import auditlog  # noqa: E402

auditlog.register(Grant, m2m_fields={"projects", "outcomes"})
auditlog.register(Tranche)
auditlog.register(GrantReport, m2m_fields={"projects", "outcomes"})
auditlog.register(ReportFigure)
auditlog.register(ReportEvidence, exclude_fields=["content"])
auditlog.register(GrantRole)
