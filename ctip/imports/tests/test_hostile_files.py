"""Random, malformed and hostile files fed to every import source: the import answers with
its documented result (a plan whose errors say why) and never a traceback, and a refused
file writes nothing to any table."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from django.apps import apps
from django.db import router
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from ctip.imports.actions import do_import_file
from ctip.imports.readers import MAX_XLSX_UNCOMPRESSED_BYTES
from ctip.imports.sources import SOURCES

KINDS = sorted(SOURCES)
FORMULAS = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)"]


def table_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if router.db_for_read(model) in (None, "default")  # not the cases database
    }


def import_checked(cast, kind: str, content: bytes, file_name: str, consent: str = "") -> None:
    """Import; a refused file must have changed no table."""
    before = table_counts()
    plan = do_import_file(
        kind, content, file_name, program=cast.program, actor=cast.admin, consent_version=consent
    )
    assert isinstance(plan.errors, list)
    if plan.errors:
        assert all(str(error) for error in plan.errors)
        assert plan.record is None
        assert table_counts() == before


def headers_for(kind: str) -> list[str]:
    known = []
    for column in SOURCES[kind].columns:
        known += [column.name, *column.aliases]
    return known


cell_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(FORMULAS),
    st.sampled_from(["TH-001", "Thailand", "TH", "female", "M", "yes", "2024-11-05", "workshop"]),
    st.builds(lambda n: "x" * n, st.integers(1000, 200_000)),  # huge cells
)
cell_value = st.one_of(
    cell_text,
    st.none(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),  # noqa: DTZ001
)


@st.composite
def sheets(draw, kind: str, values=cell_text):
    """A header drawn from the source's own column names (some missing, some twice, some
    unknown) and random rows of random width."""
    known = headers_for(kind)
    header = draw(
        st.lists(st.one_of(st.sampled_from(known), st.text(max_size=12)), min_size=0, max_size=14)
    )
    rows = draw(
        st.lists(st.lists(values, min_size=0, max_size=len(header) + 2), min_size=0, max_size=8)
    )
    return header, rows


def csv_bytes(header, rows, encoding: str, delimiter: str) -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return out.getvalue().encode(encoding, errors="replace")


def xlsx_bytes(header, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for line in [header, *rows]:
        cleaned = []
        for value in line:
            if isinstance(value, str):  # openpyxl refuses control characters
                value = "".join(ch for ch in value if ch >= " " or ch in "\t\n\r")
            cleaned.append(value)
        sheet.append(cleaned)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", KINDS)
@given(content=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_random_bytes_are_refused_or_read_never_crash(cast, kind, content, suffix):
    import_checked(cast, kind, content, f"random{suffix}")


@pytest.mark.parametrize("kind", KINDS)
@given(
    text=st.text(max_size=500),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "cp874", "latin-1"]),
)
def test_random_text_in_any_encoding_never_crashes(cast, kind, text, encoding):
    import_checked(cast, kind, text.encode(encoding, errors="replace"), "text.csv")


@pytest.mark.parametrize("kind", KINDS)
@given(
    data=st.data(),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
    consent=st.sampled_from(["", "paper-1"]),
)
def test_random_csv_sheets_never_crash_and_refusals_write_nothing(
    cast, kind, data, encoding, delimiter, consent
):
    header, rows = data.draw(sheets(kind))
    import_checked(cast, kind, csv_bytes(header, rows, encoding, delimiter), "s.csv", consent)


@pytest.mark.parametrize("kind", KINDS)
@given(data=st.data(), consent=st.sampled_from(["", "paper-1"]))
def test_random_xlsx_sheets_never_crash_and_refusals_write_nothing(cast, kind, data, consent):
    header, rows = data.draw(sheets(kind, values=cell_value))
    import_checked(cast, kind, xlsx_bytes(header, rows), "s.xlsx", consent)


_VALID: dict[str, bytes] = {}


def _valid_xlsx(kind: str) -> bytes:
    """One workbook per kind for the whole run (openpyxl stamps the time in each file, and
    hypothesis needs the same input to draw the same way)."""
    if kind not in _VALID:
        _VALID[kind] = xlsx_bytes(headers_for(kind)[:5], [["TH-001", "x", "2024-11-05"]])
    return _VALID[kind]


@pytest.mark.parametrize("kind", KINDS)
@given(data=st.data())
def test_damaged_xlsx_files_are_refused_without_a_traceback(cast, kind, data):
    content = bytearray(_valid_xlsx(kind))
    for _ in range(data.draw(st.integers(1, 20))):
        position = data.draw(st.integers(0, len(content) - 1))
        content[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(content) // 2, len(content)))
    import_checked(cast, kind, bytes(content[:cut]), "damaged.xlsx")


@pytest.mark.parametrize("file_name", ["future.xlsx", "future.zip"])
def test_an_xlsx_or_zip_of_a_zip_version_python_cannot_read_is_refused_plainly(cast, file_name):
    """Found by the damaged-file property test: a byte that raises the "version needed to
    extract" of a zip entry made zipfile raise NotImplementedError, a server error."""
    content = bytearray(_valid_xlsx("attendance"))
    central = content.index(b"PK\x01\x02")  # the first central directory entry
    content[central + 6 : central + 8] = (64).to_bytes(2, "little")  # "version 6.4"
    plan = do_import_file(
        "attendance", bytes(content), file_name, program=cast.program, actor=cast.admin
    )
    assert plan.errors and plan.record is None


def test_a_zip_bomb_xlsx_is_refused_before_it_is_opened(cast):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            chunk = b"<row/>" * (1024 * 1024 // 6)
            for _ in range(MAX_XLSX_UNCOMPRESSED_BYTES // len(chunk) + 2):
                entry.write(chunk)
    assert len(buffer.getvalue()) < 2 * 1024 * 1024  # small on disk, huge once opened
    plan = do_import_file(
        "attendance", buffer.getvalue(), "bomb.xlsx", program=cast.program, actor=cast.admin
    )
    assert "expands to more than 256 MB" in str(plan.errors[0])


def test_a_sheet_declaring_a_huge_dimension_is_read_as_the_cells_it_has(cast):
    content = xlsx_bytes(["event_id", "title"], [["X", "y"]])
    source = io.BytesIO(content)
    patched = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(patched, "w") as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
                assert b"XFD1048576" in data
            copy.writestr(item, data)
    plan = do_import_file(
        "events", patched.getvalue(), "wide.xlsx", program=cast.program, actor=cast.admin
    )
    assert plan.errors  # missing columns, said plainly, after reading two rows


def test_a_header_wider_than_the_limit_is_refused(cast):
    content = ",".join(f"c{n}" for n in range(5000)).encode() + b"\n1\n"
    plan = do_import_file("events", content, "wide.csv", program=cast.program, actor=cast.admin)
    assert "more than 1000 columns" in str(plan.errors[0])
