"""IOM's Human Trafficking Case Data Standard 2.0 in and out: the Excel template and exports of
the standard's XLSForm, read into case values; cases written back into the template.

Everything about the standard is read from its own files, shipped unchanged in
ctip/cases/standards/htcds-2.0/ (CC BY 4.0):
- the Excel template: field names in row 1 (`prs_Gender`), labels in row 2, data from row 3,
  columns B to AM; column A carries no field name and the template numbers its rows there:
  it holds the agency's case reference (the template's 1, 2, 3 … until an agency writes its
  own). Row 1 is the key: the mailing-address labels are not in the order of their field
  names, and column AJ has a label ("Reason for Outgoing Referral") but no field name, so it
  is read by its label as `cas_ReasonForOutgoingReferral`;
- the XLSForm: which fields are picklists, their value names and labels (labels carry
  trailing no-break spaces, one value name a trailing space: both are stripped), and its
  question names, which differ from the template's (`prs_First_Name` / `prs_FirstName`,
  `vic_Methods_of_Control`, `vic_TraffickingStatusDecisionMakingOrg` spelt with the g the
  template's row 1 lacks).

A picklist cell takes a value name or its label (any case); several values are separated by
";" (the template's multi-select picklists) or "," — an XLSForm export's space-separated value
names are read too. docs/cases-exchange.md.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

STANDARD = Path(__file__).parent / "standards" / "htcds-2.0"
TEMPLATE = STANDARD / "HTCDS Excel Spreadsheet v2.0.xlsx"
XLSFORM = STANDARD / "htcds_xlsform.xlsx"
FIRST_DATA_ROW = 3
REFERENCE_COLUMN = 1  # A
OUTGOING_REASON = "cas_ReasonForOutgoingReferral"
# Names one file spells one way and the other another way (compared without _ and case).
ALIASES = {"victraffickinstatusdecisionmakingorg": "victraffickingstatusdecisionmakingorg"}
FORMULA_STARTS = ("=", "+", "-", "@")


class HtcdsError(ValueError):
    """A file that is not the template or an XLSForm export, or values it cannot hold."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def name_key(name: str) -> str:
    """A field name compared across the template and the XLSForm."""
    key = re.sub(r"[\s_]+", "", name or "").casefold()
    return ALIASES.get(key, key)


def _clean(text) -> str:
    return str(text).replace("\u00a0", " ").strip() if text is not None else ""


@dataclass(frozen=True)
class Column:
    """One column of the template."""

    index: int  # 1-based, as openpyxl counts (B = 2)
    field: str  # the HTCDS field name
    label: str

    @property
    def letter(self) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(self.index)


@dataclass(frozen=True)
class Picklist:
    """A picklist of the XLSForm: value names and their labels."""

    list_name: str
    multiple: bool
    names: tuple[str, ...]
    labels: dict[str, str] = field(default_factory=dict)  # name → label

    def value_of(self, written: str) -> str | None:
        """The value name WRITTEN stands for (a name or a label, any case), or None."""
        wanted = _clean(written).casefold()
        for name in self.names:
            if wanted in (name.casefold(), self.labels.get(name, "").casefold()):
                return name
        return None


@functools.cache
def template_columns() -> tuple[Column, ...]:
    """The template's columns, read from its rows 1 and 2."""
    from openpyxl import load_workbook

    sheet = load_workbook(TEMPLATE, read_only=True).worksheets[0]
    names, labels = (list(row) for row in sheet.iter_rows(min_row=1, max_row=2, values_only=True))
    columns = []
    for index, (name, label) in enumerate(zip(names, labels, strict=False), start=1):
        if index == REFERENCE_COLUMN:
            continue
        name, label = _clean(name), _clean(label)
        if not name and label.casefold() == "reason for outgoing referral":
            name = OUTGOING_REASON
        if name:
            columns.append(Column(index, name, label))
    return tuple(columns)


@functools.cache
def _xlsform() -> tuple[dict[str, Picklist], dict[str, str], list[tuple[str, str]]]:
    """(picklists by field key, XLSForm question name by field key, (label, key) in order)."""
    from openpyxl import load_workbook

    book = load_workbook(XLSFORM, read_only=True)
    survey = list(book["survey"].iter_rows(values_only=True))
    choices = list(book["choices"].iter_rows(values_only=True))
    by_list: dict[str, list[tuple[str, str]]] = {}
    for list_name, name, label in (row[:3] for row in choices[1:]):
        if list_name and name:
            by_list.setdefault(_clean(list_name), []).append((_clean(name), _clean(label)))
    picklists, questions, labels = {}, {}, []
    for row in survey[1:]:
        kind, name, label = (_clean(value) for value in row[:3])
        if not name or kind in ("start", "end", "calculate"):
            continue
        key = name_key(name)
        questions[key] = name
        if label:
            labels.append((label, key))
        if kind.startswith(("select_one ", "select_multiple ")):
            list_name = kind.split()[1]
            values = by_list.get(list_name, [])
            picklists[key] = Picklist(
                list_name,
                kind.startswith("select_multiple"),
                tuple(name for name, _ in values),
                {name: label for name, label in values},
            )
    return picklists, questions, labels


