"""Duplicate keys become keyed hashes (HMAC under a key derived from SECRET_KEY).

The old keys were plain SHA-256 of "<event>|<name>|<identity>": anyone with the database and
a list of suspects could confirm who registered. They are all deleted; each registration
whose person is still on record gets its keys again, computed from the person's record as
the form would have (name with e-mail, phone, organisation). Registrations of people already
forgotten get none: a new registration of theirs is a new record, as it should be."""

from django.db import migrations


def _rekey(apps, schema_editor):
    from ctip.registration.actions import duplicate_keys

    DuplicateKey = apps.get_model("registration", "DuplicateKey")
    SelfRegistration = apps.get_model("registration", "SelfRegistration")
    DuplicateKey.objects.all().delete()
    registrations = SelfRegistration.objects.filter(
        attendance__isnull=False, duplicate_of__isnull=True
    ).select_related("attendance__person__organisation")
    keys = []
    for registration in registrations.iterator():
        person = registration.attendance.person
        if person.full_name.startswith("forgotten #"):
            continue
        answers = {
            "full_name": person.full_name,
            "email": person.email,
            "phone": person.phone,
            "organisation_name": person.organisation.name if person.organisation else "",
        }
        seen = set()
        for key in duplicate_keys(registration.event_id, answers):
            if (registration.event_id, key) in seen:
                continue
            seen.add((registration.event_id, key))
            keys.append(
                DuplicateKey(event_id=registration.event_id, key=key, registration=registration)
            )
    DuplicateKey.objects.bulk_create(keys, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("registration", "0001_initial")]

    operations = [migrations.RunPython(_rekey, migrations.RunPython.noop)]
