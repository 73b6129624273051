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
