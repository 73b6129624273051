"""The participant feedback survey (per event) and the annual partner survey."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyKind(models.TextChoices):
    FEEDBACK = "feedback", _("Participant feedback")
    PARTNER = "partner", _("Partner survey")


class Likert(models.IntegerChoices):
    FULLY_AGREE = 5, _("Fully agree")
    AGREE = 4, _("Agree")
    NEUTRAL = 3, _("Neither agree nor disagree")
    DISAGREE = 2, _("Disagree")
    FULLY_DISAGREE = 1, _("Fully disagree")


AGREEING = (Likert.FULLY_AGREE, Likert.AGREE)


class Statement(models.Model):
    """A Likert statement of a program's survey; configurable per program."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE)
    kind = models.CharField(_("survey"), max_length=10, choices=SurveyKind.choices)
    code = models.SlugField(_("code"), max_length=40)
    text = models.CharField(_("statement"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["program", "kind", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "kind", "code"], name="unique_statement")
        ]

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """One respondent's answers. Anonymous unless they agreed to be quoted."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE)
    kind = models.CharField(max_length=10, choices=SurveyKind.choices)
    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, null=True, blank=True, related_name="feedback"
    )
    answered_on = models.DateField(_("answered on"))
    respondent_organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    respondent_country = models.ForeignKey(
        "countries.Country", on_delete=models.PROTECT, null=True, blank=True
    )
    free_text = models.TextField(_("comments / example of change"), blank=True)
    agreed_to_be_quoted = models.BooleanField(_("agrees to be quoted"), default=False)
    quote_attribution = models.CharField(
        _("quote attribution"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 'Partner from Vietnam'; only when the respondent agreed to be quoted."),
    )
    source_key = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("Identifies the row of an imported file or a web submission (idempotency)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-answered_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="partner") | models.Q(event__isnull=False),
                name="feedback_belongs_to_an_event",
            ),
            models.UniqueConstraint(
                fields=["program", "kind", "source_key"],
                condition=~models.Q(source_key=""),
                name="unique_response_source",
            ),
            models.CheckConstraint(
                condition=models.Q(agreed_to_be_quoted=True) | models.Q(quote_attribution=""),
                name="attribution_needs_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} response {self.pk}"

    @property
    def is_quotable(self) -> bool:
        return self.agreed_to_be_quoted and bool(self.free_text.strip())


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(choices=Likert.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "statement"], name="one_answer_each")
        ]

    def __str__(self) -> str:
        return f"{self.statement.code}={self.value}"
