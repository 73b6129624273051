"""Staff record who attended an event: find someone already recorded, or add a new person."""

from auditlog.models import LogEntry
from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.people.actions import do_create_person
from ctip.people.models import Attendance, Person


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _new_person(**changes):
    data = {
        "kind": "new",
        "role": "speaker",
        "full_name": "Nguyễn Thị Lan",
        "romanised_name": "",
        "sex": "female",
        "country": "VN",
        "position": "Inspector",
        "email": "lan@example.org",
        "phone": "+84 90 123 4567",
        "consent_given": "on",
        "consent_version": "sheet-2024",
    }
    data.update(changes)
    return data


def test_a_search_finds_people_by_name_or_romanised_name(client, cast):
    _login(client, cast.mel)
    url = reverse("attendance-add", args=[cast.thai_event.pk])
    by_latin = client.get(url, {"q": "sokha"}).content.decode()
    by_script = client.get(url, {"q": "សុខា"}).content.decode()
    assert "Sokha Chan" in by_latin and "Sokha Chan" in by_script


def test_a_search_shows_only_people_the_user_may_see(client, cast):
    _login(client, cast.thai_officer)
    url = reverse("attendance-add", args=[cast.thai_event.pk])
    assert "Sokha" not in client.get(url, {"q": "sokha"}).content.decode()


def test_someone_already_at_the_event_is_not_offered_again(client, cast):
    _login(client, cast.mel)
    url = reverse("attendance-add", args=[cast.thai_event.pk])
    assert "Somchai Srisuk" not in client.get(url, {"q": "somchai"}).content.decode()


def test_adding_an_existing_person_with_a_role(client, cast):
    _login(client, cast.mel)
    url = reverse("attendance-add", args=[cast.thai_event.pk])
    response = client.post(url, {"kind": "existing", "person": cast.sokha.pk, "role": "speaker"})
    assert response.status_code == 302
    attendance = Attendance.objects.get(event=cast.thai_event, person=cast.sokha)
    assert attendance.role == "speaker"
    assert LogEntry.objects.get_for_object(attendance).get().actor == cast.mel


def test_a_country_officer_cannot_add_someone_they_may_not_see(client, cast):
    _login(client, cast.thai_officer)
    url = reverse("attendance-add", args=[cast.thai_event.pk])
    response = client.post(url, {"kind": "existing", "person": cast.sokha.pk, "role": "speaker"})
    assert response.status_code == 404
    assert not Attendance.objects.filter(event=cast.thai_event, person=cast.sokha).exists()


def test_adding_a_new_person_records_them_with_consent_and_their_attendance(client, cast):
    _login(client, cast.thai_officer)
    url = reverse("attendance-add", args=[cast.thai_event.pk])
    response = client.post(url, _new_person())
    assert response.status_code == 302
    person = Person.objects.get(full_name="Nguyễn Thị Lan")
    assert person.romanised_name == "Nguyen Thi Lan"
    assert (person.sex, person.country_of_origin_id, person.consent_version) == (
        "female",
        "VN",
        "sheet-2024",
    )
    assert person.consent_given and person.email == "lan@example.org"
    attendance = person.attendances.get()
    assert attendance.event == cast.thai_event and attendance.role == "speaker"
    page = client.get(reverse("event-detail", args=[cast.thai_event.pk])).content.decode()
    assert "Nguyen Thi Lan" in page


def test_without_consent_a_new_person_is_not_recorded(client, cast):
    _login(client, cast.mel)
    url = reverse("attendance-add", args=[cast.thai_event.pk])
    data = _new_person()
    del data["consent_given"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Without the person&#x27;s consent nothing can be recorded." in response.content.decode()
    assert not Person.objects.filter(full_name="Nguyễn Thị Lan").exists()


def test_removing_an_attendance_keeps_the_person_and_is_audited(client, cast):
    _login(client, cast.mel)
    attendance = cast.thai_event.attendances.get()
    url = reverse("attendance-remove", args=[cast.thai_event.pk, attendance.pk])
    assert "Somchai" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Attendance.objects.filter(pk=attendance.pk).exists()
    assert Person.objects.filter(pk=cast.somchai.pk).exists()
    deletion = LogEntry.objects.get(object_pk=str(attendance.pk), action=LogEntry.Action.DELETE)
    assert deletion.actor == cast.mel


def test_a_country_officer_cannot_remove_attendance_at_a_cambodian_event(client, cast):
    _login(client, cast.thai_officer)
    attendance = cast.cambodian_event.attendances.get()
    url = reverse("attendance-remove", args=[cast.cambodian_event.pk, attendance.pk])
    assert client.post(url).status_code == 404
    assert Attendance.objects.filter(pk=attendance.pk).exists()


def test_an_attendance_of_another_event_cannot_be_removed_through_this_one(client, cast):
    _login(client, cast.mel)
    other = cast.cambodian_event.attendances.get()
    url = reverse("attendance-remove", args=[cast.thai_event.pk, other.pk])
    assert client.post(url).status_code == 404
    assert Attendance.objects.filter(pk=other.pk).exists()


def test_a_viewer_may_not_enter_or_remove_attendance(client, cast):
    _login(client, cast.viewer)
    attendance = cast.thai_event.attendances.get()
    assert client.get(reverse("attendance-add", args=[cast.thai_event.pk])).status_code == 403
    url = reverse("attendance-remove", args=[cast.thai_event.pk, attendance.pk])
    assert client.post(url).status_code == 403
    assert Attendance.objects.filter(pk=attendance.pk).exists()


def test_an_outsider_cannot_find_the_event(client, cast):
    _login(client, cast.outsider)
    url = reverse("attendance-add", args=[cast.thai_event.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _new_person()).status_code == 404


def test_a_person_of_another_program_cannot_be_added(client, cast):
    outsider_program = cast.outsider.memberships.get().program
    stranger = do_create_person(
        outsider_program, full_name="Stranger", consent_given=True, consent_version="v1"
    )
    _login(client, cast.admin)
    url = reverse("attendance-add", args=[cast.thai_event.pk])
    response = client.post(url, {"kind": "existing", "person": stranger.pk, "role": "participant"})
    assert response.status_code == 404
    assert not Attendance.objects.filter(person=stranger).exists()


def test_a_new_person_from_an_organisation_not_yet_recorded(client, cast):
    _login(client, cast.mel)
    url = reverse("attendance-add", args=[cast.thai_event.pk])
    data = _new_person(new_organisation="Ministry of Public Security", new_organisation_type="")
    assert client.post(url, data).status_code == 200  # the type is needed
    data["new_organisation_type"] = "government-national"
    assert client.post(url, data).status_code == 302
    organisation = Person.objects.get(full_name="Nguyễn Thị Lan").organisation
    assert (organisation.name, organisation.type, organisation.country_id) == (
        "Ministry of Public Security",
        "government-national",
        "VN",
    )
