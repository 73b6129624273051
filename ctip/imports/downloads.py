"""Files people fill in: an .xlsx template per import source, with a dropdown on every coded
column, and the attendance form as an XLSForm for KoboToolbox/ODK (its exports, with
"XML values and headers", import as they are)."""

from __future__ import annotations

import io

from ctip.countries.models import Country
from ctip.lib.countries import REGIONAL_CODE
from ctip.lib.spreadsheets import safe_cell, safe_row

from .permissions import import_countries, importable_events
from .sources import SOURCES, ImportSource

TEMPLATE_ROWS = 2000
# Country columns accept any country: their dropdowns suggest, they do not forbid.
LENIENT = {"country", "country_of_origin"}


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
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
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
    return _bytes(workbook)


def _next_free_column(sheet) -> int:
    if sheet.max_column == 1 and sheet["A1"].value is None:
        return 1
    return sheet.max_column + 1


def xlsform(program, actor) -> bytes:
    """The attendance sheet as an XLSForm (survey, choices, settings sheets)."""
    from openpyxl import Workbook

    source = SOURCES["attendance"]
    coded = choices(source, program, actor)
    events = dict(
        importable_events(actor, program).order_by("-start_date").values_list("code", "title")
    )
    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "required", "hint"])
    survey.append(["select_one events", "event_id", "Event", "yes", ""])
    survey.append(["begin_group", "participant", "About you", "", ""])
    questions = [
        ("text", "full_name", "Your name, as you write it", "yes", ""),
        (
            "text",
            "name_latin",
            "Your name in Latin letters",
            "",
            "If you write it in another script",
        ),
        ("select_one sex", "sex", "Sex", "", ""),
        ("select_one countries", "country_of_origin", "Country of origin", "", ""),
        ("text", "organisation", "Organisation", "", ""),
        ("select_one organisation_types", "organisation_type", "Type of organisation", "", ""),
        ("text", "position", "Position", "", ""),
        ("text", "email", "E-mail", "", ""),
        ("text", "phone", "Phone", "", ""),
        ("select_one yes_no", "disability", "Do you identify as a person with disability?", "", ""),
        ("select_one roles", "role", "Your role at the event", "", ""),
    ]
    for question in questions:
        survey.append(list(question))
    survey.append(["end_group", "", "", "", ""])
    survey.append(
        [
            "select_one yes_no",
            "consent",
            "I agree that the program keeps and uses this information to report on its events",
            "yes",
            "",
        ]
    )
    choices_sheet = workbook.create_sheet("choices")
    choices_sheet.append(["list_name", "name", "label"])
    for code, title in events.items():
        choices_sheet.append(safe_row(["events", code, f"{code}: {title}"]))
    for value in coded.get("sex", []):
        choices_sheet.append(["sex", value, value.capitalize()])
    for code, name in (
        Country.objects.exclude(code=REGIONAL_CODE)
        .order_by("asean_order", "name")
        .values_list("code", "name")
    ):
        choices_sheet.append(safe_row(["countries", code, name]))
    for value in coded.get("organisation_type", []):
        choices_sheet.append(["organisation_types", value, value.replace("-", " ").capitalize()])
    for value in ("yes", "no"):
        choices_sheet.append(["yes_no", value, value.capitalize()])
    for value in coded.get("role", []):
        choices_sheet.append(["roles", value, value.replace("-", " ").capitalize()])
    settings = workbook.create_sheet("settings")
    settings.append(["form_title", "form_id", "version"])
    settings.append(
        safe_row([f"{program.name}: attendance", f"ctip_attendance_{program.code}", "1"])
    )
    return _bytes(workbook)


def _bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
