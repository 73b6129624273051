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
