"""The program as a file (docs/programs.md): read a definition from YAML or an xlsx workbook,
check it like an import, and write one back from the database.

A definition is the YAML document's shape as plain Python (dicts, lists, strings, dates);
the workbook is read into the same shape. Every value keeps where it came from (a YAML line,
or a sheet and row) so that each problem names its place and field.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings

LEVELS = ("goal", "eopo", "io")
PARENT_LEVEL = {"goal": None, "eopo": "goal", "io": "eopo"}
SURVEYS = ("feedback", "partner")
INDICATOR_LEVELS = ("output", "outcome")
AGGREGATIONS = ("per-period", "cumulative", "latest")
ORGANISATION_TYPES = (
    "government-national",
    "government-subnational",
    "ngo-cso",
    "international-organisation",
    "regional-organisation",
    "private-sector",
    "academic",
)
TOP_FIELDS = (
    "code",
    "name",
    "fiscal_year_start_month",
    "starts_on",
    "ends_on",
    "description",
    "projects",
    "outcomes",
    "indicators",
    "statements",
    "organisations",
    "countries",
)
PROJECT_FIELDS = ("code", "name")
OUTCOME_FIELDS = (
    "level",
    "number",
    "parent",
    "title",
    "since",
    "earlier",
    "introduced_on",
    "retired_on",
)
WORDING_FIELDS = ("title", "since")
INDICATOR_FIELDS = (
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
    "targets",
)
STATEMENT_FIELDS = ("code", "text", "active")
ORGANISATION_FIELDS = ("name", "country", "type", "acronym", "opd")
COUNTRY_FIELDS = ("country", "focal_point", "key_partners")
PARTNER_FIELDS = ("name", "country")


def languages() -> list[str]:
    """The language codes content may be written in, English first."""
    return [code for code, _name in settings.LANGUAGES]


class ProgramFileError(ValueError):
    """A definition that cannot be loaded: every problem, each with its place and field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Definition:
    """A checked definition: DATA in the YAML shape, with every value normalised."""

    data: dict
    places: dict = field(default_factory=dict, repr=False)


# --- reading ------------------------------------------------------------------------------


def read_definition(content: bytes, filename: str) -> Definition:
    """Read CONTENT (YAML, or xlsx when FILENAME ends in .xlsx) and check it; raises
    ProgramFileError listing every problem found."""
    if filename.lower().endswith(".xlsx"):
        from .workbook import read_workbook

        data, places = read_workbook(content)
    else:
        data, places = read_yaml(content)
    return check_definition(data, places)


def read_yaml(content: bytes) -> tuple[dict, dict]:
    """The YAML document as plain data, and the line of every value (path -> "line N")."""
    import yaml

    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProgramFileError(["the file is not UTF-8 text: save it as UTF-8 YAML"]) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ProgramFileError([f"{where}not valid YAML ({problem})"]) from None
    finally:
        loader.dispose()
    if node is None:
        raise ProgramFileError(["the file is empty"])
    places: dict = {}
    problems: list[str] = []
    data = _plain(loader, node, (), places, problems)
    if problems:
        raise ProgramFileError(problems)
    if not isinstance(data, dict):
        raise ProgramFileError(["line 1: a program file is a mapping (code: ..., name: ...)"])
    return data, places


def _plain(loader, node, path, places, problems):
    import yaml

    places[path] = f"line {node.start_mark.line + 1}"
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int):
                problems.append(f"line {key_node.start_mark.line + 1}: a key must be a word")
                continue
            key = str(key)
            if key in result:
                problems.append(f"line {key_node.start_mark.line + 1}: {key} is given twice")
            result[key] = _plain(loader, value_node, (*path, key), places, problems)
            places[(*path, key)] = f"line {value_node.start_mark.line + 1}"
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _plain(loader, item, (*path, index), places, problems)
            for index, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)


# --- checking -----------------------------------------------------------------------------


