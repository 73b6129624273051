"""The participant's right to be forgotten: `ctip people forget` and the person page."""

import json

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.people.models import Attendance, Person
from ctip.reports import queries

SECRETS = (
    "Somchai",
    "Srisuk",
    "สมชาย",
    "ศรีสุข",
    "somchai@police.example",
    "+66 81 234 5678",
    "Police Major",
    "Pol. Maj. Somchai",
)


def _with_history(cast):
    """Somchai, edited a few times so the audit trail holds copies of his details."""
    somchai = cast.somchai
    with set_actor(cast.mel):
        somchai.position = "Police Major"
        somchai.email = "somchai@police.example"
        somchai.phone = "+66 81 234 5678"
        somchai.wg_seeing = "a-lot"
        somchai.wg_walking = "some"
        somchai.save()
        attendance = somchai.attendances.get()
        attendance.name_as_written = "Pol. Maj. Somchai"
        attendance.position = "Police Major"
        attendance.save()
    return somchai


def _counts(cast):
    """Every anonymous number the program can have reported about these people."""
    period = cast.program.period("FY2024-25")
    rows, total = queries.headline_by_country(cast.program, period)
    breakdown = list(
        Attendance.objects.values(
            "event__code",
            "role",
            "person__sex",
            "person__country_of_origin",
            "organisation__type",
            "person__organisation__type",
        )
        .annotate(n=Count("id"))
        .order_by("event__code", "person__sex")
    )
    disability = sorted((p.pk, p.has_disability) for p in Person.objects.all())
    return rows, total, breakdown, disability, Person.objects.count()


def _database_text_containing(needles) -> list[tuple[str, str]]:
    """(table, needle) for every needle found in any column of any table, read raw;
    JSON columns may hold non-Latin text \\u-escaped, so that spelling is searched too."""
    spellings = {needle: {needle, json.dumps(needle)[1:-1]} for needle in needles}
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            text = "\n".join(str(value) for row in cursor.fetchall() for value in row)
            for needle, forms in spellings.items():
                if any(form in text for form in forms):
                    found.append((table, needle))
    return found


def test_the_raw_scan_finds_the_names_before_forgetting(cast):
    _with_history(cast)
    found = _database_text_containing(SECRETS)
    tables = {table for table, _ in found}
    assert {"people_person", "people_attendance", "auditlog_logentry"} <= tables
    assert ("auditlog_logentry", "สมชาย") in found


def test_forgetting_removes_the_name_from_every_table_and_keeps_every_count(cast, capsys):
    somchai = _with_history(cast)
    before = _counts(cast)
    call_command("people", "forget", str(somchai.pk), "--reason", "asked by e-mail, ticket 42")
    assert "forgotten" in capsys.readouterr().out
    assert _counts(cast) == before
    assert _database_text_containing(SECRETS) == []
    somchai.refresh_from_db()
    assert somchai.full_name == somchai.romanised_name == f"forgotten #{somchai.pk}"
    assert (somchai.sex, somchai.country_of_origin_id) == ("male", "TH")
    assert somchai.organisation.name == "Royal Thai Police"
    assert somchai.has_disability is True and somchai.wg_seeing == ""
    assert somchai.attendances.get().event == cast.thai_event
    # Sokha is untouched.
    assert Person.objects.get(pk=cast.sokha.pk).romanised_name == "Sokha Chan"


def test_the_audit_trail_says_who_forgot_the_person_and_why_without_the_data(cast):
    somchai = _with_history(cast)
    call_command("people", "--as", "admin", "forget", str(somchai.pk), "--reason", "ticket 42")
    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Person), object_pk=str(somchai.pk)
    ).latest("pk")
    assert entry.actor == cast.admin
    assert entry.additional_data == {"forgotten": True, "reason": "ticket 42"}
    assert entry.object_repr == f"forgotten #{somchai.pk}"
    earlier = LogEntry.objects.get_for_object(somchai).exclude(pk=entry.pk)
    assert earlier.count() == 2  # created, then edited: kept, with the values scrubbed
    edit = earlier.latest("pk")
    assert edit.changes_dict["position"] == ["", "[forgotten]"]
    assert edit.actor == cast.mel


