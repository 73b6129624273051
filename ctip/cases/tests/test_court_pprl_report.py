"""Court cases from a court system's export; the PPRL commands end to end; victims' tables for
MEL officers — aggregates only, never below the threshold, releases recorded."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.cases import pprl
from ctip.cases.actions import do_create_case, do_record_consent
from ctip.cases.models import Case, ConsentPurpose, CourtCase, StatisticsRelease

from .conftest import CASES_DB

pytestmark = CASES_DB

COURT_EXPORT = """court,case_number,judgment_date,defendants,victim_reference,victim_first_name,victim_family_name,victim_birth_date,victim_citizenship,vulnerable_group,gender,disability,form_of_exploitation,support_received,type_of_trafficking
People's Court of Lao Cai,12/2026/HS-ST,2026-04-02,Defendant A; Defendant B,V-001,Thị Hoa,Nguyễn,2005-01-09,VN,child;woman,Feminine,no,SexualExploitation,shelter;legal,transnational
People's Court of Lao Cai,12/2026/HS-ST,2026-04-02,Defendant A; Defendant B,V-002,Văn Nam,Trần,1999-11-30,VN,migrant,Masculine,yes,ForcedLabour,return,transnational
"""  # noqa: E501


def _ctip(*args, as_user) -> str:
    out = io.StringIO()
    call_command("cases", "--as", as_user.username, *args, stdout=out)
    return out.getvalue()


def test_a_court_export_imports_court_cases_with_the_six_victim_indicators(agencies, tmp_path):
    path = tmp_path / "court.csv"
    path.write_text(COURT_EXPORT, encoding="utf-8")
    out = _ctip("court", "import", str(path), "--agency", "shelter", as_user=agencies.other_manager)
    assert "1 court cases" in out and "2 cases added" in out
    court_case = CourtCase.objects.get(agency=agencies.shelter, case_number="12/2026/HS-ST")
    assert court_case.defendant_names == ["Defendant A", "Defendant B"]
    hoa = court_case.victims.get(reference="V-001")
    assert hoa.vulnerable_groups == ["child", "woman"]
    assert (hoa.gender, hoa.reported_disability, hoa.type_of_trafficking) == (
        "Feminine",
        False,
        "transnational",
    )
    assert hoa.type_of_exploitation == ["SexualExploitation"]
    assert hoa.support_received == ["shelter", "legal"]
    again = _ctip(
        "court", "import", str(path), "--agency", "shelter", as_user=agencies.other_manager
    )
    assert "0 cases added, 0 changed, 2 unchanged" in again
    assert CourtCase.objects.count() == 1 and court_case.victims.count() == 2


def test_a_court_export_with_a_bad_value_imports_nothing(agencies, tmp_path):
    path = tmp_path / "court.csv"
    path.write_text(COURT_EXPORT.replace("child;woman", "child;wizard"), encoding="utf-8")
    with pytest.raises(CommandError, match=r"row 2, column vulnerable_group: .*wizard"):
        _ctip("court", "import", str(path), "--agency", "shelter", as_user=agencies.other_manager)
    assert not CourtCase.objects.exists()
    assert not Case.objects.filter(agency=agencies.shelter).exists()


def test_only_the_courts_case_manager_imports_its_court_cases(cast, agencies, tmp_path):
    path = tmp_path / "court.csv"
    path.write_text(COURT_EXPORT, encoding="utf-8")
    for user in (cast.admin, cast.mel, agencies.manager, agencies.other_worker):
        with pytest.raises(CommandError, match="case manager"):
            _ctip("court", "import", str(path), "--agency", "shelter", as_user=user)


def test_pprl_encode_and_count_from_the_command_line(agencies, tmp_path, monkeypatch):
    monkeypatch.setenv(pprl.SECRET_ENV, "the agencies' shared secret, for a test")
    do_create_case(
        agencies.shelter,
        actor=agencies.other_manager,
        reference="S-1",
        first_name="Somsri",
        second_name="Jaidee",
        birth_date="2001-02-03",
        gender="Feminine",
        citizenship="TH",
    )
    thai, shelter = tmp_path / "dsdw.json", tmp_path / "shelter.json"
    _ctip("pprl", "encode", "--agency", "dsdw", "-o", str(thai), as_user=agencies.manager)
    _ctip("pprl", "encode", "--agency", "shelter", "-o", str(shelter),
          as_user=agencies.other_manager)  # fmt: skip
    text = thai.read_text()
    assert "Somsri" not in text and "Jaidee" not in text and "2001" not in text
    assert json.loads(text)["count"] == 2
    out = _ctip("pprl", "count", str(thai), str(shelter), as_user=agencies.manager)
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["agencies", "records", "unique_victims"]
    assert ["dsdw+shelter", "2", "1"] in rows
    assert rows[-1] == ["total", "3", "2"]


@pytest.mark.parametrize("who", ["admin", "mel", "worker"])
def test_pprl_encoding_is_for_the_agencys_case_manager_only(cast, agencies, tmp_path, who):
    user = getattr(cast, who, None) or getattr(agencies, who)
    with pytest.raises(CommandError, match="case manager"):
        _ctip("pprl", "encode", "--agency", "dsdw", "-o", str(tmp_path / "x"), as_user=user)
    assert not (tmp_path / "x").exists()


def _many_victims(agencies, count: int, *, gender: str = "Feminine", prefix: str = "T"):
    for number in range(count):
        case = do_create_case(
            agencies.dsdw,
            actor=agencies.manager,
            reference=f"{prefix}-{number}",
            gender=gender,
            citizenship="MM",
            type_of_exploitation=["ForcedLabour"],
        )
        do_record_consent(
            case, actor=agencies.manager, purpose=ConsentPurpose.STATISTICS, given=True
        )


def test_a_mel_officer_sees_the_victims_table_with_small_cells_hidden_and_no_case(cast, agencies):
    _many_victims(agencies, 30)
    _many_victims(agencies, 12, gender="Masculine", prefix="M")
    out = _ctip("report", "--table", "victims-by-sex", as_user=cast.mel)
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["", "All victims"]
    shown = {row[0]: row[1] for row in rows[1:]}
    assert shown["female"] == "30" and shown["male"] == "12"
    for value in shown.values():
        assert value == "x" or int(value) == 0 or int(value) >= 11
    assert "Somsri" not in out and "DSDW-1" not in out and "T-0" not in out


def test_a_victims_table_counts_only_those_who_may_be_counted(cast, agencies):
    _many_victims(agencies, 20)
    # the fixture's two cases have no consent to statistics (and Thailand is not in
    # CTIP_CASES_COUNT_WITHOUT_CONSENT here): they are not counted
    out = _ctip("report", "--table", "victims-by-citizenship", as_user=cast.mel)
    assert dict(row for row in csv.reader(io.StringIO(out)))["Total"] == "20"


def test_a_release_is_recorded_and_no_table_goes_below_eleven(cast, agencies):
    _many_victims(agencies, 25)
    _ctip("report", "--table", "victims-by-stage", "--public", as_user=cast.mel)
    release = StatisticsRelease.objects.get(public=True)
    assert (release.table, release.threshold, release.released_by) == (
        "victims-by-stage",
        11,
        cast.mel.username,
    )
    for public in (["--public"], []):
        with pytest.raises(CommandError, match="at least"):
            _ctip("report", "--table", "victims-by-stage", *public, "--threshold", "3",
                  as_user=cast.mel)  # fmt: skip


@pytest.mark.parametrize("who", ["viewer", "thai_officer"])
def test_victims_tables_are_not_for_viewers_or_country_officers(cast, agencies, who):
    with pytest.raises(CommandError, match="MEL officers"):
        _ctip("report", "--table", "victims-by-sex", as_user=getattr(cast, who))


def test_a_case_manager_sees_only_their_own_agencys_table_and_cannot_publish(cast, agencies):
    _many_victims(agencies, 15)
    out = _ctip("report", "--table", "victims-by-sex", as_user=agencies.other_manager)
    assert dict(row for row in csv.reader(io.StringIO(out)))["Total"] == "0"
    with pytest.raises(CommandError, match="public tables"):
        _ctip("report", "--table", "victims-by-sex", "--public", as_user=agencies.manager)
