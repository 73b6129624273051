"""The events list: filters by country, fiscal year, type and project, participant counts, and
an export of what is listed (csv and xlsx, read back with real readers)."""

import csv
import datetime as dt
import io
import re

import openpyxl
from django.urls import reverse

from ctip.events.actions import do_create_event
from ctip.people.actions import do_record_attendance
from ctip.programs.models import Project


def _listed(client, **filters) -> dict[str, str]:
    page = client.get(reverse("event-list"), filters).content.decode()
    rows = page.split("<tbody>")[1].split("</tbody>")[0]
    return dict(
        re.findall(r"<tr><td>([^<]+)</td>.*?data-testid=\"participants\">([^<]*)</td></tr>", rows)
    )


def _more_events(cast):
    project = Project.objects.get(program=cast.program, code="AA1")
    later = do_create_event(
        cast.program,
        code="TH-002",
        title="=1+1 workshop",
        start_date=dt.date(2025, 8, 5),
        country_code="TH",
        event_type="workshop",
        project=project,
    )
    do_record_attendance(later, cast.somchai)
    do_record_attendance(later, cast.sokha)


def test_the_events_list_filters_by_country_year_type_and_project(client, cast):
    _more_events(cast)
    client.force_login(cast.mel)
    assert _listed(client) == {"TH-002": "2", "KH-001": "1", "TH-001": "1"}
    assert _listed(client, country="TH") == {"TH-002": "2", "TH-001": "1"}
    assert _listed(client, year="FY2024-25") == {"KH-001": "1", "TH-001": "1"}
    assert _listed(client, type="meeting") == {"KH-001": "1"}
    assert _listed(client, project="AA1") == {"TH-002": "2"}
    assert _listed(client, country="TH", year="FY2025-26", type="workshop") == {"TH-002": "2"}


def test_a_country_officer_lists_and_exports_only_their_countries_events(client, cast):
    _more_events(cast)
    client.force_login(cast.thai_officer)
    assert set(_listed(client)) == {"TH-001", "TH-002"}
    assert _listed(client, country="KH") == {}
    exported = client.get(reverse("event-list"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert sorted(row[0] for row in rows[1:]) == ["TH-001", "TH-002"]


def test_the_export_holds_the_filtered_events_with_their_participants(client, cast):
    _more_events(cast)
    client.force_login(cast.mel)
    response = client.get(reverse("event-list"), {"country": "TH", "export": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="events-test.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Event ID" and rows[0][-1] == "Participants"
    assert {row[0]: row[-1] for row in rows[1:]} == {"TH-002": "2", "TH-001": "1"}
    assert rows[1][1] == "'=1+1 workshop"  # a spreadsheet reads it as text, not a formula

    response = client.get(reverse("event-list"), {"year": "FY2025-26", "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][0] == "TH-002" and values[1][-1] == 2
    assert values[1][1] == "'=1+1 workshop"
    assert sheet.cell(row=2, column=2).data_type == "s"
    assert len(values) == 2
