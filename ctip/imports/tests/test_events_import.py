"""Importing events from the command line, with real csv and xlsx files."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.events.models import Event
from ctip.imports.models import ImportRecord
from ctip.organisations.models import Organisation
from ctip.programs.models import Outcome

from .sheets import ATTENDANCE_HEADER, thai_attendance_rows, write_csv, write_xlsx

HEADER = [
    "Event ID",
    "Title",
    "Start date",
    "End date",
    "Country",
    "Event type",
    "Modality",
    "Project",
    "Outcomes",
    "Lead partner",
    "Location",
]


@pytest.fixture
def outcomes(cast):
    for number in (1, 4, 8):
        Outcome.objects.create(
            program=cast.program, level="io", number=number, title=f"IO {number}"
        )
    Organisation.objects.filter(name="Royal Thai Police").update(acronym="RTP")


def run_import(path, *options, kind="events"):
    out, err = StringIO(), StringIO()
    call_command("import", kind, str(path), "--program", "test", *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def rows():
    return [
        [
            "TH-002",
            "Workshop on trauma-informed interviewing",
            dt.datetime(2024, 11, 5),  # noqa: DTZ001 (Excel date cells are naive)
            dt.datetime(2024, 11, 7),  # noqa: DTZ001
            "Thailand",
            "Workshop",
            "in person",
            "aa1",
            "1;4;8",
            "RTP",
            "Chiang Mai",
        ],
        [
            "ASEAN-001",
            "Regional conference on counter-trafficking",
            "2025-02-20",
            "",
            "ASEAN",
            "conference",
            "hybrid",
            "",
            "",
            "",
            "Jakarta",
        ],
    ]


def test_events_are_imported_from_excel_dates_and_iso_text(cast, outcomes, tmp_path):
    out, _err = run_import(write_xlsx(tmp_path / "events.xlsx", HEADER, rows()))
    assert "2 new" in out
    workshop = Event.objects.get(code="TH-002")
    assert (workshop.start_date, workshop.end_date) == (dt.date(2024, 11, 5), dt.date(2024, 11, 7))
    assert (workshop.event_type, workshop.modality, workshop.project.code) == (
        "workshop",
        "in-person",
        "AA1",
    )
    assert sorted(workshop.outcomes.values_list("number", flat=True)) == [1, 4, 8]
    assert workshop.lead_partner.name == "Royal Thai Police"
    assert workshop.place == "Chiang Mai"
    conference = Event.objects.get(code="ASEAN-001")
    assert (conference.country_id, conference.end_date) == ("ASEAN", dt.date(2025, 2, 20))


def test_importing_the_same_events_twice_changes_nothing(cast, outcomes, tmp_path):
    path = write_xlsx(tmp_path / "events.xlsx", HEADER, rows())
    run_import(path)
    out, _err = run_import(path)
    assert "0 new, 0 changed, 2 unchanged" in out
    assert Event.objects.filter(program=cast.program).count() == 4


def test_a_corrected_event_is_updated_and_the_rollback_restores_it(cast, outcomes, tmp_path):
    run_import(write_xlsx(tmp_path / "v1.xlsx", HEADER, rows()))
    corrected = rows()
    corrected[0][5] = "training"
    corrected[0][8] = "4"
    out, _err = run_import(write_xlsx(tmp_path / "v2.xlsx", HEADER, corrected))
    assert "0 new, 1 changed, 1 unchanged" in out
    workshop = Event.objects.get(code="TH-002")
    assert workshop.event_type == "training"
    assert list(workshop.outcomes.values_list("number", flat=True)) == [4]
    call_command("import", "rollback", str(ImportRecord.objects.latest("pk").pk), stdout=StringIO())
    workshop.refresh_from_db()
    assert workshop.event_type == "workshop"
    assert sorted(workshop.outcomes.values_list("number", flat=True)) == [1, 4, 8]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (2, "03/04/2024", '"03/04/2024" could be read two ways'),
        (2, "2024-02-30", '"2024-02-30" is not a real date'),
        (5, "party", '"party" is not an event type we know'),
        (4, "Atlantis", '"Atlantis" is not a country we know'),
        (8, "1;9", "9 is not an intermediate outcome of this program"),
        (9, "Unknown Agency", '"Unknown Agency" is not an organisation we know'),
        (7, "ZZ9", '"ZZ9" is not a project of this program'),
    ],
)
def test_a_wrong_value_is_named_with_its_row_and_column(
    cast, outcomes, tmp_path, column, value, message
):
    bad = rows()
    bad[1][column] = value
    path = write_csv(tmp_path / "events.csv", HEADER, bad)
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import", "events", str(path), "--program", "test", stderr=err)
    header = [
        "event_id",
        "title",
        "start_date",
        "end_date",
        "country",
        "event_type",
        "modality",
        "project",
        "outcomes",
        "lead_partner",
        "location",
    ][column]
    assert f'row 3, column "{header}": {message}' in err.getvalue()
    assert not Event.objects.filter(code__in=["TH-002", "ASEAN-001"]).exists()


def test_a_country_officer_imports_events_only_in_their_countries(cast, outcomes, tmp_path):
    path = write_csv(tmp_path / "events.csv", HEADER, rows())
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import", "--as", "thai", "events", str(path), stderr=err)
    assert 'row 3, column "country": you may import events only in your countries (TH)' in (
        err.getvalue()
    )
    out = StringIO()
    call_command(
        "import",
        "--as",
        "thai",
        "events",
        str(write_csv(tmp_path / "th.csv", HEADER, rows()[:1])),
        stdout=out,
    )
    assert "1 new" in out.getvalue()


def test_an_events_import_is_not_rolled_back_once_attendance_refers_to_its_events(
    cast, outcomes, tmp_path
):
    run_import(write_csv(tmp_path / "events.csv", HEADER, rows()))
    events_import = ImportRecord.objects.get()
    attendance = [row[:] for row in thai_attendance_rows()]
    for row in attendance:
        row[0] = "TH-002"
    run_import(
        write_csv(tmp_path / "attendance.csv", ATTENDANCE_HEADER, attendance),
        "--consent-version",
        "1",
        kind="attendance",
    )
    with pytest.raises(CommandError, match="attendances made since refer to events"):
        call_command("import", "rollback", str(events_import.pk))
    assert Event.objects.filter(code="TH-002").exists()


def test_an_events_sheet_without_a_column_leaves_that_value_as_it_was(cast, outcomes, tmp_path):
    run_import(write_xlsx(tmp_path / "full.xlsx", HEADER, rows()))
    short = [[row[0], row[1], row[2], row[4], "training"] for row in rows()]
    out, _err = run_import(
        write_csv(
            tmp_path / "short.csv",
            ["event_id", "title", "start_date", "country", "event_type"],
            [[r[0], r[1], "2024-11-05" if r[0] == "TH-002" else r[2], r[3], r[4]] for r in short],
        )
    )
    assert "0 new, 2 changed, 0 unchanged" in out
    workshop = Event.objects.get(code="TH-002")
    assert workshop.event_type == "training"
    assert workshop.end_date == dt.date(2024, 11, 7)
    assert sorted(workshop.outcomes.values_list("number", flat=True)) == [1, 4, 8]
    assert (workshop.lead_partner.name, workshop.place) == ("Royal Thai Police", "Chiang Mai")
