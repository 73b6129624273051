"""A full disk (simulated: the write raises OSError ENOSPC) is said plainly: a 507 page on
the web, while the other pages keep working; a one-line error and no half-written file on
the command line."""

import errno
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError
from django.urls import reverse

from ctip.imports.models import ImportRecord
from ctip.people.models import Attendance


def _no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def _keeps_working(client):
    for url in (reverse("dashboard"), reverse("report", args=["table1"]), reverse("event-list")):
        assert client.get(url, {"program": "test"}).status_code == 200, url


def test_a_pdf_download_on_a_full_disk_says_so_and_other_pages_keep_working(
    client, cast, monkeypatch
):
    monkeypatch.setattr("ctip.reports.pdf.html_to_pdf", _no_space)
    client.force_login(cast.mel)
    response = client.get(reverse("report-download", args=["table1", "pdf"]), {"program": "test"})
    assert response.status_code == 507
    assert response["Content-Type"].startswith("text/plain")
    assert "disk is full" in response.content.decode()
    _keeps_working(client)


def test_an_upload_on_a_full_disk_says_so_and_writes_nothing(client, cast, monkeypatch, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every upload is spooled to a temporary file
    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", _no_space)
    client.force_login(cast.mel)
    before = Attendance.objects.count()
    upload = SimpleUploadedFile("sheet.csv", b"event_id,full_name\nTH-001,Somchai\n")
    response = client.post(
        reverse("import-preview") + "?program=test", {"kind": "attendance", "file": upload}
    )
    assert response.status_code == 507
    assert "disk is full" in response.content.decode()
    assert Attendance.objects.count() == before
    assert not ImportRecord.objects.exists()
    _keeps_working(client)


def test_a_full_database_disk_says_so(client, cast, monkeypatch):
    def database_full(*args, **kwargs):
        raise OperationalError("database or disk is full")

    monkeypatch.setattr("ctip.reports.views.render_format", database_full)
    client.force_login(cast.mel)
    response = client.get(reverse("report-download", args=["table1", "csv"]), {"program": "test"})
    assert response.status_code == 507


def test_other_errors_are_not_mistaken_for_a_full_disk(client, cast, monkeypatch):
    def permission_denied(*args, **kwargs):
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("ctip.reports.views.render_format", permission_denied)
    client.raise_request_exception = False
    client.force_login(cast.mel)
    response = client.get(reverse("report-download", args=["table1", "csv"]), {"program": "test"})
    assert response.status_code == 500


@pytest.mark.parametrize(
    "command",
    [
        ["report", "table1", "--program", "test", "--period", "FY2024-25", "--format", "xlsx"],
        ["report", "table1", "--program", "test", "--period", "FY2024-25", "--format", "csv"],
        ["import", "template", "attendance", "--program", "test"],
    ],
)
def test_a_command_writing_to_a_full_disk_fails_plainly_and_leaves_no_file(
    cast, tmp_path, monkeypatch, command
):
    monkeypatch.setattr("ctip.lib.files._write_all", _no_space)
    output = tmp_path / "out.file"
    with pytest.raises(CommandError, match="the disk is full") as failure:
        call_command(*command, "-o", str(output), stdout=StringIO(), stderr=StringIO())
    assert failure.value.__cause__ is None and failure.value.__suppress_context__
    assert list(tmp_path.iterdir()) == []  # neither the file nor its temporary copy


def test_a_command_writes_its_file_whole_when_there_is_space(cast, tmp_path):
    output = tmp_path / "table1.csv"
    call_command(
        "report", "table1", "--program", "test", "--period", "FY2024-25", "--format", "csv",
        "-o", str(output), stderr=StringIO(),
    )  # fmt: skip
    assert output.read_text(encoding="utf-8-sig").startswith("country,")
    assert [path.name for path in tmp_path.iterdir()] == ["table1.csv"]
