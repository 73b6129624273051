"""Two people of one name at one event (two Nguyễn Thị Lan at a Hanoi training): the sheet
keeps both when something written tells them apart, refuses a row written twice, and a
second import of the same sheet finds each again."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.people.models import Attendance, Person

from .sheets import ATTENDANCE_HEADER, import_attendance, write_csv


def lan(organisation="Ministry of Public Security", position="Investigator", email=""):
    return ["TH-001", "Nguyễn Thị Lan", "female", "Viet Nam", organisation,
            "government-national", position, email, "", "no", ""]  # fmt: skip


CONSENT = ("--consent-version", "1")


def lans():
    return Attendance.objects.filter(name_as_written="Nguyễn Thị Lan")


def test_two_people_of_one_name_told_apart_by_their_agencies_are_both_kept(cast, tmp_path):
    rows = [lan(), lan(organisation="MOLISA", position="Social Worker")]

    out, _ = import_attendance(write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, rows), *CONSENT)

    assert "2 new" in out
    assert lans().values("person").distinct().count() == 2
    assert {a.person.organisation.name for a in lans()} == {
        "Ministry of Public Security",
        "MOLISA",
    }


def test_the_same_sheet_again_finds_each_namesake_and_changes_nothing(cast, tmp_path):
    rows = [lan(email="lan.mps@example.org"), lan(organisation="MOLISA", position="Social Worker")]
    path = write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, rows)
    import_attendance(path, *CONSENT)
    people = Person.objects.count()

    out, _ = import_attendance(path, *CONSENT)

    assert "0 new, 0 changed, 2 unchanged" in out
    assert Person.objects.count() == people


def test_a_corrected_row_of_a_namesake_changes_that_one_only(cast, tmp_path):
    rows = [lan(email="lan.mps@example.org"), lan(organisation="MOLISA", position="Social Worker")]
    import_attendance(write_csv(tmp_path / "v1.csv", ATTENDANCE_HEADER, rows), *CONSENT)
    rows[1][9] = "yes"  # disability, wrongly "no" the first time

    out, _ = import_attendance(write_csv(tmp_path / "v2.csv", ATTENDANCE_HEADER, rows), *CONSENT)

    assert "0 new, 1 changed, 1 unchanged" in out
    molisa = lans().get(person__organisation__name="MOLISA").person
    assert molisa.disability_self_identified is True
    assert (
        lans().get(person__email="lan.mps@example.org").person.disability_self_identified is False
    )


def test_a_row_written_twice_is_refused_naming_both_rows(cast, tmp_path):
    rows = [lan(), lan(position="")]  # nothing on the second says someone else

    with pytest.raises(CommandError, match="nothing was written"):
        import_attendance(write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, rows), *CONSENT)

    assert not lans().exists()


def test_a_row_of_a_name_two_people_share_that_says_not_which_is_refused(cast, tmp_path):
    rows = [lan(), lan(organisation="MOLISA", position="Social Worker")]
    import_attendance(write_csv(tmp_path / "v1.csv", ATTENDANCE_HEADER, rows), *CONSENT)
    vague = lan(organisation="", position="")
    vague[5] = ""  # no organisation, so no type

    err = StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command(
            "import", "attendance", str(write_csv(tmp_path / "v2.csv", ATTENDANCE_HEADER, [vague])),
            "--program", "test", "--consent-version", "1", stdout=StringIO(), stderr=err,
        )  # fmt: skip

    assert 'row 2, column "full_name"' in err.getvalue()
    assert "several people named" in err.getvalue()
