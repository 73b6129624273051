"""Cells a spreadsheet would run as formulas come in through imports as plain text, and go
out of every csv and xlsx we write quoted and stored as text (OWASP CSV injection)."""

import csv
import io
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from ctip.countries.models import Country
from ctip.events.models import Event
from ctip.imports import downloads
from ctip.imports.sources import SOURCES
from ctip.lib.spreadsheets import safe_cell
from ctip.reports.tests.builders import make_attendances

FORMULAS = [
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", FORMULAS)
def test_text_a_spreadsheet_would_run_is_quoted(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Workshop", "", "'=already quoted", 5, -2, 1.5, None])
def test_other_values_pass_unchanged(value):
    assert safe_cell(value) == value


def _events_sheet(path, titles):
    """An events workbook whose titles are written as text cells, as a hostile user would."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["event_id", "title", "start_date", "country", "event_type"])
    for number, title in enumerate(titles, start=1):
        sheet.append([f"FX-{number}", "x", "2024-11-05", "Thailand", "workshop"])
        cell = sheet.cell(row=sheet.max_row, column=2)
        cell.value, cell.data_type = title, "s"
    workbook.save(path)
    return path


def test_imported_formulas_stay_text_and_leave_our_xlsforms_quoted(cast, tmp_path):
    path = _events_sheet(tmp_path / "events.xlsx", FORMULAS)
    call_command("import", "events", str(path), "--program", "test", stdout=StringIO())
    titles = set(Event.objects.filter(code__startswith="FX-").values_list("title", flat=True))
    assert titles == {value.strip() for value in FORMULAS} or titles == set(FORMULAS)

    form = load_workbook(io.BytesIO(downloads.xlsform(cast.program, cast.admin)))
    written = [cell for row in form["choices"].iter_rows() for cell in row if cell.value]
    labels = [
        cell for cell in written if str(cell.value).startswith("'FX-") or "FX-" in str(cell.value)
    ]
    assert labels
    for cell in written:
        assert cell.data_type == "s" or isinstance(cell.value, int | float)
        assert not str(cell.value).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_formula_names_leave_the_attendance_template_quoted(cast, tmp_path):
    Event.objects.filter(pk=cast.thai_event.pk).update(code="=1+1")
    content = downloads.template(SOURCES["attendance"], cast.program, cast.admin)
    lists = load_workbook(io.BytesIO(content))["lists"]
    values = [cell.value for row in lists.iter_rows() for cell in row if cell.value]
    assert "'=1+1" in values
    assert not any(str(value).startswith("=") for value in values)


@pytest.fixture
def formula_country(cast):
    make_attendances(cast.thai_event, 6, sex="female", country="TH")
    Country.objects.filter(code="TH").update(name="=cmd|' /C calc'!A0")
    Country.objects.filter(code="KH").update(name="@SUM(1)")


def test_report_csv_quotes_formula_text(cast, formula_country):
    out = StringIO()
    call_command(
        "report", "country-summary", "--program", "test", "--period", "FY2024-25",
        "--format", "csv",
        stdout=out,
    )  # fmt: skip
    cells = [cell for row in csv.reader(StringIO(out.getvalue())) for cell in row]
    assert "'=cmd|' /C calc'!A0" in cells
    assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells)
    assert not any(cell.startswith("-") and not cell[1:].isdigit() for cell in cells)


def test_report_xlsx_stores_formula_text_as_quoted_text(cast, formula_country, tmp_path):
    cast.program.name = '=HYPERLINK("http://x","y")'
    cast.program.save()
    path = tmp_path / "table2.xlsx"
    call_command(
        "report", "country-summary", "--program", "test", "--period", "FY2024-25",
        "--format", "xlsx",
        "-o", str(path), stderr=StringIO(),
    )  # fmt: skip
    sheet = load_workbook(path).active
    texts = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert "'=cmd|' /C calc'!A0" in [cell.value for cell in texts]
    for cell in texts:
        assert cell.data_type == "s"
        assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
