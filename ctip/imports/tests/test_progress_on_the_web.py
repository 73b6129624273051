"""While an upload is checked, or a confirmed file imported, the page shows how far the server
has got: the request files its progress under a key the page sends, and the page asks for it."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ctip.imports import progress as progress_module
from ctip.imports import views
from ctip.imports.models import ImportRecord, PendingUpload
from ctip.imports.progress import web_progress

from .sheets import ATTENDANCE_HEADER, write_csv
from .test_upload_bounds import _rows
from .test_web import _login

KEY = "a1b2c3d4e5f6a7b8c9d0"


def _asked(client, key=KEY):
    return client.get(reverse("import-progress"), {"key": key}).json()


def test_the_progress_an_import_reports_is_what_the_page_is_told_and_only_its_uploader(
    client, cast
):
    with web_progress(cast.mel, KEY) as report:
        report(5000, 0.25)
        _login(client, cast.mel)
        state = _asked(client)
        assert state["rows"] == 5000 and state["fraction"] == 0.25
        assert _asked(client, "not a key") == {}
        client.logout()
        _login(client, cast.admin)
        assert _asked(client) == {}  # the same key is not someone else's upload
    _login(client, cast.mel)
    assert _asked(client) == {}  # the request is over: nothing is kept


def test_checking_and_importing_an_upload_report_their_rows_and_part_of_the_file(
    client, cast, tmp_path, monkeypatch
):
    reported = []

    def recording(user, key):
        real = web_progress(user, key)

        class Recording:
            def __enter__(self):
                report = real.__enter__()

                def both(rows, fraction=None):
                    reported.append((rows, fraction))
                    report(rows, fraction)

                return both

            def __exit__(self, *exc):
                return real.__exit__(*exc)

        return Recording()

    monkeypatch.setattr(views, "web_progress", recording)
    _login(client, cast.mel)
    path = write_csv(tmp_path / "long.csv", ATTENDANCE_HEADER, _rows(6000))
    with path.open("rb") as handle:
        upload = SimpleUploadedFile(path.name, handle.read())
    client.post(
        reverse("import-preview"),
        {"kind": "attendance", "file": upload, "consent_version": "paper-1", "progress": KEY},
    )
    assert [rows for rows, _part in reported] == [5000, 6000]
    assert 0 < reported[0][1] < 1 and reported[1][1] == 1.0
    reported.clear()
    token = PendingUpload.objects.get().token
    client.post(reverse("import-confirm"), {"token": token, "progress": KEY})
    assert ImportRecord.objects.count() == 1
    assert reported[-1] == (6000, 1.0)
    assert not list(
        (progress_module.Path(progress_module.settings.VAR_DIR)).glob("import-progress/*.json")
    )


def test_the_upload_forms_ask_for_progress_while_the_browser_waits(client, cast, tmp_path):
    _login(client, cast.mel)
    page = client.get(reverse("import-list")).content.decode()
    assert 'data-progress="/imports/progress/?program=test"' in page
    assert "{rows} rows read and checked" in page
