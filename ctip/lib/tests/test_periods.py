import datetime as dt

import pytest

from ctip.lib.periods import PeriodError, fiscal_year_of, parse_period


def test_a_fiscal_year_runs_july_to_june_by_default():
    period = parse_period("FY2024-25")
    assert (period.start, period.end) == (dt.date(2024, 7, 1), dt.date(2025, 6, 30))
    assert period.label == "FY2024-25"


def test_fiscal_year_start_month_is_configurable():
    period = parse_period("FY2024-25", fiscal_start_month=4)
    assert (period.start, period.end) == (dt.date(2024, 4, 1), dt.date(2025, 3, 31))


def test_calendar_year_quarter_and_range():
    assert parse_period("2024").end == dt.date(2024, 12, 31)
    q3 = parse_period("2024-Q3")
    assert (q3.start, q3.end) == (dt.date(2024, 7, 1), dt.date(2024, 9, 30))
    q4 = parse_period("2024-Q4")
    assert q4.end == dt.date(2024, 12, 31)
    span = parse_period("2024-07-01..2025-06-30")
    assert span.contains(dt.date(2025, 6, 30)) and not span.contains(dt.date(2025, 7, 1))


def test_the_fiscal_year_of_a_day():
    assert fiscal_year_of(dt.date(2025, 6, 30)).label == "FY2024-25"
    assert fiscal_year_of(dt.date(2025, 7, 1)).label == "FY2025-26"
    assert fiscal_year_of(dt.date(1999, 12, 31)).label == "FY1999-00"


@pytest.mark.parametrize("label", ["FY2024-26", "2024-Q5", "2025-01-01..2024-01-01", "last year"])
def test_a_wrong_period_says_what_is_accepted(label):
    with pytest.raises(PeriodError):
        parse_period(label)
