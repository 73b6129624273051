"""Forgetting a case removes what identifies the person and keeps what is counted;
retention does it for every case unchanged for longer than the retention period."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from ctip.cases.models import Case, CaseStatus

from .conftest import CASES_DB

pytestmark = CASES_DB


def _ctip(*args) -> str:
    out = io.StringIO()
    call_command("cases", *args, stdout=out)
    return out.getvalue()


def test_the_case_manager_makes_the_agency_forget_a_case(agencies):
    out = _ctip("--as", "manager", "forget", "DSDW-1", "--agency", "dsdw", "--reason", "asked")
    assert "forgotten" in out
    case = Case.objects.get(pk=agencies.case.pk)
    assert case.full_name == "" and case.birth_date is None and case.mobile_phone == ""
    assert case.notes == "" and case.name_hash == "" and case.name_birth_hash == ""
    assert case.forgotten_at is not None
    assert (case.gender, case.citizenship, case.birth_year) == ("Feminine", "TH", 2001)
    assert case.changes.filter(action__startswith="forgotten").exists()


def test_a_case_worker_or_an_administrator_cannot_make_it_forget(agencies):
    with pytest.raises(CommandError, match="only the agency's case manager"):
        _ctip("--as", "worker", "forget", "DSDW-1", "--agency", "dsdw")
    with pytest.raises(CommandError, match="not a member of any agency"):
        _ctip("forget", "DSDW-1", "--agency", "dsdw")
    assert Case.objects.get(pk=agencies.case.pk).first_name == "Somsri"


def test_retention_forgets_closed_cases_unchanged_for_longer_than_the_period(agencies):
    long_ago = timezone.now() - dt.timedelta(days=365 * 6)
    Case.objects.filter(pk=agencies.case.pk).update(
        status=CaseStatus.CLOSED, closed_on=dt.date(2020, 1, 1), updated_at=long_ago
    )
    Case.objects.filter(pk=agencies.unassigned.pk).update(updated_at=long_ago)  # still active
    assert "1 cases unchanged for more than 5 years" in _ctip("retention", "--older-than", "5")
    assert Case.objects.get(pk=agencies.case.pk).first_name == "Somsri"  # only counted
    assert "1 cases forgotten" in _ctip("retention", "--older-than", "5", "--apply")
    assert Case.objects.get(pk=agencies.case.pk).first_name == ""
    assert Case.objects.get(pk=agencies.unassigned.pk).first_name == "Mya"


def test_retention_is_for_administrators(agencies):
    with pytest.raises(CommandError, match="only an administrator"):
        _ctip("--as", "manager", "retention", "--older-than", "5")


# -- court cases: defendants and victims named in them -------------------------------------


@pytest.fixture
def court_case(agencies, tmp_path):
    from .test_court_pprl_report import COURT_EXPORT

    path = tmp_path / "court.csv"
    path.write_text(COURT_EXPORT, encoding="utf-8")
    _ctip("--as", "other_manager", "court", "import", str(path), "--agency", "shelter")
    return path


def _court():
    from ctip.cases.models import CourtCase

    return CourtCase.objects.get(case_number="12/2026/HS-ST")


def test_forgetting_a_court_case_removes_its_defendants_and_forgets_its_victims(court_case):
    assert _court().defendant_names == ["Defendant A", "Defendant B"]
    with pytest.raises(CommandError, match="case manager"):
        _ctip("--as", "manager", "court", "forget", "12/2026/HS-ST", "--agency", "shelter")
    out = _ctip("--as", "other_manager", "court", "forget", "12/2026/HS-ST", "--agency", "shelter")
    assert "2 victims' cases forgotten" in out
    forgotten = _court()
    assert forgotten.defendants == "" and forgotten.forgotten_at is not None
    victims = list(forgotten.victims.order_by("reference"))
    assert [v.full_name for v in victims] == ["", ""]
    assert all(v.birth_date is None and v.forgotten_at for v in victims)
    assert [v.gender for v in victims] == ["Feminine", "Masculine"]  # counted, anonymous
    assert forgotten.agency.court_cases.get().victims.count() == 2


def test_importing_the_court_export_again_brings_no_forgotten_name_back(court_case):
    _ctip("--as", "other_manager", "court", "forget", "12/2026/HS-ST", "--agency", "shelter")
    _ctip("--as", "other_manager", "court", "import", str(court_case), "--agency", "shelter")
    assert _court().defendants == ""
    assert [v.full_name for v in _court().victims.all()] == ["", ""]


def test_forgetting_one_victim_of_a_court_case_survives_a_new_import(court_case):
    _ctip("--as", "other_manager", "forget", "V-001", "--agency", "shelter")
    _ctip("--as", "other_manager", "court", "import", str(court_case), "--agency", "shelter")
    assert Case.objects.get(reference="V-001").full_name == ""
    assert Case.objects.get(reference="V-002").full_name == "Văn Nam Trần"


def test_retention_forgets_court_cases_unchanged_for_longer_than_the_period(court_case):
    from ctip.cases.models import CourtCase

    long_ago = timezone.now() - dt.timedelta(days=365 * 6)
    CourtCase.objects.update(updated_at=long_ago)
    assert "1 court cases" in _ctip("retention", "--older-than", "5")
    assert _court().defendant_names == ["Defendant A", "Defendant B"]  # only counted
    out = _ctip("retention", "--older-than", "5", "--apply")
    assert "1 court cases forgotten" in out
    assert _court().defendants == ""
    assert [v.full_name for v in _court().victims.all()] == ["", ""]
