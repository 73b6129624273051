"""Writes to a program's definition: loading a program file (docs/programs.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation

from .definition import LEVELS, SURVEYS, Definition, ProgramFileError, languages, translations_of
from .models import Outcome, Program, Project


@dataclass
class LoadReport:
    """What loading a definition did: one line per record created, changed or dropped."""

    program: Program
    created: bool
    changes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def may_define_program(user, program: Program | None) -> bool:
    """Administrators define programs: a new one needs an installation-wide administrator."""
    from ctip.accounts.access import role_in
    from ctip.accounts.models import Role

    if program is None:
        return bool(getattr(user, "is_superuser", False) and user.is_active)
    return role_in(user, program) == Role.ADMINISTRATOR


def _in_use(obj, owned: set[str]) -> list[str]:
    """What refers to OBJ (other than the relations in OWNED): "12 events", "1 rating"."""
    uses = []
    for relation in obj._meta.related_objects:
        accessor = relation.get_accessor_name()
        if accessor in owned or not accessor:
            continue
        count = getattr(obj, accessor).count()
        if count:
            model = relation.related_model._meta
            name = model.verbose_name if count == 1 else model.verbose_name_plural
            uses.append(f"{count} {name}")
    return uses


def _set_translations(obj, field_name: str, values: dict[str, str]) -> bool:
    """Give OBJ's FIELD_NAME these texts per language; True when something changed."""
    from modeltranslation.utils import build_localized_fieldname

    if translations_of(obj, field_name) == values:
        return False
    with translation.override("en"):
        setattr(obj, field_name, values.get("en", ""))
    for lang in languages()[1:]:
        setattr(obj, build_localized_fieldname(field_name, lang), values.get(lang) or None)
    return True


def _update(obj, values: dict) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