class _Checker:
    def __init__(self, places: dict):
        self.places = places
        self.problems: list[str] = []

    def where(self, path: tuple) -> str:
        for end in range(len(path), -1, -1):
            place = self.places.get(path[:end])
            if place:
                return place
        return "the file"

    def error(self, path: tuple, name: str, message: str) -> None:
        self.problems.append(f"{self.where((*path, name))}: {name}: {message}")

    def mapping(self, value, path: tuple, name: str, allowed: tuple) -> dict | None:
        if not isinstance(value, dict):
            self.problems.append(f"{self.where(path)}: {name}: expected fields ({allowed[0]}: …)")
            return None
        for key in value:
            if key not in allowed:
                self.problems.append(
                    f"{self.where((*path, key))}: {key}: not a field of {name}; "
                    f"the fields are {', '.join(allowed)}"
                )
        return value

    def entries(self, data: dict, key: str, path: tuple = ()) -> list:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(path, key, "expected a list (one entry per line starting with -)")
            return []
        return value

    def text(self, entry: dict, path: tuple, name: str, *, required=True, max_length=None):
        value = entry.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(path, name, "required")
            return ""
        if isinstance(value, bool) or isinstance(value, dict | list):
            self.error(path, name, "expected text")
            return ""
        text = str(value).strip()
        if max_length and len(text) > max_length:
            self.error(path, name, f"at most {max_length} characters ({len(text)} given)")
        return text

    def translated(self, entry: dict, path: tuple, name: str, *, required=True, max_length=None):
        """Text, or a mapping language -> text with English in it; returned as a mapping."""
        value = entry.get(name)
        if isinstance(value, dict):
            result = {}
            for lang in value:
                if lang not in languages():
                    self.error(
                        (*path, name),
                        lang,
                        f"not a language of this installation; one of {', '.join(languages())}",
                    )
                    continue
                checked = self.text(value, (*path, name), lang, required=False)
                if max_length and len(checked) > max_length:
                    self.error((*path, name), lang, f"at most {max_length} characters")
                if checked:
                    result[lang] = checked
            if required and not result.get("en"):
                self.error(path, name, "the English text (en) is required")
            return {lang: result[lang] for lang in languages() if lang in result}
        text = self.text(entry, path, name, required=required, max_length=max_length)
        return {"en": text} if text else {}

    def choice(self, entry, path, name, choices, *, default=None):
        value = entry.get(name)
        if value is None or value == "":
            if default is None:
                self.error(path, name, f"required; one of {', '.join(choices)}")
            return default
        text = str(value).strip().lower()
        if text not in choices:
            self.error(path, name, f'"{value}" is not one of {", ".join(choices)}')
            return default
        return text

    def number(self, entry, path, name, *, required=True, low=None, high=None):
        value = entry.get(name)
        if value is None or value == "":
            if required:
                self.error(path, name, "required")
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int | str):
            self.error(path, name, f'"{value}" is not a whole number')
            return None
        try:
            number = int(str(value).strip())
        except ValueError:
            self.error(path, name, f'"{value}" is not a whole number')
            return None
        if (low is not None and number < low) or (high is not None and number > high):
            self.error(path, name, f"{number} is not between {low} and {high}")
            return None
        return number

    def decimal(self, entry, path, name, *, required=True):
        value = entry.get(name)
        if value is None or value == "":
            if required:
                self.error(path, name, "required")
            return None
        if isinstance(value, bool):
            self.error(path, name, f'"{value}" is not a number')
            return None
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            self.error(path, name, f'"{value}" is not a number')
            return None
        if not number.is_finite() or number != number.quantize(Decimal("0.01")):
            self.error(path, name, f"{value} has more than two decimals")
            return None
        return number

    def date(self, entry, path, name):
        value = entry.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.error(path, name, f'"{value}" is not a date (write it as 2025-07-01)')
            return None

    def boolean(self, entry, path, name, *, default):
        value = entry.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("yes", "true", "1", "y"):
            return True
        if text in ("no", "false", "0", "n"):
            return False
        self.error(path, name, f'"{value}" is not yes or no')
        return default


def _reference(text: str) -> tuple[str, int] | None:
    """ "eopo 1" -> ("eopo", 1)."""
    match = re.fullmatch(r"\s*(goal|eopo|io)\s*(\d+)\s*", str(text).lower())
    return (match.group(1), int(match.group(2))) if match else None


