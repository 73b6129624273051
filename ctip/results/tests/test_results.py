import datetime as dt

import pytest

from ctip.programs.models import Outcome
from ctip.results.actions import (
    NotAllowed,
    do_approve_rating,
    do_define_indicator,
    do_rate_outcome,
    do_record_actual,
    do_record_evidence,
    do_reword_outcome,
    do_set_target,
)
from ctip.results.queries import achievements, indicator_progress, outcome_status


@pytest.fixture
def framework(cast):
    program = cast.program
    goal = Outcome.objects.create(program=program, level="goal", number=1, title="Justice")
    eopo = Outcome.objects.create(
        program=program, level="eopo", number=1, title="Capable", parent=goal
    )
    ios = {
        n: Outcome.objects.create(
            program=program, level="io", number=n, title=f"Outcome {n}", parent=eopo
        )
        for n in (1, 4, 8)
    }
    return cast, ios


def _row(rows, code):
    return next(row for row in rows if row.code == code)


def test_editing_next_years_target_leaves_this_years_report_unchanged(framework):
    cast, _ = framework
    indicator = do_define_indicator(
        cast.program, code="O1", title="Events", level="output", computed_as="events"
    )
    do_set_target(cast.mel, indicator, "FY2024-25", 200)
    do_set_target(cast.mel, indicator, "FY2025-26", 210)
    this_year = cast.program.period("FY2024-25")
    before = indicator_progress(cast.program, this_year)
    do_set_target(cast.mel, indicator, "FY2025-26", 999)
    assert indicator_progress(cast.program, this_year) == before
    assert _row(before, "O1").target == 200


def test_an_output_indicator_fills_itself_from_the_events(framework):
    cast, _ = framework
    indicator = do_define_indicator(
        cast.program, code="O3", title="Participants", level="output", computed_as="participants"
    )
    do_set_target(cast.mel, indicator, "FY2024-25", 4)
    row = _row(indicator_progress(cast.program, cast.program.period("FY2024-25")), "O3")
    assert (row.actual, row.target, row.percent_of_target, row.source) == (2, 4, 50, "computed")
    with pytest.raises(ValueError, match="computed from the data"):
        do_record_actual(cast.mel, indicator, "FY2024-25", 5, "a memo")


def test_entered_actuals_aggregate_as_the_indicator_says(framework):
    cast, ios = framework
    cumulative = do_define_indicator(
        cast.program,
        code="C",
        title="Laws",
        level="outcome",
        aggregation="cumulative",
        outcome=ios[1],
    )
    latest = do_define_indicator(
        cast.program, code="L", title="States", level="outcome", aggregation="latest"
    )
    for year, value in (("FY2023-24", 1), ("FY2024-25", 2)):
        do_record_actual(cast.mel, cumulative, year, value, "evidence")
        do_record_actual(cast.mel, latest, year, value + 4, "evidence")
    cast.program.starts_on = dt.date(2022, 7, 1)
    cast.program.save()
    rows = indicator_progress(cast.program, cast.program.period("FY2024-25"))
    assert _row(rows, "C").actual == 3
    assert _row(rows, "L").actual == 6
    assert dict(_row(rows, "C").trend)["FY2023-24"] == 1
    with pytest.raises(ValueError, match="evidence"):
        do_record_actual(cast.mel, cumulative, "FY2024-25", 1, "  ")


def test_ratings_are_entered_by_the_mel_officer_and_approved_by_an_administrator(framework):
    cast, ios = framework
    rating = do_rate_outcome(cast.mel, ios[4], "FY2024-25", "delayed", "Partner restructuring")
    with pytest.raises(NotAllowed):
        do_approve_rating(cast.mel, rating)
    with pytest.raises(NotAllowed):
        do_rate_outcome(cast.viewer, ios[4], "FY2024-25", "on-track", "x")
    do_approve_rating(cast.admin, rating)
    rows = {r.number: r for r in outcome_status(cast.program, cast.program.period("FY2024-25"))}
    assert rows[4].status.startswith("Some delay") and rows[4].approved
    assert rows[1].status == "Not rated"
    changed = do_rate_outcome(cast.mel, ios[4], "FY2024-25", "on-track", "Recovered")
    assert changed.state == "draft"


def test_a_reworded_outcome_keeps_its_old_wording_in_old_reports(framework):
    cast, ios = framework
    do_reword_outcome(cast.admin, ios[8], "Agencies are transparent", dt.date(2025, 7, 1))
    old = {r.number: r for r in outcome_status(cast.program, cast.program.period("FY2024-25"))}
    new = {r.number: r for r in outcome_status(cast.program, cast.program.period("FY2025-26"))}
    assert old[8].outcome == "Outcome 8" and new[8].outcome == "Agencies are transparent"
    with pytest.raises(NotAllowed):
        do_reword_outcome(cast.mel, ios[8], "x", dt.date(2025, 7, 1))


def test_achievements_carry_the_reports_tag_line(framework):
    cast, ios = framework
    project = cast.program.projects.get(code="AA1")
    do_record_evidence(
        cast.program,
        kind="achievement",
        title="Guidebook piloted",
        country_code="TH",
        date=dt.date(2025, 3, 1),
        achievement_type="handbook",
        stage="launched",
        project=project,
        outcomes=[ios[4], ios[8]],
    )
    do_record_evidence(
        cast.program,
        kind="achievement",
        title="SOP drafted",
        country_code="KH",
        date=dt.date(2025, 4, 1),
        achievement_type="sop",
        stage="drafted",
        outcomes=[ios[1]],
    )
    rows = achievements(cast.program, cast.program.period("FY2024-25"), country="TH")
    assert [(r.title, r.tags) for r in rows] == [
        ("Guidebook piloted", "project AA1; intermediate outcomes 4 and 8")
    ]
    by_outcome = achievements(cast.program, cast.program.period("FY2024-25"), outcome_number=1)
    assert [r.tags for r in by_outcome] == ["intermediate outcome 1"]


def test_an_outcome_added_or_retired_later_leaves_old_reports_as_they_were(framework):
    cast, ios = framework
    added = Outcome.objects.create(
        program=cast.program,
        level="io",
        number=9,
        title="New",
        parent=ios[1].parent,
        introduced_on=dt.date(2025, 7, 1),
    )
    ios[8].retired_on = dt.date(2025, 6, 30)
    ios[8].save()
    old = [r.number for r in outcome_status(cast.program, cast.program.period("FY2024-25"))]
    new = [r.number for r in outcome_status(cast.program, cast.program.period("FY2025-26"))]
    assert old == [1, 4, 8] and new == [1, 4, added.number]
