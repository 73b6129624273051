"""Organisations participants name on the self-registration form are unconfirmed until a MEL
officer confirms their type or merges them into a known one; Table 2 says how many
participants they hold meanwhile."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from ctip.conftest import PASSWORD
from ctip.events.actions import do_create_event
from ctip.organisations.models import Organisation
from ctip.people.models import Attendance
from ctip.registration.actions import do_self_register
from ctip.reports.registry import run_report


def _self_registered(cast, organisation="Ministry of Everything", kind="government-national"):
    today = timezone.localdate()
    event = do_create_event(
        cast.program, code="TH-QR", title="Workshop", start_date=today,
        end_date=today + dt.timedelta(days=1), country_code="TH", event_type="workshop",
    )  # fmt: skip
    answers = {
        "full_name": "Malee Jaidee", "romanised_name": "", "sex": "female",
        "country_code": "TH", "organisation_name": organisation, "organisation_type": kind,
        "position": "", "email": "", "phone": "",
    }  # fmt: skip
    registration, _ = do_self_register(
        event, submission_token="t" * 24, answers=answers, consent_version="qr-1"
    )
    return event, registration.attendance.organisation


def test_a_self_registered_organisation_is_unconfirmed_and_table2_says_so(cast):
    event, organisation = _self_registered(cast)
    assert organisation.confirmed is False
    assert Organisation.objects.get(name="Royal Thai Police").confirmed  # known ones are
    period = cast.program.fiscal_year_of(event.start_date)
    report = run_report("table2", cast.program, period)
    assert any("1 participant represented an organisation named" in n for n in report.notes)


def test_a_mel_officer_confirms_its_type_and_the_note_goes(client, cast):
    event, organisation = _self_registered(cast)
    assert client.login(username=cast.mel.username, password=PASSWORD)
    page = client.get(reverse("organisations-unconfirmed")).content.decode()
    assert "Ministry of Everything" in page
    client.post(
        reverse("organisation-confirm", args=[organisation.pk]),
        {f"{organisation.pk}-type": "ngo-cso"},
    )
    organisation.refresh_from_db()
    assert organisation.confirmed and organisation.type == "ngo-cso"
    period = cast.program.fiscal_year_of(event.start_date)
    report = run_report("table2", cast.program, period)
    assert not any("not confirmed" in note for note in report.notes)
    non_state = report.sections[1].rows[-2].values["total"]
    assert non_state == 1  # counted as the MEL officer said, not as typed


def test_a_mel_officer_merges_it_into_a_known_organisation(client, cast):
    _event, organisation = _self_registered(cast, organisation="Thai Police")
    police = Organisation.objects.get(name="Royal Thai Police")
    assert client.login(username=cast.mel.username, password=PASSWORD)
    client.post(
        reverse("organisation-confirm", args=[organisation.pk]),
        {f"{organisation.pk}-type": "government-national", f"{organisation.pk}-into": police.pk},
    )
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert Attendance.objects.get(person__full_name="Malee Jaidee").organisation == police


def test_a_country_officer_cannot_confirm(client, cast):
    _event, organisation = _self_registered(cast)
    assert client.login(username=cast.thai_officer.username, password=PASSWORD)
    assert client.get(reverse("organisations-unconfirmed")).status_code == 403
    response = client.post(
        reverse("organisation-confirm", args=[organisation.pk]),
        {f"{organisation.pk}-type": "ngo-cso"},
    )
    assert response.status_code == 403
    organisation.refresh_from_db()
    assert not organisation.confirmed
