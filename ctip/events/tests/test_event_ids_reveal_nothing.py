"""A country officer learns nothing about other countries' events from the event IDs they
try: an ID another country's event holds gets the same answer as an ID nobody holds
(ctip/events/codes.py)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.events.models import Event
from ctip.imports.tests.sheets import write_csv

from .test_event_form import _form

HEADER = ["Event ID", "Title", "Start date", "Country", "Event type"]


def _answer_to_the_form(client, cast, code):
    assert client.login(username=cast.thai_officer.username, password=PASSWORD)
    response = client.post(reverse("event-create"), _form(code=code))
    if response.status_code == 302:
        return "created"
    page = response.content.decode()
    return page[page.index('id="id_code"') :][:2000].split("</ul>")[0]


@pytest.mark.parametrize("code", ["KH-001", "kh-001"])
def test_the_event_form_answers_another_countrys_id_as_it_answers_a_free_one(client, cast, code):
    assert Event.objects.filter(code="KH-001").exists()
    held = _answer_to_the_form(client, cast, code)
    free = _answer_to_the_form(client, cast, code.replace("001", "777"))
    assert held == free != "created"
    assert not Event.objects.filter(code__iexact="KH-777").exists()


def test_a_country_officer_still_hears_that_their_own_countrys_id_is_taken(client, cast):
    assert client.login(username=cast.thai_officer.username, password=PASSWORD)
    response = client.post(reverse("event-create"), _form(code="TH-001"))
    assert "Another event of this program has this event ID." in response.content.decode()


def _dry_run(tmp_path, code, country="Thailand"):
    path = write_csv(
        tmp_path / f"{code}.csv", HEADER, [[code, "Probe", "2024-11-05", country, "workshop"]]
    )
    out, err = StringIO(), StringIO()
    try:
        call_command(
            "import", "--as", "thai", "events", str(path), "--dry-run", stdout=out, stderr=err
        )
    except CommandError:
        pass
    return (out.getvalue() + err.getvalue()).replace(code, "CODE")


@pytest.mark.parametrize("country", ["Thailand", "Cambodia"])
def test_a_dry_run_import_answers_another_countrys_id_as_it_answers_a_free_one(
    cast, tmp_path, country
):
    held = _dry_run(tmp_path, "KH-001", country)
    free = _dry_run(tmp_path, "KH-777", country)
    assert held == free
    assert "would" not in held and "new" not in held


def test_no_one_gives_an_event_another_countrys_prefix(client, cast):
    assert client.login(username=cast.mel.username, password=PASSWORD)
    response = client.post(reverse("event-create"), _form(code="KH-050"))  # a Thai event
    assert response.status_code == 200
    assert "starts with KH- is for an event in that country" in response.content.decode()
    assert client.post(reverse("event-create"), _form(code="AA1-WEB-01")).status_code == 302
