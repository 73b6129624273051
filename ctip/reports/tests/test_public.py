"""--public: small counts of people are hidden, and cannot be worked out from the totals."""

import io
import json

from django.core.management import call_command

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


def test_small_counts_are_hidden_and_no_row_or_column_gives_one_away(published):
    report = run_report("table2", published, published.period("FY2024-25"), threshold=5)
    for section in report.sections:
        values = [
            v for row in section.rows if row.kind != "percentage" for v in row.values.values()
        ]
        assert not [v for v in values if isinstance(v, int) and 0 < v < 5]
        for line in _lines_of(section):
            assert sum(isinstance(value, Hidden) for value in line) != 1, line
    state = {row.values["country"]: row.values for row in report.sections[0].rows}
    assert str(state["Brunei Darussalam"]["other"]) == "<5"
    assert state["Philippines"]["total"] == 1597  # large cells stay


def test_percentages_of_hidden_totals_are_hidden(published):
    report = run_report("table2", published, published.period("FY2024-25"), threshold=25)
    state = report.sections[0].rows
    total, percentage = state[-2], state[-1]
    assert isinstance(total.values["other"], Hidden)  # 20 people
    assert isinstance(percentage.values["other"], Hidden)
    assert str(percentage.values["female"]) == "53.06"


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
    lines = out.getvalue().splitlines()
    # Myanmar's total is hidden: the total column already hid the small "Outside ASEAN" one
    assert "state,Myanmar,<11,<11,0,0,x,0,0" in lines
    # Indonesia's one "other" hides a second cell of its row: x, not a false "<11"
    assert "state,Indonesia,x,107,<11,0,215,0,0" in lines


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
