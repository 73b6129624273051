from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    NOT_SPECIFIED = "not-specified", _("Did not specify")


class Difficulty(models.TextChoices):
    """Answers to the Washington Group Short Set questions."""

    NONE = "none", _("No difficulty")
    SOME = "some", _("Yes, some difficulty")
    A_LOT = "a-lot", _("Yes, a lot of difficulty")
    CANNOT = "cannot", _("Cannot do at all")


WG_DOMAINS = ("seeing", "hearing", "walking", "cognition", "self_care", "communication")


class Person(models.Model):
    """Someone who attended the program's events. Personal data: reach it through
    ctip.accounts.access, never through Person.objects in a view."""

    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="people")
    full_name = models.CharField(
        _("name"), max_length=200, help_text=_("As the person writes it, in any script.")
    )
    romanised_name = models.CharField(_("name in Latin script"), max_length=200, blank=True)
    sex = models.CharField(_("sex"), max_length=13, choices=Sex.choices, default=Sex.NOT_SPECIFIED)
    country_of_origin = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("country of origin"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    disability_self_identified = models.BooleanField(
        _("identifies as a person with disability"), null=True, blank=True
    )
    wg_seeing = models.CharField(max_length=6, choices=Difficulty.choices, blank=True)
    wg_hearing = models.CharField(max_length=6, choices=Difficulty.choices, blank=True)
    wg_walking = models.CharField(max_length=6, choices=Difficulty.choices, blank=True)
    wg_cognition = models.CharField(max_length=6, choices=Difficulty.choices, blank=True)
    wg_self_care = models.CharField(max_length=6, choices=Difficulty.choices, blank=True)
    wg_communication = models.CharField(max_length=6, choices=Difficulty.choices, blank=True)
    consent_given = models.BooleanField(_("consents to the use of their data"), default=False)
    consent_date = models.DateField(_("consent date"), null=True, blank=True)
    consent_version = models.CharField(_("consent wording version"), max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["romanised_name", "full_name"]
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.romanised_name and self.romanised_name != self.full_name:
            return f"{self.full_name} ({self.romanised_name})"
        return self.full_name

    @property
    def wg_answers(self) -> dict[str, str]:
        return {domain: getattr(self, f"wg_{domain}") for domain in WG_DOMAINS}

    @property
    def has_disability_wg(self) -> bool | None:
        """The Washington Group's recommended identifier: a lot of difficulty or worse in
        at least one domain. None when the questions were not answered."""
        answers = [answer for answer in self.wg_answers.values() if answer]
        if not answers:
            return None
        return any(answer in (Difficulty.A_LOT, Difficulty.CANNOT) for answer in answers)

    @property
    def has_disability(self) -> bool | None:
        wg = self.has_disability_wg
        if wg is not None:
            return wg or bool(self.disability_self_identified)
        return self.disability_self_identified


class Attendance(models.Model):
    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        SPEAKER = "speaker", _("Speaker")
        FACILITATOR = "facilitator", _("Facilitator")
        ORGANISER = "organiser", _("Organiser")
        PROGRAM_STAFF = "program-staff", _("Program staff")
        DONOR_STAFF = "donor-staff", _("Donor staff")

    # Staff are not counted as participants (seed report, Table 2 note).
    STAFF_ROLES = (Role.PROGRAM_STAFF, Role.DONOR_STAFF)

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    role = models.CharField(
        _("role"), max_length=13, choices=Role.choices, default=Role.PARTICIPANT
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("The organisation the person represented at this event."),
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    name_as_written = models.CharField(
        _("name as written"),
        max_length=200,
        blank=True,
        help_text=_("The name exactly as the attendance sheet or form gave it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="one_attendance_per_person")
        ]

    def __str__(self) -> str:
        return f"attendance {self.pk} at {self.event.code}"

    @property
    def counts_as_participant(self) -> bool:
        return self.role not in self.STAFF_ROLES


from auditlog.registry import auditlog  # noqa: E402

# Contact details are masked in the audit trail: it records that they changed, not to what.
# The link to a person's cluster is linkage's record, audited there; leaving it out also spares
# every new person a query for a cluster it cannot have yet.
auditlog.register(Person, mask_fields=["email", "phone"], exclude_fields=["cluster_member"])
auditlog.register(Attendance)
