"""A problem repeated across rows is reported once, with its count and first rows: a sheet
with the same wrong event ID on 10,000 rows gives one line, not 10,000."""

from __future__ import annotations

from .sources.base import Issue

FIRST_ROWS = 5


def collapse(issues: list[Issue]) -> list[Issue]:
    """ISSUES with those of the same message and column on several rows merged into one, in
    the order each first appears."""
    merged: dict[tuple, Issue] = {}
    for issue in issues:
        if issue.row is None:
            merged[(id(issue),)] = issue
            continue
        key = (issue.message, issue.column)
        first = merged.get(key)
        if first is None:
            merged[key] = Issue(issue.message, issue.row, issue.column, (issue.row,), 1)
            continue
        first.count += 1
        if len(first.rows) < FIRST_ROWS:
            first.rows = (*first.rows, issue.row)
    return list(merged.values())
