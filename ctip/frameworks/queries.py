"""The numbers of a partner framework, for every page, command and file that shows them:
reporting rates per round, values with parent units' roll-ups, an indicator across rounds."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .models import Framework, Round, UnitReport, Value

# Values that count: reports submitted or approved (a draft is not sent yet; a returned report
# is being corrected, so its values wait for the next submission).
COUNTED = (UnitReport.Status.SUBMITTED, UnitReport.Status.APPROVED)


@dataclass
class UnitRate:
    unit: str
    name: str
    expected: int
    submitted: int
    on_time: int
    approved: int
    status: str


def reporting_rates(round_: Round) -> list[UnitRate]:
    """One row per unit expected to report in the round: did it submit, on time (its first
    submission no later than the due date), is its report approved."""
    rows = []
    for report in round_.reports.select_related("unit").order_by("unit__order"):
        rows.append(
            UnitRate(
                unit=report.unit.code,
                name=report.unit.name,
                expected=1,
                submitted=int(report.submitted),
                on_time=int(report.on_time),
                approved=int(report.status == UnitReport.Status.APPROVED),
                status=report.status,
            )
        )
    return rows


@dataclass
class FrameworkValue:
    indicator: str
    unit: str
    category: str  # "" for the total
    value: str
    rolled_up: bool = False


def _number(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def framework_values(round_: Round) -> list[FrameworkValue]:
    """Every counted value of the round, indicator by indicator in the template's order,
    units in the framework's order, then each parent unit's roll-up: counts summed, percentages
    and levels averaged over the units that gave one, yes/no as the number of units answering
    yes; text is not rolled up."""
    framework = round_.framework
    units = list(framework.units.all())
    order = {unit.pk: index for index, unit in enumerate(units)}
    cells: dict[tuple[str, int, str], Value] = {}
    for cell in Value.objects.filter(
        report__round=round_, report__status__in=COUNTED
    ).select_related("indicator", "report"):
        if cell.value != "":
            cells[(cell.indicator.code, cell.report.unit_id, cell.category)] = cell
    children: dict[int, list[int]] = {}
    for unit in units:
        if unit.parent_id:
            children.setdefault(unit.parent_id, []).append(unit.pk)

    def leaves(unit_id: int) -> list[int]:
        below = children.get(unit_id)
        if not below:
            return [unit_id]
        return [leaf for child in below for leaf in leaves(child)]

    rows: list[FrameworkValue] = []
    by_pk = {unit.pk: unit for unit in units}
    for entry in round_.template:
        code, kind = entry["code"], entry["type"]
        categories = ["", *(c for _d, c in entry["categories"])]
        for unit in sorted(units, key=lambda u: order[u.pk]):
            if unit.pk in children:
                continue
            for category in categories:
                cell = cells.get((code, unit.pk, category))
                if cell is not None:
                    rows.append(FrameworkValue(code, unit.code, category, cell.value))
        if kind == "text":
            continue
        for unit in units:
            if unit.pk not in children:
                continue
            for category in categories:
                found = [
                    cells[(code, leaf, category)]
                    for leaf in leaves(unit.pk)
                    if (code, leaf, category) in cells
                ]
                if not found:
                    continue
                if kind == "yes/no":
                    value = str(sum(1 for cell in found if cell.value == "yes"))
                else:
                    numbers = [cell.number() for cell in found]
                    numbers = [n for n in numbers if n is not None]
                    if not numbers:
                        continue
                    total = sum(numbers, Decimal(0))
                    value = _number(total if kind == "number" else total / len(numbers))
                rows.append(FrameworkValue(code, by_pk[unit.pk].code, category, value, True))
    return rows


def indicator_trend(framework: Framework, code: str, unit_code: str | None = None):
    """(period, value) per round for an indicator: one unit's, or the sum (counts) / mean
    (percentages, levels) over the units that gave one."""
    trend = []
    for round_ in framework.rounds.all():
        cells = Value.objects.filter(
            report__round=round_,
            report__status__in=COUNTED,
            indicator__code=code,
            category="",
        ).select_related("report__unit", "indicator")
        if unit_code:
            cells = cells.filter(report__unit__code=unit_code)
        numbers = [n for n in (cell.number() for cell in cells) if n is not None]
        if not numbers:
            trend.append((round_.period, None))
            continue
        kind = cells[0].indicator.type
        total = sum(numbers, Decimal(0))
        trend.append((round_.period, total if kind == "number" else total / len(numbers)))
    return trend


def maturity_levels(framework: Framework) -> dict[tuple[str, str], list[tuple[str, int]]]:
    """(domain code, unit code) → [(period, level)] over the approved self-assessments, oldest
    first: a maturity tool's progress."""
    series: dict[tuple[str, str], list[tuple[str, int]]] = {}
    cells = (
        Value.objects.filter(
            report__round__framework=framework,
            report__status=UnitReport.Status.APPROVED,
            category="",
        )
        .select_related("indicator", "report__unit", "report__round")
        .order_by("report__round__starts_on")
    )
    for cell in cells:
        number = cell.number()
        if number is None:
            continue
        key = (cell.indicator.code, cell.report.unit.code)
        series.setdefault(key, []).append((cell.report.round.period, int(number)))
    return series


@dataclass
class SummaryRow:
    indicator: str
    name: str
    reported: int  # units whose counted report gives a value
    expected: int
    value: str  # over the units that gave one (as in the roll-ups)
    previous: str  # the same in the round before, "" when there was none


def _overall(kind: str, values: list[str]) -> str:
    if not values:
        return ""
    if kind == "yes/no":
        return f"{sum(1 for value in values if value == 'yes')} yes"
    if kind == "text":
        return ""
    numbers = [n for n in (Value(value=v).number() for v in values) if n is not None]
    if not numbers:
        return ""
    total = sum(numbers, Decimal(0))
    return _number(total if kind == "number" else total / len(numbers))


def framework_summary(round_: Round) -> list[SummaryRow]:
    """The regional summary a meeting reads: every indicator of the round's template, how
    many units reported it, and its value over them beside the previous round's."""
    previous = (
        round_.framework.rounds.filter(starts_on__lt=round_.starts_on)
        .order_by("-starts_on")
        .first()
    )

    def totals(of: Round | None) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        if of is None:
            return found
        for cell in Value.objects.filter(
            report__round=of, report__status__in=COUNTED, category=""
        ).select_related("indicator"):
            if cell.value != "":
                found.setdefault(cell.indicator.code, []).append(cell.value)
        return found

    now, before = totals(round_), totals(previous)
    expected = round_.reports.count()
    return [
        SummaryRow(
            indicator=entry["code"],
            name=entry["name"],
            reported=len(now.get(entry["code"], [])),
            expected=expected,
            value=_overall(entry["type"], now.get(entry["code"], [])),
            previous=_overall(entry["type"], before.get(entry["code"], [])),
        )
        for entry in round_.template
    ]
