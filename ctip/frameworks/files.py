"""A framework as a YAML file: read with every problem placed by line and field, and written
back in one canonical form (export → load → export gives the same bytes). docs/frameworks.md
is the contract; the minimal file:

    code: bohol-2
    name: Bohol TIP Work Plan 2.0 MERL framework
    period_type: year
    due: "03-31"
    units:
      - {code: PH, name: Philippines}
    indicators:
      - {code: "1.1", name: Victims identified, type: number, disaggregations: [sex]}
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ctip.lib.periods import DHIS2_PERIOD_TYPES, PeriodError, parse_dhis2_period

# Disaggregations a file may name without defining them.
DEFAULT_DIMENSIONS = {
    "sex": ["female", "male"],
    "age": ["under-18", "18-plus"],
    "victim-type": ["sexual-exploitation", "forced-labour", "other-exploitation"],
}
INDICATOR_TYPES = ("number", "percentage", "yes/no", "text", "level")
TOP_KEYS = (
    "code",
    "name",
    "program",
    "description",
    "period_type",
    "due",
    "maturity",
    "levels",
    "dimensions",
    "areas",
    "units",
    "indicators",
    "rounds",
)
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_MONTH_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


class FileProblem(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Definition:
    """A framework file, checked: plain values ready for do_load_framework."""

    code: str
    name: str
    program: str | None
    description: str
    period_type: str
    due: str
    maturity: bool
    levels: list[dict]
    dimensions: dict[str, list[str]]
    areas: list[dict] = field(default_factory=list)
    units: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    rounds: list[dict] = field(default_factory=list)


class _Marked(dict):
    """A mapping that remembers the line of each key (1-based)."""

    line: int = 0
    lines: dict


def _loader():
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def construct_mapping(loader, node, deep=False):
        mapping = _Marked(loader.construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.lines = {
            loader.construct_object(key, deep=True): key.start_mark.line + 1
            for key, _ in node.value
        }
        return mapping

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    # dates stay text ("2025-03-31"): the file's contract is strings
    Loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


def read_definition(text: str) -> Definition:
    """Check a framework file; FileProblem lists every problem ("line 12, indicators[3].type:
    ...")."""
    import yaml

    try:
        data = yaml.load(text, Loader=_loader())  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise FileProblem([f"{where}not YAML: {getattr(error, 'problem', error)}"]) from None
    if not isinstance(data, dict):
        raise FileProblem(["line 1: a framework file is a mapping (code:, name:, units:, ...)"])
    return _Checker(data).check()


class _Checker:
    def __init__(self, data: _Marked):
        self.data = data
        self.problems: list[str] = []

    def problem(self, mapping, key: str, where: str, message: str) -> None:
        line = getattr(mapping, "lines", {}).get(key) or getattr(mapping, "line", 0)
        self.problems.append(f"line {line}, {where}: {message}")

    def text(self, mapping, key, where, *, required=True, pattern=None, hint="") -> str:
        value = mapping.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(mapping, key, where, "missing")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problem(mapping, key, where, "must be text")
            return ""
        value = str(value).strip()
        if pattern and not pattern.match(value):
            self.problem(mapping, key, where, f"{value!r} {hint}")
        return value

    def items(self, key: str, *, required: bool) -> list:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(self.data, key, key, "missing: give at least one")
            return []
        if not isinstance(value, list):
            self.problem(self.data, key, key, "must be a list")
            return []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                self.problems.append(
                    f"line {self.data.lines.get(key)}, {key}[{index}]: not a mapping"
                )
        return [item if isinstance(item, dict) else _Marked() for item in value]

    def unknown(self, mapping, allowed, where) -> None:
        for key in mapping:
            if key not in allowed:
                self.problem(
                    mapping, key, f"{where}{key}", f"unknown field (use {', '.join(allowed)})"
                )

    def check(self) -> Definition:
        data = self.data
        self.unknown(data, TOP_KEYS, "")
        code = self.text(data, "code", "code", pattern=_SLUG, hint="is not a code (a-z, 0-9, -)")
        name = self.text(data, "name", "name")
        period_type = self.text(data, "period_type", "period_type", required=False) or "year"
        if period_type not in DHIS2_PERIOD_TYPES:
            self.problem(
                data,
                "period_type",
                "period_type",
                f"{period_type!r}: use one of {', '.join(DHIS2_PERIOD_TYPES)}",
            )
        due = (
            self.text(data, "due", "due", required=False, pattern=_MONTH_DAY, hint="is not MM-DD")
            or "03-31"
        )
        maturity = data.get("maturity", False)
        if not isinstance(maturity, bool):
            self.problem(data, "maturity", "maturity", "must be true or false")
            maturity = False
        definition = Definition(
            code=code,
            name=name,
            program=self.text(data, "program", "program", required=False) or None,
            description=self.text(data, "description", "description", required=False),
            period_type=period_type,
            due=due,
            maturity=maturity,
            levels=self._levels(),
            dimensions=self._dimensions(),
        )
        definition.areas = self._areas()
        definition.units = self._units()
        definition.indicators = self._indicators(definition)
        definition.rounds = self._rounds(period_type)
        if self.problems:
            raise FileProblem(self.problems)
        return definition

    def _levels(self) -> list[dict]:
        levels = []
        for index, item in enumerate(self.items("levels", required=False)):
            where = f"levels[{index}]."
            self.unknown(item, ("level", "name"), where)
            number = item.get("level")
            if not isinstance(number, int) or isinstance(number, bool) or number < 0:
                self.problem(item, "level", where + "level", "must be a whole number")
                continue
            levels.append({"level": number, "name": self.text(item, "name", where + "name")})
        if [level["level"] for level in levels] != sorted({lv["level"] for lv in levels}):
            self.problem(self.data, "levels", "levels", "levels must rise, each once")
        return levels

    def _dimensions(self) -> dict[str, list[str]]:
        value = self.data.get("dimensions")
        dimensions = {key: list(categories) for key, categories in DEFAULT_DIMENSIONS.items()}
        if value is None:
            return dimensions
        if not isinstance(value, dict):
            self.problem(self.data, "dimensions", "dimensions", "must be a mapping")
            return dimensions
        for name, categories in value.items():
            if (
                not isinstance(categories, list)
                or not categories
                or not all(isinstance(c, str) and _SLUG.match(c) for c in categories)
            ):
                self.problem(
                    value,
                    name,
                    f"dimensions.{name}",
                    "must list its categories as codes (a-z, 0-9, -), e.g. [female, male]",
                )
                continue
            dimensions[str(name)] = list(categories)
        seen: dict[str, str] = {}
        for name, categories in dimensions.items():
            for category in categories:
                if category in seen and seen[category] != name:
                    self.problem(
                        value,
                        name,
                        f"dimensions.{name}",
                        f"the category {category!r} is also in {seen[category]}; "
                        "categories must differ across dimensions (DHIS2 category option combos)",
                    )
                seen[category] = name
        return dimensions

    def _areas(self) -> list[dict]:
        areas, seen = [], set()
        for index, item in enumerate(self.items("areas", required=False)):
            where = f"areas[{index}]."
            self.unknown(item, ("code", "title"), where)
            code = self.text(item, "code", where + "code", pattern=_CODE, hint="is not a code")
            if code in seen:
                self.problem(item, "code", where + "code", f"{code!r} is given twice")
            seen.add(code)
            areas.append({"code": code, "title": self.text(item, "title", where + "title")})
        return areas

    def _units(self) -> list[dict]:
        units, seen = [], {}
        for index, item in enumerate(self.items("units", required=True)):
            where = f"units[{index}]."
            self.unknown(item, ("code", "name", "parent"), where)
            code = self.text(item, "code", where + "code", pattern=_CODE, hint="is not a code")
            if code in seen:
                self.problem(item, "code", where + "code", f"{code!r} is given twice")
            seen[code] = item
            parent = self.text(item, "parent", where + "parent", required=False) or None
            units.append(
                {"code": code, "name": self.text(item, "name", where + "name"), "parent": parent}
            )
        for index, unit in enumerate(units):
            parent, chain = unit["parent"], {unit["code"]}
            if parent and parent not in seen:
                self.problem(
                    seen[unit["code"]],
                    "parent",
                    f"units[{index}].parent",
                    f"{parent!r} is not a unit of this file",
                )
                continue
            while parent:
                if parent in chain:
                    self.problem(
                        seen[unit["code"]],
                        "parent",
                        f"units[{index}].parent",
                        "units cannot be their own parents (a cycle)",
                    )
                    break
                chain.add(parent)
                parent = next((u["parent"] for u in units if u["code"] == parent), None)
        return units

    def _indicators(self, definition: Definition) -> list[dict]:
        indicators, seen = [], set()
        areas = {area["code"] for area in definition.areas}
        allowed = ("code", "name", "type", "area", "disaggregations", "descriptors")
        for index, item in enumerate(self.items("indicators", required=True)):
            where = f"indicators[{index}]."
            self.unknown(item, allowed, where)
            code = self.text(item, "code", where + "code", pattern=_CODE, hint="is not a code")
            if code in seen:
                self.problem(item, "code", where + "code", f"{code!r} is given twice")
            seen.add(code)
            kind = self.text(item, "type", where + "type", required=False) or (
                "level" if definition.maturity else "number"
            )
            if kind not in INDICATOR_TYPES:
                self.problem(
                    item,
                    "type",
                    where + "type",
                    f"{kind!r}: use one of {', '.join(INDICATOR_TYPES)}",
                )
            if kind == "level" and not definition.levels:
                self.problem(
                    item, "type", where + "type", "a level indicator needs the file's levels:"
                )
            area = self.text(item, "area", where + "area", required=False) or None
            if area and area not in areas:
                self.problem(item, "area", where + "area", f"{area!r} is not one of areas:")
            breakdown = item.get("disaggregations") or []
            if not isinstance(breakdown, list):
                self.problem(item, "disaggregations", where + "disaggregations", "must be a list")
                breakdown = []
            for name in breakdown:
                if name not in definition.dimensions:
                    self.problem(
                        item,
                        "disaggregations",
                        where + "disaggregations",
                        f"{name!r} is not a dimension (use {', '.join(definition.dimensions)}, "
                        "or define it under dimensions:)",
                    )
            if breakdown and kind not in ("number",):
                self.problem(
                    item,
                    "disaggregations",
                    where + "disaggregations",
                    "only number indicators are disaggregated",
                )
            descriptors = item.get("descriptors") or {}
            if not isinstance(descriptors, dict):
                self.problem(
                    item,
                    "descriptors",
                    where + "descriptors",
                    "must map each level to its descriptor",
                )
                descriptors = {}
            levels = {level["level"] for level in definition.levels}
            for level in descriptors:
                if level not in levels:
                    self.problem(
                        descriptors,
                        level,
                        f"{where}descriptors.{level}",
                        "is not one of the file's levels",
                    )
            indicators.append(
                {
                    "code": code,
                    "name": self.text(item, "name", where + "name"),
                    "type": kind,
                    "area": area,
                    "disaggregations": [str(name) for name in breakdown],
                    "descriptors": {str(k): str(v) for k, v in descriptors.items()},
                }
            )
        return indicators

    def _rounds(self, period_type: str) -> list[dict]:
        rounds, seen = [], set()
        for index, item in enumerate(self.items("rounds", required=False)):
            where = f"rounds[{index}]."
            self.unknown(item, ("period", "trial", "due_on"), where)
            label = self.text(item, "period", where + "period")
            try:
                kind, _period = parse_dhis2_period(label)
                if kind != period_type:
                    self.problem(
                        item,
                        "period",
                        where + "period",
                        f"{label!r} is a {kind} period; this framework reports by {period_type}",
                    )
            except PeriodError as error:
                if label:
                    self.problem(item, "period", where + "period", str(error))
            if label in seen:
                self.problem(item, "period", where + "period", f"{label!r} is given twice")
            seen.add(label)
            trial = item.get("trial", False)
            if not isinstance(trial, bool):
                self.problem(item, "trial", where + "trial", "must be true or false")
            due_on = self.text(item, "due_on", where + "due_on", required=False) or None
            if due_on:
                try:
                    dt.date.fromisoformat(due_on)
                except ValueError:
                    self.problem(item, "due_on", where + "due_on", "is not a date (YYYY-MM-DD)")
            rounds.append({"period": label, "trial": bool(trial), "due_on": due_on})
        return rounds


def write_definition(framework) -> str:
    """The framework as its canonical YAML file."""
    import yaml

    data: dict = {"code": framework.code, "name": framework.name}
    data["program"] = framework.program.code
    if framework.description:
        data["description"] = framework.description
    data["period_type"] = framework.period_type
    data["due"] = framework.due
    if framework.maturity:
        data["maturity"] = True
    if framework.levels:
        data["levels"] = [{"level": lv["level"], "name": lv["name"]} for lv in framework.levels]
    extra = {
        name: categories
        for name, categories in framework.dimensions.items()
        if DEFAULT_DIMENSIONS.get(name) != categories
    }
    if extra:
        data["dimensions"] = extra
    areas = list(framework.areas.all())
    if areas:
        data["areas"] = [{"code": a.code, "title": a.title} for a in areas]
    data["units"] = []
    for unit in framework.units.filter(retired=False).select_related("parent"):
        entry = {"code": unit.code, "name": unit.name}
        if unit.parent_id:
            entry["parent"] = unit.parent.code
        data["units"].append(entry)
    data["indicators"] = []
    for indicator in framework.indicators.filter(retired=False).select_related("area"):
        entry = {"code": indicator.code, "name": indicator.name, "type": indicator.type}
        if indicator.area_id:
            entry["area"] = indicator.area.code
        if indicator.disaggregations:
            entry["disaggregations"] = list(indicator.disaggregations)
        if indicator.descriptors:
            entry["descriptors"] = {
                int(k): v
                for k, v in sorted(indicator.descriptors.items(), key=lambda item: int(item[0]))
            }
        data["indicators"].append(entry)
    rounds = list(framework.rounds.all())
    if rounds:
        data["rounds"] = []
        for round_ in rounds:
            entry = {"period": round_.period}
            if round_.trial:
                entry["trial"] = True
            if round_.due_on != framework.due_on(framework.period(round_.period)):
                entry["due_on"] = round_.due_on.isoformat()
            data["rounds"].append(entry)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
