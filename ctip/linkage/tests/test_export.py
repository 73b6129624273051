"""`ctip export attendance`: one row per attendance, the name as imported, the linked
person ID; only for roles that may see people, and country officers get their events only."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from ctip.linkage.actions import do_merge_people
from ctip.linkage.models import ClusterMember


def _export(*args, user=None):
    out = io.StringIO()
    prefix = ["--as", user.username] if user else []
    call_command("export", *prefix, "attendance", *args, stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_the_export_has_one_row_per_attendance_with_the_linked_person(cast):
    do_merge_people(cast.mel, cast.somchai, cast.sokha)  # pretend: one person
    rows = _export(user=cast.mel)
    assert len(rows) == 2
    assert {"event_id", "full_name", "person_id", "record_id"} <= set(rows[0])
    assert {row["event_id"] for row in rows} == {"TH-001", "KH-001"}
    assert {row["full_name"] for row in rows} == {"สมชาย ศรีสุข", "សុខា ចាន់"}
    cluster = ClusterMember.objects.get(person=cast.somchai).cluster_id
    assert {row["person_id"] for row in rows} == {str(cluster)}


def test_a_record_not_linked_yet_is_its_own_person(cast):
    rows = _export(user=cast.mel)
    assert {row["person_id"] for row in rows} == {f"r{cast.somchai.pk}", f"r{cast.sokha.pk}"}


def test_a_country_officer_exports_only_their_countrys_events(cast):
    rows = _export(user=cast.thai_officer)
    assert [row["event_id"] for row in rows] == ["TH-001"]


@pytest.mark.parametrize("role", ["viewer", "outsider"])
def test_viewers_and_outsiders_cannot_export_people(cast, role):
    user = getattr(cast, role)
    if role == "viewer":
        with pytest.raises(CommandError, match="aggregate numbers only"):
            _export(user=user)
    else:
        assert _export(user=user) == []


def test_the_period_limits_the_rows(cast):
    assert [row["event_id"] for row in _export("--period", "2024-09-01..2024-09-30")] == ["TH-001"]


def test_the_export_writes_an_xlsx_file(cast, tmp_path):
    target = tmp_path / "attendance.xlsx"
    call_command("export", "attendance", "--format", "xlsx", "-o", str(target))
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("attendance_id", "event_id")
    assert len(rows) == 3


def test_a_name_written_as_a_formula_is_exported_as_text(cast, tmp_path):
    attendance = cast.thai_event.attendances.get()
    attendance.name_as_written = '=HYPERLINK("http://x.example","click")'
    attendance.save()
    rows = _export(user=cast.mel)
    names = {row["full_name"] for row in rows}
    assert '\'=HYPERLINK("http://x.example","click")' in names
    path = tmp_path / "attendance.xlsx"
    call_command("export", "attendance", "--format", "xlsx", "-o", str(path), stdout=io.StringIO())
    sheet = load_workbook(path).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)


def test_every_export_of_personal_data_is_in_the_audit_trail(cast):
    from auditlog.models import LogEntry

    _export(user=cast.thai_officer)
    entry = LogEntry.objects.filter(object_pk="export").get()
    assert entry.actor == cast.thai_officer and entry.additional_data["rows"] == 1
    assert "Somchai" not in str(entry.changes) + entry.changes_text
