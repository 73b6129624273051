"""The upload page: preview, confirm, past imports, rollback, templates; who may use it."""

import html
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.imports.models import ImportRecord, PendingUpload
from ctip.people.models import Attendance, Person

from .sheets import ATTENDANCE_HEADER, thai_attendance_rows, write_csv


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _upload(client, path, kind="attendance", consent_version="paper-1"):
    with path.open("rb") as handle:
        upload = SimpleUploadedFile(path.name, handle.read())
    return client.post(
        reverse("import-preview"),
        {"kind": kind, "file": upload, "consent_version": consent_version},
    )


def test_an_upload_is_previewed_then_written_only_when_confirmed(client, cast, tmp_path):
    _login(client, cast.mel)
    path = write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, thai_attendance_rows())
    before = Attendance.objects.count()
    preview = _upload(client, path)
    page = preview.content.decode()
    assert preview.status_code == 200
    assert 'data-testid="new">4<' in page and "Nguyễn Thị Lan" in page
    assert Attendance.objects.count() == before and not ImportRecord.objects.exists()

    token = PendingUpload.objects.get().token
    confirmed = client.post(reverse("import-confirm"), {"token": token}, follow=True)
    record = ImportRecord.objects.get()
    assert confirmed.redirect_chain[-1][0].startswith(reverse("import-detail", args=[record.pk]))
    assert "4 new, 0 changed, 0 unchanged" in confirmed.content.decode()
    assert Attendance.objects.count() == before + 4
    assert record.user == cast.mel
    assert not PendingUpload.objects.exists()

    listing = client.get(reverse("import-list")).content.decode()
    assert "sheet.csv" in listing


def test_a_bad_file_shows_its_problems_by_row_and_column_and_writes_nothing(client, cast, tmp_path):
    _login(client, cast.mel)
    rows = thai_attendance_rows()
    rows[2][2] = "femail"
    response = _upload(client, write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, rows))
    page = response.content.decode()
    assert response.status_code == 422
    assert "<td>4</td><td>sex</td>" in page
    assert "is not a sex we know" in page
    assert "Nothing was written" in page
    assert not PendingUpload.objects.exists()
    assert not Person.objects.filter(full_name="Juan dela Cruz").exists()


def test_an_import_is_rolled_back_from_its_page(client, cast, tmp_path):
    _login(client, cast.mel)
    _upload(client, write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, thai_attendance_rows()))
    client.post(reverse("import-confirm"), {"token": PendingUpload.objects.get().token})
    record = ImportRecord.objects.get()
    response = client.post(reverse("import-rollback", args=[record.pk]), follow=True)
    assert 'data-testid="rolled-back"' in response.content.decode()
    assert cast.thai_event.attendances.count() == 1


def test_a_country_officer_cannot_import_attendance_for_an_event_outside_their_countries(
    client, cast, tmp_path
):
    _login(client, cast.thai_officer)
    rows = [["KH-001", "Dara Sok", "ប្រុស", "KH", "", "", "", "", "", "", ""]]
    response = _upload(client, write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, rows))
    assert response.status_code == 422
    assert '"KH-001" is not an event of this program that you may import for' in html.unescape(
        response.content.decode()
    )
    assert not Person.objects.filter(full_name="Dara Sok").exists()


def test_viewers_get_403_and_visitors_are_sent_to_log_in(client, cast, tmp_path):
    urls = [
        reverse("import-list"),
        reverse("import-template", args=["attendance"]),
        reverse("import-xlsform"),
    ]
    for url in urls:
        assert client.get(url).status_code == 302
    _login(client, cast.viewer)
    for url in urls:
        assert client.get(url).status_code == 403, url
    path = write_csv(tmp_path / "sheet.csv", ATTENDANCE_HEADER, thai_attendance_rows())
    assert _upload(client, path).status_code == 403
    assert not PendingUpload.objects.exists()


def test_the_template_has_a_dropdown_on_every_coded_column(client, cast):
    _login(client, cast.thai_officer)
    response = client.get(reverse("import-template", args=["attendance"]))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook["attendance"]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["event_id", "full_name", "name_latin"]
    lists = workbook["lists"]
    listed = {lists.cell(1, c).value: c for c in range(1, lists.max_column + 1)}
    assert set(listed) >= {"event_id", "sex", "organisation_type", "disability", "role", "consent"}
    events = [lists.cell(r, listed["event_id"]).value for r in range(2, lists.max_row + 1)]
    assert "TH-001" in events and "KH-001" not in events  # only the officer's events
    validated = {
        header[
            openpyxl.utils.column_index_from_string(str(rng).split(":")[0].rstrip("0123456789")) - 1
        ]
        for validation in sheet.data_validations.dataValidation
        for rng in validation.sqref.ranges
    }
    assert validated >= {"event_id", "sex", "organisation_type", "role", "disability", "consent"}


def test_the_xlsform_has_survey_choices_and_settings(client, cast):
    _login(client, cast.mel)
    response = client.get(reverse("import-xlsform"))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["survey", "choices", "settings"]
    names = [row[1] for row in workbook["survey"].iter_rows(min_row=2, values_only=True)]
    assert {"event_id", "full_name", "sex", "consent"} <= set(names)
    choices = [row[:3] for row in workbook["choices"].iter_rows(min_row=2, values_only=True)]
    assert ("events", "TH-001", "TH-001: Training on victim identification") in choices
