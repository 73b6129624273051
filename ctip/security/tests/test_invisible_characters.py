"""One normalisation point for text that enters (ctip.lib.normalise.strip_invisible):
control characters are refused where they enter, invisible format characters (bidi
overrides, zero-width characters) never reach the database, whatever door the text came in
by: an import, a web form, the admin site, a query string, a command."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.events.actions import do_create_event
from ctip.imports.tests.sheets import ATTENDANCE_HEADER, thai_attendance_rows, write_csv
from ctip.organisations.models import Organisation
from ctip.people.models import Person

SPOOFED = "Siri\u202eporn\u202c Kaew\u200bma\u2066nee\ufeff"


def _import(path):
    out, err = StringIO(), StringIO()
    call_command(
        "import", "attendance", str(path), "--program", "test", "--consent-version", "1",
        stdout=out, stderr=err,
    )  # fmt: skip
    return out.getvalue(), err.getvalue()


def test_a_csv_holding_a_nul_byte_is_refused_naming_the_row_and_column(cast, tmp_path):
    rows = thai_attendance_rows()
    rows[1][1] = "Malee\x00 Jaidee"
    people = Person.objects.count()
    with pytest.raises(CommandError):
        _import(write_csv(tmp_path / "nul.csv", ATTENDANCE_HEADER, rows))
    assert Person.objects.count() == people
    assert not any("\x00" in name for name in Person.objects.values_list("full_name", flat=True))


def test_the_refusal_names_the_row_and_column(cast, tmp_path):
    rows = thai_attendance_rows()
    rows[1][1] = "Malee\x00 Jaidee"
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import",
            "attendance",
            str(write_csv(tmp_path / "nul.csv", ATTENDANCE_HEADER, rows)),
            "--program",
            "test",
            "--consent-version",
            "1",
            stderr=err,
        )
    assert 'row 3, column "full_name": this holds a control character' in err.getvalue()


def test_bidi_and_zero_width_characters_leave_imported_names(cast, tmp_path):
    rows = thai_attendance_rows()
    rows[0][1] = SPOOFED
    rows[0][4] = "Royal\u200d Thai Police\u202e"
    _import(write_csv(tmp_path / "bidi.csv", ATTENDANCE_HEADER, rows))
    assert Person.objects.filter(full_name="Siriporn Kaewmanee").exists()
    assert not Organisation.objects.filter(name__contains="\u200d").exists()


def test_the_admin_site_strips_them_from_a_name(client, cast):
    assert client.login(username=cast.admin.username, password=PASSWORD)
    police = Organisation.objects.get(name="Royal Thai Police")
    url = reverse("admin:organisations_organisation_change", args=[police.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data["name"] = "Royal \u202eThai\u200b Police"
    data["country"] = "TH"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    police.refresh_from_db()
    assert police.name == "Royal Thai Police"


def test_an_action_a_command_calls_strips_them_too(cast):
    event = do_create_event(
        cast.program,
        code="TH-\u200b077",
        title="Work\u202eshop\u2069",
        start_date=dt.date(2024, 11, 5),
        country_code="TH",
        event_type="workshop",
    )
    event.refresh_from_db()
    assert (event.code, event.title) == ("TH-077", "Workshop")


def test_a_query_string_with_a_control_character_is_a_bad_request(client, cast):
    assert client.login(username=cast.mel.username, password=PASSWORD)
    assert client.get(reverse("person-list"), {"q": "Som\x00chai"}).status_code == 400
    found = client.get(reverse("person-list"), {"q": "Som\u200bchai"})
    assert found.status_code == 200 and "Somchai" in found.content.decode()
