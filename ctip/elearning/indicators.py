"""E-learning's computed indicators (ctip.results.computed)."""

from __future__ import annotations

from ctip.lib.periods import Period
from ctip.results.computed import computed

from . import queries


@computed("elearning-completions", "Number of e-learning course completions")
def _completions(program, period: Period) -> int:
    return queries.people_trained_online(program, period)
