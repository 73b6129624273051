"""Web uploads are bounded (rows, then memory while streaming) and a previewed file is kept
no longer than it is needed: deleted on confirm, on cancel, on a new preview and on expiry."""

import datetime as dt
import html
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ctip.imports.models import ImportRecord, PendingUpload
from ctip.imports.progress import progress_line
from ctip.people.models import Attendance

from .sheets import ATTENDANCE_HEADER, thai_attendance_rows, write
from .test_web import _login, _upload


def _rows(count: int) -> list[list[str]]:
    return [
        ["TH-001", f"Participant {n} Srisuk", "female", "TH", "", "", "", "", "", "", ""]
        for n in range(count)
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_upload_with_more_rows_than_the_limit_is_refused_naming_the_limit(
    client, cast, tmp_path, settings, suffix
):
    settings.CTIP_IMPORT_MAX_ROWS = 10
    _login(client, cast.mel)
    before = Attendance.objects.count()
    response = _upload(client, write(tmp_path / f"long{suffix}", ATTENDANCE_HEADER, _rows(25)))
    page = html.unescape(response.content.decode())
    assert response.status_code == 422
    assert "the file has more than 10 rows" in page
    assert not PendingUpload.objects.exists()
    assert Attendance.objects.count() == before and not ImportRecord.objects.exists()


def test_a_long_upload_is_refused_at_the_row_after_the_limit_without_reading_further(
    client, cast, tmp_path, settings
):
    settings.CTIP_IMPORT_MAX_ROWS = 10
    _login(client, cast.mel)
    rows = _rows(30)
    rows[25][2] = "femail"  # past the limit: never read, so never reported
    response = _upload(client, write(tmp_path / "long.csv", ATTENDANCE_HEADER, rows))
    page = html.unescape(response.content.decode())
    assert "the file has more than 10 rows" in page
    assert "femail" not in page


def test_an_upload_at_the_limit_is_previewed(client, cast, tmp_path, settings):
    settings.CTIP_IMPORT_MAX_ROWS = 10
    _login(client, cast.mel)
    response = _upload(client, write(tmp_path / "ten.csv", ATTENDANCE_HEADER, _rows(10)))
    assert response.status_code == 200
    assert 'data-testid="new">10<' in response.content.decode()


def test_a_cancelled_upload_is_deleted_and_nothing_is_imported(client, cast, tmp_path):
    _login(client, cast.mel)
    page = _upload(client, write(tmp_path / "s.csv", ATTENDANCE_HEADER, thai_attendance_rows()))
    assert 'data-testid="cancel"' in page.content.decode()
    token = PendingUpload.objects.get().token
    response = client.post(reverse("import-cancel"), {"token": token}, follow=True)
    assert "nothing was imported or kept" in response.content.decode()
    assert not PendingUpload.objects.exists()
    assert not ImportRecord.objects.exists()
    again = client.post(reverse("import-confirm"), {"token": token}, follow=True)
    assert "That upload has expired" in again.content.decode()
    assert not ImportRecord.objects.exists()


def test_a_new_preview_replaces_the_uploaders_earlier_one(client, cast, tmp_path):
    _login(client, cast.mel)
    path = write(tmp_path / "s.csv", ATTENDANCE_HEADER, thai_attendance_rows())
    _upload(client, path)
    first = PendingUpload.objects.get().token
    _upload(client, path)
    assert list(PendingUpload.objects.values_list("token", flat=True)) != [first]
    assert PendingUpload.objects.count() == 1


def test_a_confirmed_upload_is_deleted(client, cast, tmp_path):
    _login(client, cast.mel)
    _upload(client, write(tmp_path / "s.csv", ATTENDANCE_HEADER, thai_attendance_rows()))
    client.post(reverse("import-confirm"), {"token": PendingUpload.objects.get().token})
    assert ImportRecord.objects.count() == 1
    assert not PendingUpload.objects.exists()


def test_an_expired_upload_cannot_be_confirmed_and_is_swept(client, cast, tmp_path, settings):
    settings.CTIP_PENDING_UPLOAD_HOURS = 24
    _login(client, cast.mel)
    _upload(client, write(tmp_path / "s.csv", ATTENDANCE_HEADER, thai_attendance_rows()))
    pending = PendingUpload.objects.get()
    PendingUpload.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=25)
    )
    response = client.post(reverse("import-confirm"), {"token": pending.token}, follow=True)
    assert "That upload has expired" in response.content.decode()
    assert not ImportRecord.objects.exists()
    out = StringIO()
    call_command("import", "sweep", stdout=out)
    assert "1 expired pending upload(s) deleted" in out.getvalue()
    assert not PendingUpload.objects.exists()


def test_a_long_import_shows_its_progress_on_the_command_line(cast, tmp_path):
    path = write(tmp_path / "long.csv", ATTENDANCE_HEADER, _rows(12_000))
    out, err = StringIO(), StringIO()
    call_command(
        "import",
        "attendance",
        str(path),
        "--program",
        "test",
        "--consent-version",
        "paper-1",
        "--progress",
        stdout=out,
        stderr=err,
    )
    assert "5,000 rows read and checked" in err.getvalue()
    assert "12,000 rows read and checked" in err.getvalue()
    assert "12000 new" in out.getvalue()
    # A csv tells how much of it is read: a bar, its percentage and the time left.
    assert "] 100%  12,000 rows read and checked" in err.getvalue()
    assert "[" + "#" * 24 + "]" in err.getvalue()


def test_the_progress_bar_fills_with_the_part_of_the_file_read_and_says_the_time_left():
    line = progress_line(40_000, 0.4, 5.0)
    assert line.startswith("[" + "#" * 10 + "-" * 14 + "]  40%  40,000 rows read and checked")
    assert "8,000 rows/s" in line and "about 8 s left" in line and line.endswith("(5 s)")
    # An .xlsx does not tell how much of it is read: rows, rate and time, no bar.
    assert progress_line(5_000, None, 2.0) == "5,000 rows read and checked, 2,500 rows/s (2 s)"