class _Plan:
    """The checks that need the database, all made before anything is written."""

    def __init__(self, definition: Definition, program: Program | None):
        self.data = definition.data
        self.places = definition.places
        self.program = program
        self.problems: list[str] = []

    def where(self, path: tuple) -> str:
        for end in range(len(path), -1, -1):
            if path[:end] in self.places:
                return self.places[path[:end]]
        return "the file"

    def refuse(self, path: tuple, name: str, message: str) -> None:
        self.problems.append(f"{self.where((*path, name))}: {name}: {message}")

    def dropped(self, what: str, obj, owned: set[str], fix: str) -> None:
        uses = _in_use(obj, owned)
        if uses:
            self.problems.append(
                f"{self.where(())}: {what} is left out, but {', '.join(uses)} refer to it: "
                f"it cannot be dropped; {fix}"
            )

    def check(self) -> None:
        from ctip.organisations.models import Organisation
        from ctip.results.models import Indicator
        from ctip.surveys.models import Statement

        program, data = self.program, self.data
        if program is not None:
            if "projects" in data:
                keep = {p["code"] for p in data["projects"]}
                for project in program.projects.exclude(code__in=keep):
                    self.dropped(f"project {project.code}", project, set(), "keep it in the file")
            if "outcomes" in data:
                keep = {(o["level"], o["number"]) for o in data["outcomes"]}
                owned = {"wordings", "children"}
                if "indicators" in data:
                    owned.add("indicators")
                for outcome in program.outcomes.all():
                    if (outcome.level, outcome.number) not in keep:
                        self.dropped(
                            f"{outcome.level} {outcome.number}",
                            outcome,
                            owned,
                            "keep it in the file (with retired_on to end it)",
                        )
                self._check_histories()
            if "indicators" in data:
                keep = {i["code"] for i in data["indicators"]}
                for indicator in Indicator.objects.filter(program=program).exclude(code__in=keep):
                    self.dropped(
                        f"indicator {indicator.code}", indicator, {"targets"}, "keep it in the file"
                    )
            if "statements" in data:
                for survey in SURVEYS:
                    keep = {s["code"] for s in data["statements"][survey]}
                    for statement in Statement.objects.filter(program=program, kind=survey).exclude(
                        code__in=keep
                    ):
                        self.dropped(
                            f"{survey} statement {statement.code}",
                            statement,
                            set(),
                            "keep it in the file with active: false",
                        )
            if "indicators" in data and "outcomes" not in data:
                known = set(program.outcomes.values_list("level", "number"))
                for index, indicator in enumerate(data["indicators"]):
                    if indicator["outcome"] and indicator["outcome"] not in known:
                        level, number = indicator["outcome"]
                        self.refuse(
                            ("indicators", index), "outcome", f"the program has no {level} {number}"
                        )
        elif "indicators" in data and "outcomes" not in data:
            for index, indicator in enumerate(data["indicators"]):
                if indicator["outcome"]:
                    self.refuse(("indicators", index), "outcome", "the file has no outcomes")
        if "countries" in data:
            listed = {(o["name"], o["country"]) for o in data.get("organisations", [])}
            for index, entry in enumerate(data["countries"]):
                path = ("countries", index)
                named = [("focal_point", entry["focal_point"])] if entry["focal_point"] else []
                named += [(n, partner) for n, partner in enumerate(entry["key_partners"])]
                for name, (org_name, country) in named:
                    exists = (org_name, country) in listed or Organisation.objects.filter(
                        name=org_name, country_id=country
                    ).exists()
                    if not exists:
                        where = path if name == "focal_point" else (*path, "key_partners")
                        self.refuse(
                            where,
                            str(name),
                            f'no organisation "{org_name}" in {country or "no country"}: '
                            "add it to the organisations section",
                        )

    def _check_histories(self) -> None:
        existing = {
            (o.level, o.number): o for o in self.program.outcomes.prefetch_related("wordings")
        }
        for index, entry in enumerate(self.data["outcomes"]):
            outcome = existing.get((entry["level"], entry["number"]))
            if outcome is None or not entry["earlier"]:
                continue
            wordings = sorted(outcome.wordings.all(), key=lambda w: w.effective_from)
            stored = [
                {
                    "title": w.title,
                    "since": None if w.effective_from == dt.date.min else w.effective_from,
                }
                for w in wordings[:-1]
            ]
            if entry["earlier"] != stored:
                self.refuse(
                    ("outcomes", index),
                    "earlier",
                    "the wording history cannot be rewritten from a file: change title (the new "
                    "wording is dated today, or by since) and keep earlier as exported",
                )


@transaction.atomic
def do_load_program(definition: Definition, *, actor) -> LoadReport:
    """Create or update the program DEFINITION describes (read_definition checked it).

    A section absent from the file leaves that part of the program as it is; a section given
    is the whole list: what it leaves out is dropped, unless data refers to it (then nothing
    is written and the problem is named). Loading the same definition twice changes nothing.
    Every write is audited (django-auditlog)."""
    data = definition.data
    program = Program.objects.filter(code=data["code"]).first()
    if not may_define_program(actor, program):
        raise PermissionDenied(
            "only an administrator may load a program file"
            + ("" if program else " (an installation administrator, for a new program)")
        )
    plan = _Plan(definition, program)
    plan.check()
    if plan.problems:
        raise ProgramFileError(plan.problems)

    report = LoadReport(program=program, created=program is None)
    if program is None:
        program = Program(code=data["code"])
        report.program = program
    values = {
        name: data[name]
        for name in ("name", "fiscal_year_start_month", "starts_on", "ends_on")
        if name in data
    }
    changed = _update(program, values)
    if "description" in data:
        changed = _set_translations(program, "blurb", data["description"]) or changed
    if changed or report.created:
        program.save()
        report.changes.append(
            f"program {program.code} {'created' if report.created else 'changed'}"
        )
    if "projects" in data:
        _load_projects(program, data["projects"], report)
    if "outcomes" in data:
        _load_outcomes(program, data["outcomes"], report, actor)
    if "indicators" in data:
        _load_indicators(program, data["indicators"], report)
    if "outcomes" in data:
        keep = {(o["level"], o["number"]) for o in data["outcomes"]}
        for level in reversed(LEVELS):
            for outcome in program.outcomes.filter(level=level):
                if (outcome.level, outcome.number) not in keep:
                    outcome.delete()
                    report.changes.append(f"{outcome.level} {outcome.number} dropped")
    if "statements" in data:
        _load_statements(program, data["statements"], report)
    if "organisations" in data:
        _load_organisations(data["organisations"], report)
    if "countries" in data:
        _load_countries(program, data["countries"], report)
    return report


