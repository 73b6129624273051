"""Importing feedback and partner-survey answers from real csv and xlsx files."""

import datetime as dt
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from ctip.surveys.actions import do_create_default_statements
from ctip.surveys.models import Answer, Response

from .sheets import write_csv, write_xlsx

FEEDBACK_HEADER = [
    "event_id",
    "answered_on",
    "objectives",
    "relevant",
    "apply",
    "free_text",
    "may_quote",
    "attribution",
    "response_id",
]


@pytest.fixture
def statements(cast):
    do_create_default_statements(cast.program)
    return cast


def run_import(kind, path, *options):
    out, err = StringIO(), StringIO()
    call_command("import", kind, str(path), "--program", "test", *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def feedback_rows():
    return [
        [
            "TH-001",
            "2024-09-10",
            "5",
            "agree",
            "Fully agree",
            "Very practical.",
            "yes",
            "Police officer, Thailand",
            "a1",
        ],
        ["TH-001", dt.datetime(2024, 9, 11), 4, "เห็นด้วย", "", "", "no", "", "a2"],  # noqa: DTZ001
        [
            "KH-001",
            "2024-10-02",
            "hoàn toàn không đồng ý",
            "neutral",
            "2",
            "Too short.",
            "",
            "",
            "a3",
        ],
    ]


def test_feedback_is_imported_with_words_or_numbers_in_three_languages(statements, tmp_path):
    out, _err = run_import(
        "feedback", write_xlsx(tmp_path / "f.xlsx", FEEDBACK_HEADER, feedback_rows())
    )
    assert "3 new" in out
    first = Response.objects.get(source_key="import:a1")
    assert first.event == statements.thai_event and first.answered_on == dt.date(2024, 9, 10)
    assert dict(first.answers.values_list("statement__code", "value")) == {
        "objectives": 5,
        "relevant": 4,
        "apply": 5,
    }
    assert first.agreed_to_be_quoted and first.quote_attribution == "Police officer, Thailand"
    second = Response.objects.get(source_key="import:a2")
    assert dict(second.answers.values_list("statement__code", "value")) == {
        "objectives": 4,
        "relevant": 4,
    }
    third = Response.objects.get(source_key="import:a3")
    assert dict(third.answers.values_list("statement__code", "value")) == {
        "objectives": 1,
        "relevant": 3,
        "apply": 2,
    }
    assert not third.agreed_to_be_quoted


def test_importing_the_same_feedback_twice_changes_nothing(statements, tmp_path):
    path = write_csv(tmp_path / "f.csv", FEEDBACK_HEADER, feedback_rows())
    run_import("feedback", path)
    out, _err = run_import("feedback", path)
    assert "0 new, 0 changed, 3 unchanged" in out
    assert Response.objects.count() == 3 and Answer.objects.count() == 8


def test_without_a_response_id_the_rows_content_is_the_key(statements, tmp_path):
    header = FEEDBACK_HEADER[:-1]
    rows = [row[:-1] for row in feedback_rows()]
    rows.append(list(rows[1]))  # two participants who answered alike
    path = write_csv(tmp_path / "f.csv", header, rows)
    run_import("feedback", path)
    assert Response.objects.count() == 4
    out, _err = run_import("feedback", path)
    assert "0 new, 0 changed, 4 unchanged" in out
    assert Response.objects.count() == 4


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("relevant", "maybe", '"maybe" is not an answer on the five-point scale'),
        ("relevant", "6", '"6" is not an answer on the five-point scale'),
        ("event_id", "XX-404", '"XX-404" is not an event of this program'),
        ("answered_on", "03/04/2024", "could be read two ways"),
        ("may_quote", "perhaps", "perhaps"),
    ],
)
def test_a_wrong_value_rejects_the_whole_file_naming_row_and_column(
    statements, tmp_path, column, value, message
):
    rows = feedback_rows()
    rows[1][FEEDBACK_HEADER.index(column)] = value
    with pytest.raises(CommandError, match="nothing was written"):
        run_import("feedback", write_csv(tmp_path / "f.csv", FEEDBACK_HEADER, rows))
    assert not Response.objects.exists()


def test_the_error_names_the_row_as_the_spreadsheet_shows_it_and_the_column(statements, tmp_path):
    rows = feedback_rows()
    rows[1][FEEDBACK_HEADER.index("relevant")] = "maybe"
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import",
            "feedback",
            str(write_csv(tmp_path / "f.csv", FEEDBACK_HEADER, rows)),
            "--program",
            "test",
            stdout=StringIO(),
            stderr=err,
        )
    assert 'row 3, column "relevant": "maybe" is not an answer on the five-point scale' in (
        err.getvalue()
    )


def test_a_statement_column_the_program_does_not_have_is_refused(statements, tmp_path):
    from ctip.programs.models import Program
    from ctip.surveys.models import Statement

    other = Program.objects.get(code="other")
    Statement.objects.create(program=other, kind="feedback", code="venue", text="The venue")
    header = [*FEEDBACK_HEADER, "venue"]
    rows = [[*row, "5"] for row in feedback_rows()]
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import",
            "feedback",
            str(write_csv(tmp_path / "f.csv", header, rows)),
            "--program",
            "test",
            stdout=StringIO(),
            stderr=err,
        )
    assert '"venue" is not a statement of this program\'s Participant feedback' in err.getvalue()
    assert not Response.objects.exists()


def test_a_repeated_response_id_is_refused(statements, tmp_path):
    rows = feedback_rows()
    rows[2][-1] = "a1"
    with pytest.raises(CommandError):
        run_import("feedback", write_csv(tmp_path / "f.csv", FEEDBACK_HEADER, rows))
    assert not Response.objects.exists()


