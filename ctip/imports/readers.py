"""Read a sheet (xlsx or csv) into a header and rows of cell values, row numbers as a
spreadsheet shows them (the header is row 1)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _


class UnreadableFile(ValueError):
    """The file is not a sheet we can read."""


@dataclass
class Sheet:
    header: list[str]
    rows: Iterator[tuple[int, tuple]]  # (row number, cell values)


def read_sheet(content: bytes, file_name: str) -> Sheet:
    """The first worksheet of an .xlsx file, or a .csv file (UTF-8, with or without BOM)."""
    name = file_name.lower()
    if name.endswith(".xlsx") or content[:4] == b"PK\x03\x04":
        return _read_xlsx(content)
    if name.endswith((".csv", ".txt")):
        return _read_csv(content)
    raise UnreadableFile(_("%(name)s is not an .xlsx or .csv file") % {"name": file_name})


def _read_csv(content: bytes) -> Sheet:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(
            _("the file is not UTF-8 text; save it as “CSV UTF-8” or as .xlsx")
        ) from None
    # The delimiter is the one the header line uses most (column names never contain one);
    # guessing from the data would be fooled by values like "1;4;8".
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise UnreadableFile(
            _("the file is not a well-formed CSV file (%(error)s)") % {"error": error}
        ) from None
    if header is None:
        raise UnreadableFile(_("the file is empty"))

    def numbered():
        try:
            for number, row in enumerate(reader, start=2):
                yield number, tuple(row)
        except csv.Error as error:
            raise UnreadableFile(
                _("the file is not a well-formed CSV file (%(error)s)") % {"error": error}
            ) from None

    return Sheet(header, numbered())


def _read_xlsx(content: bytes) -> Sheet:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UnreadableFile(_("the file is not a readable .xlsx workbook")) from error
    worksheet = workbook.worksheets[0]
    rows = worksheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise UnreadableFile(_("the first sheet of the workbook is empty"))

    def numbered():
        try:
            yield from enumerate(rows, start=2)
        finally:
            workbook.close()

    return Sheet(["" if cell is None else str(cell) for cell in header], numbered())
