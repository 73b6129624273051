"""The bulk inserter gives each row the key the database gives it (SQLite: the keys are
chosen before the insert; PostgreSQL: taken from the sequence, then COPY), and never a key
used before, even once its row is deleted (a rolled-back import's people keep their numbers
in the audit trail)."""

from django.db import transaction

from ctip.imports.bulk import Inserter
from ctip.people.models import Person


def test_rows_get_new_keys_in_order_and_deleted_keys_are_not_used_again(program):
    inserter = Inserter(
        Person, ["full_name", "email"], constants={"program_id": program.pk, "consent_given": True}
    )
    with transaction.atomic():
        first = inserter.insert([("Ana Lima", "ana@example.org"), ("Bo Tran", "")])
    assert first == sorted(first) and first[1] == first[0] + 1
    assert list(
        Person.objects.filter(pk__in=first).order_by("pk").values_list("full_name", "email")
    ) == [
        ("Ana Lima", "ana@example.org"),
        ("Bo Tran", ""),
    ]
    person = Person.objects.get(pk=first[0])
    assert person.consent_given and person.program == program and person.sex == "not-specified"
    assert person.created_at is not None
    Person.objects.filter(pk__in=first).delete()
    with transaction.atomic():
        again = inserter.insert([("Chi Vo", "")])
    assert again[0] > first[1]
    assert Person.objects.get(pk=again[0]).full_name == "Chi Vo"
    assert inserter.insert([]) == []
