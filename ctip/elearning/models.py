"""E-learning course completions, imported from the learning platform (Moodle's course
completion report; docs/instruments.md). A completion is personal data: its learner is a
Person of the registry, linked like an attendance."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The languages the ACWC course is taught in, and the others the platform may name.
LANGUAGES = {
    "my": _("Burmese"),
    "id": _("Indonesian"),
    "km": _("Khmer"),
    "lo": _("Lao"),
    "th": _("Thai"),
    "vi": _("Vietnamese"),
    "en": _("English"),
    "fil": _("Filipino"),
    "ms": _("Malay"),
}


class Course(models.Model):
    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="courses"
    )
    name = models.CharField(_("course"), max_length=300)

    class Meta:
        ordering = ["program", "name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="unique_course_name")
        ]

    def __str__(self) -> str:
        return self.name


class Completion(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions")
    language = models.CharField(_("language"), max_length=8)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="completions"
    )
    # The learner as the platform names them: the import's key (e-mail, or the name when
    # the report has no e-mail), so that importing the same report twice changes nothing.
    learner_key = models.CharField(max_length=254)
    completed_on = models.DateField(_("completed on"))
    country = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, null=True, blank=True
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True
    )
    organisation_as_written = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["course", "language", "completed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "language", "learner_key"], name="one_completion_a_course"
            )
        ]
        indexes = [models.Index(fields=["course", "completed_on"])]

    def __str__(self) -> str:
        return f"completion {self.pk} of {self.course_id} ({self.language})"


from auditlog.registry import auditlog  # noqa: E402

auditlog.register(Course)
auditlog.register(Completion, mask_fields=["learner_key"])