def picklist(field_name: str) -> Picklist | None:
    """The picklist of FIELD_NAME (template or XLSForm spelling), if it is one."""
    return _xlsform()[0].get(name_key(field_name))


# -- values ---------------------------------------------------------------------------------


DATE_FIELDS = {"prsbirthdate", "casincomingreferraldate", "casoutgoingreferraldate"}
CONSENT_FIELD = "conconsent"
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n"}


def _text(value) -> str:
    text = _clean(value) if not isinstance(value, float | int) else _number_text(value)
    # a cell our own export quoted against formula injection (ctip/lib/spreadsheets.py)
    if text.startswith("'") and text[1:2] in FORMULA_STARTS:
        text = text[1:]
    return text


def _number_text(value) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for pattern in ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text[: len("2000-01-01T00:00:00")], pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise ValueError(_("“%(value)s” is not a date (write 2024-07-31)") % {"value": text})


def _consent(value) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(_("“%(value)s” is not TRUE or FALSE (Yes or No)") % {"value": _text(value)})


def _picked(choices: Picklist, value) -> str | list[str]:
    text = _text(value)
    if not choices.multiple:
        name = choices.value_of(text)
        if name is None:
            raise ValueError(_unknown(choices, text))
        return name
    parts = [part for part in re.split(r"[;,]", text) if part.strip()]
    names = []
    for part in parts:
        name = choices.value_of(part)
        if name is None:  # an XLSForm export: value names separated by spaces
            words = part.split()
            found = [choices.value_of(word) for word in words]
            if not words or None in found:
                raise ValueError(_unknown(choices, part.strip()))
            names += found
        else:
            names.append(name)
    return list(dict.fromkeys(names))


def _unknown(choices: Picklist, text: str) -> str:
    shown = ", ".join(choices.names[:12]) + (" …" if len(choices.names) > 12 else "")
    return _("“%(value)s” is not one of the standard's values (%(values)s)") % {
        "value": text,
        "values": shown,
    }


def read_value(field_name: str, value):
    """The value of one cell of FIELD_NAME: a date, a bool (consent), a value name or a list
    of them (picklists), or text. Raises ValueError saying what is wrong."""
    key = name_key(field_name)
    if key in DATE_FIELDS:
        return _date(value)
    if key == CONSENT_FIELD:
        return _consent(value)
    choices = picklist(field_name)
    if choices is not None:
        return _picked(choices, value)
    return _text(value)


def written_value(field_name: str, value):
    """The cell for VALUE of FIELD_NAME in the template: value names, ";" between several."""
    if value in (None, "", []):
        return None
    if isinstance(value, list):
        return ";".join(value)
    return value


# -- reading files --------------------------------------------------------------------------


@dataclass
class HtcdsRow:
    """One case as a file gives it: its reference, the row it came from, and the values of the
    fields present (HTCDS template names as keys)."""

    number: int
    reference: str
    values: dict


@dataclass
class HtcdsFile:
    kind: str  # "template" or "xlsform"
    fields: list[str]  # the HTCDS fields (template names) the file has columns for
    rows: list[HtcdsRow]


def _template_name(key: str) -> str | None:
    for column in template_columns():
        if name_key(column.field) == key:
            return column.field
    return None


def _cell_name(column_index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column_index)


