"""The program definition as an xlsx workbook, for teams who live in Excel: one sheet per
section, read into the same shape as the YAML file (ctip.programs.definition).

Sheets (docs/programs.md): program (field | value), projects, outcomes, wordings (earlier
wordings of outcomes), indicators, targets, statements, organisations, countries, key_partners.
A translated column is the English one with the language added: title_th, description_lo.
"""

from __future__ import annotations

import io
import re
import zipfile

from .definition import ProgramFileError, languages

PROGRAM_FIELDS = ("code", "name", "fiscal_year_start_month", "starts_on", "ends_on")
SHEETS = {
    "projects": ("code", "name"),
    "outcomes": ("level", "number", "parent", "title", "since", "introduced_on", "retired_on"),
    "wordings": ("level", "number", "title", "since"),
    "indicators": (
        "code",
        "title",
        "level",
        "unit",
        "disaggregations",
        "outcome",
        "aggregation",
        "computed_as",
        "baseline",
        "baseline_period",
    ),
    "targets": ("indicator", "period", "value"),
    "statements": ("survey", "code", "text", "active"),
    "organisations": ("name", "country", "type", "acronym", "opd"),
    "countries": ("country", "focal_point"),
    "key_partners": ("country", "partner", "partner_country"),
}
TRANSLATED = {"outcomes": "title", "statements": "text"}
# Sheets whose presence makes a section of the definition present.
SECTION_OF = {
    "projects": "projects",
    "outcomes": "outcomes",
    "indicators": "indicators",
    "statements": "statements",
    "organisations": "organisations",
    "countries": "countries",
}
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)


def _cell(value):
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _translated_column(header: str, base: str) -> str | None:
    """The language of a translated column (title_th -> th), "en" for the base column."""
    if header in (base, f"{base}_en"):
        return "en"
    prefix = f"{base}_"
    if header.startswith(prefix) and header[len(prefix) :] in languages():
        return header[len(prefix) :]
    return None


