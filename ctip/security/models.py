from django.conf import settings
from django.db import models
from django.utils import timezone


class LoginFailure(models.Model):
    """A failed login, kept for the throttle window only.

    The username is stored as a keyed hash: people sometimes type their password into the
    username field, and that must not sit in the database in clear.
    """

    username_hash = models.CharField(max_length=64, db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"login failure at {self.at:%Y-%m-%d %H:%M}"


class PersonalDataRead(models.Model):
    """Who looked at personal data, when, what kind of page, and which record or event (ids
    only: no names, no search terms, so forgetting a person leaves nothing here to scrub).
    Written by ctip.security.reads.record_read; administrators read them in the admin site."""

    class Kind(models.TextChoices):
        PERSON = "person", "person page"
        LINKAGE_PERSON = "linkage-person", "linked records page"
        LINKAGE_REVIEW = "linkage-review", "record linkage review"
        ATTENDANCE_LIST = "attendance-list", "attendance list of an event"
        PEOPLE_LIST = "people-list", "list of people"
        PEOPLE_SEARCH = "people-search", "search for people"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    username = models.CharField(max_length=150, help_text="kept if the user is deleted")
    via = models.CharField(max_length=3, choices=[("web", "web"), ("cli", "command line")])
    kind = models.CharField(max_length=20, choices=Kind.choices)
    person_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    event_id = models.BigIntegerField(null=True, blank=True)
    count = models.PositiveIntegerField(
        null=True, blank=True, help_text="how many people the page or list showed"
    )

    class Meta:
        indexes = [models.Index(fields=["user", "at"])]

    def __str__(self) -> str:
        return f"{self.username} {self.kind} at {self.at:%Y-%m-%d %H:%M}"
