"""The cohorts' computed indicators (ctip.results.computed)."""

from __future__ import annotations

from ctip.lib.periods import Period
from ctip.results.computed import computed

from . import queries


@computed("cohort-members", "Number of members of the leadership cohorts")
def _members(program, period: Period) -> int:
    return queries.members_during(program, period)


@computed("cohort-completions", "Number of cohort members who completed the program")
def _completed(program, period: Period) -> int:
    return queries.completed_by(program, period)
