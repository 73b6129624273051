"""Real files for the tests: csv (with or without BOM) and xlsx written with openpyxl, and
the command that imports an attendance sheet."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from openpyxl import Workbook


def import_attendance(path, *args, acting_as=None) -> tuple[str, str]:
    """`ctip [--as ACTING_AS] import attendance PATH --program test ARGS`: its output and
    its errors."""
    out, err = StringIO(), StringIO()
    extra = ["--as", acting_as] if acting_as else []
    call_command(
        "import", *extra, "attendance", str(path), "--program", "test", *args,
        stdout=out, stderr=err,
    )  # fmt: skip
    return out.getvalue(), err.getvalue()


ATTENDANCE_HEADER = [
    "event_id",
    "full_name",
    "sex",
    "country_of_origin",
    "organisation",
    "organisation_type",
    "position",
    "email",
    "phone",
    "disability",
    "role",
]


def write_csv(path: Path, header, rows, *, bom: bool = False) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header, rows) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def write(path: Path, header, rows) -> Path:
    """A csv or an xlsx file, as PATH's suffix says."""
    if path.suffix == ".xlsx":
        return write_xlsx(path, header, rows)
    return write_csv(path, header, rows)


def thai_attendance_rows():
    return [
        [
            "TH-001",
            "Siriporn Kaewmanee",
            "female",
            "Thailand",
            "Royal Thai Police",
            "",
            "Police Major",
            "siriporn@example.org",
            "",
            "no",
            "",
        ],
        [
            "TH-001",
            "นางสาว มาลี ใจดี",
            "หญิง",
            "TH",
            "Foundation for Women",
            "ngo-cso",
            "Programme officer",
            "",
            "+66 81 000 0000",
            "",
            "participant",
        ],
        [
            "TH-001",
            "Nguyễn Thị Lan",
            "nữ",
            "Viet Nam",
            "Viet Nam Women's Union",
            "ngo-cso",
            "",
            "lan@example.org",
            "",
            "yes",
            "speaker",
        ],
        [
            "TH-001",
            "Juan dela Cruz",
            "M",
            "PHL",
            "Department of Justice",
            "government-national",
            "State prosecutor",
            "juan@example.org",
            "",
            "",
            "facilitator",
        ],
    ]
