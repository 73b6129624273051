"""Importing attendance sheets from the command line, with real csv and xlsx files."""

from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.imports.models import ImportRecord
from ctip.imports.recording import created_by_import
from ctip.imports.sources.attendance import BATCH_ROWS
from ctip.organisations.models import Organisation
from ctip.people.models import Attendance, Person

from .sheets import ATTENDANCE_HEADER, thai_attendance_rows, write, write_csv
from .sheets import import_attendance as run_import


def counts():
    return (Person.objects.count(), Attendance.objects.count(), Organisation.objects.count())


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_file_with_one_bad_value_is_rejected_whole_naming_the_row_and_column(
    cast, tmp_path, suffix
):
    rows = thai_attendance_rows()
    rows[2][2] = "femail"  # the fourth line of the sheet: row 4
    path = write(tmp_path / f"sheet{suffix}", ATTENDANCE_HEADER, rows)
    before = counts()
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command(
            "import",
            "attendance",
            str(path),
            "--program",
            "test",
            "--consent-version",
            "paper-1",
            stderr=err,
        )
    assert 'row 4, column "sex": "femail" is not a sex we know' in err.getvalue()
    assert counts() == before
    assert not ImportRecord.objects.exists()


def test_a_valid_sheet_adds_people_attendance_and_new_organisations(cast, tmp_path):
    path = write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, thai_attendance_rows())
    out, _err = run_import(path, "--consent-version", "paper-1")
    assert "4 new, 0 changed, 0 unchanged" in out
    attendances = cast.thai_event.attendances.select_related("person", "organisation")
    by_name = {a.name_as_written: a for a in attendances}
    assert by_name["นางสาว มาลี ใจดี"].person.sex == "female"
    assert by_name["Nguyễn Thị Lan"].person.country_of_origin_id == "VN"
    assert by_name["Nguyễn Thị Lan"].person.disability_self_identified is True
    assert by_name["Nguyễn Thị Lan"].role == "speaker"
    assert by_name["Juan dela Cruz"].person.sex == "male"
    assert by_name["Siriporn Kaewmanee"].organisation.name == "Royal Thai Police"
    assert by_name["Siriporn Kaewmanee"].person.consent_version == "paper-1"
    foundation = Organisation.objects.get(name="Foundation for Women")
    assert (foundation.type, foundation.country_id) == ("ngo-cso", "TH")
    record = ImportRecord.objects.get()
    assert (record.kind, record.rows_added, record.file_name) == ("attendance", 4, "sheet.csv")
    assert len(record.checksum) == 64


def test_importing_the_same_file_twice_changes_nothing(cast, tmp_path):
    path = write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, thai_attendance_rows())
    run_import(path, "--consent-version", "paper-1")
    after_first = counts()
    log_entries = LogEntry.objects.count()
    out, _err = run_import(path, "--consent-version", "paper-1")
    assert "0 new, 0 changed, 4 unchanged" in out
    assert counts() == after_first
    assert LogEntry.objects.count() == log_entries


def test_a_corrected_file_updates_in_place(cast, tmp_path):
    rows = thai_attendance_rows()
    run_import(write_csv(tmp_path / "v1.csv", ATTENDANCE_HEADER, rows), "--consent-version", "1")
    before = counts()
    rows[0][2] = "male"  # a typo in sex, corrected
    rows[3][6] = "Chief prosecutor"
    out, _err = run_import(
        write_csv(tmp_path / "v2.csv", ATTENDANCE_HEADER, rows), "--consent-version", "1"
    )
    assert "0 new, 2 changed, 2 unchanged" in out
    assert counts() == before
    assert Person.objects.get(full_name="Siriporn Kaewmanee").sex == "male"
    juan = Attendance.objects.get(name_as_written="Juan dela Cruz")
    assert juan.position == juan.person.position == "Chief prosecutor"


