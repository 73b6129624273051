"""HTCDS 2.0 in and out of an agency: a template filled by hand in the standard's own
spreadsheet imports and exports back to the same cells; imports are all-or-nothing and
idempotent; only the agency's case manager may do either."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from ctip.cases import htcds
from ctip.cases.models import Case, CaseReadLog, ConsentPurpose

from .conftest import CASES_DB

pytestmark = CASES_DB

COLUMNS = {column.field: column.index for column in htcds.template_columns()}
FILLED = [
    {
        "cas_CaseOwner": "Khun Manager",
        "prs_FirstName": "Malee",
        "prs_SecondName": "Srisuk",
        "con_Consent": True,
        "prs_Birthdate": dt.datetime(2004, 5, 6),  # noqa: DTZ001 (a spreadsheet's date has no zone)
        "prs_Gender": "Feminine",
        "prs_Citizenship": "TH",
        "prs_MobilePhone": "+66 00 1234 5678",
        "prs_MailingCity": "Mae Sot",
        "vic_TraffickingStatus": "ActualVictimOfTrafficking",
        "vic_TraffickinStatusDecisionMakingOrg": "Police",
        "vic_MethodOfRecruitment": "ThroughFriendsOrSocialEvents",
        "vic_MethodsOfControl": "DebtBondage;WithholdsDocuments",
        "vic_TypeOfExploitation": "ForcedLabour",
        "vic_ForcedLabourIndustry": "A_AgricultureForestryAndFishing",
        "cas_Status": "Active",
        "cas_IncomingReferralDate": dt.datetime(2026, 3, 1),  # noqa: DTZ001
        "cas_ReasonForOutgoingReferral": "Needs a shelter",
    },
    {
        "prs_FirstName": "Aung Kyaw",
        "con_Consent": False,
        "prs_Gender": "Masculine",
        "prs_Citizenship": "MM",
        "vic_TypeOfExploitation": "ForcedLabour;SexualExploitation",
        "cas_Status": "FollowUp",
    },
]


def _template_with(rows: list[dict], *, start: int = htcds.FIRST_DATA_ROW) -> bytes:
    """The standard's own spreadsheet with ROWS typed in from row 3, as a person would."""
    book = load_workbook(htcds.TEMPLATE)
    sheet = book.worksheets[0]
    for offset, values in enumerate(rows):
        for name, value in values.items():
            sheet.cell(row=start + offset, column=COLUMNS[name], value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cells(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def _ctip(*args, as_user) -> str:
    out = io.StringIO()
    call_command("cases", "--as", as_user.username, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def filled(tmp_path):
    path = tmp_path / "HTCDS filled.xlsx"
    path.write_bytes(_template_with(FILLED))
    return path


def test_the_standards_files_are_shipped_unchanged():
    shared = "/work/shared/standards/htcds-2.0/"
    try:
        with open(shared + "htcds_xlsform.xlsx", "rb") as original:
            assert original.read() == htcds.XLSFORM.read_bytes()
        with open(shared + htcds.TEMPLATE.name, "rb") as original:
            assert original.read() == htcds.TEMPLATE.read_bytes()
    except FileNotFoundError:
        pytest.skip("no copy of the shared standards beside this checkout")


def test_a_template_filled_by_hand_imports_and_exports_back_to_the_same_cells(
    agencies, filled, tmp_path
):
    out = _ctip("import", str(filled), "--agency", "dsdw", as_user=agencies.manager)
    assert "2 cases added" in out
    malee = Case.objects.get(agency=agencies.dsdw, reference="1")
    assert (malee.first_name, malee.birth_date, malee.citizenship) == (
        "Malee",
        dt.date(2004, 5, 6),
        "TH",
    )
    assert malee.methods_of_control == ["DebtBondage", "WithholdsDocuments"]
    assert malee.reason_for_outgoing_referral == "Needs a shelter"
    exported = tmp_path / "export.xlsx"
    _ctip("export", "--agency", "dsdw", "--format", "htcds", "-o", str(exported),
          as_user=agencies.manager)  # fmt: skip
    before, after = _cells(filled.read_bytes()), _cells(exported.read_bytes())
    # the fixture's two existing cases (DSDW-1, DSDW-2) follow the numbered ones
    assert after[:2] == before[:2], "the header rows"
    for number in range(2, 4):
        expected = list(before[number])
        if expected[COLUMNS["prs_MobilePhone"] - 1]:  # the one safe writer quotes a leading +
            expected[COLUMNS["prs_MobilePhone"] - 1] = (
                "'" + expected[COLUMNS["prs_MobilePhone"] - 1]
            )
        assert list(after[number]) == expected, f"row {number + 1}"


def test_a_second_import_of_the_same_file_changes_nothing(agencies, filled):
    _ctip("import", str(filled), "--agency", "dsdw", as_user=agencies.manager)
    count = Case.objects.count()
    consents = agencies.dsdw.cases.get(reference="2").consents.count()
    out = _ctip("import", str(filled), "--agency", "dsdw", as_user=agencies.manager)
    assert "0 cases added, 0 changed, 2 unchanged" in out
    assert Case.objects.count() == count
    assert agencies.dsdw.cases.get(reference="2").consents.count() == consents


def test_an_exported_file_imports_again_without_changing_anything(agencies, filled, tmp_path):
    _ctip("import", str(filled), "--agency", "dsdw", as_user=agencies.manager)
    exported = tmp_path / "export.xlsx"
    _ctip("export", "--agency", "dsdw", "-o", str(exported), as_user=agencies.manager)
    out = _ctip("import", str(exported), "--agency", "dsdw", as_user=agencies.manager)
    assert "0 cases added, 0 changed" in out


def test_a_changed_cell_changes_only_that_case(agencies, filled, tmp_path):
    _ctip("import", str(filled), "--agency", "dsdw", as_user=agencies.manager)
    changed = [dict(FILLED[0], cas_Status="Closed"), FILLED[1]]
    path = tmp_path / "changed.xlsx"
    path.write_bytes(_template_with(changed))
    out = _ctip("import", str(path), "--agency", "dsdw", as_user=agencies.manager)
    assert "0 cases added, 1 changed, 1 unchanged" in out
    assert agencies.dsdw.cases.get(reference="1").status == "Closed"


def test_a_file_with_a_bad_cell_imports_nothing_and_names_the_row_and_column(agencies, tmp_path):
    rows = [FILLED[0], dict(FILLED[1], prs_Gender="Femal", prs_Birthdate="31/02/2001")]
    path = tmp_path / "bad.xlsx"
    path.write_bytes(_template_with(rows))
    before = Case.objects.count()
    with pytest.raises(CommandError) as refused:
        _ctip("import", str(path), "--agency", "dsdw", as_user=agencies.manager)
    message = str(refused.value)
    assert "nothing was imported" in message
    assert "row 4, column H (prs_Gender)" in message and "Femal" in message
    assert "row 4, column G (prs_Birthdate)" in message
    assert Case.objects.count() == before


def test_picklists_take_the_standards_labels_as_well_as_its_value_names(agencies, tmp_path):
    labelled = {
        "prs_FirstName": "Sokha",
        "prs_Gender": "Feminine\u00a0",  # the XLSForm's label, no-break space and all
        "prs_Citizenship": "Cambodia",
        "vic_MethodsOfControl": "Debt bondage ; Takes earnings",
        "vic_TypeOfExploitation": "forced marriage",
        "cas_Status": "Follow Up",
    }
    path = tmp_path / "labels.xlsx"
    path.write_bytes(_template_with([labelled]))
    _ctip("import", str(path), "--agency", "dsdw", as_user=agencies.manager)
    sokha = agencies.dsdw.cases.get(reference="1")
    assert (sokha.gender, sokha.citizenship, sokha.status) == ("Feminine", "KH", "FollowUp")
    assert sokha.methods_of_control == ["DebtBondage", "TakesEarnings"]
    assert sokha.type_of_exploitation == ["ForcedMarriage"]


def test_an_export_of_the_htcds_xlsform_from_kobotoolbox_imports(agencies, tmp_path):
    header = (
        "start,end,con_Consent,prs_First_Name,prs_Second_Name,prs_Birthdate,prs_Gender,"
        "prs_Citizenship,vic_Methods_of_Control,vic_TypeOfExploitation,"
        "vic_TraffickingStatusDecisionMakingOrg,cas_Status,_id,_uuid,_submission_time,"
        "_validation_status,_index"
    )
    row = (
        "2026-03-01T10:00:00,2026-03-01T10:20:00,TRUE,Nguyen,Thi Lan,2003-07-08,Feminine,VN,"
        "DebtBondage WithholdsDocuments,SexualExploitation,CourtOrProsecution,Active,17,"
        "6f1c1a7e-0d3b-4bfa-9a55-8d1f0c8a9b11,2026-03-01T10:21:00,,1"
    )
    path = tmp_path / "htcds_kobo.csv"
    path.write_text(header + "\n" + row + "\n", encoding="utf-8")
    out = _ctip("import", str(path), "--agency", "dsdw", as_user=agencies.manager)
    assert "1 cases added" in out
    lan = agencies.dsdw.cases.get(reference="6f1c1a7e-0d3b-4bfa-9a55-8d1f0c8a9b11")
    assert lan.methods_of_control == ["DebtBondage", "WithholdsDocuments"]
    assert lan.trafficking_status_decision_making_org == "CourtOrProsecution"
    assert lan.consents.get(purpose=ConsentPurpose.ASSISTANCE).given is True
    again = _ctip("import", str(path), "--agency", "dsdw", as_user=agencies.manager)
    assert "0 cases added, 0 changed, 1 unchanged" in again


@pytest.mark.parametrize("who", ["worker", "other_manager", "other_worker"])
def test_only_the_agencys_case_manager_may_import_or_export_its_cases(
    agencies, filled, tmp_path, who
):
    user = getattr(agencies, who)
    with pytest.raises(CommandError, match="case manager"):
        _ctip("import", str(filled), "--agency", "dsdw", as_user=user)
    with pytest.raises(CommandError, match="case manager"):
        _ctip("export", "--agency", "dsdw", "-o", str(tmp_path / "x.xlsx"), as_user=user)
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize("who", ["admin", "mel"])
def test_administrators_and_mel_officers_cannot_import_or_export_cases(
    cast, agencies, filled, tmp_path, who
):
    user = getattr(cast, who)
    with pytest.raises(CommandError, match="case manager"):
        _ctip("import", str(filled), "--agency", "dsdw", as_user=user)
    with pytest.raises(CommandError, match="case manager"):
        _ctip("export", "--agency", "dsdw", "-o", str(tmp_path / "x.xlsx"), as_user=user)


def test_an_export_is_in_the_read_log_with_the_fields_written(agencies, tmp_path):
    _ctip("export", "--agency", "dsdw", "-o", str(tmp_path / "x.xlsx"), as_user=agencies.manager)
    reads = CaseReadLog.objects.filter(via="export", username="manager")
    assert {read.case_reference for read in reads} == {"DSDW-1", "DSDW-2"}
    assert "first_name" in reads.first().fields


def test_the_template_copy_keeps_working_when_the_shared_copy_is_gone(tmp_path):
    # the export reads the template shipped in the package, nothing outside it
    copy = tmp_path / "template.xlsx"
    shutil.copy(htcds.TEMPLATE, copy)
    assert _cells(htcds.template_bytes([]))[:2] == _cells(copy.read_bytes())[:2]
