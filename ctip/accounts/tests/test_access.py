"""Who sees what: every page and CLI path that shows personal data, for every role."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ctip.accounts.access import NotFound, access_event, access_person, people_for
from ctip.conftest import PASSWORD


def _client_for(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_a_thai_country_officer_cannot_see_a_cambodian_events_participants(client, cast):
    _client_for(client, cast.thai_officer)
    assert client.get(reverse("event-detail", args=[cast.cambodian_event.pk])).status_code == 404
    assert client.get(reverse("person-detail", args=[cast.sokha.pk])).status_code == 404
    listing = client.get(reverse("person-list")).content.decode()
    assert "Sokha" not in listing and "Somchai" in listing
    events = client.get(reverse("event-list")).content.decode()
    assert "KH-001" not in events and "TH-001" in events


def test_a_thai_country_officer_sees_the_thai_events_participants(client, cast):
    _client_for(client, cast.thai_officer)
    page = client.get(reverse("event-detail", args=[cast.thai_event.pk])).content.decode()
    assert "Somchai Srisuk" in page
    assert client.get(reverse("person-detail", args=[cast.somchai.pk])).status_code == 200


def test_guessing_a_url_gives_the_same_answer_as_a_missing_record(client, cast):
    _client_for(client, cast.thai_officer)
    hidden = client.get(reverse("person-detail", args=[cast.sokha.pk]))
    missing = client.get(reverse("person-detail", args=[999999]))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content


def test_a_viewer_sees_numbers_but_no_name_anywhere(client, cast):
    _client_for(client, cast.viewer)
    pages = [
        reverse("dashboard") + "?period=FY2024-25",
        reverse("event-list"),
        reverse("event-detail", args=[cast.thai_event.pk]),
        reverse("event-detail", args=[cast.cambodian_event.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for name in ("Somchai", "สมชาย", "Sokha", "សុខា"):
            assert name not in body, (url, name)
    assert client.get(reverse("person-list")).status_code == 403
    assert client.get(reverse("person-detail", args=[cast.somchai.pk])).status_code == 404
    dashboard = client.get(reverse("dashboard") + "?period=FY2024-25").content.decode()
    assert 'data-testid="participants">2<' in dashboard


def test_an_outsider_sees_nothing_of_the_program(client, cast):
    _client_for(client, cast.outsider)
    for url in [
        reverse("event-detail", args=[cast.thai_event.pk]),
        reverse("person-detail", args=[cast.somchai.pk]),
    ]:
        assert client.get(url).status_code == 404
    assert "TH-001" not in client.get(reverse("event-list")).content.decode()
    assert "Somchai" not in client.get(reverse("person-list")).content.decode()
    assert client.get(reverse("dashboard") + "?program=test").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, cast):
    for url in [
        reverse("dashboard"),
        reverse("event-list"),
        reverse("person-list"),
        reverse("event-detail", args=[cast.thai_event.pk]),
        reverse("person-detail", args=[cast.somchai.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_mel_officer_and_administrator_see_every_participant(client, cast):
    for user in (cast.mel, cast.admin):
        _client_for(client, user)
        page = client.get(reverse("event-detail", args=[cast.cambodian_event.pk])).content
        assert "Sokha Chan" in page.decode()
        client.logout()


def test_the_access_layer_raises_the_same_error_for_missing_and_not_yours(cast):
    with pytest.raises(NotFound):
        access_person(cast.thai_officer, cast.sokha.pk)
    with pytest.raises(NotFound):
        access_person(cast.thai_officer, 123456)
    with pytest.raises(NotFound):
        access_event(cast.outsider, cast.thai_event.pk)
    assert list(people_for(cast.viewer)) == []


def test_the_cli_acts_as_administrator_unless_told_otherwise(cast, capsys):
    call_command("people", "list", "--event", "KH-001")
    assert "Sokha Chan" in capsys.readouterr().out


def test_the_cli_as_a_thai_officer_does_not_show_cambodian_participants(cast, capsys):
    call_command("people", "--as", "thai", "list", "--event", "KH-001")
    assert "Sokha" not in capsys.readouterr().out
    call_command("people", "--as", "thai", "list")
    out = capsys.readouterr().out
    assert "Somchai Srisuk" in out and "Sokha" not in out
    with pytest.raises(CommandError, match="no person"):
        call_command("people", "--as", "thai", "show", str(cast.sokha.pk))
    call_command("events", "--as", "thai", "list")
    assert "KH-001" not in capsys.readouterr().out


def test_the_cli_as_a_viewer_shows_no_people(cast, capsys):
    with pytest.raises(CommandError, match="aggregate numbers only"):
        call_command("people", "--as", "viewer", "list")
    with pytest.raises(CommandError, match="aggregate numbers only"):
        call_command("people", "--as", "viewer", "show", str(cast.somchai.pk))
    assert "Somchai" not in capsys.readouterr().out


def test_the_cli_refuses_an_unknown_user(cast):
    with pytest.raises(CommandError, match="no active user"):
        call_command("people", "--as", "nobody", "list")
