"""Importing Moodle's course completion report: all or nothing, idempotent, errors by row and
column, learners linked to the registry; completions by course × language × country × sex,
counted as people trained only when the program says so."""

from __future__ import annotations

import csv
import io
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.elearning.actions import do_set_counts_elearning
from ctip.elearning.models import Completion, Course
from ctip.elearning.queries import completions_by_course
from ctip.imports.actions import do_import_file
from ctip.people.models import Person
from ctip.results.computed import COMPUTED

MOODLE_CSV = Path(__file__).with_name("moodle") / "course_completions.csv"
COURSE = "Gender-Sensitive and Victim-Centred Approaches for Frontliners"


def _rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO(MOODLE_CSV.read_text(encoding="utf-8-sig"))))


def _xlsx(rows) -> bytes:
    """The report as Moodle's "Microsoft Excel (.xlsx)" download writes it: one sheet, the
    column titles in row 1, every value as text."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Course completions"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _csv(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return ("\ufeff" + out.getvalue()).encode()


def _import(cast, content: bytes, name: str, actor=None):
    return do_import_file("elearning", content, name, program=cast.program, actor=actor or cast.mel)


def _state():
    return (
        Course.objects.count(),
        Person.objects.count(),
        sorted(Completion.objects.values_list("learner_key", "language", "completed_on")),
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_elearning_completion_file_imports_all_or_nothing_and_idempotently(cast, kind):
    content = MOODLE_CSV.read_bytes() if kind == "csv" else _xlsx(_rows())
    plan = _import(cast, content, f"completions.{kind}")
    assert not plan.errors, [str(e) for e in plan.errors]
    counts = plan.counts
    assert (counts["new"], counts["left-out"]) == (4, 1)  # Aung Min has not completed
    after_first = _state()
    assert after_first[0] == 1  # one course
    assert {c.language for c in Completion.objects.all()} == {"th", "vi", "km", "id"}
    lan = Completion.objects.get(learner_key="lan@example.org")
    assert (str(lan.completed_on), lan.country_id) == ("2024-11-15", "VN")
    assert lan.person.sex == "female"
    # an organisation the registry knows is linked; another is kept as written, with a warning
    siriporn = Completion.objects.get(learner_key="siriporn@example.org")
    assert siriporn.organisation.name == "Royal Thai Police"
    assert (lan.organisation, lan.organisation_as_written) == (None, "Vietnam Women's Union")
    assert any(w.column == "organisation" and w.row == 3 for w in plan.warnings)
    # the same report again changes nothing
    again = _import(cast, content, f"completions.{kind}")
    assert again.counts["new"] == 0 and again.counts["unchanged"] == 4
    assert _state() == after_first
    # one bad value anywhere: nothing is written, and the error names its row and column
    rows = _rows()
    rows[1][7] = "Tuesday, 1 October 2024, 10:15 AM"
    rows.append(
        [
            "New Learner",
            "new@example.org",
            "Laos",
            "",
            "Female",
            COURSE,
            "Lao (lo)",
            "Thursday, 5 June 2025, 2:00 PM",
        ]
    )
    rows.append(
        ["Bad Date", "bad@example.org", "Laos", "", "Female", COURSE, "Lao (lo)", "sometime"]
    )
    content = _csv(rows) if kind == "csv" else _xlsx(rows)
    refused = _import(cast, content, f"completions.{kind}")
    assert [(error.row, error.column) for error in refused.errors] == [(8, "completion_date")]
    assert '"sometime"' in str(refused.errors[0])
    assert _state() == after_first


def test_a_learner_already_in_the_registry_is_linked_not_duplicated(cast):
    from ctip.people.actions import do_create_person

    siriporn = do_create_person(
        cast.program,
        full_name="Siriporn Kaewmanee",
        sex="female",
        country_code="TH",
        email="siriporn@example.org",
        consent_given=True,
        consent_version="v1",
    )
    _import(cast, MOODLE_CSV.read_bytes(), "completions.csv")
    assert Completion.objects.get(learner_key="siriporn@example.org").person == siriporn


def test_wrong_values_are_named_by_row_and_column(cast):
    rows = _rows()
    rows[2][6] = "Klingon"
    rows[3][4] = "femail"
    plan = _import(cast, _csv(rows), "completions.csv")
    where = {(error.row, error.column) for error in plan.errors}
    assert where == {(3, "language"), (4, "sex")}
    assert not Completion.objects.exists()


def test_only_the_programs_managers_import_completions(cast):
    plan = _import(cast, MOODLE_CSV.read_bytes(), "completions.csv", actor=cast.thai_officer)
    assert plan.errors and "administrators and MEL officers" in str(plan.errors[0])
    assert not Completion.objects.exists()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command(
            "import",
            "--as",
            "thai",
            "elearning",
            str(MOODLE_CSV),
            "--program",
            "test",
            stdout=StringIO(),
            stderr=StringIO(),
        )


def test_completions_are_reported_by_course_language_country_and_sex(cast):
    _import(cast, MOODLE_CSV.read_bytes(), "completions.csv")
    period = cast.program.period("FY2024-25")
    lines = {
        (line.language, line.country): line for line in completions_by_course(cast.program, period)
    }
    assert lines[("th", "TH")].female == 1
    assert lines[("km", "KH")].male == 1
    assert sum(line.total for line in lines.values()) == 4
    out = StringIO()
    call_command(
        "report",
        "elearning",
        "--period",
        "FY2024-25",
        "--program",
        "test",
        "--format",
        "csv",
        stdout=out,
    )
    assert "Khmer" in out.getvalue()


def test_completions_count_as_people_trained_only_when_the_program_says_so(cast):
    _import(cast, MOODLE_CSV.read_bytes(), "completions.csv")
    period = cast.program.period("FY2024-25")
    trained = COMPUTED["people-trained"][1]
    before = trained(cast.program, period)
    do_set_counts_elearning(cast.program, cast.mel, True)
    assert trained(cast.program, period) == before + 4
    assert COMPUTED["elearning-completions"][1](cast.program, period) == 4


def test_the_fact_sheet_counts_completions_as_people_trained_when_the_program_does(cast):
    from ctip.reports.factsheet import factsheet

    _import(cast, MOODLE_CSV.read_bytes(), "completions.csv")
    before = factsheet(cast.program, "FY2024-25", "TH").people_trained
    do_set_counts_elearning(cast.program, cast.mel, True)
    after = factsheet(cast.program, "FY2024-25", "TH").people_trained
    assert (after.total, after.female) == (before.total + 1, before.female + 1)  # Siriporn


def test_a_learners_institution_written_as_learners_write_it_finds_the_registrys(cast):
    from ctip.organisations.actions import do_load_organisations
    from ctip.organisations.registry import SEED_FILE, read_registry_file

    do_load_organisations(read_registry_file(SEED_FILE))
    rows = _rows()
    rows[1][3] = "Royal Thai Police (RTP)"  # the acronym in brackets
    plan = _import(cast, _csv(rows), "completions.csv")
    assert not plan.errors, [str(e) for e in plan.errors]
    siriporn = Completion.objects.get(learner_key="siriporn@example.org")
    assert siriporn.organisation.name == "Royal Thai Police"
