"""--public: counts of people are perturbed by the cell-key method and small ones hidden, so
that none can be worked out from the totals (ctip/reports/cellkey.py)."""

import csv
import io
import json

from django.core.management import call_command

from ctip.reports.cellkey import MAX_NOISE
from ctip.reports.registry import run_report
from ctip.reports.suppression import Hidden, grid_lines, suppressed_cells

SUMS = ("female", "male", "other", "not_specified")


def _lines_of(section):
    """Every row (its sex columns and total) and every column (its rows and the Total row)."""
    rows = [row for row in section.rows if row.kind != "percentage"]
    lines = [[row.values[key] for key in (*SUMS, "total")] for row in rows]
    for key in (*SUMS, "total", "opd", "private_sector"):
        lines.append([row.values[key] for row in rows])
    return lines


def _true_cells(program, period, **filters):
    report = run_report("table2", program, period, **filters)
    return {
        (section.key, row.values["country"], key): value
        for section in report.sections
        for row in section.rows
        if row.kind != "percentage"
        for key, value in row.values.items()
        if key != "country"
    }


def test_no_small_count_is_shown_and_every_count_is_within_the_noise(published):
    period = published.period("FY2024-25")
    truth = _true_cells(published, period)
    public = _true_cells(published, period, threshold=5)
    for cell, value in public.items():
        true = truth[cell]
        if isinstance(value, Hidden):  # a small count, or nobody (one empty cell in four)
            assert 0 <= true < 5 + MAX_NOISE and value.primary, cell
            continue
        assert not 0 < value < 5, cell
        assert abs(value - true) <= MAX_NOISE, cell
        assert (value == 0) == (true == 0), cell  # zeros shown stay zeros, and only zeros are
    state = {row.values["country"]: row.values for row in run_report(
        "table2", published, period, threshold=5).sections[0].rows}  # fmt: skip
    assert str(state["Brunei Darussalam"]["other"]) == "<5"
    assert abs(state["Philippines"]["total"] - 1597) <= MAX_NOISE  # large cells stay large


def test_the_same_people_get_the_same_published_count_in_every_table(published):
    period = published.period("FY2024-25")
    first = _true_cells(published, period, threshold=5)
    assert _true_cells(published, period, threshold=5) == first
    # a period written another way selects the same records: the same numbers
    assert _true_cells(published, published.period("2024-07-01..2025-06-30"), threshold=5) == (
        first
    )


def test_percentages_of_hidden_totals_are_hidden(published):
    report = run_report("table2", published, published.period("FY2024-25"), threshold=25)
    state = report.sections[0].rows
    total, percentage = state[-2], state[-1]
    assert isinstance(total.values["other"], Hidden)  # 20 people
    assert isinstance(percentage.values["other"], Hidden)
    assert abs(float(str(percentage.values["female"])) - 53.06) < 0.5


def test_the_footnote_says_that_cells_are_suppressed(published):
    out = io.StringIO()
    call_command(
        "report", "table2", "--period", "FY2024-25", "--public", "--format", "json", stdout=out
    )
    document = json.loads(out.getvalue())
    assert document["public"] is True
    assert document["suppressed_below"] == 5
    assert any("<5" in note and "worked out from the totals" in note for note in document["notes"])
    indonesia = next(row for row in document["rows"] if row["country"] == "Indonesia")
    assert indonesia["other"] is None
    brunei = next(row for row in document["rows"] if row["country"] == "Brunei Darussalam")
    assert brunei["other"] is None


def test_the_threshold_can_be_changed(published):
    out = io.StringIO()
    call_command(
        "report", "table2", "--period", "FY2024-25", "--public", "--threshold", "11",
        "--format", "csv", stdout=out,
    )  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    myanmar = next(r for r in rows if r["group"] == "state" and r["country"] == "Myanmar")
    # nobody of other sex: 0, or <11 where the table's key shows that empty cell as small
    assert myanmar["female"] == "<11" and myanmar["other"] in ("0", "<11")
    assert not [
        value for row in rows for value in row.values() if value.isdigit() and 0 < int(value) < 11
    ]


def test_secondary_suppression_hides_a_second_cell_in_each_line():
    # rows a, b; columns x, y; "T" is the total row and column
    cells = {
        ("a", "x"): 3, ("a", "y"): 40, ("a", "T"): 43,
        ("b", "x"): 30, ("b", "y"): 50, ("b", "T"): 80,
        ("T", "x"): 33, ("T", "y"): 90, ("T", "T"): 123,
    }  # fmt: skip
    hidden = suppressed_cells(cells, grid_lines(["a", "b"], ["x", "y"], "T", "T"), 5)
    # (a, x) alone could be recovered as 43 - 40 or 33 - 30: the whole 2×2 block goes
    assert hidden == {("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")}


def test_event_counts_are_published_whole(published):
    report = run_report("table1", published, published.period("FY2024-25"), threshold=5)
    indonesia = report.sections[0].rows[1].values
    assert indonesia["meetings"] == 4
    assert not any("worked out" in note for note in report.notes)
