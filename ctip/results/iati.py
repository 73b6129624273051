"""The program's results in the IATI Standard 2.03: one `iati-activity` for a period.

Every number comes from the query layers the reports use: indicators from
`ctip.results.queries.indicator_progress` (the `indicators` report), recipient countries from
`ctip.reports.queries.table1` (Table 1's events per country). Codes are from the IATI
codelists (docs/iati.md lists the elements filled and the codelists used).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_DOWN, Decimal
from xml.etree import ElementTree as ET

from django.conf import settings
from django.utils import timezone

from ctip.lib.countries import REGIONAL_CODE
from ctip.lib.periods import Period
from ctip.programs.models import Outcome, Program
from ctip.reports import queries as report_queries

from . import queries
from .models import Indicator, outcome_title_on

IATI_VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Sector (vocabulary 1, OECD DAC CRS purpose codes): 15130 Legal and judicial development.
# The program strengthens police, prosecutors, courts and the ASEAN bodies that monitor the
# trafficking convention; its victims are women, men and children, so 15180 (ending violence
# against women and girls) would describe only part of it.
SECTOR_VOCABULARY = "1"
SECTOR_CODE = "15130"
# Recipient region (vocabulary 1, OECD DAC): 789 Far East Asia, regional — where the DAC
# places South-East Asia; events held as "ASEAN/regional" count here.
REGION_VOCABULARY = "1"
REGION_CODE = "789"

# IATI codelists
RESULT_TYPE = {Indicator.Level.OUTPUT: "1", Indicator.Level.OUTCOME: "2"}  # ResultType
MEASURE_UNIT, MEASURE_PERCENTAGE, MEASURE_QUALITATIVE = "1", "2", "5"  # IndicatorMeasure
RESULT_OUTCOME, RESULT_IMPACT = "2", "3"  # ResultType, for outcomes without indicators
ROLE_FUNDING, ROLE_ACCOUNTABLE, ROLE_IMPLEMENTING = "1", "2", "4"  # OrganisationRole
PLANNED_START, PLANNED_END = "1", "3"  # ActivityDateType
PIPELINE, IMPLEMENTATION, FINALISATION = "1", "2", "3"  # ActivityStatus
ORGANISATION_TYPE = {  # OrganisationType, from ctip.organisations Organisation.Type
    "government-national": "10",
    "government-subnational": "11",
    "ngo-cso": "22",
    "international-organisation": "40",
    "regional-organisation": "40",
    "private-sector": "70",
    "academic": "80",
}


class IatiError(ValueError):
    """The program lacks something the IATI Standard requires (e.g. its start date)."""


def activity_identifier(program: Program) -> str:
    """The reporting organisation's identifier, a hyphen, the program's code."""
    return f"{settings.CTIP_IATI_ORG_REF}-{program.code}"


def _narrative(parent: ET.Element, tag: str, text: str, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    ET.SubElement(element, "narrative").text = text
    return element


def _value(number: Decimal | None) -> str | None:
    if number is None:
        return None
    return (
        str(int(number))
        if number == number.to_integral_value()
        else format(number.normalize(), "f")
    )


def activity_status(program: Program, today: dt.date) -> str:
    if program.starts_on and today < program.starts_on:
        return PIPELINE
    if program.ends_on and today > program.ends_on:
        return FINALISATION
    return IMPLEMENTATION


def shares(counts: dict[str, int]) -> dict[str, Decimal]:
    """Percentages with two decimals that add up to exactly 100 (largest remainder)."""
    whole = sum(counts.values())
    if not whole:
        return {}
    cent = Decimal("0.01")
    exact = {key: Decimal(n) * 100 / whole for key, n in counts.items()}
    floored = {key: value.quantize(cent, rounding=ROUND_DOWN) for key, value in exact.items()}
    left = int((Decimal(100) - sum(floored.values())) / cent)
    for key in sorted(exact, key=lambda k: exact[k] - floored[k], reverse=True)[:left]:
        floored[key] += cent
    return floored


def _places(activity: ET.Element, program: Program, period: Period) -> None:
    """recipient-country per country where events were held, recipient-region for regional
    events; percentages by number of events (Table 1's totals)."""
    table = report_queries.table1(program, period)
    counts = {row.code: row.total for row in table.rows if row.total}
    percentages = shares(counts)
    for code in (c for c in counts if c != REGIONAL_CODE):
        ET.SubElement(activity, "recipient-country", code=code, percentage=str(percentages[code]))
    if REGIONAL_CODE in counts:
        ET.SubElement(
            activity,
            "recipient-region",
            code=REGION_CODE,
            vocabulary=REGION_VOCABULARY,
            percentage=str(percentages[REGIONAL_CODE]),
        )


def _participants(activity: ET.Element, program: Program) -> None:
    reporting = {"ref": settings.CTIP_IATI_ORG_REF, "type": settings.CTIP_IATI_ORG_TYPE}
    if settings.CTIP_IATI_FUNDER_NAME:
        funder = {"role": ROLE_FUNDING}
        if settings.CTIP_IATI_FUNDER_REF:
            funder["ref"] = settings.CTIP_IATI_FUNDER_REF
        _narrative(activity, "participating-org", settings.CTIP_IATI_FUNDER_NAME, **funder)
    _narrative(
        activity,
        "participating-org",
        settings.CTIP_IATI_ORG_NAME,
        role=ROLE_ACCOUNTABLE,
        **reporting,
    )
    partners = {}
    for partnership in program.country_partnerships.select_related("focal_point").prefetch_related(
        "key_partners"
    ):
        for organisation in [partnership.focal_point, *partnership.key_partners.all()]:
            if organisation is not None:
                partners[organisation.pk] = organisation
    for organisation in sorted(partners.values(), key=lambda o: o.name):
        attributes = {"role": ROLE_IMPLEMENTING}
        if organisation.type in ORGANISATION_TYPE:
            attributes["type"] = ORGANISATION_TYPE[organisation.type]
        _narrative(activity, "participating-org", organisation.name, **attributes)


def _baseline_year(indicator: Indicator, program: Program) -> int | None:
    if indicator.baseline_period:
        try:
            return program.period(indicator.baseline_period).start.year
        except ValueError:
            pass
    return program.starts_on.year if program.starts_on else None


def _indicator(result: ET.Element, row, indicator: Indicator, period: Period) -> None:
    percentage = row.unit.strip().lower() in ("%", "percent", "percentage")
    element = ET.SubElement(
        result, "indicator", measure=MEASURE_PERCENTAGE if percentage else MEASURE_UNIT
    )
    _narrative(element, "title", f"{row.code} {row.title}")
    year = _baseline_year(indicator, indicator.program)
    if row.baseline is not None and year is not None:
        ET.SubElement(element, "baseline", year=str(year), value=_value(row.baseline))
    reported = ET.SubElement(element, "period")
    ET.SubElement(reported, "period-start", {"iso-date": period.start.isoformat()})
    ET.SubElement(reported, "period-end", {"iso-date": period.end.isoformat()})
    if row.target is not None:
        ET.SubElement(reported, "target", value=_value(row.target))
    if row.actual is not None:
        ET.SubElement(reported, "actual", value=_value(row.actual))


def _qualitative_result(activity: ET.Element, outcome: Outcome, rating, period: Period) -> None:
    """An outcome without indicators: its status rating for the period (the `outcomes`
    report's), as a qualitative indicator."""
    result_type = RESULT_IMPACT if outcome.level == Outcome.Level.GOAL else RESULT_OUTCOME
    result = ET.SubElement(activity, "result", type=result_type)
    _narrative(result, "title", f"{outcome} {outcome_title_on(outcome, period.end)}")
    indicator = ET.SubElement(result, "indicator", measure=MEASURE_QUALITATIVE)
    _narrative(indicator, "title", "Performance status")
    if rating is not None and outcome.level == Outcome.Level.INTERMEDIATE:
        reported = ET.SubElement(indicator, "period")
        ET.SubElement(reported, "period-start", {"iso-date": period.start.isoformat()})
        ET.SubElement(reported, "period-end", {"iso-date": period.end.isoformat()})
        actual = ET.SubElement(reported, "actual")
        text = rating.status + (f": {rating.justification}" if rating.justification else "")
        _narrative(actual, "comment", text)


def _results(activity: ET.Element, program: Program, period: Period) -> None:
    """One result per outcome and level (output or outcome) with the outcome's indicators;
    an indicator tied to no outcome is a result of its own. An outcome without indicators
    (the schema requires one in every result) gets a qualitative one: its status rating."""
    indicators = {
        i.code: i for i in Indicator.objects.filter(program=program).select_related("outcome")
    }
    grouped: dict[tuple, list] = defaultdict(list)
    for row in queries.indicator_progress(program, period):
        indicator = indicators[row.code]
        key = (indicator.outcome_id or f"indicator {row.code}", indicator.level)
        grouped[key].append((row, indicator))
    outcomes = {o.pk: o for o in Outcome.objects.filter(program=program) if o.stood_during(period)}
    for outcome in outcomes.values():
        if not any(key[0] == outcome.pk for key in grouped):
            grouped[(outcome.pk, None)] = []
    order = {Outcome.Level.GOAL: 0, Outcome.Level.END_OF_PROGRAM: 1, Outcome.Level.INTERMEDIATE: 2}

    def sort_key(key):
        outcome = outcomes.get(key[0])
        if outcome is None:
            return (3, 0, str(key[0]), RESULT_TYPE[key[1]])
        return (order[outcome.level], outcome.number, "", RESULT_TYPE.get(key[1], ""))

    ratings = {row.number: row for row in queries.outcome_status(program, period)}
    for key in sorted(grouped, key=sort_key):
        outcome = outcomes.get(key[0])
        if key[1] is None:
            _qualitative_result(activity, outcome, ratings.get(outcome.number), period)
            continue
        result = ET.SubElement(activity, "result", type=RESULT_TYPE[key[1]])
        if outcome is None:
            row = grouped[key][0][0]
            _narrative(result, "title", f"{row.code} {row.title}")
        else:
            _narrative(result, "title", f"{outcome} {outcome_title_on(outcome, period.end)}")
        for row, indicator in grouped[key]:
            _indicator(result, row, indicator, period)


def iati_activities(program: Program, period: Period, *, now: dt.datetime | None = None) -> bytes:
    """The program as an IATI 2.03 `iati-activities` document with one activity whose
    results carry PERIOD's targets and actuals. Raises IatiError when the program has no
    start date (IATI needs an activity date)."""
    if program.starts_on is None:
        raise IatiError(
            f"program {program.code!r} has no start date, which IATI requires: set starts_on "
            "in the program file or on the program's settings page"
        )
    now = (now or timezone.now()).replace(microsecond=0)
    root = ET.Element(
        "iati-activities", version=IATI_VERSION, **{"generated-datetime": now.isoformat()}
    )
    activity = ET.SubElement(
        root, "iati-activity", {"last-updated-datetime": now.isoformat(), XML_LANG: "en"}
    )
    ET.SubElement(activity, "iati-identifier").text = activity_identifier(program)
    _narrative(
        activity,
        "reporting-org",
        settings.CTIP_IATI_ORG_NAME,
        ref=settings.CTIP_IATI_ORG_REF,
        type=settings.CTIP_IATI_ORG_TYPE,
    )
    _narrative(activity, "title", program.name)
    _narrative(activity, "description", program.blurb or program.name, type="1")
    _participants(activity, program)
    ET.SubElement(activity, "activity-status", code=activity_status(program, timezone.localdate()))
    ET.SubElement(
        activity,
        "activity-date",
        {"type": PLANNED_START, "iso-date": program.starts_on.isoformat()},
    )
    if program.ends_on:
        ET.SubElement(
            activity,
            "activity-date",
            {"type": PLANNED_END, "iso-date": program.ends_on.isoformat()},
        )
    _places(activity, program, period)
    ET.SubElement(
        activity, "sector", code=SECTOR_CODE, vocabulary=SECTOR_VOCABULARY, percentage="100"
    )
    _results(activity, program, period)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
