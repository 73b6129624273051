"""The audit of reads: who was shown which person's record, on which page, and when."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from ctip.security.models import PersonalDataRead

Kind = PersonalDataRead.Kind


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _reads():
    return list(
        PersonalDataRead.objects.order_by("pk").values_list(
            "username", "via", "kind", "person_id", "event_id", "count"
        )
    )


def test_viewing_a_person_writes_one_read_record_with_who_and_which_person(cast):
    response = _client(cast.thai_officer).get(reverse("person-detail", args=[cast.somchai.pk]))
    assert response.status_code == 200
    assert _reads() == [("thai", "web", Kind.PERSON, cast.somchai.pk, None, None)]
    read = PersonalDataRead.objects.get()
    assert read.user == cast.thai_officer and read.at is not None


@pytest.mark.parametrize("user", ["viewer", "outsider"])
def test_a_refused_look_at_a_person_writes_no_read_record(cast, user):
    response = _client(getattr(cast, user)).get(reverse("person-detail", args=[cast.somchai.pk]))
    assert response.status_code == 404
    assert _reads() == []


def test_the_attendance_list_of_an_event_is_recorded_with_how_many_people_it_showed(cast):
    _client(cast.mel).get(reverse("event-detail", args=[cast.thai_event.pk]))
    assert _reads() == [("mel", "web", Kind.ATTENDANCE_LIST, None, cast.thai_event.pk, 1)]


def test_a_viewer_sees_an_event_without_names_and_nothing_is_recorded(cast):
    response = _client(cast.viewer).get(reverse("event-detail", args=[cast.thai_event.pk]))
    assert response.status_code == 200 and "Somchai" not in response.content.decode()
    assert _reads() == []


def test_a_search_for_people_records_how_many_were_found_but_not_what_was_searched(cast):
    _client(cast.mel).get(reverse("person-list"), {"q": "Somchai"})
    _client(cast.mel).get(reverse("person-list"))
    assert _reads() == [
        ("mel", "web", Kind.PEOPLE_SEARCH, None, None, 1),
        ("mel", "web", Kind.PEOPLE_LIST, None, None, 2),
    ]
    assert "Somchai" not in str(list(PersonalDataRead.objects.values()))


def test_the_linked_records_page_records_each_person_it_shows(cast):
    _client(cast.mel).get(reverse("linkage-person", args=[cast.somchai.pk]))
    assert _reads() == [("mel", "web", Kind.LINKAGE_PERSON, cast.somchai.pk, None, None)]


def test_the_admin_sites_person_page_is_recorded(cast):
    response = _client(cast.admin).get(
        reverse("admin:people_person_change", args=[cast.somchai.pk])
    )
    assert response.status_code == 200
    assert _reads() == [("admin", "web", Kind.PERSON, cast.somchai.pk, None, None)]


def test_the_command_line_records_its_reads_too(cast):
    call_command("people", "--as", "mel", "show", str(cast.sokha.pk), stdout=io.StringIO())
    call_command("people", "list", stdout=io.StringIO())
    assert _reads() == [
        ("mel", "cli", Kind.PERSON, cast.sokha.pk, None, None),
        ("(cli)", "cli", Kind.PEOPLE_LIST, None, None, 2),
    ]


def test_administrators_read_the_records_in_the_admin_site_and_cannot_change_them(cast):
    _client(cast.mel).get(reverse("person-detail", args=[cast.somchai.pk]))
    admin = _client(cast.admin)
    listing = admin.get(reverse("admin:security_personaldataread_changelist"))
    assert listing.status_code == 200 and "mel" in listing.content.decode()
    read = PersonalDataRead.objects.get()
    change = admin.post(reverse("admin:security_personaldataread_change", args=[read.pk]), {})
    assert change.status_code == 403
    assert (
        admin.post(reverse("admin:security_personaldataread_delete", args=[read.pk])).status_code
        == 403
    )
    assert PersonalDataRead.objects.count() == 1