def _load_projects(program: Program, projects: list[dict], report: LoadReport) -> None:
    existing = {p.code: p for p in program.projects.all()}
    for entry in projects:
        project = existing.get(entry["code"])
        if project is None:
            Project.objects.create(program=program, code=entry["code"], name=entry["name"])
            report.changes.append(f"project {entry['code']} created")
        elif _update(project, {"name": entry["name"]}):
            project.save()
            report.changes.append(f"project {entry['code']} changed")
    keep = {p["code"] for p in projects}
    for code, project in existing.items():
        if code not in keep:
            project.delete()
            report.changes.append(f"project {code} dropped")


def _load_outcomes(program: Program, outcomes: list[dict], report: LoadReport, actor) -> None:
    from ctip.results.models import OutcomeWording

    existing = {(o.level, o.number): o for o in program.outcomes.prefetch_related("wordings")}
    ordered = sorted(outcomes, key=lambda o: LEVELS.index(o["level"]))
    for entry in ordered:
        key = (entry["level"], entry["number"])
        parent = existing[entry["parent"]] if entry["parent"] else None
        outcome = existing.get(key)
        fields = {
            "parent": parent,
            "introduced_on": entry["introduced_on"],
            "retired_on": entry["retired_on"],
        }
        name = f"{key[0]} {key[1]}"
        if outcome is None:
            outcome = Outcome(program=program, level=key[0], number=key[1], **fields)
            _set_translations(outcome, "title", entry["title"])
            outcome.save()
            existing[key] = outcome
            report.changes.append(f"{name} created")
            if entry["earlier"]:
                history = [
                    *entry["earlier"],
                    {"title": entry["title"]["en"], "since": entry["since"]},
                ]
                for wording in history:
                    OutcomeWording.objects.create(
                        outcome=outcome,
                        title=wording["title"],
                        effective_from=wording["since"] or dt.date.min,
                    )
            continue
        changed = _update(outcome, fields)
        wordings = sorted(outcome.wordings.all(), key=lambda w: w.effective_from)
        current = wordings[-1].title if wordings else outcome.title_en
        new_title = entry["title"].get("en", "")
        if new_title != current:
            latest = wordings[-1].effective_from if wordings else None
            since = entry["since"]
            effective = since if since and (latest is None or since > latest) else None
            effective = effective or timezone.localdate()
            if not wordings:
                OutcomeWording.objects.create(
                    outcome=outcome, title=current, effective_from=dt.date.min
                )
            OutcomeWording.objects.update_or_create(
                outcome=outcome, effective_from=effective, defaults={"title": new_title}
            )
            report.changes.append(f"{name} reworded from {effective}")
        changed = _set_translations(outcome, "title", entry["title"]) or changed
        if changed:
            outcome.save()
            report.changes.append(f"{name} changed")


