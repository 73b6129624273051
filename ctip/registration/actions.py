"""Self-registration writes: one submitted form becomes (at most) one person and one
attendance, however often it is sent and however many arrive at once."""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from ctip.events.models import Event
from ctip.people.actions import do_create_person, do_record_attendance, organisation_named

from .models import DuplicateKey, RegistrationWindow, SelfRegistration


def _normalised(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


# The key of the duplicate-key HMAC is derived from SECRET_KEY with this salt.
DUPLICATE_KEY_SALT = "ctip.registration.duplicate-key"


def keyed_hash(message: str) -> str:
    """HMAC-SHA256 of MESSAGE under a key derived from the server's SECRET_KEY: without the
    secret, a list of suspects cannot be checked against the stored keys."""
    return salted_hmac(DUPLICATE_KEY_SALT, message, algorithm="sha256").hexdigest()


def duplicate_keys(event_id: int, answers: dict) -> list[str]:
    """Keyed hashes of a registration's identities: the same normalised name with the same
    e-mail, the same phone, or the same organisation is the same person at this event.
    Hashes, so that no second copy of anyone's name or contact is kept; keyed (HMAC), so
    that whoever has the database but not the secret cannot test names against them."""
    name = _normalised(answers["full_name"])
    phone_digits = "".join(ch for ch in answers.get("phone", "") if ch.isdigit())
    identities = []
    if answers.get("email"):
        identities.append(f"email:{_normalised(answers['email'])}")
    if len(phone_digits) >= 6:
        identities.append(f"phone:{phone_digits[-9:]}")
    if answers.get("organisation_name"):
        identities.append(f"organisation:{_normalised(answers['organisation_name'])}")
    return [keyed_hash(f"{event_id}|{name}|{identity}") for identity in identities]


def do_self_register(
    event: Event,
    *,
    submission_token: str,
    answers: dict | None,
    consent_version: str,
    language: str = "",
) -> tuple[SelfRegistration, bool]:
    """Record one submitted registration form. Returns (registration, created).

    ANSWERS None means no consent: only an anonymous count is kept (a registration with no
    person). The same SUBMISSION_TOKEN sent again, or the same person registering again,
    returns the earlier registration. Unique constraints decide, not a look-up first, so
    it holds when copies arrive at the same moment on SQLite and on PostgreSQL.
    """
    keys = duplicate_keys(event.pk, answers) if answers else []
    try:
        # The form sent again fails the submission token's unique constraint at once: no
        # look-up first, which nine sends in ten would pay for nothing.
        with transaction.atomic():
            registration = SelfRegistration.objects.create(
                event=event,
                submission_token=submission_token,
                consented=answers is not None,
                consent_version=consent_version if answers else "",
                language=language,
            )
            DuplicateKey.objects.bulk_create(
                [DuplicateKey(event=event, key=key, registration=registration) for key in keys]
            )
            if answers is not None:
                registration.attendance = _record_attendance(event, answers, consent_version)
                registration.save(update_fields=["attendance"])
            return registration, True
    except IntegrityError:
        pass
    earlier = SelfRegistration.objects.filter(submission_token=submission_token).first()
    if earlier is not None:
        return earlier, False
    original = (
        DuplicateKey.objects.filter(event=event, key__in=keys)
        .select_related("registration")
        .first()
    )
    if original is None:
        raise RuntimeError("a registration was refused by the database for no known reason")
    try:
        # Remember this token too, so that sending it again is answered at once.
        with transaction.atomic():
            SelfRegistration.objects.create(
                event=event,
                submission_token=submission_token,
                consented=True,
                consent_version=consent_version,
                language=language,
                attendance=original.registration.attendance,
                duplicate_of=original.registration,
            )
    except IntegrityError:
        pass
    return original.registration, False


def _record_attendance(event: Event, answers: dict, consent_version: str):
    fields = dict(answers)
    organisation = organisation_named(
        fields.pop("organisation_name"),
        fields.pop("organisation_type"),
        fields["country_code"],
        confirmed=False,  # anyone can type any type: a MEL officer confirms it
    )
    person = do_create_person(
        event.program,
        organisation=organisation,
        consent_given=True,
        consent_date=timezone.localdate(),
        consent_version=consent_version,
        **fields,
    )
    return do_record_attendance(event, person, name_as_written=person.full_name, new_person=True)


@transaction.atomic
def do_set_registration_window(
    event: Event, *, opens_at: dt.datetime | None, closes_days_after: int
) -> RegistrationWindow:
    """Set when EVENT's registration link opens and how long after the event it closes."""
    window = RegistrationWindow.objects.filter(event=event).first() or RegistrationWindow(
        event=event
    )
    window.opens_at = opens_at
    window.closes_days_after = closes_days_after
    window.full_clean()
    window.save()
    return window


@transaction.atomic
def do_renew_registration_link(event: Event) -> RegistrationWindow:
    """Make a new registration link for EVENT; every earlier link stops working."""
    window, _ = RegistrationWindow.objects.select_for_update().get_or_create(event=event)
    window.link_version += 1
    window.save(update_fields=["link_version"])
    return window
