"""Who sees a case: its case workers and its agency's case manager, nobody else — on the web
and on the command line — and every read is recorded with the fields shown."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ctip.cases.access import cases_for
from ctip.cases.actions import do_break_glass
from ctip.cases.models import BreakGlass, CaseReadLog

from .conftest import CASES_DB

pytestmark = CASES_DB

CASE_URLS = [
    "case-detail",
    "case-edit",
    "case-stage",
    "case-screening",
    "case-consent",
    "referral-send",
]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _ctip(*args, as_user=None) -> str:
    out = io.StringIO()
    prefix = ["--as", as_user.username] if as_user else []
    call_command("cases", *prefix, *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("who", ["mel", "admin", "other_worker", "other_manager", "colleague"])
def test_a_case_is_a_404_identical_to_a_missing_one_for_anyone_not_on_it(cast, agencies, who):
    user = getattr(cast, who, None) or getattr(agencies, who)
    client = _client(user)
    missing = 999999
    for name in CASE_URLS:
        theirs = client.get(reverse(name, args=[agencies.case.pk]))
        nothing = client.get(reverse(name, args=[missing]))
        assert theirs.status_code == nothing.status_code == 404, name
        assert theirs.content == nothing.content
        assert b"Somsri" not in theirs.content


@pytest.mark.parametrize("who", ["mel", "admin", "thai_officer", "viewer"])
def test_program_staff_without_an_agency_get_no_case_page_at_all(cast, agencies, who):
    client = _client(getattr(cast, who))
    for url in (reverse("case-list"), reverse("referral-list"), reverse("case-audit")):
        response = client.get(url)
        assert response.status_code == (200 if who == "admin" and "audit" in url else 404)
        assert b"Somsri" not in response.content and b"DSDW-1" not in response.content


@pytest.mark.parametrize("who", ["mel", "admin", "other_worker", "colleague"])
def test_nobody_off_the_case_gets_it_on_the_command_line(cast, agencies, who):
    user = getattr(cast, who, None) or getattr(agencies, who)
    with pytest.raises(CommandError, match="no case DSDW-1|not a member of any agency"):
        _ctip("show", "DSDW-1", "--agency", "dsdw", as_user=user)
    if who in ("mel", "admin"):
        with pytest.raises(CommandError, match="not a member of any agency"):
            _ctip("list", as_user=user)
    else:
        assert "DSDW-1" not in _ctip("list", as_user=user)


def test_the_command_line_without_as_is_an_administrator_who_sees_no_case(agencies):
    with pytest.raises(CommandError, match="not a member of any agency"):
        _ctip("show", "DSDW-1", "--agency", "dsdw")
    with pytest.raises(CommandError, match="not a member of any agency"):
        _ctip("list")


def test_a_case_worker_sees_only_the_cases_assigned_to_them(agencies):
    assert list(cases_for(agencies.worker)) == [agencies.case]
    page = _client(agencies.worker).get(reverse("case-list")).content.decode()
    assert "DSDW-1" in page and "Somsri Jaidee" in page
    assert "DSDW-2" not in page and "Mya" not in page
    assert (
        _client(agencies.worker)
        .get(reverse("case-detail", args=[agencies.unassigned.pk]))
        .status_code
        == 404
    )
    assert "DSDW-1" in _ctip("list", as_user=agencies.worker)
    assert "DSDW-2" not in _ctip("list", as_user=agencies.worker)


def test_the_case_manager_sees_every_case_of_the_agency_and_no_other(agencies):
    assert set(cases_for(agencies.manager)) == {agencies.case, agencies.unassigned}
    assert set(cases_for(agencies.other_manager)) == set()
    page = _client(agencies.manager).get(reverse("case-detail", args=[agencies.case.pk]))
    assert page.status_code == 200 and "Somsri Jaidee" in page.content.decode()
    assert "Somsri Jaidee" in _ctip("show", "DSDW-1", "--agency", "dsdw", as_user=agencies.manager)


def test_every_read_is_recorded_with_the_fields_shown(agencies):
    _client(agencies.worker).get(reverse("case-detail", args=[agencies.case.pk]))
    read = CaseReadLog.objects.get(username="worker", case=agencies.case)
    assert read.via == "web" and read.case_reference == "DSDW-1"
    assert {"first_name", "second_name", "birth_date", "notes", "mobile_phone"} <= set(read.fields)
    _ctip("show", "DSDW-1", "--agency", "dsdw", as_user=agencies.worker)
    cli_read = CaseReadLog.objects.get(username="worker", via="cli")
    assert "first_name" in cli_read.fields and "notes" not in cli_read.fields
    _client(agencies.worker).get(reverse("case-list"))
    listed = CaseReadLog.objects.filter(username="worker").order_by("-id").first()
    assert listed.fields == ["reference", "first_name", "second_name", "current_stage", "status"]


def test_a_refused_request_records_no_read(cast, agencies):
    _client(cast.mel).get(reverse("case-detail", args=[agencies.case.pk]))
    assert not CaseReadLog.objects.exists()


def test_the_case_manager_reads_the_audit_of_reads_on_the_web(agencies):
    _client(agencies.worker).get(reverse("case-detail", args=[agencies.case.pk]))
    page = _client(agencies.manager).get(reverse("case-audit")).content.decode()
    assert "worker" in page and "DSDW-1" in page and "birth_date" in page
    assert _client(agencies.worker).get(reverse("case-audit")).status_code == 404
    other = _client(agencies.other_manager).get(reverse("case-audit")).content.decode()
    assert "DSDW-1" not in other
    assert "worker" in _ctip("reads", "--agency", "dsdw", as_user=agencies.manager)


def test_an_administrator_breaks_glass_with_a_reason_and_sees_the_case_until_it_expires(
    cast, agencies
):
    client = _client(cast.admin)
    response = client.post(
        reverse("break-glass"),
        {
            "agency": agencies.dsdw.pk,
            "reference": "DSDW-1",
            "reason": "The person called the hotline in danger; the case worker is unreachable.",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("case-detail", args=[agencies.case.pk])).content.decode()
    assert "Somsri Jaidee" in page and "Emergency access until" in page
    read = CaseReadLog.objects.get(username="admin")
    assert read.break_glass is not None
    grant = BreakGlass.objects.get()
    lasts = grant.expires_at - grant.created_at
    assert dt.timedelta(hours=4) - dt.timedelta(seconds=1) < lasts <= dt.timedelta(hours=4)
    BreakGlass.objects.filter(pk=grant.pk).update(expires_at=timezone.now())
    assert client.get(reverse("case-detail", args=[agencies.case.pk])).status_code == 404
    assert list(cases_for(cast.admin)) == []


def test_break_glass_is_listed_for_the_agencys_case_manager_to_review(cast, agencies):
    grant = do_break_glass(
        agencies.case, actor=cast.admin, reason="Medical emergency at the shelter tonight."
    )
    page = _client(agencies.manager).get(reverse("case-audit")).content.decode()
    assert "Medical emergency at the shelter tonight." in page
    _client(agencies.manager).post(reverse("break-glass-review", args=[grant.pk]), {"note": "ok"})
    grant.refresh_from_db()
    assert grant.reviewed_by == "manager" and grant.reviewed_at is not None
    assert "reviewed by manager" in _ctip("break-glass", "list", as_user=cast.admin)


def test_break_glass_needs_a_case_manager_or_an_administrator_and_a_reason(cast, agencies):
    assert _client(agencies.worker).get(reverse("break-glass")).status_code == 404
    assert _client(cast.mel).get(reverse("break-glass")).status_code == 404
    with pytest.raises(CommandError, match="only a case manager or an administrator"):
        _ctip("break-glass", "request", "dsdw", "DSDW-1", "--reason", "x" * 20, as_user=cast.mel)
    with pytest.raises(CommandError, match="say why"):
        _ctip("break-glass", "request", "dsdw", "DSDW-1", "--reason", "urgent", as_user=cast.admin)
    out = _ctip(
        "break-glass",
        "request",
        "dsdw",
        "DSDW-1",
        "--reason",
        "Police request at the border checkpoint, after hours.",
        as_user=agencies.other_manager,
    )
    assert "emergency access to dsdw/DSDW-1" in out
    assert "Somsri" in _ctip("show", "DSDW-1", "--agency", "dsdw", as_user=agencies.other_manager)
