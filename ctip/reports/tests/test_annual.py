"""`ctip report annual`: the annual report's data annex as Word and PDF, with the numbers of
`ctip report table1` and `table2`."""

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.reports.annual import ANNEX

from .factsheet_data import build_thai_year

FY = "FY2024-25"
needs_chromium = pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists(), reason="Debian chromium is not installed"
)
needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils is not installed"
)


@pytest.fixture
def year(cast):
    from ctip.surveys.actions import do_create_default_statements, do_record_response

    build_thai_year(cast)
    do_create_default_statements(cast.program)
    for key, value in enumerate([5, 4, 2]):
        do_record_response(
            cast.program,
            kind="feedback",
            event=cast.thai_event,
            answered_on=cast.thai_event.start_date,
            answers={"objectives": value},
            source_key=str(key),
        )
    return cast


def _report_csv(cast, name):
    out = io.StringIO()
    call_command(
        "report", "--as", cast.mel.username, name, "--period", FY, "--format", "csv", stdout=out
    )
    return list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff"))))


def _annex(cast, tmp_path, extension):
    path = tmp_path / f"annex.{extension}"
    call_command(
        "report",
        "--as",
        cast.mel.username,
        "annual",
        "--period",
        FY,
        "-o",
        str(path),
        stderr=io.StringIO(),
    )
    return path


def _docx_tables(path):
    from docx import Document

    document = Document(str(path))
    tabled = [part.report for part in ANNEX if not part.lines]
    return document, dict(zip(tabled, document.tables, strict=True))


def _number(text: str) -> str:
    """A human cell as csv prints it: '1,597' -> '1597', '–' (zero) -> '0'."""
    return "0" if text == "–" else text.replace(",", "")


def _rows(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_annex_tables_equal_table1_and_table2_cell_by_cell(year, tmp_path):
    _, tables = _docx_tables(_annex(year, tmp_path, "docx"))

    table1_csv = _report_csv(year, "table1")
    table1_docx = _rows(tables["table1"])
    assert len(table1_docx) == len(table1_csv) > 2
    for docx_row, csv_row in zip(table1_docx[1:], table1_csv[1:], strict=True):
        assert [docx_row[0], *map(_number, docx_row[1:])] == csv_row

    table2_csv = _report_csv(year, "table2")
    header, *csv_rows = table2_csv
    assert header[0] == "group"
    docx_rows = []
    group = None
    for row in _rows(tables["table2"])[1:]:
        if len(set(row)) == 1:  # the merged row naming the stakeholder group
            group = "state" if row[0].startswith("State") else "non-state"
        elif row[0] != "Percentage":  # csv leaves the percentage rows out
            docx_rows.append([group, row[0], *map(_number, row[1:])])
    assert docx_rows == csv_rows
    assert any(int(row[6]) > 0 for row in csv_rows)  # the tables hold real counts


def test_the_annex_follows_the_publications_order(year, tmp_path):
    document, tables = _docx_tables(_annex(year, tmp_path, "docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [h.split(" ", 2)[:2] for h in headings if h.startswith(("Table", "Figure"))] == [
        ["Table", "1"],
        ["Figure", "1"],
        ["Table", "2"],
        ["Figure", "2"],
    ]
    assert headings[0].startswith("Achievement highlights")
    assert headings[1].startswith("Performance status")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Thailand: We delivered 3 events, with 11 participants (55% women)." in text
    feedback = _rows(tables["feedback"])
    assert ["3", "2", "67%"] in [row[1:] for row in feedback]


@needs_chromium
@needs_poppler
def test_the_annex_pdf_holds_table1s_numbers(year, tmp_path):
    path = _annex(year, tmp_path, "pdf")
    assert path.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Table 1 Number and type of events supported by" in " ".join(text.split())
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for row in _report_csv(year, "table1")[1:]:
        printed = " ".join("–" if cell == "0" else cell for cell in row)
        assert printed in lines, printed


def test_the_annex_is_refused_for_a_country_or_another_format(year, tmp_path):
    with pytest.raises(CommandError, match="whole program"):
        call_command("report", "annual", "--period", FY, "--country", "TH", "--program", "test")
    with pytest.raises(CommandError, match="docx, pdf or html"):
        call_command("report", "annual", "--period", FY, "--format", "csv", "--program", "test")
    with pytest.raises(CommandError, match="annual"):
        call_command("report", "table1", "--period", FY, "--format", "docx", "-o", "x.docx")
