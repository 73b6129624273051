"""Imports that help: every problem of a row, a repeated problem once with its count, a
preview that shows what it will write, a warning when one file gives an organisation two
types, Buddhist-era years refused with the Gregorian year, csv files Excel reads in Thai, a
template that keeps leading zeros, and no size cap on the command line."""

import html
import io
import re
from io import StringIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.imports import downloads
from ctip.imports.readers import read_sheet
from ctip.imports.sources import SOURCES
from ctip.organisations.models import Organisation

from .sheets import write_csv

HEADER = ["event_id", "full_name", "sex", "country_of_origin", "email", "role", "consent"]


def rejected(kind, path, *options) -> str:
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was written") as refusal:
        call_command("import", kind, str(path), "--program", "test", *options, stderr=err)
    return f"{err.getvalue()}\n{refusal.value}"


def test_every_problem_of_a_row_is_reported(cast, tmp_path):
    row = ["TH-001", "Many Mistakes", "femail", "Atlantis", "not-an-email", "boss", "yes"]
    err = rejected("attendance", write_csv(tmp_path / "sheet.csv", HEADER, [row]))
    assert 'row 2, column "sex": "femail" is not a sex we know' in err
    assert 'row 2, column "country_of_origin": "Atlantis" is not a country we know' in err
    assert 'row 2, column "email": "not-an-email" is not an e-mail address' in err
    assert 'row 2, column "role": "boss" is not a role we know' in err


def test_a_problem_repeated_across_rows_is_reported_once_with_its_count(cast, tmp_path):
    rows = [["XX-999", f"Person {n}", "", "", "", "", "yes"] for n in range(30)]
    rows.append(["TH-001", "Wrong Sex", "femail", "", "", "", "yes"])
    err = rejected("attendance", write_csv(tmp_path / "sheet.csv", HEADER, rows))
    expected = (
        'rows 2, 3, 4, 5, 6 and 25 more (30 rows), column "event_id": "XX-999" is not an '
        "event of this program that you may import for"
    )
    assert expected in err
    assert err.count("XX-999") == 1
    assert 'row 32, column "sex": "femail"' in err
    assert "2 problem(s)" in err


def test_one_organisation_given_two_types_in_one_file_is_named_in_a_warning(cast, tmp_path):
    header = ["event_id", "full_name", "organisation", "organisation_type", "consent"]
    rows = [
        ["TH-001", "First Person", "Mekong Youth Network", "ngo-cso", "yes"],
        ["TH-001", "Second Person", "Mekong Youth Network", "private-sector", "yes"],
    ]
    out, err = StringIO(), StringIO()
    call_command(
        "import",
        "attendance",
        str(write_csv(tmp_path / "sheet.csv", header, rows)),
        "--program",
        "test",
        stdout=out,
        stderr=err,
    )
    assert (
        'row 3, column "organisation_type": "Mekong Youth Network" is given as private-sector '
        "here and as ngo-cso on row 2; it is added once, as ngo-cso"
    ) in err.getvalue()
    network = Organisation.objects.get(name="Mekong Youth Network")
    assert network.type == "ngo-cso"
    assert set(network.attendance_set.values_list("name_as_written", flat=True)) == {
        "First Person",
        "Second Person",
    }


def test_a_buddhist_era_year_is_refused_with_the_gregorian_year_suggested(cast, tmp_path):
    header = ["event_id", "title", "start_date", "country", "event_type"]
    rows = [["TH-002", "Workshop", "2568-03-14", "Thailand", "workshop"]]
    err = rejected("events", write_csv(tmp_path / "events.csv", header, rows))
    assert (
        'row 2, column "start_date": "2568-03-14": 2568 looks like a year of the Buddhist era; '
        "write the Gregorian year, 2025 (2025-03-14)"
    ) in err


def test_a_buddhist_era_date_cell_is_refused_too(cast, tmp_path):
    import datetime as dt

    from .sheets import write_xlsx

    header = ["event_id", "title", "start_date", "country", "event_type"]
    rows = [["TH-002", "Workshop", dt.date(2568, 3, 14), "Thailand", "workshop"]]
    err = rejected("events", write_xlsx(tmp_path / "events.xlsx", header, rows))
    assert "write the Gregorian year, 2025 (2025-03-14)" in err