def read_workbook(content: bytes) -> tuple[dict, dict]:
    """The workbook as a definition in the YAML shape, and the sheet and row of every value."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file gets the same plain answer
        raise ProgramFileError(
            ["the file is not an xlsx workbook Excel can open: save it as .xlsx and try again"]
        ) from None
    rows = {}
    for sheet in workbook.worksheets:
        name = sheet.title.strip().lower()
        rows[name] = [
            (number, [_cell(v) for v in row])
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    workbook.close()
    problems: list[str] = []
    known = {"program", *SHEETS}
    for name in rows:
        if name not in known:
            problems.append(f"sheet {name}: not a sheet of a program file ({', '.join(known)})")
    if "program" not in rows:
        problems.append("the workbook has no sheet named program (field | value)")
    if problems:
        raise ProgramFileError(problems)

    data: dict = {}
    places: dict = {}
    for number, row in rows["program"][1:]:
        key, value = (row + [None, None])[:2]
        if key is None and value is None:
            continue
        key = str(key).strip().lower() if key is not None else ""
        place = f"sheet program, row {number}"
        lang = _translated_column(key, "description")
        if lang:
            description = data.setdefault("description", {})
            places[("description",)] = place
            places[("description", lang)] = place
            if value is not None:
                description[lang] = value
            continue
        if key in data:
            problems.append(f"{place}: {key} is given twice")
        data[key or f"(blank in row {number})"] = value
        places[(key,)] = place
    if isinstance(data.get("description"), dict) and set(data["description"]) <= {"en"}:
        data["description"] = data["description"].get("en")

    def records(name: str):
        table = rows.get(name)
        if not table:
            return []
        header = [str(h).strip().lower() if h is not None else "" for h in table[0][1]]
        translated = TRANSLATED.get(name)
        allowed = set(SHEETS[name])
        for column, title in enumerate(header):
            if not title:
                continue
            if title not in allowed and not (translated and _translated_column(title, translated)):
                problems.append(
                    f"sheet {name}, column {column + 1}: {title}: not a column of this sheet; "
                    f"the columns are {', '.join(SHEETS[name])}"
                )
        result = []
        for number, row in table[1:]:
            if all(value is None for value in row):
                continue
            record: dict = {}
            for title, value in zip(header, row, strict=False):
                if not title:
                    continue
                lang = _translated_column(title, translated) if translated else None
                if lang:
                    if value is not None:
                        record.setdefault(translated, {})[lang] = value
                else:
                    record[title] = value
            if translated and isinstance(record.get(translated), dict):
                if set(record[translated]) <= {"en"}:
                    record[translated] = record[translated].get("en")
            result.append((f"sheet {name}, row {number}", record))
        return result

    def place(path: tuple, where: str, record: dict) -> None:
        places[path] = where
        for key in record:
            places[(*path, key)] = where

    for sheet in ("projects", "organisations"):
        if sheet in rows:
            data[sheet] = []
            for where, record in records(sheet):
                place((sheet, len(data[sheet])), where, record)
                data[sheet].append(record)
    if "outcomes" in rows:
        data["outcomes"] = []
        index_of = {}
        for where, record in records("outcomes"):
            path = ("outcomes", len(data["outcomes"]))
            place(path, where, record)
            index_of[(str(record.get("level", "")).lower(), str(record.get("number", "")))] = path
            data["outcomes"].append(record)
        for where, record in records("wordings"):
            key = (str(record.get("level", "")).lower(), str(record.get("number", "")))
            if key not in index_of:
                problems.append(f"{where}: number: {key[0]} {key[1]} is not on the outcomes sheet")
                continue
            outcome = data["outcomes"][index_of[key][1]]
            earlier = outcome.setdefault("earlier", [])
            wording = {k: v for k, v in record.items() if k in ("title", "since")}
            place((*index_of[key], "earlier", len(earlier)), where, wording)
            earlier.append(wording)
    if "indicators" in rows:
        data["indicators"] = []
        index_of = {}
        for where, record in records("indicators"):
            path = ("indicators", len(data["indicators"]))
            place(path, where, record)
            index_of[str(record.get("code", ""))] = record
            data["indicators"].append(record)
        for where, record in records("targets"):
            indicator = index_of.get(str(record.get("indicator", "")))
            if indicator is None:
                problems.append(
                    f"{where}: indicator: {record.get('indicator')} is not on the indicators sheet"
                )
                continue
            path = ("indicators", data["indicators"].index(indicator))
            period = str(record.get("period") or "")
            targets = indicator.setdefault("targets", {})
            if period in targets:
                problems.append(f"{where}: period: {period} is given twice for this indicator")
            targets[period] = record.get("value")
            places[(*path, "targets")] = where
            places[(*path, "targets", period)] = where
    if "statements" in rows:
        data["statements"] = {}
        places[("statements",)] = "sheet statements"
        for where, record in records("statements"):
            survey = str(record.pop("survey", "") or "").lower()
            entries = data["statements"].setdefault(survey or "(blank survey)", [])
            place(("statements", survey, len(entries)), where, record)
            places[("statements", survey or "(blank survey)")] = where
            entries.append(record)
    if "countries" in rows:
        data["countries"] = []
        index_of = {}
        for where, record in records("countries"):
            path = ("countries", len(data["countries"]))
            place(path, where, record)
            index_of[str(record.get("country", "")).upper()] = record
            data["countries"].append(record)
        for where, record in records("key_partners"):
            country = str(record.get("country", "")).upper()
            if country not in index_of:
                problems.append(f"{where}: country: {country} is not on the countries sheet")
                continue
            entry = index_of[country]
            path = ("countries", data["countries"].index(entry), "key_partners")
            partners = entry.setdefault("key_partners", [])
            partner = record.get("partner")
            if record.get("partner_country"):
                partner = {"name": partner, "country": record["partner_country"]}
            places[path] = where
            places[(*path, len(partners))] = where
            partners.append(partner)
    if problems:
        raise ProgramFileError(problems)
    return data, places


def _columns_for(base_columns, translated, records) -> list[str]:
    if not translated:
        return list(base_columns)
    used = [
        lang
        for lang in languages()[1:]
        if any(isinstance(r.get(translated), dict) and lang in r[translated] for r in records)
    ]
    columns = []
    for column in base_columns:
        columns.append(column)
        if column == translated:
            columns += [f"{translated}_{lang}" for lang in used]
    return columns


def _row(columns, record, translated=None) -> list:
    row = []
    for column in columns:
        if translated and _translated_column(column, translated):
            lang = _translated_column(column, translated)
            value = record.get(translated)
            value = (
                value.get(lang) if isinstance(value, dict) else (value if lang == "en" else None)
            )
        else:
            value = record.get(column)
        if isinstance(value, bool):
            value = "yes" if value else "no"
        row.append(value)
    return row


def write_workbook(data: dict) -> bytes:
    """DATA (a definition in the YAML shape, as program_definition gives it) as xlsx bytes;
    the same definition always gives the same bytes."""
    from openpyxl.styles import Font

    from ctip.lib.spreadsheets import new_workbook, xlsx_bytes

    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "program"
    sheet.append(["field", "value"])
    for key in PROGRAM_FIELDS:
        if data.get(key) is not None:
            sheet.append([key, data[key]])
    description = data.get("description")
    if description:
        values = description if isinstance(description, dict) else {"en": description}
        for lang, text in values.items():
            sheet.append(["description" if lang == "en" else f"description_{lang}", text])

    tables = {
        "projects": data.get("projects", []),
        "outcomes": data.get("outcomes", []),
        "wordings": [
            {"level": o["level"], "number": o["number"], **wording}
            for o in data.get("outcomes", [])
            for wording in o.get("earlier", [])
        ],
        "indicators": data.get("indicators", []),
        "targets": [
            {"indicator": i["code"], "period": period, "value": value}
            for i in data.get("indicators", [])
            for period, value in i.get("targets", {}).items()
        ],
        "statements": [
            {"survey": survey, **statement}
            for survey, statements in data.get("statements", {}).items()
            for statement in statements
        ],
        "organisations": data.get("organisations", []),
        "countries": data.get("countries", []),
        "key_partners": [
            {
                "country": c["country"],
                "partner": p if isinstance(p, str) else p["name"],
                "partner_country": None if isinstance(p, str) else p.get("country"),
            }
            for c in data.get("countries", [])
            for p in c.get("key_partners", [])
        ],
    }
    bold = Font(bold=True)
    for name, records in tables.items():
        sheet = workbook.create_sheet(name)
        translated = TRANSLATED.get(name)
        columns = _columns_for(SHEETS[name], translated, records)
        sheet.append(columns)
        for record in records:
            sheet.append(_row(columns, record, translated))
        for cell in sheet[1]:
            cell.font = bold
    return _stable(xlsx_bytes(workbook))


def _stable(content: bytes) -> bytes:
    """The same workbook always as the same bytes: fixed times in the zip and properties."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>2000-01-01T00:00:00Z\g<2>",
                    data,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)
    return out.getvalue()
