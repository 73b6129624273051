"""Events of a numbered series (the webinar series) and the series' totals across years."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.test import Client

from ctip.conftest import PASSWORD
from ctip.events.models import Event, Series
from ctip.imports.actions import do_import_file
from ctip.people.actions import do_create_person, do_record_attendance
from ctip.reports import queries

SHEET = (
    "event_id,title,start_date,country,event_type,series,series_number\n"
    "RG-W-020,Webinar 20,2024-05-02,ASEAN,webinar,adaptive-justice,20\n"
    "RG-W-021,From contracts to coercion,2024-08-01,ASEAN,webinar,adaptive-justice,21\n"
    "RG-W-022,Survivors matter to countering trafficking,2024-11-22,ASEAN,webinar,"
    "adaptive-justice,22\n"
)


def test_a_series_totals_its_events_per_fiscal_year_and_across_years(cast):
    series = Series.objects.create(
        program=cast.program, code="adaptive-justice", title="Webinars on adaptive justice"
    )
    plan = do_import_file(
        "events", SHEET.encode(), "events.csv", program=cast.program, actor=cast.mel
    )
    assert not plan.errors, [str(e) for e in plan.errors]
    webinar = Event.objects.get(code="RG-W-021")
    for index in range(3):
        person = do_create_person(
            cast.program,
            full_name=f"Practitioner {index}",
            sex="female",
            country_code="TH",
            consent_given=True,
            consent_version="v1",
        )
        do_record_attendance(webinar, person)
    years = queries.series_by_year(cast.program, series)
    assert [(y.fiscal_year, y.numbers, y.participants) for y in years] == [
        ("FY2023-24", (20,), 0),
        ("FY2024-25", (21, 22), 3),
    ]
    # a number already taken in the series is refused, naming the row and column
    taken = (
        SHEET.splitlines()[0] + "\nRG-W-099,Another,2025-04-30,ASEAN,webinar,adaptive-justice,21\n"
    )
    refused = do_import_file(
        "events", taken.encode(), "events.csv", program=cast.program, actor=cast.mel
    )
    assert [(e.row, e.column) for e in refused.errors] == [(2, "series_number")]
    # the report, the command and the page
    out = StringIO()
    call_command(
        "report",
        "series",
        "--period",
        "FY2024-25",
        "--program",
        "test",
        "--format",
        "csv",
        stdout=out,
    )
    assert "21–22" in out.getvalue()
    out = StringIO()
    call_command("series", "--program", "test", "show", "adaptive-justice", stdout=out)
    assert "FY2024-25: 21–22 — 2 events, 3 participants" in out.getvalue()
    client = Client()
    client.login(username="viewer", password=PASSWORD)
    page = client.get("/series/adaptive-justice/")
    assert page.status_code == 200 and "From contracts to coercion" in page.content.decode()
    assert dt.date(2024, 8, 1) == webinar.start_date
