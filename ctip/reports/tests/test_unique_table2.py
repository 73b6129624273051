"""Table 2 with --unique: every cell counts unique people (record linkage), clearly labelled."""

import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.events.actions import do_create_event
from ctip.linkage.actions import do_merge_people
from ctip.people.actions import do_create_person, do_record_attendance
from ctip.reports.registry import UnsupportedOption, run_report

from .test_public import _lines_of

FY = "FY2024-25"


def _table2(program, **options):
    report = run_report("table2", program, program.period(FY), **options)
    return {
        (section.key, row.values["country"]): row.values
        for section in report.sections
        for row in section.rows
        if row.kind != "percentage"
    }


def _csv(*args):
    out = io.StringIO()
    call_command("report", *args, "--program", "test", "--period", FY, stdout=out)
    return out.getvalue()


@pytest.fixture
def somchai_twice(cast):
    """Somchai at a second Thai training under a second record, linked to the first."""
    refresher = do_create_event(
        cast.program,
        code="TH-002",
        title="Refresher",
        start_date=dt.date(2025, 1, 15),
        country_code="TH",
        event_type="training",
    )
    again = do_create_person(
        cast.program,
        full_name="Somchai Srisuk",
        sex="male",
        country_code="TH",
        organisation=cast.somchai.organisation,
        consent_given=True,
    )
    do_record_attendance(refresher, again)
    do_merge_people(cast.mel, cast.somchai, again)
    return again


def test_a_person_at_two_events_is_two_participants_but_one_unique_person(cast, somchai_twice):
    attendances = _table2(cast.program)
    unique = _table2(cast.program, unique=True)
    assert attendances[("state", "Thailand")]["male"] == 2
    assert unique[("state", "Thailand")]["male"] == 1
    assert unique[("state", "Thailand")]["total"] == 1
    assert unique[("state", "Total")]["total"] == 2  # Somchai and Sokha
    assert unique[("state", "Cambodia")]["female"] == 1


def test_without_links_and_one_event_each_unique_people_equal_attendances(mixed):
    attendances = _table2(mixed.program)
    assert _table2(mixed.program, unique=True) == attendances
    assert _table2(mixed.program, unique=True, country="TH", project="AA1") == _table2(
        mixed.program, country="TH", project="AA1"
    )


def test_a_person_in_two_rows_counts_in_each_but_once_in_the_total(cast):
    """Two records of one person with different countries of origin (and sexes)."""
    other = do_create_person(
        cast.program,
        full_name="Somchai S.",
        sex="not-specified",
        country_code="LA",
        organisation=cast.somchai.organisation,
        consent_given=True,
    )
    do_record_attendance(cast.cambodian_event, other)
    do_merge_people(cast.mel, cast.somchai, other)
    unique = _table2(cast.program, unique=True)
    assert unique[("state", "Thailand")]["total"] == 1
    assert unique[("state", "Laos")]["total"] == 1
    total = unique[("state", "Total")]
    assert (total["male"], total["not_specified"], total["female"]) == (1, 1, 1)
    assert total["total"] == 2  # Somchai once, Sokha once: the distinct count, not the sum 3
    assert _table2(cast.program)[("state", "Total")]["total"] == 3  # attendances


def test_the_title_and_notes_say_unique_people_not_attendances(cast, somchai_twice):
    report = run_report("table2", cast.program, cast.program.period(FY), unique=True)
    assert report.title.startswith("Unique people (each counted once, not attendances)")
    assert "UNIQUE PEOPLE, NOT ATTENDANCES" in report.notes[0]
    assert "not the sum of its cells" in report.notes[0]
    assert "ctip people link" not in report.notes[0]  # a web user is told whom to ask
    assert "Review links page" in report.notes[0]
    markdown = _csv("table2", "--unique", "--format", "md")
    assert markdown.startswith("# Unique people (each counted once, not attendances)")
    document = json.loads(_csv("table2", "--unique", "--format", "json"))
    assert document["unique"] is True and document["title"].startswith("Unique people")
    assert json.loads(_csv("table2", "--format", "json"))["unique"] is False


def test_the_cli_prints_unique_people_with_unique(cast, somchai_twice):
    rows = {
        (row["group"], row["country"]): row
        for row in csv.DictReader(io.StringIO(_csv("table2", "--unique", "--format", "csv")))
    }
    assert rows[("state", "Thailand")]["male"] == "1"
    plain = {
        (row["group"], row["country"]): row
        for row in csv.DictReader(io.StringIO(_csv("table2", "--format", "csv")))
    }
    assert plain[("state", "Thailand")]["male"] == "2"


def test_the_xlsx_title_says_unique_people(cast, somchai_twice, tmp_path):
    import openpyxl

    path = tmp_path / "t.xlsx"
    call_command(
        "report", "table2", "--program", "test", "--period", FY, "--unique", "-o", str(path)
    )
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value.startswith("Unique people")
    texts = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert any(str(text).startswith("UNIQUE PEOPLE, NOT ATTENDANCES") for text in texts)


def test_public_release_suppresses_unique_counts_the_same_way(mixed):
    report = run_report("table2", mixed.program, mixed.program.period(FY), unique=True, threshold=5)
    for section in report.sections:
        for line in _lines_of(section):
            assert not [v for v in line if isinstance(v, int) and 0 < v < 5]
            assert sum(not isinstance(v, int) for v in line) != 1, line
    cells = _table2(mixed.program, unique=True, threshold=5)
    assert cells[("state", "Thailand")]["male"] == 8  # the cast's Somchai and 7 more
    assert str(cells[("state", "Cambodia")]["female"]) == "<5"  # the cast's Sokha
    # attendances are published by the cell-key method instead (ctip/reports/cellkey.py)


def test_reports_that_cannot_count_unique_people_refuse_unique(cast):
    with pytest.raises(UnsupportedOption, match="table1 cannot count unique people"):
        run_report("table1", cast.program, cast.program.period(FY), unique=True)
    with pytest.raises(CommandError, match="highlights cannot count unique people"):
        _csv("highlights", "--unique")
    with pytest.raises(CommandError, match="unique-people report shows them"):
        _csv("unique-people", "--unique")


def test_the_web_page_has_a_unique_toggle_for_table2_only(client, cast, somchai_twice):
    client.login(username="viewer", password=PASSWORD)
    plain = client.get(reverse("report", args=["table2"]), {"period": FY}).content.decode()
    assert 'name="unique"' in plain and "UNIQUE PEOPLE" not in plain
    page = client.get(reverse("report", args=["table2"]), {"period": FY, "unique": "1"})
    text = page.content.decode()
    assert 'data-testid="unique-notice"' in text and "UNIQUE PEOPLE, NOT ATTENDANCES" in text
    assert "unique=1" in text.split("downloads")[1]  # every download keeps the option
    download = client.get(
        reverse("report-download", args=["table2", "csv"]), {"period": FY, "unique": "1"}
    )
    assert "table2-FY2024-25-unique.csv" in download["Content-Disposition"]
    rows = {
        (row["group"], row["country"]): row
        for row in csv.DictReader(io.StringIO(download.content.decode("utf-8-sig")))
    }
    assert rows[("state", "Thailand")]["male"] == "1"
    table1 = client.get(reverse("report", args=["table1"]), {"period": FY, "unique": "1"})
    assert 'name="unique"' not in table1.content.decode()
    assert "cannot count unique people" in table1.content.decode()
