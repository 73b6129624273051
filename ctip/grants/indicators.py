"""The grants' computed indicators (ctip.results.computed): `ctip report indicators` and the
IATI export read them like the events' ones."""

from __future__ import annotations

from ctip.lib.periods import Period
from ctip.results.computed import computed

from . import queries


@computed("grants-opd", "Number of organisations of people with disability supported by grants")
def _opd_grantees(program, period: Period) -> int:
    return queries.opd_grantees(program, period)


@computed("grants", "Number of grants running")
def _grants(program, period: Period) -> int:
    return queries.grants_during(program, period).count()