def test_a_dry_run_shows_what_would_change_and_writes_nothing(cast, tmp_path):
    path = write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, thai_attendance_rows())
    before = counts()
    out, _err = run_import(path, "--consent-version", "1", "--dry-run")
    assert "row 2: new" in out and "dry run: 4 new" in out
    assert counts() == before and not ImportRecord.objects.exists()


def test_rollback_restores_what_was_there(cast, tmp_path):
    rows = thai_attendance_rows()
    run_import(write_csv(tmp_path / "v1.csv", ATTENDANCE_HEADER, rows), "--consent-version", "1")
    after_first = counts()
    rows[0][2] = "male"
    rows.append(
        [
            "TH-001",
            "Ahmad Ibrahim",
            "laki-laki",
            "Malaysia",
            "Royal Thai Police",
            "",
            "",
            "",
            "",
            "",
            "",
        ]
    )
    run_import(write_csv(tmp_path / "v2.csv", ATTENDANCE_HEADER, rows), "--consent-version", "1")
    second = ImportRecord.objects.latest("pk")
    assert (second.rows_added, second.rows_changed) == (1, 1)

    out = StringIO()
    call_command("import", "rollback", str(second.pk), stdout=out)
    assert f"import {second.pk} rolled back" in out.getvalue()
    assert counts() == after_first
    assert Person.objects.get(full_name="Siriporn Kaewmanee").sex == "female"
    assert not Person.objects.filter(full_name="Ahmad Ibrahim").exists()
    with pytest.raises(CommandError, match="rolled back already"):
        call_command("import", "rollback", str(second.pk))

    first = ImportRecord.objects.earliest("pk")
    call_command("import", "rollback", str(first.pk), stdout=StringIO())
    assert counts() == (2, 2, 2)  # the cast's own people and organisations


def test_rollback_is_refused_when_a_later_import_changed_the_same_rows(cast, tmp_path):
    rows = thai_attendance_rows()
    run_import(write_csv(tmp_path / "v1.csv", ATTENDANCE_HEADER, rows), "--consent-version", "1")
    first = ImportRecord.objects.get()
    rows[0][2] = "male"
    run_import(write_csv(tmp_path / "v2.csv", ATTENDANCE_HEADER, rows), "--consent-version", "1")
    second = ImportRecord.objects.latest("pk")
    with pytest.raises(CommandError, match=f"changed since, by import {second.pk}"):
        call_command("import", "rollback", str(first.pk))


def test_a_csv_with_a_byte_order_mark_is_read(cast, tmp_path):
    path = write_csv(tmp_path / "excel.csv", ATTENDANCE_HEADER, thai_attendance_rows(), bom=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    out, err = run_import(path, "--consent-version", "1")
    assert "4 new" in out and "not one we know" not in err


def test_sex_is_read_in_the_regions_languages(cast, tmp_path):
    written = ["หญิง", "ชาย", "nữ", "Nam", "perempuan", "Laki-laki", "babae", "ស្រី", "ຊາຍ", "မ"]
    rows = [["TH-001", f"Person {n}", sex] for n, sex in enumerate(written)]
    run_import(
        write_csv(tmp_path / "s.csv", ["Event ID", "Name", "Gender"], rows),
        "--consent-version",
        "1",
    )
    sexes = dict(
        Person.objects.filter(full_name__startswith="Person ").values_list("full_name", "sex")
    )
    assert [sexes[f"Person {n}"] for n in range(len(written))] == [
        "female",
        "male",
        "female",
        "male",
        "female",
        "male",
        "female",
        "female",
        "male",
        "female",
    ]


def test_the_headers_sheets_in_the_region_write_are_read(cast, tmp_path):
    header = ["Event ID", "Name of Participant", "Gender", "Agency/Office", "Designation",
              "Mobile No.", "E-mail Address:", "Consent *"]  # fmt: skip
    rows = [["TH-001", "Maria Santos", "F", "Royal Thai Police", "Prosecutor", "0917 123 4567",
             "maria@example.org", "yes"]]  # fmt: skip
    out, err = run_import(write_csv(tmp_path / "sheet.csv", header, rows))
    assert "1 new" in out and "not one we know" not in err
    maria = Person.objects.get(full_name="Maria Santos")
    assert (maria.position, maria.phone, maria.email) == (
        "Prosecutor",
        "0917 123 4567",
        "maria@example.org",
    )


def test_an_unknown_column_is_reported_and_ignored(cast, tmp_path):
    path = write_csv(
        tmp_path / "sheet.csv",
        [" Event ID ", "NAME", "Shoe size"],
        [["TH-001", "Someone New", "42"]],
    )
    out, err = run_import(path, "--consent-version", "1")
    assert 'warning: the column "Shoe size" is not one we know; it is ignored' in err
    assert "1 new" in out


def test_a_missing_required_column_is_an_error(cast, tmp_path):
    path = write_csv(tmp_path / "sheet.csv", ["full_name", "sex"], [["Someone", "f"]])
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import",
            "attendance",
            str(path),
            "--program",
            "test",
            "--consent-version",
            "1",
            stderr=err,
        )
    assert 'the column "event_id" is missing' in err.getvalue()