def _plain_number(value: Decimal | None):
    """A stored decimal as the file writes it: 220, 12.5."""
    if value is None:
        return None
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def check_definition(raw: dict, places: dict) -> Definition:
    """Check RAW (the YAML shape) field by field; the normalised definition, or
    ProgramFileError with every problem."""
    from ctip.lib.periods import PeriodError, parse_period

    check = _Checker(places)
    check.mapping(raw, (), "the program", TOP_FIELDS)
    code = check.text(raw, (), "code", max_length=40)
    if code and not re.fullmatch(r"[-a-zA-Z0-9_]+", code):
        check.error((), "code", f'"{code}" may hold only letters, digits, - and _')
    month = check.number(raw, (), "fiscal_year_start_month", required=False, low=1, high=12)
    program = {
        "code": code,
        "name": check.text(raw, (), "name", max_length=200),
        "fiscal_year_start_month": month or 7,
        "starts_on": check.date(raw, (), "starts_on"),
        "ends_on": check.date(raw, (), "ends_on"),
        "description": check.translated(raw, (), "description", required=False),
    }
    if program["starts_on"] and program["ends_on"] and program["ends_on"] < program["starts_on"]:
        check.error((), "ends_on", "the program ends before it starts")
    # What the file leaves out stays as it is (a new program: no description, July).
    program = {key: value for key, value in program.items() if key == "code" or key in raw}

    def unique(seen: set, key, path, name, what):
        if key in seen:
            check.error(path, name, f"{what} is given twice")
        seen.add(key)

    sections: dict = {}
    if "projects" in raw:
        projects, seen = [], set()
        for index, entry in enumerate(check.entries(raw, "projects")):
            path = ("projects", index)
            if check.mapping(entry, path, "a project", PROJECT_FIELDS) is None:
                continue
            project = {
                "code": check.text(entry, path, "code", max_length=20),
                "name": check.text(entry, path, "name", max_length=200),
            }
            unique(seen, project["code"].upper(), path, "code", f"project {project['code']}")
            projects.append(project)
        sections["projects"] = projects

    outcome_keys: set = set()
    if "outcomes" in raw:
        outcomes = []
        for index, entry in enumerate(check.entries(raw, "outcomes")):
            path = ("outcomes", index)
            if check.mapping(entry, path, "an outcome", OUTCOME_FIELDS) is None:
                continue
            level = check.choice(entry, path, "level", LEVELS)
            number = check.number(entry, path, "number", low=1, high=999)
            outcome = {
                "level": level,
                "number": number,
                "parent": None,
                "title": check.translated(entry, path, "title"),
                "since": check.date(entry, path, "since"),
                "earlier": [],
                "introduced_on": check.date(entry, path, "introduced_on"),
                "retired_on": check.date(entry, path, "retired_on"),
            }
            if level and number:
                unique(outcome_keys, (level, number), path, "number", f"{level} {number}")
            parent = entry.get("parent")
            if parent not in (None, ""):
                reference = _reference(parent)
                if reference is None:
                    check.error(path, "parent", f'"{parent}" is not an outcome (write eopo 1)')
                else:
                    outcome["parent"] = reference
            elif level in ("eopo", "io"):
                check.error(path, "parent", f"required: the {PARENT_LEVEL[level]} it serves")
            earlier = entry.get("earlier") or []
            if not isinstance(earlier, list):
                check.error(path, "earlier", "expected a list of {title, since}")
                earlier = []
            for number_, wording in enumerate(earlier):
                wpath = (*path, "earlier", number_)
                if check.mapping(wording, wpath, "an earlier wording", WORDING_FIELDS) is None:
                    continue
                outcome["earlier"].append(
                    {
                        "title": check.text(wording, wpath, "title"),
                        "since": check.date(wording, wpath, "since"),
                    }
                )
            _check_wording_dates(check, path, outcome)
            outcomes.append(outcome)
        for index, outcome in enumerate(outcomes):
            parent, level = outcome["parent"], outcome["level"]
            if parent is None or level is None:
                continue
            path = ("outcomes", index)
            if level == "goal":
                check.error(path, "parent", "the goal has no parent")
            elif parent[0] != PARENT_LEVEL[level]:
                check.error(
                    path, "parent", f"a {level} serves a {PARENT_LEVEL[level]}, not a {parent[0]}"
                )
            elif parent not in outcome_keys:
                check.error(path, "parent", f"{parent[0]} {parent[1]} is not in the file")
        sections["outcomes"] = outcomes

    if "indicators" in raw:
        from ctip.results.computed import COMPUTED

        indicators, seen = [], set()
        for index, entry in enumerate(check.entries(raw, "indicators")):
            path = ("indicators", index)
            if check.mapping(entry, path, "an indicator", INDICATOR_FIELDS) is None:
                continue
            indicator = {
                "code": check.text(entry, path, "code", max_length=20),
                "title": check.text(entry, path, "title", max_length=300),
                "level": check.choice(entry, path, "level", INDICATOR_LEVELS),
                "unit": check.text(entry, path, "unit", required=False, max_length=40) or "number",
                "disaggregations": check.text(
                    entry, path, "disaggregations", required=False, max_length=200
                ),
                "outcome": None,
                "aggregation": check.choice(
                    entry, path, "aggregation", AGGREGATIONS, default="per-period"
                ),
                "computed_as": check.text(entry, path, "computed_as", required=False),
                "baseline": check.decimal(entry, path, "baseline", required=False),
                "baseline_period": check.text(
                    entry, path, "baseline_period", required=False, max_length=40
                ),
                "targets": {},
            }
            unique(seen, indicator["code"], path, "code", f"indicator {indicator['code']}")
            if indicator["computed_as"] and indicator["computed_as"] not in COMPUTED:
                check.error(
                    path,
                    "computed_as",
                    f'"{indicator["computed_as"]}" is not a computed indicator; one of '
                    f"{', '.join(COMPUTED)} (or blank for an entered one)",
                )
            reference = entry.get("outcome")
            if reference not in (None, ""):
                parsed = _reference(reference)
                if parsed is None:
                    check.error(path, "outcome", f'"{reference}" is not an outcome (write io 4)')
                elif "outcomes" in raw and parsed not in outcome_keys:
                    check.error(path, "outcome", f"{parsed[0]} {parsed[1]} is not in the file")
                else:
                    indicator["outcome"] = parsed
            targets = entry.get("targets") or {}
            if not isinstance(targets, dict):
                check.error(path, "targets", "expected period: value pairs (FY2024-25: 220)")
                targets = {}
            for label, _value in targets.items():
                tpath = (*path, "targets")
                value = check.decimal(targets, tpath, label)
                label = str(label).strip()
                if label.upper() != "LOP":
                    try:
                        label = parse_period(label, month or 7).label
                    except PeriodError as error:
                        check.error(tpath, label, str(error))
                        continue
                else:
                    label = "LOP"
                if label in indicator["targets"]:
                    check.error(tpath, label, "the period is given twice")
                if value is not None:
                    indicator["targets"][label] = value
            indicators.append(indicator)
        sections["indicators"] = indicators

    if "statements" in raw:
        statements = {survey: [] for survey in SURVEYS}
        given = raw.get("statements") or {}
        if check.mapping(given, ("statements",), "statements", SURVEYS) is None:
            given = {}
        for survey in SURVEYS:
            seen = set()
            for index, entry in enumerate(check.entries(given, survey, ("statements",))):
                path = ("statements", survey, index)
                if check.mapping(entry, path, "a statement", STATEMENT_FIELDS) is None:
                    continue
                statement = {
                    "code": check.text(entry, path, "code", max_length=40),
                    "text": check.translated(entry, path, "text", max_length=300),
                    "active": check.boolean(entry, path, "active", default=True),
                }
                if statement["code"] and not re.fullmatch(r"[-a-zA-Z0-9_]+", statement["code"]):
                    check.error(path, "code", "may hold only letters, digits, - and _")
                unique(seen, statement["code"], path, "code", f"statement {statement['code']}")
                statements[survey].append(statement)
        sections["statements"] = statements

    countries = _known_countries()
    named_organisations: set = set()
    if "organisations" in raw:
        organisations = []
        for index, entry in enumerate(check.entries(raw, "organisations")):
            path = ("organisations", index)
            if check.mapping(entry, path, "an organisation", ORGANISATION_FIELDS) is None:
                continue
            organisation = {
                "name": check.text(entry, path, "name", max_length=300),
                "country": _country(check, entry, path, "country", countries, required=False),
                "type": check.choice(entry, path, "type", ORGANISATION_TYPES),
                "acronym": check.text(entry, path, "acronym", required=False, max_length=40),
                "opd": check.boolean(entry, path, "opd", default=False),
            }
            if organisation["opd"] and organisation["type"] not in (None, "ngo-cso"):
                check.error(
                    path, "opd", "only an NGO/CSO can be an organisation of people with disability"
                )
            key = (organisation["name"], organisation["country"])
            unique(named_organisations, key, path, "name", f"organisation {key[0]}")
            organisations.append(organisation)
        sections["organisations"] = organisations

    if "countries" in raw:
        partnerships, seen = [], set()
        for index, entry in enumerate(check.entries(raw, "countries")):
            path = ("countries", index)
            if check.mapping(entry, path, "a country", COUNTRY_FIELDS) is None:
                continue
            country = _country(check, entry, path, "country", countries, required=True)
            unique(seen, country, path, "country", f"country {country}")
            focal = _partner(check, entry.get("focal_point"), path, "focal_point", country)
            if focal and focal[1] not in (None, country):
                check.error(
                    path, "focal_point", "the focal point must be an organisation of this country"
                )
            partners = entry.get("key_partners") or []
            if not isinstance(partners, list):
                check.error(path, "key_partners", "expected a list of organisation names")
                partners = []
            key_partners = []
            for number, partner in enumerate(partners):
                found = _partner(check, partner, (*path, "key_partners"), number, country)
                if found:
                    key_partners.append(found)
            partnerships.append(
                {"country": country, "focal_point": focal, "key_partners": key_partners}
            )
        sections["countries"] = partnerships

    if check.problems:
        raise ProgramFileError(check.problems)
    return Definition({**program, **sections}, places)