def test_the_preview_shows_the_values_and_organisations_in_row_order(client, cast, tmp_path):
    client.login(username="mel", password=PASSWORD)
    header = [*HEADER, "organisation", "organisation_type", "phone"]
    rows = [
        ["TH-001", "Kanya Srisuk", "F", "Thailand", "", "", "yes", "New Foundation", "ngo", ""],
        ["TH-001", "Refusing Person", "M", "TH", "", "", "no", "", "", ""],
        ["TH-001", "Somchai Srisuk", "male", "TH", "", "speaker", "yes", "", "", ""],
        ["TH-001", "Dao Mekong", "female", "LA", "", "", "", "Lao Youth Union", "cso", "020555"],
    ]
    path = write_csv(tmp_path / "sheet.csv", header, rows)
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    response = client.post(
        reverse("import-preview"),
        {"kind": "attendance", "file": upload, "consent_version": "paper-1"},
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    table = page.split('data-testid="rows"', 1)[1].split("</table>", 1)[0]
    statuses = re.findall(r'data-status="([a-z\-]+)"><td>(\d+)</td>', table)
    assert statuses == [("new", "2"), ("left-out", "3"), ("new", "4"), ("new", "5")]
    left_out = table.split('data-status="left-out"', 1)[1].split("</tr>", 1)[0]
    assert "changed" not in left_out and "Refusing Person" not in page
    assert "sex: female" in table and "country_of_origin: TH" in table
    assert "organisation: New Foundation" in table and "phone: 020555" in table
    assert "role: speaker" in table
    created = page.split('data-testid="creates"', 1)[1].split("</table>", 1)[0]
    assert created.index("New Foundation · ngo-cso · TH") < created.index(
        "Lao Youth Union · ngo-cso · LA"
    )


def test_the_template_phone_column_is_text_so_leading_zeros_stay(cast):
    content = downloads.template(SOURCES["attendance"], cast.program, cast.admin)
    sheet = openpyxl.load_workbook(io.BytesIO(content))["attendance"]
    header = [cell.value for cell in sheet[1]]
    phone = header.index("phone") + 1
    assert sheet.cell(row=2, column=phone).number_format == "@"
    assert sheet.cell(row=500, column=phone).number_format == "@"


def test_csv_files_written_for_people_start_with_a_byte_order_mark(cast, tmp_path):
    report = tmp_path / "table2.csv"
    call_command(
        "report",
        "table2",
        "--period",
        "FY2024-25",
        "--program",
        "test",
        "-o",
        str(report),
        stderr=StringIO(),
    )
    assert report.read_bytes().startswith(b"\xef\xbb\xbf")
    export = tmp_path / "attendance.csv"
    call_command("export", "attendance", "-o", str(export), stderr=StringIO())
    content = export.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf") and "สมชาย ศรีสุข" in content.decode("utf-8-sig")


def test_the_command_line_reads_a_file_larger_than_the_web_accepts(cast):
    """The 50 MB cap is the web's (the upload form); an administrator's file is read."""
    row = "TH-001," + "x" * 90 + "\n"
    content = ("event_id,full_name\n" + row * (52 * 1024 * 1024 // len(row))).encode()
    assert len(content) > 50 * 1024 * 1024
    sheet = read_sheet(content, "big.csv")
    assert sheet.header == ["event_id", "full_name"]
    assert next(sheet.rows) == (2, ("TH-001", "x" * 90))


def test_the_web_still_refuses_a_file_larger_than_50_mb(client, cast):
    client.login(username="mel", password=PASSWORD)
    upload = SimpleUploadedFile("big.csv", b"event_id,full_name\n" + b"x" * (50 * 1024 * 1024))
    response = client.post(reverse("import-preview"), {"kind": "attendance", "file": upload})
    assert response.status_code == 400
    assert "larger than 50 MB" in response.content.decode()
