"""Files people fill in: an .xlsx template per import source, with a dropdown on every coded
column, and the attendance form as an XLSForm for KoboToolbox/ODK (its exports, with
"XML values and headers", import as they are)."""

from __future__ import annotations

from ctip.countries.models import Country
from ctip.lib.countries import REGIONAL_CODE
from ctip.lib.spreadsheets import new_workbook, safe_cell, xlsx_bytes

from .permissions import import_countries, importable_events
from .sources import ImportSource

TEMPLATE_ROWS = 2000
# Country columns accept any country: their dropdowns suggest, they do not forbid.
LENIENT = {"country", "country_of_origin"}
TEXT_COLUMNS = {"phone"}


def choices(source: ImportSource, program, actor) -> dict[str, list[str]]:
    """The accepted values of each coded column, for this program and user."""
    lists = {column.name: list(column.choices) for column in source.columns if column.choices}
    asean = list(
        Country.objects.filter(is_asean_member=True)
        .order_by("asean_order")
        .values_list("name", flat=True)
    )
    names = {column.name for column in source.columns}
    if "country" in names:
        allowed = import_countries(actor, program)
        countries = Country.objects.filter(is_asean_member=True).order_by("asean_order")
        if allowed is not None:
            countries = countries.filter(code__in=allowed)
        lists["country"] = [c.name for c in countries] + (
            [REGIONAL_CODE] if allowed is None else []
        )
    if "country_of_origin" in names:
        lists["country_of_origin"] = asean
    if "project" in names:
        lists["project"] = list(program.projects.values_list("code", flat=True))
    if source.kind == "attendance":
        lists["event_id"] = list(
            importable_events(actor, program)
            .order_by("-start_date", "code")
            .values_list("code", flat=True)
        )
    return {name: values for name, values in lists.items() if values}


def template(source: ImportSource, program, actor) -> bytes:
    """An .xlsx with the source's columns as headers, dropdowns and a sheet of help."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = source.kind
    lists = workbook.create_sheet("lists")
    coded = choices(source, program, actor)
    for index, column in enumerate(source.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.name)
        cell.font = Font(bold=True)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, len(column.name) + 4)
        values = coded.get(column.name)
        if values:
            list_column = get_column_letter(_next_free_column(lists))
            lists[f"{list_column}1"] = column.name
            for row, value in enumerate(values, start=2):
                lists[f"{list_column}{row}"] = safe_cell(value)
            validation = DataValidation(
                type="list",
                formula1=f"=lists!${list_column}$2:${list_column}${len(values) + 1}",
                allow_blank=True,
                showErrorMessage=column.name not in LENIENT,
            )
            validation.error = f"Choose a value from the list ({column.name})"
            validation.prompt = column.help or None
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        if column.xlsform_type == "date":
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "yyyy-mm-dd"
        if column.name in TEXT_COLUMNS:
            # Text cells: Excel would read 0812345678 as a number and drop the leading zero.
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet("help")
    guide.append(["column", "required", "also accepted as header", "values"])
    for column in source.columns:
        guide.append(
            [
                column.name,
                "yes" if column.required else "",
                ", ".join(column.aliases),
                ", ".join(coded.get(column.name, [])[:30]),
            ]
        )
    return xlsx_bytes(workbook)


def _next_free_column(sheet) -> int:
    if sheet.max_column == 1 and sheet["A1"].value is None:
        return 1
    return sheet.max_column + 1


def xlsform(program, actor) -> bytes:
    """The attendance form as an XLSForm (survey, choices, settings sheets), labelled in
    every language of the program (ctip/imports/xlsforms.py)."""
    from .xlsforms import attendance_form, write_xlsform

    return write_xlsform(attendance_form(program, actor))
