"""From record-level data to the published FY 2024-25 tables, cell for cell."""

import csv
import io

from django.core.management import call_command

from ctip.reports.registry import run_report
from ctip.reports.renderers import _cells, render

# Copied from the seed annual report (Section 5), tab-separated; "ASEAN/ regional" is our
# "ASEAN/regional".
PUBLISHED_TABLE1 = """\
Cambodia	4	13	2	1	20
Indonesia	–	4	–	–	4
Laos	8	–	–	4	12
Philippines	27	29	2	5	63
Thailand	13	44	1	2	60
Vietnam	11	11	1	1	24
ASEAN/regional	26	19	1	–	46
Total	89	120	7	13	229"""

PUBLISHED_TABLE2_STATE = """\
Brunei Darussalam	27	7	1	–	35	–	–
Cambodia	134	254	–	–	388	–	–
Indonesia	107	107	1	–	215	–	–
Laos	153	165	–	–	318	–	–
Malaysia	27	15	–	–	42	–	–
Myanmar	6	10	–	–	16	–	–
Philippines	957	634	4	2	1,597	–	–
Singapore	7	12	–	–	19	–	–
Thailand	343	349	14	3	709	–	–
Vietnam	274	226	–	–	500	–	–
Timor-Leste	10	12	–	–	22	–	–
Outside ASEAN region	9	–	–	1	10	–	–
Total	2,054	1,791	20	6	3,871	–	–
Percentage	53.06%	46.27%	0.52%	0.15%	100%	–	–"""

PUBLISHED_TABLE2_NON_STATE = """\
Brunei Darussalam	3	3	–	–	6	–	–
Cambodia	81	75	–	–	156	7	1
Indonesia	112	46	1	–	159	20	7
Laos	33	21	–	–	54	20	–
Malaysia	6	11	–	–	17	–	5
Myanmar	23	14	–	–	37	–	2
Philippines	90	58	–	4	152	44	6
Singapore	3	7	–	–	10	1	7
Thailand	193	95	3	5	296	14	51
Vietnam	65	19	–	1	85	63	1
Outside ASEAN region	54	22	–	26	102	–	56
Total	663	371	4	36	1,074	169	136
Percentage	61.73%	34.54%	0.37%	3.35%	100%	15.74%	12.66%"""


def _printed(report, section=0):
    return "\n".join("\t".join(_cells(report, row)) for row in report.sections[section].rows)


def test_table1_prints_every_cell_of_the_published_table(published):
    report = run_report("table1", published, published.period("FY2024-25"))
    assert _printed(report) == PUBLISHED_TABLE1
    assert report.notes[0] == (
        "* Capacity development includes training, webinars, seminars and workshops."
    )


def test_table2_prints_every_cell_total_and_percentage_of_the_published_table(published):
    report = run_report("table2", published, published.period("FY2024-25"))
    assert [section.key for section in report.sections] == ["state", "non-state"]
    assert _printed(report, 0) == PUBLISHED_TABLE2_STATE
    assert _printed(report, 1) == PUBLISHED_TABLE2_NON_STATE
    assert "Excludes program staff and donor staff" in report.notes[0]


def test_table2_csv_has_the_agreed_columns_and_a_total_row_per_group(published):
    out = io.StringIO()
    call_command("report", "table2", "--period", "FY2024-25", "--format", "csv", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == [
        "group", "country", "female", "male", "other", "not_specified", "total", "opd",
        "private_sector",
    ]  # fmt: skip
    assert ["state", "Total", "2054", "1791", "20", "6", "3871", "0", "0"] in rows
    assert ["non-state", "Total", "663", "371", "4", "36", "1074", "169", "136"] in rows
    assert ["non-state", "Outside ASEAN region", "54", "22", "0", "26", "102", "0", "56"] in rows


def test_table1_csv_has_the_agreed_columns_and_a_total_row(published):
    out = io.StringIO()
    call_command("report", "table1", "--period", "FY2024-25", "--format", "csv", stdout=out)
    assert out.getvalue().splitlines() == [
        "country,capacity_development,meetings,conferences_and_launches,other,total",
        "Cambodia,4,13,2,1,20",
        "Indonesia,0,4,0,0,4",
        "Laos,8,0,0,4,12",
        "Philippines,27,29,2,5,63",
        "Thailand,13,44,1,2,60",
        "Vietnam,11,11,1,1,24",
        "ASEAN/regional,26,19,1,0,46",
        "Total,89,120,7,13,229",
    ]


def test_highlights_are_the_published_achievement_highlights(published):
    report = run_report("highlights", published, published.period("FY2024-25"))
    printed = render(report, "md")
    assert "| Counter-trafficking in persons events delivered | 229 | – |" in printed
    assert "| Participants across all events | 4,945 | 55% |" in printed
    assert "| Government (state) stakeholders | 3,871 | 53% |" in printed
    assert "| Non-state stakeholders | 1,074 | 62% |" in printed
    assert "civil society organisations | 670 |" in printed
    assert "| Non-state stakeholders from the private sector | 136 |" in printed


def test_country_summary_prints_the_published_progress_lines(published):
    report = run_report("country-summary", published, published.period("FY2024-25"))
    sentences = {row.values["country"]: row.values["sentence"] for row in report.sections[0].rows}
    assert sentences["Cambodia"] == "We delivered 20 events, with 384 participants (37% women)."
    assert sentences["Laos"] == "We delivered 12 events, with 295 participants (49% women)."
    assert sentences["Philippines"] == (
        "We delivered 63 events, with 1,388 participants (58% women)."
    )
    assert sentences["Thailand"] == "We delivered 60 events, with 772 participants (52% women)."
    assert sentences["Vietnam"] == "We delivered 24 events, with 501 participants (57% women)."


def test_the_dashboards_trend_totals_are_the_headline_totals_of_each_year(published):
    from ctip.lib.periods import parse_period
    from ctip.reports.queries import headline_in, period_totals

    periods = [parse_period(label) for label in ("FY2024-25", "FY2023-24", "2024-Q4")]
    for countries in (None, ["TH"], ["PH", "ASEAN"], []):
        every_total = period_totals(published, periods, countries)
        for period, totals in zip(periods, every_total, strict=True):
            _rows, headline = headline_in(published, period, countries)
            assert (totals.events, totals.participants, totals.female) == (
                headline.events,
                headline.participants,
                headline.female,
            )
            assert totals.label == period.label
    assert period_totals(published, periods[:1])[0].events == 229  # Table 1 as published
