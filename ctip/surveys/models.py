"""The participant feedback survey (per event) and the annual partner survey."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
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


class SurveyLink(models.Model):
    """A signed public link to a program's partner survey for one period. It works until the
    end of closes_on unless revoked; the token names only this row's id (see links.py)."""

    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE)
    kind = models.CharField(max_length=10, choices=SurveyKind.choices, default=SurveyKind.PARTNER)
    period_label = models.CharField(
        _("period"), max_length=40, help_text=_("e.g. FY2024-25: the year partners look back on.")
    )
    closes_on = models.DateField(_("open until"), help_text=_("The link works to the end of it."))
    revoked = models.BooleanField(_("revoked"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} link {self.period_label}"

    def is_open(self, today: dt.date | None = None) -> bool:
        return not self.revoked and (today or timezone.localdate()) <= self.closes_on


def feedback_state(event, now: dt.datetime | None = None) -> str:
    """Whether the event's QR link takes feedback: "not-yet-open" before the event's start
    date (nobody can judge an event that has not happened), "open" from local midnight of
    its first day until its registration window closes, "closed" after."""
    from ctip.registration.models import window_for

    now = now or timezone.now()
    opens = timezone.make_aware(dt.datetime.combine(event.start_date, dt.time.min))
    if now < opens:
        return "not-yet-open"
    return "open" if now < window_for(event).closes else "closed"


from auditlog.registry import auditlog  # noqa: E402

# Links are staff actions worth a trail; responses are not audited (they must stay anonymous).
auditlog.register(SurveyLink)
auditlog.register(Statement)  # the program's wording, loaded from its program file
