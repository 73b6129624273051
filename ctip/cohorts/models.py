"""Cohort programs (the Counter-Trafficking Emerging Leaders program): a cohort of people of
the registry, its modules and their sessions with attendance, one-on-one coaching, and the
rule that says who completed (e.g. 80% of the modules)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Cohort(models.Model):
    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="cohorts"
    )
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    completion_share = models.DecimalField(
        _("share of modules to complete (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(80),
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(100))],
        help_text=_("A member completes the cohort by attending this share of its modules."),
    )
    project = models.ForeignKey(
        "programs.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cohorts",
    )

    class Meta:
        ordering = ["program", "starts_on", "code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="unique_cohort_code")
        ]

    def __str__(self) -> str:
        return self.title

    def modules_needed(self, modules: int) -> int:
        """How many of MODULES modules a member must attend to complete: the share, rounded
        up (80% of 6 modules is 5)."""
        exact = self.completion_share * modules / 100
        whole = int(exact)
        return whole + (1 if exact > whole else 0)


class Member(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="cohort_memberships"
    )
    dropped_out_on = models.DateField(_("dropped out on"), null=True, blank=True)

    class Meta:
        ordering = ["cohort", "person"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "person"], name="one_membership_a_cohort")
        ]

    def __str__(self) -> str:
        return f"member {self.pk} of {self.cohort.code}"


class Module(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="modules")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["cohort", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="unique_module_number")
        ]

    def __str__(self) -> str:
        return f"{self.cohort.code} module {self.number}"


class Session(models.Model):
    """A session of a module (face to face or online); attending any session of a module
    counts as attending the module."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("held on"))
    modality = models.CharField(_("modality"), max_length=10, default="in-person")
    attendees = models.ManyToManyField(Member, blank=True, related_name="sessions")

    class Meta:
        ordering = ["module", "held_on"]
        constraints = [
            models.UniqueConstraint(fields=["module", "held_on"], name="one_session_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.module} on {self.held_on}"


class Coaching(models.Model):
    """A one-on-one coaching session of a member."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="coaching")
    held_on = models.DateField(_("held on"))
    coach = models.CharField(_("coach"), max_length=200, blank=True)

    class Meta:
        ordering = ["member", "held_on"]
        constraints = [
            models.UniqueConstraint(fields=["member", "held_on"], name="one_coaching_a_day")
        ]

    def __str__(self) -> str:
        return f"coaching of {self.member_id} on {self.held_on}"


from auditlog.registry import auditlog  # noqa: E402

auditlog.register(Cohort)
auditlog.register(Member)
auditlog.register(Module)
auditlog.register(Session, m2m_fields={"attendees"})
auditlog.register(Coaching)
