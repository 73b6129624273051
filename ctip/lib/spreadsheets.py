"""The one door out for every csv and xlsx file we write (downloads, reports, exports, files
commands write): files people open in a spreadsheet program.

A cell that starts with =, +, -, @, a tab or a carriage return is read as a formula by Excel,
LibreOffice and Google Sheets (CSV/formula injection: `=HYPERLINK(...)`, `=cmd|' /C calc'!A0`).
Such text is prefixed with a single quote, as the OWASP guidance says; numbers, dates and None
pass unchanged; xlsx text cells are stored as text, never as formulas.

- csv: `csv_writer(stream)`, a csv.writer whose rows pass `safe_row()`.
- xlsx: `new_workbook()` to build, `xlsx_bytes(workbook)` to save: it goes over every cell of
  every sheet, so nothing written by any path (append, cell(), a help sheet) is missed. A
  write-only workbook (large exports) cannot be gone over: fill its sheets through
  `append_row()`, which quotes as it writes.

`ctip/lib/tests/test_one_safe_writer.py` fails when a module outside this one makes a csv
writer or saves a workbook, and feeds every download and command output hostile values.
"""

from __future__ import annotations

import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A csv file people download starts with a UTF-8 byte-order mark: without it Excel reads the
# file in the computer's legacy code page and shows Thai, Lao, Khmer or Burmese as mojibake.
# (Standard output for scripts goes without it.)
EXCEL_BOM = "\ufeff"


def safe_cell(value):
    """VALUE, with a leading ' when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values) -> list:
    """safe_cell() of every value of a row."""
    return [safe_cell(value) for value in values]


def write_text_cells(row) -> None:
    """Make every text cell of an openpyxl ROW plain text: openpyxl turns a str starting with
    "=" into a formula; safe_cell() has already quoted those, this keeps it so if one slips by."""
    for cell in row:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _quoted_text_cell(cell) -> None:
    value = cell.value
    if isinstance(value, str):
        cell.value = safe_cell(value)  # a formula cell's value is its text, "=…"
        cell.data_type = "s"


def _one_line_ending(value):
    # A lone carriage return is not quoted when the writer ends lines with "\n" alone, and
    # then breaks the row in two for every reader: make every line ending "\n", which is.
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


class _SafeCsvWriter:
    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row):
        return self._writer.writerow([_one_line_ending(value) for value in safe_row(row)])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(stream, **options) -> _SafeCsvWriter:
    """A csv.writer on STREAM (same OPTIONS) whose every row passes safe_row()."""
    return _SafeCsvWriter(stream, **options)


def new_workbook(*, write_only: bool = False):
    """An openpyxl Workbook to fill and then save with xlsx_bytes()."""
    from openpyxl import Workbook

    return Workbook(write_only=write_only)


def append_row(sheet, values) -> None:
    """Append VALUES to SHEET quoted (the way to fill a write-only sheet)."""
    sheet.append(safe_row(values))


def xlsx_bytes(workbook) -> bytes:
    """WORKBOOK as .xlsx bytes, every text cell of every sheet quoted and stored as text and
    every formula cell turned into quoted text."""
    if not getattr(workbook, "write_only", False):
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    _quoted_text_cell(cell)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