def test_an_unknown_event_is_named_by_row_and_column(cast, tmp_path):
    rows = thai_attendance_rows()
    rows[1][0] = "TH-999"
    path = write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, rows)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import",
            "attendance",
            str(path),
            "--program",
            "test",
            "--consent-version",
            "1",
            stderr=err,
        )
    assert 'row 3, column "event_id": "TH-999" is not an event' in err.getvalue()


def test_a_country_officer_cannot_import_attendance_for_an_event_outside_their_countries(
    cast, tmp_path
):
    rows = [["KH-001", "Dara Sok", "ប្រុស", "KH", "", "", "", "", "", "", ""]]
    path = write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, rows)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import",
            "--as",
            "thai",
            "attendance",
            str(path),
            "--consent-version",
            "1",
            stderr=err,
        )
    assert 'row 2, column "event_id": "KH-001" is not an event' in err.getvalue()
    assert not Person.objects.filter(full_name="Dara Sok").exists()
    rows[0][0] = "TH-001"
    out, _err = run_import(
        write_csv(tmp_path / "ok.csv", ATTENDANCE_HEADER, rows),
        "--consent-version",
        "1",
        acting_as="thai",
    )
    assert "1 new" in out


def test_a_viewer_cannot_import(cast, tmp_path):
    path = write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, thai_attendance_rows())
    with pytest.raises(CommandError, match="does not import"):
        run_import(path, "--consent-version", "1", acting_as="viewer")


def test_without_consent_nothing_personal_is_kept(cast, tmp_path):
    header = [*ATTENDANCE_HEADER, "consent"]
    rows = [[*row, "yes"] for row in thai_attendance_rows()]
    rows[1][-1] = "no"
    rows[2][-1] = ""
    out, _err = run_import(write_csv(tmp_path / "sheet.csv", header, rows))
    assert "2 new, 0 changed, 0 unchanged, 2 left out (no consent)" in out
    assert not Person.objects.filter(full_name__in=["นางสาว มาลี ใจดี", "Nguyễn Thị Lan"])
    record = ImportRecord.objects.get()
    assert record.left_out_by_event == {"TH-001": 2}
    assert Person.objects.get(full_name="Juan dela Cruz").consent_version == "sheet"


def test_a_sheet_needs_a_consent_column_or_an_attestation(cast, tmp_path):
    path = write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, thai_attendance_rows())
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import", "attendance", str(path), "--program", "test", stderr=err)
    assert "consent" in err.getvalue()


def test_a_kobotoolbox_export_imports_as_it_is(cast, tmp_path):
    header = [
        "start",
        "end",
        "event_id",
        "participant/full_name",
        "participant/sex",
        "participant/country_of_origin",
        "participant/role",
        "consent",
        "_id",
        "_uuid",
        "_submission_time",
        "meta/instanceID",
    ]
    rows = [
        [
            "2024-09-10T09:00",
            "2024-09-10T09:03",
            "TH-001",
            "Malee Jaidee",
            "female",
            "TH",
            "participant",
            "yes",
            1,
            "abc",
            "2024-09-10T09:03:00",
            "uuid:abc",
        ]
    ]
    out, err = run_import(write(tmp_path / "kobo.xlsx", header, rows))
    assert "1 new" in out and err == ""


