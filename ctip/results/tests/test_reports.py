"""The results reports print what the query layer computes, and output indicators agree with
table1 and table2."""

import csv
import io

from django.core.management import call_command

from ctip.reports.registry import run_report
from ctip.results.actions import do_define_indicator, do_set_target
from ctip.results.tests.test_results import framework  # noqa: F401

FY = "FY2024-25"


def _csv(capsys, *args):
    call_command("report", *args, "--program", "test", "--format", "csv")
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_output_indicators_equal_the_matching_table_cells(framework, capsys):  # noqa: F811
    cast, _ = framework
    for code, computed in [
        ("O1", "events"),
        ("O2", "capacity-development-events"),
        ("O3", "participants"),
        ("O5", "non-state-opd"),
        ("O6", "non-state-private-sector"),
        ("O7", "state-participants"),
        ("O8", "non-state-participants"),
    ]:
        indicator = do_define_indicator(
            cast.program, code=code, title=computed, level="output", computed_as=computed
        )
        do_set_target(cast.mel, indicator, FY, 1)
    indicators = {row["code"]: row for row in _csv(capsys, "indicators", "--period", FY)}
    table1 = {row["country"]: row for row in _csv(capsys, "table1", "--period", FY)}
    table2 = _csv(capsys, "table2", "--period", FY)
    totals = {row["group"]: row for row in table2 if row["country"] == "Total"}
    state = int(totals["state"]["total"]) if "state" in totals else 0
    non_state = totals.get("non-state", {})
    assert indicators["O1"]["actual"] == table1["Total"]["total"]
    assert indicators["O2"]["actual"] == table1["Total"]["capacity_development"]
    assert int(indicators["O3"]["actual"]) == state + int(non_state.get("total", 0))
    assert int(indicators["O7"]["actual"]) == state
    assert int(indicators["O8"]["actual"]) == int(non_state.get("total", 0))
    assert int(indicators["O5"]["actual"]) == int(non_state.get("opd", 0))
    assert int(indicators["O6"]["actual"]) == int(non_state.get("private_sector", 0))


def test_the_outcomes_report_lists_every_intermediate_outcome(framework, capsys):  # noqa: F811
    rows = _csv(capsys, "outcomes", "--period", FY)
    assert [row["outcome"] for row in rows] == ["1 Outcome 1", "4 Outcome 4", "8 Outcome 8"]
    assert {row["status"] for row in rows} == {"Not rated"}


def test_the_feedback_report_has_a_chart_and_the_query_layers_numbers(cast):
    from ctip.surveys.actions import do_create_default_statements, do_record_response

    do_create_default_statements(cast.program)
    for key, value in enumerate([5, 4, 2]):
        do_record_response(
            cast.program,
            kind="feedback",
            event=cast.thai_event,
            answered_on=cast.thai_event.start_date,
            answers={"objectives": value},
            source_key=str(key),
        )
    report = run_report("feedback", cast.program, cast.program.period(FY))
    first = report.sections[0].rows[0].values
    assert (first["respondents"], first["agree"], first["percent_agree"]) == (3, 2, 67)
    assert "<svg" in report.chart() and "67%" in report.chart()
    public = run_report("feedback", cast.program, cast.program.period(FY), threshold=5)
    hidden = public.sections[0].rows[0].values
    assert (str(hidden["respondents"]), str(hidden["percent_agree"])) == ("<5", "x")