def _check_wording_dates(check: _Checker, path: tuple, outcome: dict) -> None:
    wordings = outcome["earlier"]
    if not wordings:
        return
    if outcome["since"] is None:
        check.error(path, "since", "required with earlier wordings: when this wording took effect")
    dates = [w["since"] for w in wordings[1:]] + [outcome["since"]]
    if wordings[0]["since"] is not None:
        check.error(
            (*path, "earlier", 0),
            "since",
            "the first wording has no date (it stood from the start)",
        )
    if any(d is None for d in dates):
        return
    if dates != sorted(dates) or len(set(dates)) != len(dates):
        check.error(path, "earlier", "wordings must be in date order, oldest first, one a day")


def _known_countries() -> set[str]:
    from ctip.countries.models import Country

    return set(Country.objects.values_list("code", flat=True))


def _country(check: _Checker, entry, path, name, countries: set[str], *, required: bool):
    value = entry.get(name)
    if value is None or value == "":
        if required:
            check.error(path, name, "required (a country code such as TH)")
        return None
    code = str(value).strip().upper()
    if code not in countries:
        check.error(path, name, f'"{value}" is not a country code we know (TH, KH, ASEAN, …)')
        return None
    return code


def _partner(check: _Checker, value, path, name, country):
    """An organisation named by a partnership: "Name" (of the partnership's country) or
    {name: ..., country: XX}; as (name, country code or None)."""
    if value is None or value == "":
        return None
    if isinstance(value, dict):
        if check.mapping(value, (*path, name), "an organisation", PARTNER_FIELDS) is None:
            return None
        text = check.text(value, (*path, name), "name")
        other = value.get("country")
        code = str(other).strip().upper() if other not in (None, "") else None
        return (text, code) if text else None
    if isinstance(value, list | bool):
        check.error(path, name, "expected an organisation's name")
        return None
    return (str(value).strip(), country)


