"""Registration's duplicate keys are keyed hashes (HMAC with a server secret): a copy of the
database and a list of suspects do not tell who attended; forgetting a person removes them."""

import hashlib
import importlib

from django.apps import apps
from django.core.management import call_command

from ctip.people.models import Person
from ctip.registration.actions import duplicate_keys
from ctip.registration.models import DuplicateKey, SelfRegistration

from .conftest import answers, form_token


def _register(client, url, **changes):
    token = form_token(client.get(url, {"lang": "en"}).content.decode())
    return client.post(url, answers(token, **changes))


def _unkeyed(event_id, name, identity):
    return hashlib.sha256(f"{event_id}|{name}|{identity}".encode()).hexdigest()


def test_a_list_of_suspects_does_not_match_the_stored_keys(client, open_event, register_url):
    _register(client, register_url)
    stored = set(DuplicateKey.objects.values_list("key", flat=True))
    assert len(stored) == 2  # name with e-mail, name with organisation
    suspects = {
        _unkeyed(open_event.pk, "malee jaidee", "email:malee@example.org"),
        _unkeyed(open_event.pk, "malee jaidee", "organisation:foundation for women"),
    }
    assert not stored & suspects


def test_the_keys_change_with_the_server_secret(client, open_event, settings):
    person = {"full_name": "Malee Jaidee", "email": "malee@example.org"}
    first = duplicate_keys(open_event.pk, person)
    settings.SECRET_KEY = "another-secret-" + "x" * 40
    assert duplicate_keys(open_event.pk, person) != first


def test_forgetting_a_person_removes_their_keys_and_a_new_registration_is_a_new_record(
    client, open_event, register_url
):
    _register(client, register_url)
    person = Person.objects.get(full_name="Malee Jaidee")
    call_command("people", "forget", str(person.pk), "--reason", "asked")
    assert not DuplicateKey.objects.exists()
    client.cookies.clear()
    assert _register(client, register_url).status_code == 302
    again = Person.objects.get(full_name="Malee Jaidee")
    assert again.pk != person.pk
    assert SelfRegistration.objects.filter(duplicate_of__isnull=False).count() == 0


def test_the_migration_rehashes_old_keys_and_drops_those_of_forgotten_people(
    client, open_event, register_url
):
    _register(client, register_url)
    _register(client, register_url, full_name="Somsak Dee", email="somsak@example.org")
    keyed = set(DuplicateKey.objects.values_list("key", flat=True))
    somsak = Person.objects.get(full_name="Somsak Dee")
    call_command("people", "forget", str(somsak.pk))
    # the database as the old code left it: unkeyed hashes, the forgotten person's included
    DuplicateKey.objects.all().delete()
    for registration in SelfRegistration.objects.all():
        DuplicateKey.objects.create(
            event=open_event,
            key=_unkeyed(open_event.pk, registration.pk, "old"),
            registration=registration,
        )
    migration = importlib.import_module(
        "ctip.registration.migrations.0002_duplicate_keys_keyed_hmac"
    )
    migration._rekey(apps, None)
    malee_keys = set(
        DuplicateKey.objects.filter(
            registration__attendance__person__full_name="Malee Jaidee"
        ).values_list("key", flat=True)
    )
    assert malee_keys and malee_keys <= keyed
    assert DuplicateKey.objects.count() == len(malee_keys)