@pytest.mark.parametrize("role", ["mel", "thai", "viewer", "outsider"])
def test_only_an_administrator_can_forget_a_person_from_the_cli(cast, role):
    with pytest.raises(CommandError, match="administrator|no person"):
        call_command("people", "--as", role, "forget", str(cast.somchai.pk))
    assert Person.objects.get(pk=cast.somchai.pk).romanised_name == "Somchai Srisuk"


def _client(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_an_administrator_forgets_a_person_from_the_person_page_after_confirming(cast):
    somchai = _with_history(cast)
    admin = _client(cast.admin)
    page = admin.get(reverse("person-detail", args=[somchai.pk])).content.decode()
    forget_url = reverse("person-forget", args=[somchai.pk])
    assert forget_url in page
    confirm = admin.get(forget_url)
    assert confirm.status_code == 200 and "cannot be undone" in confirm.content.decode()
    assert Person.objects.get(pk=somchai.pk).romanised_name == "Somchai Srisuk"  # GET: no change
    done = admin.post(forget_url, {"reason": "ticket 42"})
    assert done.status_code == 302
    assert _database_text_containing(SECRETS) == []
    after = admin.get(reverse("person-detail", args=[somchai.pk])).content.decode()
    assert f"forgotten #{somchai.pk}" in after


@pytest.mark.parametrize(("role", "status"), [("mel", 403), ("thai_officer", 403), ("viewer", 404)])
def test_other_roles_see_no_forget_button_and_cannot_forget(cast, role, status):
    client = _client(getattr(cast, role))
    forget_url = reverse("person-forget", args=[cast.somchai.pk])
    page = client.get(reverse("person-detail", args=[cast.somchai.pk])).content.decode()
    assert forget_url not in page
    assert client.get(forget_url).status_code == status
    assert client.post(forget_url).status_code == status
    assert Person.objects.get(pk=cast.somchai.pk).romanised_name == "Somchai Srisuk"


def test_forgetting_also_clears_the_before_images_imports_keep_for_rollback(cast):
    from ctip.imports.actions import do_import_file
    from ctip.imports.models import ImportChange

    header = "event_id,full_name,sex,country_of_origin,organisation,organisation_type,email\n"
    first = header + "TH-001,Niran Kaewmanee,male,TH,Royal Thai Police,,niran@police.example\n"
    corrected = first.replace("niran@police.example", "niran.k@police.example")
    for content in (first, corrected):
        plan = do_import_file(
            "attendance",
            content.encode(),
            "sheet.csv",
            program=cast.program,
            actor=cast.admin,
            consent_version="paper-v1",
        )
        assert not plan.errors
    assert ImportChange.objects.exists()
    niran = Person.objects.get(romanised_name="Niran Kaewmanee")
    assert _database_text_containing(["niran@police.example"])
    call_command("people", "forget", str(niran.pk))
    assert _database_text_containing(["Niran", "niran@police.example", "niran.k@"]) == []


def test_forgetting_keeps_the_record_of_who_read_the_person_and_it_holds_no_name(cast):
    from ctip.security.models import PersonalDataRead

    somchai = _with_history(cast)
    mel = _client(cast.mel)
    mel.get(reverse("person-detail", args=[somchai.pk]))
    mel.get(reverse("person-list"), {"q": "Somchai"})
    mel.get(reverse("event-detail", args=[cast.thai_event.pk]))
    call_command("people", "forget", str(somchai.pk))
    assert _database_text_containing(SECRETS) == []
    assert PersonalDataRead.objects.filter(person_id=somchai.pk, username="mel").count() == 1
    assert PersonalDataRead.objects.count() == 3