def test_an_import_is_audited_with_who_did_it_and_which_import_created_each_record(cast, tmp_path):
    path = write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, thai_attendance_rows())
    recorded_before = list(Attendance.objects.values_list("pk", flat=True))
    run_import(path, "--consent-version", "1", acting_as="mel")
    record = ImportRecord.objects.get()
    assert record.user == cast.mel
    person = Person.objects.get(full_name="Siriporn Kaewmanee")
    entry, by = created_by_import(person)
    assert by == record and entry.cid == record.audit_cid
    assert entry.actor == cast.mel and entry.action == LogEntry.Action.CREATE
    for attendance in Attendance.objects.exclude(pk__in=recorded_before):
        assert created_by_import(attendance)[1] == record
    assert all(created_by_import(Attendance(pk=pk)) is None for pk in recorded_before)
    # One entry per batch: who and which import, the records' keys, not their values.
    entries = LogEntry.objects.filter(cid=record.audit_cid)
    batch = entries.get(content_type__model="attendance")
    assert batch.additional_data["rows"] == 4 and batch.additional_data["import"] == record.pk
    assert "Siriporn" not in str(entries.get(content_type__model="person").changes)
    assert "Siriporn" not in entries.get(content_type__model="person").object_repr
    foundation = Organisation.objects.get(name="Foundation for Women")
    assert created_by_import(foundation)[1] == record
    assert created_by_import(cast.thai_event) is None


def test_a_large_import_writes_one_audit_entry_per_batch_naming_every_record(cast, tmp_path):
    rows = [
        ["TH-001", f"Participant {n}", "f", "TH", "", "", "", f"p{n}@example.org", "", "", ""]
        for n in range(BATCH_ROWS + 10)
    ]
    run_import(write_csv(tmp_path / "big.csv", ATTENDANCE_HEADER, rows), "--consent-version", "1")
    record = ImportRecord.objects.get()
    people = LogEntry.objects.filter(cid=record.audit_cid, content_type__model="person")
    assert people.count() == 2  # two batches
    assert sum(entry.additional_data["rows"] for entry in people) == BATCH_ROWS + 10
    imported = Person.objects.filter(full_name__startswith="Participant ").order_by("pk")
    first, last = imported.first(), imported.last()
    assert created_by_import(first)[1] == record and created_by_import(last)[1] == record
    assert created_by_import(Person(pk=last.pk + 1)) is None
    # The audit says who imported a later person too, from another import.
    row = ["TH-001", "Ana Lima", "f", "TH", "", "", "", "", "", "", ""]
    run_import(write_csv(tmp_path / "one.csv", ATTENDANCE_HEADER, [row]), "--consent-version", "1")
    later = ImportRecord.objects.latest("pk")
    assert created_by_import(Person.objects.get(full_name="Ana Lima"))[1] == later
    assert created_by_import(last)[1] == record


def test_the_ctip_command_exits_non_zero_on_a_rejected_file(cast, tmp_path, capsys, monkeypatch):
    from django.db import connections

    from ctip.cli import main

    # run_from_argv closes connections when it ends; the test's transaction must outlive it.
    monkeypatch.setattr(connections, "close_all", lambda: None)

    rows = thai_attendance_rows()
    rows[0][3] = "Atlantis"
    path = write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, rows)
    with pytest.raises(SystemExit) as exit_:
        main(["--as", "mel", "import", "attendance", str(path), "--consent-version", "1"])
    assert exit_.value.code == 1
    assert 'row 2, column "country_of_origin": "Atlantis" is not a country' in (
        capsys.readouterr().err
    )
    assert not Person.objects.filter(full_name="Juan dela Cruz").exists()


