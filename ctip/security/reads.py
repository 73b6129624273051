"""The audit of reads (ASVS 8.3.5): every page and command that shows people's records calls
record_read once, after the permission check passed (a refused request shows nothing and
records nothing here; the 404 or 403 is in the access log)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from .models import PersonalDataRead

Kind = PersonalDataRead.Kind


def record_read(
    user,
    kind: str,
    *,
    person_ids: Iterable[int] = (),
    event_id: int | None = None,
    count: int | None = None,
    via: str = "web",
) -> None:
    """Record that USER was shown personal data: one row per person in PERSON_IDS, or one
    row for a list (EVENT_ID's attendance, a list or search of people) with how many people
    it showed. Ids only, never names or what was searched for."""
    user_id = getattr(user, "pk", None)
    username = getattr(user, "username", "") or "(cli)"
    common = {"user_id": user_id, "username": username, "via": via, "kind": kind}
    person_ids = list(person_ids)
    if person_ids:
        PersonalDataRead.objects.bulk_create(
            PersonalDataRead(person_id=person_id, event_id=event_id, count=count, **common)
            for person_id in person_ids
        )
    else:
        PersonalDataRead.objects.create(event_id=event_id, count=count, **common)


def prune_reads(days: int, *, apply: bool) -> int:
    """Records of reads older than DAYS (deleted when APPLY); how many."""
    older = PersonalDataRead.objects.filter(at__lt=timezone.now() - dt.timedelta(days=days))
    if not apply:
        return older.count()
    deleted, _ = older.delete()
    return deleted