def test_a_feedback_import_rolls_back(statements, tmp_path):
    from ctip.imports.models import ImportRecord

    run_import("feedback", write_csv(tmp_path / "f.csv", FEEDBACK_HEADER, feedback_rows()))
    call_command("import", "rollback", str(ImportRecord.objects.get().pk), stdout=StringIO())
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_a_country_officer_imports_feedback_only_for_their_countries_events(statements, tmp_path):
    path = write_csv(tmp_path / "f.csv", FEEDBACK_HEADER, feedback_rows())
    with pytest.raises(CommandError):
        call_command(
            "import",
            "feedback",
            str(path),
            "--program",
            "test",
            "--as",
            "thai",
            stdout=StringIO(),
            stderr=StringIO(),
        )
    assert not Response.objects.exists()


PARTNER_HEADER = [
    "answered_on",
    "organisation",
    "country",
    "priorities",
    "capacity",
    "example_of_change",
    "may_quote",
    "attribution",
    "response_id",
]


def partner_rows():
    return [
        [
            "2025-03-01",
            "Department of Social Development",
            "Vietnam",
            "5",
            "agree",
            "New shelters screening.",
            "yes",
            "",
            "p1",
        ],
        ["2025-03-02", "Royal Thai Police", "TH", "fully disagree", 3, "", "no", "", "p2"],
    ]


def test_partner_survey_answers_are_imported_and_counted_in_their_period(statements, tmp_path):
    from ctip.surveys.queries import survey_results

    out, _err = run_import(
        "partner-survey", write_xlsx(tmp_path / "p.xlsx", PARTNER_HEADER, partner_rows())
    )
    assert "2 new" in out
    first = Response.objects.get(source_key="import:p1")
    assert (first.kind, first.respondent_country_id, first.answered_on) == (
        "partner",
        "VN",
        dt.date(2025, 3, 1),
    )
    assert first.free_text == "New shelters screening." and first.agreed_to_be_quoted
    results = survey_results(statements.program, "partner", statements.program.period("FY2024-25"))
    priorities = results[0]
    assert (priorities.respondents, priorities.agree) == (2, 1)
    again, _err = run_import(
        "partner-survey", write_xlsx(tmp_path / "p.xlsx", PARTNER_HEADER, partner_rows())
    )
    assert "0 new, 0 changed, 2 unchanged" in again


def test_a_partner_row_with_an_unknown_country_rejects_the_file(statements, tmp_path):
    rows = partner_rows()
    rows[1][2] = "Atlantis"
    with pytest.raises(CommandError, match="nothing was written"):
        run_import("partner-survey", write_csv(tmp_path / "p.csv", PARTNER_HEADER, rows))
    assert not Response.objects.exists()


def test_a_kobotoolbox_export_of_the_feedback_xlsform_imports_as_it_is(statements, tmp_path):
    """The XLSForm's question names are the import's columns: an export with "XML values
    and headers" (group prefixes, metadata columns, _uuid) imports unchanged."""
    form = tmp_path / "feedback-form.xlsx"
    call_command(
        "import",
        "xlsform",
        "--form",
        "feedback",
        "-o",
        str(form),
        "--program",
        "test",
        stdout=StringIO(),
    )
    survey = load_workbook(form)["survey"]
    names = [row[1] for row in survey.iter_rows(min_row=2, values_only=True) if row[1]]
    statement_names = [
        n
        for n in names
        if n in {"objectives", "relevant", "knowledge", "apply", "inclusive", "facilitation"}
    ]
    assert len(statement_names) == 6
    labels = [cell.value for cell in survey[1]]
    assert "label::Thai (th)" in labels
    header = ["start", "end", "event_id", "answered_on"]
    header += [f"statements/{name}" for name in statement_names]
    header += [
        "free_text",
        "may_quote",
        "attribution",
        "meta/instanceID",
        "_id",
        "_uuid",
        "_submission_time",
        "_index",
    ]
    row = [
        "2024-09-10T10:00:00.000+07:00",
        "2024-09-10T10:05:00.000+07:00",
        "TH-001",
        "2024-09-10",
        "5",
        "4",
        "4",
        "5",
        "3",
        "",
        "Good.",
        "yes",
        "Trainer",
        "uuid:abc",
        1,
        "abc",
        "2024-09-10T03:05:00",
        1,
    ]
    export = write_xlsx(tmp_path / "kobo-export.xlsx", header, [row])
    out, err = run_import("feedback", export)
    assert "1 new" in out and "not one we know" not in out + err
    response = Response.objects.get()
    assert response.source_key == "import:abc"
    assert response.answers.count() == 5


def test_the_import_page_offers_the_survey_sources_and_the_feedback_xlsform(statements, client):
    from django.urls import reverse

    from ctip.conftest import PASSWORD

    client.login(username="mel", password=PASSWORD)
    page = client.get(reverse("import-list")).content.decode()
    assert "feedback.xlsx" in page and "partner-survey.xlsx" in page
    assert reverse("import-feedback-xlsform") in page
    download = client.get(reverse("import-feedback-xlsform"), {"program": "test"})
    assert download.status_code == 200
    choices = load_workbook(BytesIO(download.content))["choices"]
    labels = {row[1]: row[3] for row in choices.iter_rows(values_only=True) if row[0] == "likert"}
    assert labels["5"] == "เห็นด้วยอย่างยิ่ง"
    client.login(username="viewer", password=PASSWORD)
    assert client.get(reverse("import-feedback-xlsform"), {"program": "test"}).status_code == 403
