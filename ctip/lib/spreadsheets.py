"""Values we write into csv and xlsx files people open in a spreadsheet program.

A cell that starts with =, +, -, @, a tab or a carriage return is read as a formula by Excel,
LibreOffice and Google Sheets (CSV/formula injection: `=HYPERLINK(...)`, `=cmd|' /C calc'!A0`).
Every csv and xlsx writer passes user-supplied text through `safe_cell()`, which prefixes such
text with a single quote as the OWASP guidance says; numbers, dates and None pass unchanged.
For xlsx, `write_text_cell()` also stores the value as a string, never as a formula.

A new export (e.g. a linkage export) must do the same: `safe_cell(value)` for every cell.
"""

from __future__ import annotations

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
