"""Reporting periods: computed from a label, never stored.

FY2024-25            fiscal year (start month from the program; July in the seeds)
2024                 calendar year
2024-Q3              calendar quarter (July-September 2024)
2024-07-01..2025-06-30   explicit inclusive date range
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


class PeriodError(ValueError):
    """A period label that cannot be read."""


@dataclass(frozen=True)
class Period:
    label: str
    start: dt.date
    end: dt.date  # inclusive

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return self.label


def _month_start(year: int, month: int) -> dt.date:
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, 1)


def fiscal_year(start_year: int, start_month: int = 7) -> Period:
    """The fiscal year that starts in START_MONTH of START_YEAR."""
    start = dt.date(start_year, start_month, 1)
    end = _month_start(start_year, start_month + 12) - dt.timedelta(days=1)
    if start_month == 1:
        label = f"FY{start_year}"
    else:
        label = f"FY{start_year}-{(start_year + 1) % 100:02d}"
    return Period(label, start, end)


def fiscal_year_of(day: dt.date, start_month: int = 7) -> Period:
    """The fiscal year that contains DAY."""
    start_year = day.year if day.month >= start_month else day.year - 1
    return fiscal_year(start_year, start_month)


_FY = re.compile(r"^FY\s?(\d{4})(?:[-/–](\d{2}|\d{4}))?$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


# Years a period may start in: dates beyond them overflow Python's date (year 9999) or mean
# nothing for a program; a label outside is refused like any other bad label.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def parse_period(label: str, fiscal_start_month: int = 7) -> Period:
    """Read a period label (see the module docstring); raise PeriodError if it is not one."""
    try:
        period = _parse_period(label, fiscal_start_month)
    except PeriodError:
        raise
    except (ValueError, OverflowError):  # a date beyond year 9999 or before year 1
        period = None
    if period is None or not (FIRST_YEAR <= period.start.year and period.end.year <= LAST_YEAR):
        raise PeriodError(f"{label!r}: periods must fall between {FIRST_YEAR} and {LAST_YEAR}")
    return period


def _parse_period(label: str, fiscal_start_month: int) -> Period:
    text = label.strip()
    if match := _FY.match(text):
        first = int(match.group(1))
        if match.group(2):
            second = int(match.group(2))
            second_full = second if second > 99 else (first // 100) * 100 + second
            if second_full < first:
                second_full += 100
            if fiscal_start_month == 1:
                if second_full != first:
                    raise PeriodError(f"{label!r}: this program's fiscal years are calendar years")
            elif second_full != first + 1:
                raise PeriodError(f"{label!r}: a fiscal year spans two consecutive years")
        return fiscal_year(first, fiscal_start_month)
    if match := _YEAR.match(text):
        year = int(match.group(1))
        return Period(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31))
    if match := _QUARTER.match(text):
        year, quarter = int(match.group(1)), int(match.group(2))
        start = dt.date(year, 3 * quarter - 2, 1)
        end = _month_start(year, 3 * quarter + 1) - dt.timedelta(days=1)
        return Period(f"{year}-Q{quarter}", start, end)
    if match := _RANGE.match(text):
        try:
            start = dt.date.fromisoformat(match.group(1))
            end = dt.date.fromisoformat(match.group(2))
        except ValueError as error:
            raise PeriodError(f"{label!r}: {error}") from None
        if end < start:
            raise PeriodError(f"{label!r}: the range ends before it starts")
        return Period(f"{start.isoformat()}..{end.isoformat()}", start, end)
    raise PeriodError(
        f"{label!r} is not a period: use FY2024-25, 2024, 2024-Q3 or 2024-07-01..2025-06-30"
    )


# --- DHIS2 periods (ISO forms, as in dataValueSets) -------------------------------------------

_DHIS2_YEAR = re.compile(r"^(\d{4})$")
_DHIS2_HALF = re.compile(r"^(\d{4})S([12])$")
_DHIS2_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_DHIS2_MONTH = re.compile(r"^(\d{4})(0[1-9]|1[0-2])$")
_DHIS2_FINANCIAL = re.compile(r"^(\d{4})(April|July|Oct|Nov)$")
_FINANCIAL_START = {"April": 4, "July": 7, "Oct": 10, "Nov": 11}
DHIS2_PERIOD_TYPES = {
    "year": "2024",
    "half-year": "2024S1",
    "quarter": "2024Q3",
    "month": "202407",
    "financial-year": "2024July",
}


def _months(start: dt.date, count: int) -> dt.date:
    """The last day of the COUNT months from START."""
    return _month_start(start.year, start.month + count) - dt.timedelta(days=1)


def parse_dhis2_period(label: str) -> tuple[str, Period]:
    """A DHIS2 ISO period (2024, 2024S1, 2024Q3, 202407, 2024July) as (its type, the period);
    PeriodError for anything else."""
    text = str(label).strip()
    if match := _DHIS2_YEAR.match(text):
        year = int(match.group(1))
        return "year", Period(text, dt.date(year, 1, 1), dt.date(year, 12, 31))
    if match := _DHIS2_HALF.match(text):
        start = dt.date(int(match.group(1)), 6 * int(match.group(2)) - 5, 1)
        return "half-year", Period(text, start, _months(start, 6))
    if match := _DHIS2_QUARTER.match(text):
        start = dt.date(int(match.group(1)), 3 * int(match.group(2)) - 2, 1)
        return "quarter", Period(text, start, _months(start, 3))
    if match := _DHIS2_MONTH.match(text):
        start = dt.date(int(match.group(1)), int(match.group(2)), 1)
        return "month", Period(text, start, _months(start, 1))
    if match := _DHIS2_FINANCIAL.match(text):
        start = dt.date(int(match.group(1)), _FINANCIAL_START[match.group(2)], 1)
        return "financial-year", Period(text, start, _months(start, 12))
    raise PeriodError(
        f"{label!r} is not a DHIS2 period: use 2024, 2024S1, 2024Q3, 202407 or 2024July"
    )


def next_month_day(after: dt.date, month_day: str) -> dt.date:
    """The first date after AFTER that falls on MONTH_DAY ("03-31"); 29 February falls on
    the 28th in other years."""
    month, day = (int(part) for part in month_day.split("-"))
    for year in (after.year, after.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            candidate = dt.date(year, month, 28)
        if candidate > after:
            return candidate
    raise PeriodError(f"{month_day!r} is not a month and day (MM-DD)")