def read_file(content: bytes, file_name: str) -> HtcdsFile:
    """The cases in CONTENT: the HTCDS template (or a copy of it with rows added) or an export
    of the HTCDS XLSForm (KoboToolbox or ODK Central, csv or xlsx, value names or labels).
    Raises HtcdsError listing every problem by row and column; nothing is read half."""
    from ctip.imports.formats import CENTRAL_META, FORM_META, KOBO_META, RESPONSE_IDS, unpack
    from ctip.imports.readers import UnreadableFile, read_sheet

    try:
        content, file_name = unpack(content, file_name)
        sheet = read_sheet(content, file_name)
        header = [_clean(cell) for cell in sheet.header]
        rows = list(sheet.rows)
    except UnreadableFile as error:
        raise HtcdsError([str(error)]) from None
    template_keys = {name_key(column.field) for column in template_columns()}
    labels = _xlsform()[2]
    columns: dict[int, str] = {}  # 0-based position → template field name
    unknown, reference_at = [], None
    label_queue = list(labels)
    for position, written in enumerate(header):
        if not written:
            continue
        bare = re.split(r"[/\-]", written)[-1] if not written.startswith("_") else written
        key = name_key(bare)
        if key in template_keys or _template_name(key):
            columns[position] = _template_name(key) or written
        elif written.casefold() in RESPONSE_IDS and reference_at is None:
            reference_at = position
        elif (
            written.casefold() in KOBO_META | CENTRAL_META | FORM_META
            or written.startswith("_")
            or "/" in written
            and name_key(written.split("/")[0]) in template_keys  # Kobo's one column per choice
        ):
            continue
        else:
            match = next(
                (item for item in label_queue if item[0].casefold() == written.casefold()), None
            )
            if match and _template_name(match[1]):
                label_queue.remove(match)
                columns[position] = _template_name(match[1])
            else:
                unknown.append(written)
    is_template = bool(rows) and header[:1] in ([""], []) and _is_label_row(rows[0][1], columns)
    if not columns:
        raise HtcdsError(
            [
                _(
                    "no HTCDS field names in the first row: this is not the HTCDS template "
                    "or an export of its XLSForm"
                )
            ]
        )
    if unknown:
        raise HtcdsError(
            [
                _("row 1: columns that are not HTCDS fields: %(columns)s")
                % {"columns": ", ".join(unknown)}
            ]
        )
    if is_template:
        labels_row = rows[0][1]
        for position, written in enumerate(header):
            label = _clean(labels_row[position]) if position < len(labels_row) else ""
            if not written and label.casefold() == "reason for outgoing referral":
                columns[position] = OUTGOING_REASON  # the template's column without a name
        rows, reference_at = rows[1:], 0
    elif reference_at is None:
        raise HtcdsError(
            [
                _(
                    "no case reference: an XLSForm export needs its _uuid (KoboToolbox) or "
                    "KEY / meta-instanceID (ODK Central) column"
                )
            ]
        )
    problems, cases, seen = [], [], {}
    for number, cells in rows:
        cells = list(cells) + [None] * (len(header) - len(cells))
        values = {}
        for position, field_name in columns.items():
            value = cells[position]
            if value is None or _clean(value) == "":
                continue
            try:
                values[field_name] = read_value(field_name, value)
            except ValueError as error:
                problems.append(
                    _("row %(row)s, column %(column)s (%(field)s): %(problem)s")
                    % {
                        "row": number,
                        "column": _cell_name(position + 1),
                        "field": field_name,
                        "problem": error,
                    }
                )
        if not values:
            continue  # the template's numbered empty rows
        reference = _text(cells[reference_at]) if cells[reference_at] is not None else ""
        if not reference:
            problems.append(
                _("row %(row)s, column %(column)s: no case reference")
                % {"row": number, "column": _cell_name(reference_at + 1)}
            )
        elif reference in seen:
            problems.append(
                _(
                    "row %(row)s, column %(column)s: case reference %(reference)s is also "
                    "in row %(other)s"
                )
                % {
                    "row": number,
                    "column": _cell_name(reference_at + 1),
                    "reference": reference,
                    "other": seen[reference],
                }
            )
        else:
            seen[reference] = number
        cases.append(HtcdsRow(number, reference, values))
    if problems:
        raise HtcdsError(problems)
    return HtcdsFile("template" if is_template else "xlsform", list(columns.values()), cases)


def _is_label_row(cells, columns: dict[int, str]) -> bool:
    labels = {column.field: column.label.casefold() for column in template_columns()}
    written = [_clean(cells[p]).casefold() for p in columns if p < len(cells) and cells[p]]
    expected = [labels.get(columns[p], "") for p in columns if p < len(cells) and cells[p]]
    return (
        bool(written)
        and sum(a == b for a, b in zip(written, expected, strict=True)) >= len(written) / 2
    )


# -- writing the template -------------------------------------------------------------------


def template_bytes(cases: list[tuple[str, dict]]) -> bytes:
    """The HTCDS template with CASES (reference, {field: value}) from row 3, in the order
    given: the standard's own file, its header rows, styles and row numbering kept."""
    from openpyxl import load_workbook

    from ctip.lib.spreadsheets import xlsx_bytes

    book = load_workbook(TEMPLATE)
    sheet = book.worksheets[0]
    for offset, (reference, values) in enumerate(cases):
        row = FIRST_DATA_ROW + offset
        sheet.cell(row=row, column=REFERENCE_COLUMN, value=_reference_cell(reference))
        for column in template_columns():
            cell = sheet.cell(row=row, column=column.index)
            cell.value = written_value(column.field, values.get(column.field))
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    return xlsx_bytes(book)


def _reference_cell(reference: str):
    # the template's own numbering stays a number
    return int(reference) if reference.isdigit() and not reference.startswith("0") else reference
