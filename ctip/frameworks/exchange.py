"""Values in and out of a framework: DHIS2 `dataValueSets` JSON (in and out) and a unit's xlsx
reporting template (out, filled in, back in). Imports are all-or-nothing: every bad value is
named (`dataValues[12]: ...`, `row 7, column "value": ...`) and nothing is written when any is.

DHIS2 mapping: dataElement = indicator code, orgUnit = unit code, period = the round's period
in DHIS2 ISO form, categoryOptionCombo = a disaggregation category (empty or "default" for
the total), value, comment. A unit whose values arrive with a `completeDate` has submitted on
that date (on time when no later than the round's due date).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field

from django.db import transaction

from ctip.lib.periods import PeriodError
from ctip.lib.spreadsheets import safe_row, write_text_cells

from . import access
from .actions import (
    ReportInvalid,
    do_open_round,
    do_save_values,
    do_submit_report,
    normalise_value,
)
from .models import Framework, Round, UnitReport

TOTAL_COMBOS = {"", "default", "total"}
TEMPLATE_COLUMNS = ("indicator", "name", "type", "category", "value", "comment", "narrative")


class ExchangeError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class _Batch:
    """The values of one unit for one period, with where each came from in the file."""

    unit: object
    period: str
    cells: dict = field(default_factory=dict)  # (code, category) → (value, comment)
    narratives: dict = field(default_factory=dict)
    where: dict = field(default_factory=dict)  # (code, category) → "dataValues[3]"
    complete_on: dt.date | None = None
    complete_where: str = ""


@dataclass
class ImportResult:
    reports: int = 0
    values_changed: int = 0
    submitted: int = 0
    unchanged: int = 0


def import_values(framework: Framework, content: bytes, file_name: str, actor, *, submit=False):
    """Import a DHIS2 dataValueSet (.json) or a filled reporting template (.xlsx)."""
    if file_name.lower().endswith(".json"):
        batches = _read_dhis2(framework, content)
    elif file_name.lower().endswith(".xlsx"):
        batches = _read_template(framework, content, file_name, submit=submit)
    else:
        raise ExchangeError(
            [f"{file_name}: give a DHIS2 dataValueSet (.json) or a reporting template (.xlsx)"]
        )
    return _apply(framework, batches, actor)


def _read_dhis2(framework: Framework, content: bytes) -> list[_Batch]:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ExchangeError([f"not DHIS2 JSON: {error}"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("dataValues"), list):
        raise ExchangeError(['not a DHIS2 dataValueSet: it needs a "dataValues" list'])
    problems: list[str] = []
    indicators = {i.code: i for i in framework.indicators.all()}
    units = {u.code: u for u in framework.units.filter(retired=False)}
    complete_on = None
    if data.get("completeDate"):
        try:
            complete_on = dt.date.fromisoformat(str(data["completeDate"])[:10])
        except ValueError:
            problems.append(f"completeDate: {data['completeDate']!r} is not a date")
    batches: dict[tuple, _Batch] = {}
    for index, entry in enumerate(data["dataValues"]):
        where = f"dataValues[{index}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}: not an object")
            continue
        code = str(entry.get("dataElement", "")).strip()
        unit_code = str(entry.get("orgUnit", data.get("orgUnit", ""))).strip()
        period_label = str(entry.get("period", data.get("period", ""))).strip()
        combo = str(entry.get("categoryOptionCombo", "") or "").strip()
        indicator = indicators.get(code)
        if indicator is None:
            problems.append(
                f'{where}: dataElement "{code}" is not an indicator of {framework.code}'
            )
            continue
        unit = units.get(unit_code)
        if unit is None:
            problems.append(f'{where}: orgUnit "{unit_code}" is not a unit of {framework.code}')
            continue
        if not unit.reports_itself:
            problems.append(
                f'{where}: orgUnit "{unit_code}" rolls up its units and does not report itself'
            )
            continue
        try:
            period = framework.period(period_label)
        except PeriodError as error:
            problems.append(f"{where}: period {error}")
            continue
        category = "" if combo.lower() in TOTAL_COMBOS else combo
        if category and category not in {c for _d, c in indicator.categories()}:
            allowed = ", ".join(c for _d, c in indicator.categories()) or "none"
            problems.append(
                f'{where}: categoryOptionCombo "{combo}" is not a disaggregation of '
                f'"{code}" (categories: {allowed})'
            )
            continue
        batch = batches.setdefault((unit.code, period.label), _Batch(unit, period.label))
        if (code, category) in batch.cells:
            problems.append(
                f'{where}: "{code}" {category or "total"} for {unit.code} {period.label} '
                f"is also in {batch.where[(code, category)]}"
            )
            continue
        batch.cells[(code, category)] = (entry.get("value"), str(entry.get("comment") or ""))
        batch.where[(code, category)] = where
        entry_complete = entry.get("completeDate")
        if entry_complete:
            try:
                batch.complete_on = dt.date.fromisoformat(str(entry_complete)[:10])
            except ValueError:
                problems.append(f"{where}: completeDate {entry_complete!r} is not a date")
        elif complete_on:
            batch.complete_on = complete_on
        batch.complete_where = batch.complete_where or where
    _check_values(framework, batches.values(), problems)
    if problems:
        raise ExchangeError(problems)
    return list(batches.values())


def _check_values(framework, batches, problems: list[str]) -> None:
    """Types and ranges of each value, placed where it came from."""
    indicators = {i.code: i for i in framework.indicators.all()}
    levels = [level["level"] for level in framework.levels]
    for batch in batches:
        for (code, category), (value, _comment) in batch.cells.items():
            stored, problem = normalise_value(indicators[code].type, value, levels)
            if problem:
                label = f'"{code}"' + (f" {category}" if category else "")
                problems.append(f"{batch.where[(code, category)]}: {label} {stored} {problem}")


def _apply(framework: Framework, batches: list[_Batch], actor) -> ImportResult:
    result = ImportResult()
    problems: list[str] = []
    with transaction.atomic():
        for batch in batches:
            round_ = Round.objects.filter(framework=framework, period=batch.period).first()
            if round_ is None:
                round_ = do_open_round(framework, batch.period)
            report, _ = UnitReport.objects.get_or_create(round=round_, unit=batch.unit)
            first = next(iter(batch.where.values()), batch.complete_where)
            if not access.can_fill(actor, report):
                problems.append(f"{first}: you do not report for {batch.unit.code}")
                continue
            known = {c["code"] for c in round_.template}
            for (code, _category), where in batch.where.items():
                if code not in known:
                    problems.append(
                        f'{where}: "{code}" was not part of the {batch.period} round\'s template'
                    )
            cells = [
                (code, category, _text(value), comment)
                for (code, category), (value, comment) in batch.cells.items()
            ]
            if not report.editable:
                stored = {
                    (v.indicator.code, v.category): (v.value, v.comment)
                    for v in report.values.select_related("indicator")
                }
                levels = [lv["level"] for lv in framework.levels]
                types = {c["code"]: c["type"] for c in round_.template}
                same = all(
                    stored.get((code, category))
                    == (normalise_value(types.get(code, "text"), value, levels)[0], comment)
                    for code, category, value, comment in cells
                )
                if same:
                    result.unchanged += 1
                    continue
                problems.append(
                    f"{first}: the {batch.period} report of {batch.unit.code} is "
                    f"{report.get_status_display().lower()}; ask a reviewer to return it first"
                )
                continue
            if problems:
                continue
            result.reports += 1
            result.values_changed += do_save_values(report, actor, cells, batch.narratives)
            if batch.complete_on:
                try:
                    do_submit_report(report, actor, on=batch.complete_on, via="import")
                    result.submitted += 1
                except ReportInvalid as invalid:
                    for problem in invalid.problems:
                        where = (
                            batch.where.get((problem.indicator, problem.category))
                            or batch.where.get((problem.indicator, ""))
                            or next(
                                (w for (c, _k), w in batch.where.items() if c == problem.indicator),
                                batch.complete_where,
                            )
                        )
                        problems.append(f"{where}: {problem}")
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise ExchangeError(problems)
    return result


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def export_dhis2(framework: Framework, period_label: str, reports) -> dict:
    """The submitted values of REPORTS (one round) as a DHIS2 dataValueSet."""
    values = []
    for report in reports:
        if not report.submitted:
            continue
        complete = report.first_submitted_on.isoformat()
        for cell in report.values.select_related("indicator").order_by(
            "indicator__order", "category"
        ):
            if cell.value == "":
                continue
            entry = {
                "dataElement": cell.indicator.code,
                "period": period_label,
                "orgUnit": report.unit.code,
                "categoryOptionCombo": cell.category or "default",
                "value": cell.value,
            }
            if cell.comment:
                entry["comment"] = cell.comment
            entry["completeDate"] = complete
            values.append(entry)
    return {"dataSet": framework.code, "period": period_label, "dataValues": values}


# --- the unit's xlsx reporting template ---------------------------------------------------------


def template_workbook(report: UnitReport) -> bytes:
    """The report as a workbook the focal point fills in: one row per value (totals and
    their disaggregations), the current values in it."""
    from openpyxl.worksheet.datavalidation import DataValidation

    from ctip.lib.spreadsheets import new_workbook, xlsx_bytes

    round_ = report.round
    cells = {(v.indicator.code, v.category): v for v in report.values.select_related("indicator")}
    narratives = {n.indicator.code: n.text for n in report.narratives.select_related("indicator")}
    book = new_workbook()
    sheet = book.active
    sheet.title = "report"
    sheet.append(list(TEMPLATE_COLUMNS))
    for entry in round_.template:
        for category in ["", *(c for _d, c in entry["categories"])]:
            cell = cells.get((entry["code"], category))
            sheet.append(
                safe_row(
                    [
                        entry["code"],
                        entry["name"] if not category else "",
                        entry["type"],
                        category,
                        cell.value if cell else "",
                        cell.comment if cell else "",
                        narratives.get(entry["code"], "") if not category else "",
                    ]
                )
            )
            write_text_cells(sheet[sheet.max_row])
    yes_no = DataValidation(type="list", formula1='"yes,no"', allow_blank=True)
    sheet.add_data_validation(yes_no)
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 3).value == "yes/no":
            yes_no.add(sheet.cell(row, 5))
    for column, width in zip("ABCDEFG", (10, 60, 12, 16, 14, 40, 60), strict=True):
        sheet.column_dimensions[column].width = width
    about = book.create_sheet("about")
    for row in (
        ("framework", round_.framework.code),
        ("period", round_.period),
        ("unit", report.unit.code),
        ("unit name", report.unit.name),
        ("due on", round_.due_on.isoformat()),
    ):
        about.append(safe_row(row))
        write_text_cells(about[about.max_row])
    return xlsx_bytes(book)


def _read_template(framework: Framework, content: bytes, file_name: str, *, submit: bool):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 (openpyxl raises many kinds for a bad file)
        raise ExchangeError(
            [f"{file_name}: not an xlsx workbook ({type(error).__name__})"]
        ) from None
    if "report" not in book.sheetnames or "about" not in book.sheetnames:
        raise ExchangeError(
            [
                f"{file_name}: not a reporting template (it needs the sheets report and about); "
                "download the unit's template from its report page"
            ]
        )
    about = {
        str(row[0]).strip(): str(row[1]).strip()
        for row in book["about"].iter_rows(values_only=True)
        if row and row[0] is not None and len(row) > 1 and row[1] is not None
    }
    problems: list[str] = []
    if about.get("framework") != framework.code:
        raise ExchangeError(
            [f'sheet "about": the template is for {about.get("framework")!r}, not {framework.code}']
        )
    unit = framework.units.filter(code=about.get("unit", ""), retired=False).first()
    if unit is None:
        raise ExchangeError([f'sheet "about": unit {about.get("unit")!r} is not a unit'])
    try:
        period = framework.period(about.get("period", ""))
    except PeriodError as error:
        raise ExchangeError([f'sheet "about", period: {error}']) from None
    rows = book["report"].iter_rows(values_only=True)
    header = [str(v or "").strip().lower() for v in next(rows, ())]
    missing = [c for c in ("indicator", "category", "value", "comment") if c not in header]
    if missing:
        raise ExchangeError([f'sheet "report": the columns {", ".join(missing)} are missing'])
    position = {name: header.index(name) for name in TEMPLATE_COLUMNS if name in header}
    indicators = {i.code: i for i in framework.indicators.all()}
    batch = _Batch(unit, period.label)
    for number, row in enumerate(rows, start=2):

        def cell(name, row=row):
            i = position.get(name)
            return row[i] if i is not None and i < len(row) else None

        code = _text(cell("indicator"))
        if not code:
            continue
        where = f"row {number}"
        if code not in indicators:
            problems.append(f'{where}, column "indicator": "{code}" is not an indicator')
            continue
        category = _text(cell("category"))
        if category and category not in {c for _d, c in indicators[code].categories()}:
            problems.append(
                f'{where}, column "category": "{category}" is not a category of "{code}"'
            )
            continue
        batch.cells[(code, category)] = (cell("value"), _text(cell("comment")))
        batch.where[(code, category)] = f'{where}, column "value"'
        if not category and "narrative" in position:
            batch.narratives[code] = _text(cell("narrative"))
    if submit:
        from django.utils import timezone

        batch.complete_on = timezone.localdate()
        batch.complete_where = 'sheet "report"'
    _check_values(framework, [batch], problems)
    if problems:
        raise ExchangeError(problems)
    return [batch]
