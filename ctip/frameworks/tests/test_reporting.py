"""A round of reporting: focal points fill and submit their own unit's report only; reviewers
return with comments or approve; the rules are checked on submit; rates count exactly."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.frameworks import access
from ctip.frameworks.actions import (
    FrameworkRefused,
    ReportInvalid,
    do_approve_report,
    do_open_round,
    do_return_report,
    do_save_values,
    do_submit_report,
)
from ctip.frameworks.models import UnitReport

COMPLETE = [
    ("1.1", "", "50", ""),
    ("1.1", "female", "30", ""),
    ("1.1", "male", "20", ""),
    ("2.3", "", "yes", ""),
    ("3.1", "", "40", ""),
]


def _report(round_, unit: str) -> UnitReport:
    return UnitReport.objects.get(round=round_, unit__code=unit)


def _ctip(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_round_expects_a_report_from_every_unit_that_reports_itself(partners):
    round_ = do_open_round(partners.framework, "2024")
    assert round_.due_on == dt.date(2025, 3, 31)
    # ASEAN only rolls its member states up
    assert sorted(round_.reports.values_list("unit__code", flat=True)) == [
        "ACWC",
        "PH",
        "TH",
        "VN",
    ]


def test_a_focal_point_sees_and_submits_only_their_unit(partners):
    round_ = do_open_round(partners.framework, "2024")
    ph, th = _report(round_, "PH"), _report(round_, "TH")
    assert list(access.reports_for(partners.philippines, partners.framework)) == [ph]
    assert access.access_report(partners.philippines, ph.pk) == ph
    with pytest.raises(access.NotFound):
        access.access_report(partners.philippines, th.pk)
    with pytest.raises(PermissionDenied):
        do_save_values(th, partners.philippines, COMPLETE)
    with pytest.raises(PermissionDenied):
        do_submit_report(th, partners.philippines)
    do_save_values(ph, partners.philippines, COMPLETE)
    do_submit_report(ph, partners.philippines, on=dt.date(2025, 3, 1))
    ph.refresh_from_db()
    assert ph.status == "submitted" and ph.on_time
    # a focal point does not review, not even their own report
    with pytest.raises(PermissionDenied):
        do_approve_report(ph, partners.philippines)


def test_a_focal_point_reaches_no_other_part_of_the_program(partners, client):
    client.force_login(partners.philippines)
    assert client.get("/events/").status_code in (302, 403, 404)
    assert client.get(f"/events/{0}/").status_code == 404


def test_a_returned_report_keeps_the_comments_and_the_first_submission(partners, cast):
    round_ = do_open_round(partners.framework, "2024")
    ph = _report(round_, "PH")
    do_save_values(ph, partners.philippines, COMPLETE)
    do_submit_report(ph, partners.philippines, on=dt.date(2025, 3, 20))
    do_return_report(
        ph,
        cast.mel,
        {None: "Please add the source of the numbers.", "1.1": "Is 50 the whole year?"},
    )
    ph.refresh_from_db()
    assert ph.status == "returned"
    do_save_values(ph, partners.philippines, [("1.1", "", "56", ""), ("1.1", "female", "36", "")])
    do_submit_report(ph, partners.philippines, on=dt.date(2025, 4, 10))
    ph.refresh_from_db()
    first, second = ph.submissions.all()
    assert ["1.1", "", "50", ""] in first.values and ["1.1", "", "56", ""] in second.values
    assert first.submitted_on == dt.date(2025, 3, 20)
    assert [
        (c.indicator.code if c.indicator else None, c.text, c.submission.number)
        for c in ph.comments.select_related("indicator", "submission")
    ] == [
        (None, "Please add the source of the numbers.", 1),
        ("1.1", "Is 50 the whole year?", 1),
    ]
    # on time counts the first submission, before the due date, not the corrected one
    assert ph.first_submitted_on == dt.date(2025, 3, 20) and ph.on_time
    do_approve_report(ph, cast.mel)
    with pytest.raises(FrameworkRefused, match="approved"):
        do_save_values(_report(round_, "PH"), partners.philippines, COMPLETE)


def test_submitting_checks_the_frameworks_rules_and_names_every_problem(partners):
    round_ = do_open_round(partners.framework, "2024")
    ph = _report(round_, "PH")
    do_save_values(
        ph,
        partners.philippines,
        [
            ("1.1", "", "50", ""),
            ("1.1", "female", "30", ""),
            ("1.1", "male", "25", ""),
            ("2.3", "", "maybe", ""),
            ("3.1", "", "140", ""),
        ],
    )
    with pytest.raises(ReportInvalid) as invalid:
        do_submit_report(ph, partners.philippines)
    assert [str(problem) for problem in invalid.value.problems] == [
        '"1.1" female 30 + male 25 is not the total 50',
        '"2.3": maybe answer yes or no',
        '"3.1": 140 is a percentage: 0 to 100',
    ]
    ph.refresh_from_db()
    assert ph.status == "draft" and not ph.submissions.exists()


def test_an_indicator_without_a_value_needs_a_comment_saying_why(partners):
    round_ = do_open_round(partners.framework, "2024")
    ph = _report(round_, "PH")
    do_save_values(ph, partners.philippines, COMPLETE[:4])
    with pytest.raises(ReportInvalid, match='"3.1": no value'):
        do_submit_report(ph, partners.philippines)
    do_save_values(ph, partners.philippines, [("3.1", "", "", "Court data not yet published")])
    do_submit_report(ph, partners.philippines)


def test_a_value_far_from_the_units_earlier_rounds_asks_for_a_comment(partners):
    first = do_open_round(partners.framework, "2024")
    do_save_values(_report(first, "PH"), partners.philippines, COMPLETE)
    do_submit_report(_report(first, "PH"), partners.philippines)
    second = do_open_round(partners.framework, "2025")
    ph = _report(second, "PH")
    do_save_values(
        ph,
        partners.philippines,
        [
            ("1.1", "", "480", ""),
            ("1.1", "female", "300", ""),
            ("1.1", "male", "180", ""),
            ("2.3", "", "yes", ""),
            ("3.1", "", "42", ""),
        ],
    )
    with pytest.raises(ReportInvalid, match=r"480 is far from this unit's earlier rounds \(50\)"):
        do_submit_report(ph, partners.philippines)
    do_save_values(ph, partners.philippines, [("1.1", "", "480", "A new hotline opened in May")])
    do_submit_report(ph, partners.philippines)


def test_a_rounds_rates_count_late_and_missing_units_exactly(partners, cast):
    round_ = do_open_round(partners.framework, "2024")
    for unit, focal, day in (
        ("PH", partners.philippines, dt.date(2025, 3, 31)),  # on the due date: on time
        ("TH", partners.thailand, dt.date(2025, 4, 1)),  # a day late
    ):
        do_save_values(_report(round_, unit), focal, COMPLETE)
        do_submit_report(_report(round_, unit), focal, on=day)
    do_approve_report(_report(round_, "TH"), cast.mel)
    # VN and ACWC send nothing
    assert _ctip(
        "report",
        "reporting-rates",
        "--framework",
        "bohol-2",
        "--period",
        "2024",
        "--format",
        "csv",
    ) == (
        "unit,expected,submitted,on_time,approved\n"
        "PH,1,1,1,0\n"
        "TH,1,1,0,1\n"
        "VN,1,0,0,0\n"
        "ACWC,1,0,0,0\n"
        "Total,4,2,1,1\n"
    )


def test_values_roll_up_to_the_parent_unit(partners):
    round_ = do_open_round(partners.framework, "2024")
    do_save_values(_report(round_, "PH"), partners.philippines, COMPLETE)
    do_submit_report(_report(round_, "PH"), partners.philippines)
    do_save_values(
        _report(round_, "TH"),
        partners.thailand,
        [
            ("1.1", "", "12", ""),
            ("1.1", "female", "9", ""),
            ("1.1", "male", "3", ""),
            ("2.3", "", "no", ""),
            ("3.1", "", "61", ""),
        ],
    )
    do_submit_report(_report(round_, "TH"), partners.thailand)
    csv = _ctip(
        "report",
        "framework-values",
        "--framework",
        "bohol-2",
        "--period",
        "2024",
        "--format",
        "csv",
    )
    assert csv.splitlines() == [
        "indicator,unit,disaggregation,value",
        "1.1,PH,,50",
        "1.1,PH,female,30",
        "1.1,PH,male,20",
        "1.1,TH,,12",
        "1.1,TH,female,9",
        "1.1,TH,male,3",
        "1.1,ASEAN,,62",
        "1.1,ASEAN,female,39",
        "1.1,ASEAN,male,23",
        "2.3,PH,,yes",
        "2.3,TH,,no",
        "2.3,ASEAN,,1",
        "3.1,PH,,40",
        "3.1,TH,,61",
        "3.1,ASEAN,,50.5",
    ]


def test_only_members_read_a_frameworks_reports(partners, cast):
    do_open_round(partners.framework, "2024")
    args = ["reporting-rates", "--framework", "bohol-2", "--period", "2024", "--format", "csv"]
    for username in ("viewer", "mel", "ph-focal"):
        assert _ctip("report", "--as", username, *args).startswith("unit,expected")
    for username in ("outsider", "thai"):
        with pytest.raises(CommandError, match="no framework 'bohol-2'"):
            _ctip("report", "--as", username, *args)


def test_the_regional_summary_puts_each_indicator_beside_the_round_before(partners):
    first = do_open_round(partners.framework, "2024")
    do_save_values(_report(first, "PH"), partners.philippines, COMPLETE)
    do_submit_report(_report(first, "PH"), partners.philippines)
    second = do_open_round(partners.framework, "2025")
    for unit, focal, total in (("PH", partners.philippines, "60"), ("TH", partners.thailand, "7")):
        do_save_values(
            _report(second, unit),
            focal,
            [
                ("1.1", "", total, "Hotline" if unit == "PH" else ""),
                ("2.3", "", "yes", ""),
                ("3.1", "", "40", ""),
            ],
        )
        do_submit_report(_report(second, unit), focal)
    csv = _ctip(
        "report",
        "framework-summary",
        "--framework",
        "bohol-2",
        "--period",
        "2025",
        "--format",
        "csv",
    )
    assert csv.splitlines() == [
        "indicator,name,reported,value,previous",
        "1.1,Victims identified,2,67,50",
        "2.3,National referral mechanism in place,2,2 yes,1 yes",
        "3.1,Share of cases prosecuted,2,40,40",
    ]
