"""Consent that holds: a No, in any of the program's languages or spellings, is never
stored whatever flags are given; a consent column that cannot be read stops the import;
the paper attestation stands only for rows that do not answer for themselves."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.people.models import Attendance, Person

from .sheets import write

NO = [
    "No",
    "NO.",
    "n",
    "0",
    "false",
    "ไม่ยินยอม",
    "ไม่",
    "ບໍ່",
    "ទេ",
    "មិនយល់ព្រម",
    "không",
    "Không đồng ý",
    "tidak",
    "Tidak setuju",
    "hindi",
    "Hindi po",
    "မဟုတ်ပါ",
    "declined",
    "No, do not keep my details",
]


def run(path, *options):
    out, err = StringIO(), StringIO()
    call_command(
        "import", "attendance", str(path), "--program", "test", *options, stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


def rejected(path, *options) -> str:
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import", "attendance", str(path), "--program", "test", *options, stderr=err)
    return err.getvalue()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_no_in_any_language_or_spelling_is_never_stored_even_with_a_consent_version(
    cast, tmp_path, suffix
):
    rows = [
        ["TH-001", f"Refuser {index}", word, f"r{index}@example.org"]
        for index, word in enumerate(NO)
    ]
    rows.append(["TH-001", "Agreeing Person", "ใช่", "agrees@example.org"])
    path = write(tmp_path / f"sheet{suffix}", ["event_id", "full_name", "consent", "email"], rows)
    out, _err = run(path, "--consent-version", "paper-1")
    assert f"1 new, 0 changed, 0 unchanged, {len(NO)} left out (no consent)" in out
    assert not Person.objects.filter(full_name__startswith="Refuser").exists()
    assert not Person.objects.filter(email__startswith="r").exclude(pk=cast.somchai.pk).exists()


def test_a_false_cell_in_a_workbook_is_a_no(cast, tmp_path):
    path = write(
        tmp_path / "sheet.xlsx",
        ["event_id", "full_name", "consent"],
        [["TH-001", "Cell No", False]],
    )
    out, _err = run(path, "--consent-version", "paper-1")
    assert "1 left out" in out and not Person.objects.filter(full_name="Cell No").exists()


def test_a_consent_column_we_cannot_read_is_an_error_not_a_warning(cast, tmp_path):
    path = write(
        tmp_path / "sheet.csv",
        ["event_id", "full_name", "Consent to data use (Y/N)"],
        [["TH-001", "Says No", "N"], ["TH-001", "Says Yes", "Y"]],
    )
    err = rejected(path, "--consent-version", "paper-1")
    assert 'the column "Consent to data use (Y/N)" seems to hold consent' in err
    assert not Person.objects.filter(full_name__startswith="Says").exists()


def test_a_consent_column_in_thai_we_cannot_read_is_an_error(cast, tmp_path):
    path = write(
        tmp_path / "sheet.csv",
        ["event_id", "full_name", "ท่านยินยอมให้เก็บข้อมูลหรือไม่"],
        [["TH-001", "Says No", "ไม่"]],
    )
    assert "seems to hold consent" in rejected(path, "--consent-version", "paper-1")


def test_a_consent_answer_we_cannot_read_is_an_error(cast, tmp_path):
    path = write(
        tmp_path / "sheet.csv",
        ["event_id", "full_name", "consent"],
        [["TH-001", "Unsure Person", "maybe"]],
    )
    err = rejected(path, "--consent-version", "paper-1")
    assert 'row 2, column "consent": "maybe" is not a consent answer we can read' in err


def test_the_consent_version_applies_only_to_rows_without_an_answer(cast, tmp_path):
    path = write(
        tmp_path / "sheet.csv",
        ["event_id", "full_name", "consent"],
        [["TH-001", "Answered Yes", "yes"], ["TH-001", "Did Not Answer", ""]],
    )
    run(path, "--consent-version", "paper-1")
    versions = dict(
        Attendance.objects.filter(event=cast.thai_event).values_list(
            "name_as_written", "person__consent_version"
        )
    )
    assert versions["Answered Yes"] == "sheet"
    assert versions["Did Not Answer"] == "paper-1"
