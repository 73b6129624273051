"""Exports as field teams download them, built from the project's own XLSForm the way
KoboToolbox and ODK Central write them (tests/exports.py), each imported into a program:
the submission that answered No is never stored, whatever flags are given."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.imports.models import ImportRecord
from ctip.people.models import Attendance, Person
from ctip.surveys.actions import do_create_default_statements
from ctip.surveys.models import Response

from .exports import XLSForm, central_csv, central_zip, kobo_export

SUBMISSIONS = [
    {
        "consent": "yes",
        "event_id": "TH-001",
        "full_name": "มาลี ใจดี",
        "name_latin": "Malee Jaidee",
        "sex": "female",
        "country_of_origin": "TH",
        "organisation": "Foundation for Women",
        "organisation_type": "ngo-cso",
        "position": "Programme officer",
        "email": "malee@example.org",
        "phone": "0812345678",
        "wg_seeing": "some",
        "wg_walking": "a-lot",
        "role": "participant",
    },
    {
        # Answers the tool kept although the person refused (an older form version showed
        # the questions first): none of it may be stored.
        "consent": "no",
        "event_id": "TH-001",
        "full_name": "Refusing Person",
        "email": "refuses@example.org",
        "phone": "0899999999",
        "sex": "male",
    },
    {
        "consent": "yes",
        "event_id": "TH-001",
        "full_name": "Nguyễn Thị Lan",
        "sex": "not-specified",
        "country_of_origin": "VN",
        "organisation": "Royal Thai Police",
        "role": "speaker",
        "wg_hearing": "none",
    },
]


def run(kind, path, *options):
    out, err = StringIO(), StringIO()
    call_command("import", kind, str(path), "--program", "test", *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def form(cast, tmp_path) -> XLSForm:
    path = tmp_path / "attendance-form.xlsx"
    call_command("import", "xlsform", "-o", str(path), "--program", "test", stdout=StringIO())
    return XLSForm(path.read_bytes())


def assert_imported_without_the_refusal(out, err):
    assert "2 new, 0 changed, 0 unchanged, 1 left out (no consent)" in out
    assert "warning" not in err, err
    malee = Person.objects.get(full_name="มาลี ใจดี")
    assert (malee.sex, malee.country_of_origin_id, malee.phone) == ("female", "TH", "0812345678")
    assert (malee.wg_seeing, malee.wg_walking, malee.wg_hearing) == ("some", "a-lot", "")
    assert malee.organisation.name == "Foundation for Women"
    assert malee.organisation.type == "ngo-cso"
    lan = Attendance.objects.get(name_as_written="Nguyễn Thị Lan")
    assert (lan.role, lan.person.sex, lan.person.wg_hearing) == ("speaker", "not-specified", "none")
    assert not Person.objects.filter(full_name="Refusing Person").exists()
    assert not Person.objects.filter(email="refuses@example.org").exists()
    assert not Person.objects.filter(phone="0899999999").exists()
    assert ImportRecord.objects.get().left_out_by_event == {"TH-001": 1}


@pytest.mark.parametrize(
    ("shape", "options"),
    [
        ("kobo-xlsx-labels", {"labels": "English (en)"}),
        ("kobo-xlsx-xml-values", {}),
        ("kobo-csv-groups", {"groups": True, "file_type": "csv"}),
        ("kobo-xlsx-thai-labels-groups", {"labels": "Thai (th)", "groups": True}),
        ("kobo-csv-labels-groups", {"labels": "English (en)", "groups": True, "file_type": "csv"}),
    ],
)
def test_a_kobotoolbox_export_of_our_form_imports_and_the_refusal_is_not_stored(
    form, tmp_path, shape, options
):
    suffix = options.get("file_type", "xlsx")
    path = tmp_path / f"{shape}.{suffix}"
    path.write_bytes(kobo_export(form, SUBMISSIONS, **options))
    out, err = run("attendance", path, "--consent-version", "paper-1")
    assert_imported_without_the_refusal(out, err)


@pytest.mark.parametrize(
    "language",
    [
        "Lao (lo)",
        "Khmer (km)",
        "Vietnamese (vi)",
        "Indonesian (id)",
        "Filipino (fil)",
        "Burmese (my)",
    ],
)
def test_a_kobo_export_with_labels_in_any_language_of_the_form_imports(form, tmp_path, language):
    path = tmp_path / "kobo.xlsx"
    path.write_bytes(kobo_export(form, SUBMISSIONS, labels=language, groups=True))
    out, err = run("attendance", path, "--consent-version", "paper-1")
    assert_imported_without_the_refusal(out, err)
    assert f"read as a KoboToolbox export with labels in {language.split(' (')[0]}" in out


def test_the_thai_export_has_thai_headers_and_answers(form):
    content = kobo_export(form, SUBMISSIONS, labels="Thai (th)")
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).active
    header = [cell.value for cell in sheet[1]]
    assert "คุณมีความยากลำบากในการมองเห็นหรือไม่ แม้ว่าจะสวมแว่นตาแล้วก็ตาม" in header
    assert "full_name" not in header and "sex" not in header


def test_an_odk_central_csv_imports_and_the_refusal_is_not_stored(form, tmp_path):
    path = tmp_path / "ctip_attendance_test.csv"
    path.write_bytes(central_csv(form, SUBMISSIONS))
    assert path.read_text().startswith("SubmissionDate,consent,event_id,participant-full_name")
    out, err = run("attendance", path, "--consent-version", "paper-1")
    assert_imported_without_the_refusal(out, err)


def test_an_odk_central_zip_imports_its_main_csv_and_the_refusal_is_not_stored(form, tmp_path):
    path = tmp_path / "ctip_attendance_test.zip"
    path.write_bytes(central_zip(form, SUBMISSIONS))
    out, err = run("attendance", path)
    assert_imported_without_the_refusal(out, err)


def test_an_event_label_whose_title_changed_since_still_names_its_event(form, tmp_path):
    content = kobo_export(form, SUBMISSIONS, labels="English (en)", file_type="csv")
    content = content.replace(b"TH-001: Training on victim identification", b"TH-001: Old title")
    path = tmp_path / "kobo.csv"
    path.write_bytes(content)
    out, err = run("attendance", path)
    assert_imported_without_the_refusal(out, err)


def test_a_dry_run_prints_the_values_each_row_would_write(form, tmp_path):
    path = tmp_path / "central.csv"
    path.write_bytes(central_csv(form, SUBMISSIONS))
    out, _err = run("attendance", path, "--dry-run")
    assert "row 2: new: full_name: มาลี ใจดี; name_latin: Malee Jaidee; sex: female" in out
    assert "Refusing Person" not in out and not Person.objects.filter(full_name="มาลี ใจดี")


def test_importing_an_export_again_changes_nothing(form, tmp_path):
    path = tmp_path / "central.csv"
    path.write_bytes(central_csv(form, SUBMISSIONS))
    run("attendance", path)
    out, _err = run("attendance", path)
    assert "0 new, 0 changed, 2 unchanged, 1 left out" in out


def test_a_central_zip_without_its_main_csv_says_so(form, tmp_path):
    path = tmp_path / "download.zip"
    path.write_bytes(central_zip(form, SUBMISSIONS, main=False))
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import", "attendance", str(path), "--program", "test", stderr=err)
    assert "looks like an ODK Central zip without its main csv" in err.getvalue()
    assert "ctip_attendance_test-sessions.csv" in err.getvalue()


def test_a_repeat_csv_given_alone_says_to_give_the_main_csv(form, tmp_path):
    path = tmp_path / "ctip_attendance_test-sessions.csv"
    path.write_text("session-topic,PARENT_KEY,KEY\nOpening,uuid:x,uuid:x/sessions[1]\n")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import", "attendance", str(path), "--program", "test", stderr=err)
    assert "repeat group from an ODK Central zip" in err.getvalue()


def test_a_kobo_export_with_labels_in_a_language_the_form_does_not_carry_says_what_to_do(
    form, tmp_path
):
    content = kobo_export(form, SUBMISSIONS, labels="English (en)").replace(b"", b"")
    french = {
        "May we keep your details?": "Pouvons-nous garder vos données ?",
        "Event": "Événement",
        "Your name": "Votre nom",
        "Sex": "Sexe",
        "Country you come from": "Votre pays",
    }
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content))
    for cell in workbook.active[1]:
        cell.value = french.get(cell.value, cell.value)
    path = tmp_path / "kobo-fr.xlsx"
    workbook.save(path)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import", "attendance", str(path), "--program", "test", stderr=err)
    assert (
        "this looks like a KoboToolbox export with labels in French, which the form does not "
        "carry; export again with “XML values and headers”"
    ) in err.getvalue()
    assert not Person.objects.filter(full_name="มาลี ใจดี").exists()


def test_an_attendance_sheet_given_as_feedback_is_named(form, tmp_path):
    path = tmp_path / "central.csv"
    path.write_bytes(central_csv(form, SUBMISSIONS))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import", "feedback", str(path), "--program", "test", stderr=err)
    assert "this looks like a sheet of Attendance" in err.getvalue()


# -- the feedback form ---------------------------------------------------------------------


@pytest.fixture
def feedback_form(cast, tmp_path) -> XLSForm:
    do_create_default_statements(cast.program)
    path = tmp_path / "feedback-form.xlsx"
    call_command(
        "import",
        "xlsform",
        "--form",
        "feedback",
        "-o",
        str(path),
        "--program",
        "test",
        stdout=StringIO(),
    )
    return XLSForm(path.read_bytes())


FEEDBACK = [
    {"event_id": "TH-001", "answered_on": "2024-09-11", "objectives": "5", "relevant": "4"},
    {"event_id": "TH-001", "answered_on": "2024-09-11", "objectives": "3", "free_text": "Good"},
]


def test_an_odk_central_feedback_csv_uses_its_instance_id_once(feedback_form, tmp_path):
    """KEY and meta-instanceID carry the same value: one response id, not two columns."""
    path = tmp_path / "ctip_feedback_test.csv"
    path.write_bytes(central_csv(feedback_form, FEEDBACK))
    out, err = run("feedback", path)
    assert "2 new" in out and "warning" not in err, err
    keys = sorted(Response.objects.values_list("source_key", flat=True))
    assert keys[0] == "import:uuid:5eed0000-0000-4000-8000-000000000001"
    out, _err = run("feedback", path)
    assert "0 new" in out and Response.objects.count() == 2


def test_a_kobo_feedback_export_with_thai_labels_imports(feedback_form, tmp_path):
    path = tmp_path / "kobo-feedback-th.xlsx"
    path.write_bytes(kobo_export(feedback_form, FEEDBACK, labels="Thai (th)", groups=True))
    out, err = run("feedback", path)
    assert "2 new" in out and "warning" not in err, err
    values = sorted(
        Response.objects.get(free_text="").answers.values_list("statement__code", "value")
    )
    assert values == [("objectives", 5), ("relevant", 4)]
