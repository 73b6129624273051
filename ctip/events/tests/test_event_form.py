"""Creating and editing events on the web, for every role."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.events.models import Event
from ctip.organisations.models import Organisation
from ctip.programs.models import Outcome


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _form(**changes):
    data = {
        "title": "Workshop on labour exploitation",
        "code": "TH-042",
        "start_date": "2024-11-05",
        "end_date": "2024-11-06",
        "country": "TH",
        "place": "Chiang Mai",
        "modality": "in-person",
        "event_type": "workshop",
    }
    data.update(changes)
    return data


@pytest.fixture
def outcome(cast):
    return Outcome.objects.create(
        program=cast.program, level=Outcome.Level.INTERMEDIATE, number=4, title="Justice"
    )


def test_a_mel_officer_creates_an_event_with_every_field(client, cast, outcome):
    _login(client, cast.mel)
    lead = Organisation.objects.get(name="Royal Thai Police")
    co = Organisation.objects.get(name__startswith="National Committee")
    response = client.post(
        reverse("event-create"),
        _form(
            project=cast.program.projects.get().pk,
            outcomes=[outcome.pk],
            lead_partner=lead.pk,
            co_organisers=[co.pk],
            modality="hybrid",
        ),
    )
    event = Event.objects.get(code="TH-042")
    assert response.status_code == 302
    assert response["Location"] == reverse("event-detail", args=[event.pk])
    assert (event.title, event.place, event.modality, event.event_type) == (
        "Workshop on labour exploitation",
        "Chiang Mai",
        "hybrid",
        "workshop",
    )
    assert str(event.start_date) == "2024-11-05" and str(event.end_date) == "2024-11-06"
    assert event.project.code == "AA1"
    assert list(event.outcomes.all()) == [outcome]
    assert event.lead_partner == lead and list(event.co_organisers.all()) == [co]
    entries = LogEntry.objects.get_for_object(event).order_by("pk")
    assert entries[0].action == LogEntry.Action.CREATE
    assert {entry.actor for entry in entries} == {cast.mel}


def test_an_administrator_creates_a_regional_event(client, cast):
    _login(client, cast.admin)
    response = client.post(reverse("event-create"), _form(code="REG-1", country="ASEAN"))
    assert response.status_code == 302
    assert Event.objects.get(code="REG-1").country.name == "ASEAN/regional"


def test_a_one_day_event_needs_no_end_date(client, cast):
    _login(client, cast.mel)
    client.post(reverse("event-create"), _form(end_date=""))
    event = Event.objects.get(code="TH-042")
    assert event.end_date == event.start_date


def test_an_event_cannot_end_before_it_starts(client, cast):
    _login(client, cast.mel)
    response = client.post(reverse("event-create"), _form(end_date="2024-11-01"))
    assert response.status_code == 200
    assert "cannot end before it starts" in response.content.decode()
    assert not Event.objects.filter(code="TH-042").exists()


def test_an_event_id_is_unique_within_the_program(client, cast):
    _login(client, cast.mel)
    response = client.post(reverse("event-create"), _form(code="TH-001"))
    assert response.status_code == 200
    assert "Another event of this program has this event ID." in response.content.decode()
    assert Event.objects.filter(code="TH-001").count() == 1


def test_a_thai_country_officer_creates_events_in_thailand_only(client, cast):
    _login(client, cast.thai_officer)
    page = client.get(reverse("event-create")).content.decode()
    assert 'value="TH"' in page and 'value="KH"' not in page
    assert client.post(reverse("event-create"), _form()).status_code == 302
    response = client.post(reverse("event-create"), _form(code="KH-9", country="KH"))
    assert response.status_code == 200  # Cambodia is not a choice for them
    assert not Event.objects.filter(code="KH-9").exists()


def test_a_mel_officer_edits_an_event_and_the_change_is_audited(client, cast):
    _login(client, cast.mel)
    url = reverse("event-edit", args=[cast.thai_event.pk])
    assert 'value="TH-001"' in client.get(url).content.decode()
    response = client.post(
        url, _form(code="TH-001", title="Training on victim identification (2)", end_date="")
    )
    assert response.status_code == 302
    cast.thai_event.refresh_from_db()
    assert cast.thai_event.title == "Training on victim identification (2)"
    change = LogEntry.objects.get_for_object(cast.thai_event).latest("pk")
    assert change.actor == cast.mel
    assert change.changes_dict["title"][1] == "Training on victim identification (2)"


def test_a_thai_country_officer_edits_a_thai_event_but_cannot_find_a_cambodian_one(client, cast):
    _login(client, cast.thai_officer)
    thai = reverse("event-edit", args=[cast.thai_event.pk])
    cambodian = reverse("event-edit", args=[cast.cambodian_event.pk])
    assert client.get(thai).status_code == 200
    assert client.get(cambodian).status_code == 404
    assert client.post(cambodian, _form(code="KH-001", country="KH")).status_code == 404
    cast.cambodian_event.refresh_from_db()
    assert cast.cambodian_event.title == "Coordination meeting"


def test_a_thai_country_officer_cannot_move_a_thai_event_to_cambodia(client, cast):
    _login(client, cast.thai_officer)
    url = reverse("event-edit", args=[cast.thai_event.pk])
    client.post(url, _form(code="TH-001", country="KH"))
    cast.thai_event.refresh_from_db()
    assert cast.thai_event.country_id == "TH"


def test_a_viewer_may_not_create_or_edit_events(client, cast):
    _login(client, cast.viewer)
    assert client.get(reverse("event-create")).status_code == 403
    assert client.post(reverse("event-create"), _form()).status_code == 403
    assert client.get(reverse("event-edit", args=[cast.thai_event.pk])).status_code == 403
    assert client.post(reverse("event-edit", args=[cast.thai_event.pk]), _form()).status_code == 403
    assert not Event.objects.filter(code="TH-042").exists()


def test_an_outsider_cannot_reach_the_programs_events(client, cast):
    _login(client, cast.outsider)
    assert client.get(reverse("event-create") + "?program=test").status_code == 404
    assert client.get(reverse("event-edit", args=[cast.thai_event.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, cast):
    for url in (reverse("event-create"), reverse("event-edit", args=[cast.thai_event.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_event_pages_link_to_editing_for_those_who_may_edit(client, cast):
    _login(client, cast.thai_officer)
    assert reverse("event-create") in client.get(reverse("event-list")).content.decode()
    page = client.get(reverse("event-detail", args=[cast.thai_event.pk])).content.decode()
    assert reverse("event-edit", args=[cast.thai_event.pk]) in page
    assert reverse("attendance-add", args=[cast.thai_event.pk]) in page
    client.logout()
    _login(client, cast.viewer)
    assert reverse("event-create") not in client.get(reverse("event-list")).content.decode()
    page = client.get(reverse("event-detail", args=[cast.thai_event.pk])).content.decode()
    assert "/edit/" not in page and "/r/" not in page