# --- writing ------------------------------------------------------------------------------


def translations_of(obj, field_name: str) -> dict[str, str]:
    """OBJ's FIELD_NAME per language (modeltranslation's columns), only the languages given."""
    from modeltranslation.utils import build_localized_fieldname

    values = {}
    for lang in languages():
        text = getattr(obj, build_localized_fieldname(field_name, lang), None)
        if text:
            values[lang] = text
    return values


def _translated_value(values: dict[str, str]):
    """English alone as plain text; with other languages, a mapping."""
    if set(values) <= {"en"}:
        return values.get("en", "")
    return dict(values)


def program_definition(program) -> dict:
    """PROGRAM as a definition in the YAML shape, every section present, in a fixed order."""
    from ctip.partnerships.models import CountryPartnership
    from ctip.results.models import Indicator
    from ctip.surveys.models import Statement

    data: dict = {
        "code": program.code,
        "name": program.name,
        "fiscal_year_start_month": program.fiscal_year_start_month,
    }
    if program.starts_on:
        data["starts_on"] = program.starts_on
    if program.ends_on:
        data["ends_on"] = program.ends_on
    description = translations_of(program, "blurb")
    if description:
        data["description"] = _translated_value(description)
    data["projects"] = [{"code": p.code, "name": p.name} for p in program.projects.order_by("code")]
    outcomes = sorted(
        program.outcomes.select_related("parent").prefetch_related("wordings"),
        key=lambda o: (LEVELS.index(o.level), o.number),
    )
    data["outcomes"] = [_outcome_entry(o) for o in outcomes]
    data["indicators"] = [
        _indicator_entry(i)
        for i in Indicator.objects.filter(program=program)
        .select_related("outcome")
        .prefetch_related("targets")
        .order_by("code")
    ]
    data["statements"] = {
        survey: [
            _statement_entry(s)
            for s in Statement.objects.filter(program=program, kind=survey).order_by(
                "order", "code"
            )
        ]
        for survey in SURVEYS
    }
    partnerships = sorted(
        CountryPartnership.objects.filter(program=program)
        .select_related("focal_point", "country")
        .prefetch_related("key_partners"),
        # ASEAN members in ASEAN order, then the others by name (the same on every database)
        key=lambda p: (p.country.asean_order is None, p.country.asean_order or 0, p.country.name),
    )
    named = {}
    countries = []
    for partnership in partnerships:
        entry = {"country": partnership.country_id}
        if partnership.focal_point:
            named[partnership.focal_point.pk] = partnership.focal_point
            entry["focal_point"] = _partner_entry(partnership.focal_point, partnership.country_id)
        partners = sorted(
            partnership.key_partners.all(), key=lambda o: (o.name, o.country_id or "")
        )
        if partners:
            entry["key_partners"] = [_partner_entry(o, partnership.country_id) for o in partners]
            named.update((o.pk, o) for o in partners)
        countries.append(entry)
    data["organisations"] = [
        _organisation_entry(o)
        for o in sorted(named.values(), key=lambda o: (o.country_id or "", o.name))
    ]
    data["countries"] = countries
    return data


