"""Self-registration by QR code: when an event's link is open, and what each submitted
form became. Nothing here is personal data: names and contacts live on Person."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_OPENS_DAYS_BEFORE = 1
DEFAULT_CLOSES_DAYS_AFTER = 3


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class RegistrationWindow(models.Model):
    """When an event's registration link is open. Events without a row use the defaults:
    from midnight the day before the event starts until the end of the third day after
    it ends."""

    event = models.OneToOneField(
        "events.Event", on_delete=models.CASCADE, related_name="registration_window"
    )
    opens_at = models.DateTimeField(
        _("opens at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to open at midnight the day before the event starts."),
    )
    closes_days_after = models.PositiveSmallIntegerField(
        _("closes days after the event"),
        default=DEFAULT_CLOSES_DAYS_AFTER,
        help_text=_("The link closes at the end of this many days after the event ends."),
    )
    link_version = models.PositiveIntegerField(
        default=1, help_text=_("Raised to make a new link; older links stop working.")
    )

    def __str__(self) -> str:
        return f"registration window of event {self.event_id}"

    @property
    def opens(self) -> dt.datetime:
        if self.opens_at is not None:
            return self.opens_at
        return _local_midnight(self.event.start_date - dt.timedelta(DEFAULT_OPENS_DAYS_BEFORE))

    @property
    def last_day(self) -> dt.date:
        """The last day the link works (it closes at the end of it)."""
        return self.event.end_date + dt.timedelta(self.closes_days_after)

    @property
    def closes(self) -> dt.datetime:
        return _local_midnight(self.event.end_date + dt.timedelta(self.closes_days_after + 1))

    def is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.opens <= now < self.closes

    def state(self, now: dt.datetime | None = None) -> str:
        """ "not-yet-open", "open" or "closed"."""
        now = now or timezone.now()
        if now < self.opens:
            return "not-yet-open"
        return "open" if now < self.closes else "closed"


def window_for(event) -> RegistrationWindow:
    """The event's registration window: its own, or the default one (not saved)."""
    try:
        return event.registration_window
    except RegistrationWindow.DoesNotExist:
        return RegistrationWindow(event=event)


class SelfRegistration(models.Model):
    """One submitted registration form. The submission token (a random value in the form)
    is unique, so sending the same form twice records one attendance."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="self_registrations"
    )
    submission_token = models.CharField(max_length=64, unique=True)
    consented = models.BooleanField(default=False)
    consent_version = models.CharField(max_length=20, blank=True)
    language = models.CharField(max_length=8, blank=True)
    attendance = models.ForeignKey(
        "people.Attendance",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="self_registrations",
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="duplicates",
        help_text=_("Set when the same person had already registered for the event."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "created_at"]

    def __str__(self) -> str:
        return f"self-registration {self.pk} for event {self.event_id}"


class DuplicateKey(models.Model):
    """A hashed identity of a registration within its event (name with e-mail, name with
    phone, name with organisation). The unique constraint makes the database refuse the
    same person registering twice, also when both arrive at the same moment."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    registration = models.ForeignKey(
        SelfRegistration, on_delete=models.CASCADE, related_name="duplicate_keys"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "key"], name="one_registration_per_identity")
        ]

    def __str__(self) -> str:
        return f"duplicate key for event {self.event_id}"


def counts_for(event) -> dict[str, int]:
    """How many registration forms the event received, and what they became."""
    registrations = SelfRegistration.objects.filter(event=event)
    return {
        "forms": registrations.count(),
        "attendances": registrations.filter(
            duplicate_of__isnull=True, attendance__isnull=False
        ).count(),
        "without_consent": registrations.filter(consented=False).count(),
        "repeated": registrations.filter(duplicate_of__isnull=False).count(),
    }


from auditlog.registry import auditlog  # noqa: E402

auditlog.register(RegistrationWindow)