def _load_indicators(program: Program, indicators: list[dict], report: LoadReport) -> None:
    from ctip.results.models import Indicator, Target

    outcomes = {(o.level, o.number): o for o in program.outcomes.all()}
    existing = {
        i.code: i for i in Indicator.objects.filter(program=program).prefetch_related("targets")
    }
    for entry in indicators:
        fields = {
            name: entry[name]
            for name in (
                "title",
                "level",
                "unit",
                "disaggregations",
                "aggregation",
                "computed_as",
                "baseline",
                "baseline_period",
            )
        }
        fields["outcome"] = outcomes[entry["outcome"]] if entry["outcome"] else None
        indicator = existing.get(entry["code"])
        if indicator is None:
            indicator = Indicator(program=program, code=entry["code"], **fields)
            indicator.full_clean()
            indicator.save()
            report.changes.append(f"indicator {entry['code']} created")
            targets = {}
        else:
            if _update(indicator, fields):
                indicator.full_clean()
                indicator.save()
                report.changes.append(f"indicator {entry['code']} changed")
            targets = {t.period: t for t in indicator.targets.all()}
        for period, value in entry["targets"].items():
            target = targets.get(period)
            if target is None:
                Target.objects.create(indicator=indicator, period=period, value=value)
                report.changes.append(f"indicator {entry['code']} target {period} set")
            elif target.value != value:
                target.value = value
                target.save()
                report.changes.append(f"indicator {entry['code']} target {period} changed")
        for period, target in targets.items():
            if period not in entry["targets"]:
                target.delete()
                report.changes.append(f"indicator {entry['code']} target {period} dropped")
    keep = {i["code"] for i in indicators}
    for code, indicator in existing.items():
        if code not in keep:
            indicator.delete()
            report.changes.append(f"indicator {code} dropped")


def _load_statements(program: Program, statements: dict, report: LoadReport) -> None:
    from ctip.surveys.models import Statement

    for survey in SURVEYS:
        existing = {s.code: s for s in Statement.objects.filter(program=program, kind=survey)}
        for order, entry in enumerate(statements[survey], start=1):
            statement = existing.get(entry["code"])
            created = statement is None
            if created:
                statement = Statement(program=program, kind=survey, code=entry["code"])
            changed = _update(statement, {"order": order, "active": entry["active"]})
            changed = _set_translations(statement, "text", entry["text"]) or changed
            if created or changed:
                statement.save()
                report.changes.append(
                    f"{survey} statement {entry['code']} {'created' if created else 'changed'}"
                )
        keep = {s["code"] for s in statements[survey]}
        for code, statement in existing.items():
            if code not in keep:
                statement.delete()
                report.changes.append(f"{survey} statement {code} dropped")


def _load_organisations(organisations: list[dict], report: LoadReport) -> None:
    from ctip.organisations.models import Organisation

    for entry in organisations:
        fields = {"type": entry["type"], "acronym": entry["acronym"], "is_opd": entry["opd"]}
        organisation = Organisation.objects.filter(
            name=entry["name"], country_id=entry["country"]
        ).first()
        if organisation is None:
            organisation = Organisation(name=entry["name"], country_id=entry["country"], **fields)
            organisation.full_clean()
            organisation.save()
            report.changes.append(f"organisation {entry['name']} created")
        elif _update(organisation, fields):
            organisation.full_clean()
            organisation.save()
            report.changes.append(f"organisation {entry['name']} changed")


def _load_countries(program: Program, countries: list[dict], report: LoadReport) -> None:
    from ctip.organisations.models import Organisation
    from ctip.partnerships.models import CountryPartnership

    def organisation(named):
        name, country = named
        return Organisation.objects.get(name=name, country_id=country)

    existing = {
        p.country_id: p
        for p in CountryPartnership.objects.filter(program=program).prefetch_related("key_partners")
    }
    for entry in countries:
        focal = organisation(entry["focal_point"]) if entry["focal_point"] else None
        partners = [organisation(named) for named in entry["key_partners"]]
        partnership = existing.get(entry["country"])
        if partnership is None:
            partnership = CountryPartnership(program=program, country_id=entry["country"])
            partnership.focal_point = focal
            partnership.full_clean()
            partnership.save()
            partnership.key_partners.set(partners)
            report.changes.append(f"country {entry['country']} created")
            continue
        changed = False
        if partnership.focal_point_id != (focal.pk if focal else None):
            partnership.focal_point = focal
            partnership.full_clean()
            partnership.save()
            changed = True
        if {o.pk for o in partnership.key_partners.all()} != {o.pk for o in partners}:
            partnership.key_partners.set(partners)
            changed = True
        if changed:
            report.changes.append(f"country {entry['country']} changed")
    keep = {c["country"] for c in countries}
    for code, partnership in existing.items():
        if code not in keep:
            partnership.delete()
            report.changes.append(f"country {code} dropped")