def test_rollback_is_refused_when_a_record_was_edited_since(cast, tmp_path):
    path = write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, thai_attendance_rows())
    run_import(path, "--consent-version", "1")
    person = Person.objects.get(full_name="Juan dela Cruz")
    person.position = "Judge"
    person.save()
    with pytest.raises(CommandError, match="changed since, by an edit"):
        call_command("import", "rollback", str(ImportRecord.objects.get().pk))
    assert Person.objects.filter(full_name="Juan dela Cruz").exists()


def test_a_sheet_without_a_column_leaves_that_value_as_it_was(cast, tmp_path):
    run_import(
        write_csv(tmp_path / "full.csv", ATTENDANCE_HEADER, thai_attendance_rows()),
        "--consent-version",
        "1",
    )
    short = [["TH-001", "Siriporn Kaewmanee", "female"]]
    out, _err = run_import(
        write_csv(tmp_path / "short.csv", ["event_id", "full_name", "sex"], short),
        "--consent-version",
        "1",
    )
    assert "0 new, 0 changed, 1 unchanged" in out
    siriporn = Person.objects.get(full_name="Siriporn Kaewmanee")
    assert siriporn.email == "siriporn@example.org"
    assert siriporn.organisation.name == "Royal Thai Police"


def test_the_same_name_and_email_at_another_event_is_the_same_person(cast, tmp_path):
    run_import(
        write_csv(tmp_path / "th.csv", ATTENDANCE_HEADER, thai_attendance_rows()),
        "--consent-version",
        "1",
    )
    row = ["KH-001", "Juan dela Cruz", "", "", "", "", "", "JUAN@example.org", "", "", ""]
    out, _err = run_import(
        write_csv(tmp_path / "kh.csv", ATTENDANCE_HEADER, [row]), "--consent-version", "1"
    )
    assert "1 new" in out
    juan = Person.objects.get(full_name="Juan dela Cruz")
    assert juan.attendances.count() == 2
    assert (juan.sex, juan.position) == ("male", "State prosecutor")  # blanks erase nothing


def test_rolling_back_a_large_import_removes_it_all_and_audits_the_deletions(cast, tmp_path):
    rows = [
        ["TH-001", f"Participant {n}", "f", "TH", "", "", "", f"p{n}@example.org", "", "", ""]
        for n in range(600)
    ]
    run_import(write_csv(tmp_path / "big.csv", ATTENDANCE_HEADER, rows), "--consent-version", "1")
    record = ImportRecord.objects.get()
    assert cast.thai_event.attendances.count() == 601
    call_command("import", "rollback", str(record.pk), stdout=StringIO())
    assert cast.thai_event.attendances.count() == 1
    assert not Person.objects.filter(full_name__startswith="Participant ").exists()
    deletions = LogEntry.objects.filter(
        cid=f"{record.audit_cid}-rollback", action=LogEntry.Action.DELETE
    )
    assert deletions.filter(content_type__model="person").count() == 600
    assert deletions.filter(content_type__model="attendance").count() == 600


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("sheet.csv", "event_id,full_name\n".encode("utf-16"), "not UTF-8"),
        ("sheet.xlsx", b"PK\x03\x04 not really a workbook", "not a readable .xlsx"),
        ("sheet.pdf", b"%PDF-1.4", "not an .xlsx or .csv file"),
        ("sheet.csv", b"event_id,full_name\n", "a header but no rows"),
    ],
)
def test_a_file_that_is_not_a_sheet_is_refused_in_plain_words(
    cast, tmp_path, name, content, message
):
    path = tmp_path / name
    path.write_bytes(content)
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command(
            "import",
            "attendance",
            str(path),
            "--program",
            "test",
            "--consent-version",
            "1",
            stderr=err,
        )
    assert message in err.getvalue()


def test_an_import_gives_the_connection_back_with_its_own_page_cache(cast, tmp_path):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
    path = write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, thai_attendance_rows())
    run_import(path, "--consent-version", "1")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone() == (before,)