def _outcome_entry(outcome) -> dict:
    entry: dict = {"level": outcome.level, "number": outcome.number}
    if outcome.parent_id:
        entry["parent"] = f"{outcome.parent.level} {outcome.parent.number}"
    wordings = sorted(outcome.wordings.all(), key=lambda w: w.effective_from)
    title = translations_of(outcome, "title")
    if wordings:  # the latest wording is the title that stands now
        title = {"en": wordings[-1].title, **{k: v for k, v in title.items() if k != "en"}}
    entry["title"] = _translated_value(title)
    if len(wordings) > 1:
        entry["since"] = wordings[-1].effective_from
        entry["earlier"] = [
            {"title": w.title}
            if w.effective_from == dt.date.min
            else {"title": w.title, "since": w.effective_from}
            for w in wordings[:-1]
        ]
    if outcome.introduced_on:
        entry["introduced_on"] = outcome.introduced_on
    if outcome.retired_on:
        entry["retired_on"] = outcome.retired_on
    return entry


def _indicator_entry(indicator) -> dict:
    entry: dict = {
        "code": indicator.code,
        "title": indicator.title,
        "level": indicator.level,
        "unit": indicator.unit,
    }
    if indicator.disaggregations:
        entry["disaggregations"] = indicator.disaggregations
    if indicator.outcome_id:
        entry["outcome"] = f"{indicator.outcome.level} {indicator.outcome.number}"
    entry["aggregation"] = indicator.aggregation
    if indicator.computed_as:
        entry["computed_as"] = indicator.computed_as
    if indicator.baseline is not None:
        entry["baseline"] = _plain_number(indicator.baseline)
    if indicator.baseline_period:
        entry["baseline_period"] = indicator.baseline_period
    targets = sorted(indicator.targets.all(), key=lambda t: (t.period == "LOP", t.period))
    if targets:
        entry["targets"] = {t.period: _plain_number(t.value) for t in targets}
    return entry


def _statement_entry(statement) -> dict:
    entry: dict = {
        "code": statement.code,
        "text": _translated_value(translations_of(statement, "text")),
    }
    if not statement.active:
        entry["active"] = False
    return entry


def _partner_entry(organisation, country: str):
    if organisation.country_id == country:
        return organisation.name
    return {"name": organisation.name, "country": organisation.country_id}


def _organisation_entry(organisation) -> dict:
    entry: dict = {"name": organisation.name}
    if organisation.country_id:
        entry["country"] = organisation.country_id
    entry["type"] = organisation.type
    if organisation.acronym:
        entry["acronym"] = organisation.acronym
    if organisation.is_opd:
        entry["opd"] = True
    return entry


def dump_yaml(data: dict) -> bytes:
    """The definition as YAML text: fixed key order, dates as 2025-07-01, UTF-8."""
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def _text(dumper, value: str):
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _text)
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=10_000,
        default_flow_style=False,
    )
    return text.encode("utf-8")


def export_program(program, filename: str = "program.yaml") -> bytes:
    """PROGRAM's definition as a file: YAML, or an xlsx workbook when FILENAME ends in .xlsx."""
    data = program_definition(program)
    if filename.lower().endswith(".xlsx"):
        from .workbook import write_workbook

        return write_workbook(data)
    return dump_yaml(data)
