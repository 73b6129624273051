"""Read a sheet (xlsx or csv) into a header and rows of cell values, row numbers as a
spreadsheet shows them (the header is row 1)."""

from __future__ import annotations

import csv
import io
import itertools
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

# Limits that keep a hostile or broken file from exhausting memory or time: the file itself,
# what an .xlsx (a zip) decompresses to (a zip bomb is small and expands to gigabytes), and
# the columns of the header. openpyxl reads in read_only mode (streaming rows), and the
# sheet's declared dimension is ignored, so a sheet claiming A1:XFD1048576 costs nothing.
MAX_FILE_BYTES = 50 * 1024 * 1024  # an upload; `ctip import` on the server allows more:
CLI_MAX_FILE_BYTES = None  # the command line reads any size (a million rows: ~110 MB of csv)
MAX_XLSX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
MAX_XLSX_ENTRIES = 1000
XLSX_EXPANSION = 25
MAX_COLUMNS = 1000


class UnreadableFile(ValueError):
    """The file is not a sheet we can read."""


@dataclass
class Sheet:
    header: list[str]
    rows: Iterator[tuple[int, tuple]]  # (row number, cell values)
    # The part of the file read so far (0 to 1), where the format tells (csv); for progress.
    read_fraction: Callable[[], float] | None = None


def read_sheet(content: bytes, file_name: str, *, max_bytes: int | None = None) -> Sheet:
    """The first worksheet of an .xlsx file, or a .csv file (UTF-8, with or without BOM),
    read as its rows are asked for (memory does not grow with the rows). MAX_BYTES: the web's
    upload cap; None for the command line, which reads whatever file an administrator gives."""
    if max_bytes is not None and len(content) > max_bytes:
        raise UnreadableFile(
            _("the file is larger than %(limit)s MB; split it into smaller files")
            % {"limit": max_bytes // (1024 * 1024)}
        )
    name = file_name.lower()
    if name.endswith(".xlsx") or content[:4] == b"PK\x03\x04":
        return _read_xlsx(content)
    if name.endswith((".csv", ".txt")):
        return _read_csv(content)
    raise UnreadableFile(_("%(name)s is not an .xlsx or .csv file") % {"name": file_name})


def _read_csv(content: bytes) -> Sheet:
    not_utf8 = _("the file is not UTF-8 text; save it as “CSV UTF-8” or as .xlsx")
    # Decoded as it is read: a whole file's text would double what a long file costs.
    raw = io.BytesIO(content)
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    try:
        first_line = text.readline()
    except UnicodeDecodeError:
        raise UnreadableFile(not_utf8) from None
    # The delimiter is the one the header line uses most (column names never contain one);
    # guessing from the data would be fooled by values like "1;4;8".
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(itertools.chain([first_line], text), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise UnreadableFile(
            _("the file is not a well-formed CSV file (%(error)s)") % {"error": error}
        ) from None
    except UnicodeDecodeError:
        raise UnreadableFile(not_utf8) from None
    if header is None:
        raise UnreadableFile(_("the file is empty"))
    _check_width(header)

    def numbered():
        try:
            for number, row in enumerate(reader, start=2):
                yield number, tuple(row)
        except csv.Error as error:
            raise UnreadableFile(
                _("the file is not a well-formed CSV file (%(error)s)") % {"error": error}
            ) from None
        except UnicodeDecodeError:
            raise UnreadableFile(not_utf8) from None

    size = max(1, len(content))
    return Sheet(header, numbered(), read_fraction=lambda: min(1.0, raw.tell() / size))


def _check_width(header) -> None:
    if len(header) > MAX_COLUMNS:
        raise UnreadableFile(
            _("the header has more than %(limit)s columns") % {"limit": MAX_COLUMNS}
        )


def _check_zip(content: bytes) -> None:
    """Refuse an .xlsx that would decompress to more than we are willing to read."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        ValueError,
        OSError,
        EOFError,
    ):
        raise UnreadableFile(_("the file is not a readable .xlsx workbook")) from None
    # A big workbook expands 5-15 times; a zip bomb a thousand times.
    expanded = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_XLSX_ENTRIES or (
        expanded > MAX_XLSX_UNCOMPRESSED_BYTES and expanded > XLSX_EXPANSION * len(content)
    ):
        raise UnreadableFile(
            _(
                "the workbook expands to more than %(limit)s MB when opened; it is refused "
                "(save it again as a plain .xlsx or .csv, or split it)"
            )
            % {"limit": MAX_XLSX_UNCOMPRESSED_BYTES // (1024 * 1024)}
        )


def _read_xlsx(content: bytes) -> Sheet:
    import openpyxl

    _check_zip(content)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UnreadableFile(_("the file is not a readable .xlsx workbook")) from error
    try:
        worksheet = workbook.worksheets[0]
        if hasattr(worksheet, "reset_dimensions"):
            worksheet.reset_dimensions()  # never pad rows to a declared (huge) dimension
        rows = worksheet.iter_rows(values_only=True)
        header = next(rows, None)
    except UnreadableFile:
        raise
    except Exception as error:  # a damaged sheet inside a readable zip
        workbook.close()
        raise UnreadableFile(_("the file is not a readable .xlsx workbook")) from error
    if header is None:
        workbook.close()
        raise UnreadableFile(_("the first sheet of the workbook is empty"))
    _check_width(header)

    def numbered():
        try:
            yield from enumerate(rows, start=2)
        except UnreadableFile:
            raise
        except Exception as error:  # openpyxl raises many kinds for a damaged sheet
            raise UnreadableFile(_("the file is not a readable .xlsx workbook")) from error
        finally:
            workbook.close()

    return Sheet(["" if cell is None else str(cell) for cell in header], numbered())
