"""Writes of the partner frameworks: loading a framework, opening rounds, filling, submitting,
returning and approving unit reports. Every write is audited (django-auditlog) and atomic."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ctip.programs.models import Program

from . import access
from .files import Definition
from .models import (
    Framework,
    FrameworkRole,
    Indicator,
    Narrative,
    ResultArea,
    ReviewComment,
    Round,
    Submission,
    Unit,
    UnitReport,
    Value,
    as_number,
)

# A value this many times above (or below) the mean of the unit's earlier rounds needs a
# comment before the report can be submitted.
OUTLIER_FACTOR = 3


class FrameworkRefused(Exception):
    """A change the framework's data does not allow; the message says why."""


@dataclass
class Problem:
    """A value that does not pass the framework's rules."""

    indicator: str
    category: str
    message: str
    joined: bool = False  # the message continues the indicator: '"1.1" female 30 + ...'

    def __str__(self) -> str:
        where = f'"{self.indicator}"' + (f" {self.category}" if self.category else "")
        return f"{where} {self.message}" if self.joined else f"{where}: {self.message}"


class ReportInvalid(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


# --- the framework ----------------------------------------------------------------------------


@transaction.atomic
def do_load_framework(definition: Definition, actor) -> tuple[Framework, bool]:
    """Create or update the framework DEFINITION describes; returns it and whether anything
    changed. Indicators and units left out of the file are retired when reports refer to them
    and deleted otherwise; open rounds keep the template they opened with."""
    framework = Framework.objects.filter(code=definition.code).first()
    program = _program(definition.program, actor, framework)
    if framework is not None and framework.program_id != program.pk:
        raise FrameworkRefused(
            f"the framework {definition.code!r} belongs to the program {framework.program.code}"
        )
    if framework is not None and not access.can_manage(actor, framework):
        raise PermissionDenied("only the program's administrators and MEL officers load it")
    changed = False
    fields = {
        "program": program,
        "name": definition.name,
        "description": definition.description,
        "period_type": definition.period_type,
        "due": definition.due,
        "maturity": definition.maturity,
        "levels": definition.levels,
        "dimensions": definition.dimensions,
    }
    if framework is None:
        if not _can_manage_program(actor, program):
            raise PermissionDenied("only the program's administrators and MEL officers load it")
        framework = Framework.objects.create(code=definition.code, **fields)
        changed = True
    else:
        if framework.rounds.exists() and framework.period_type != definition.period_type:
            raise FrameworkRefused(
                "the period type cannot change once rounds exist: make a new framework"
            )
        changed |= _update(framework, fields)

    areas = {area.code: area for area in framework.areas.all()}
    for order, entry in enumerate(definition.areas):
        area = areas.pop(entry["code"], None)
        if area is None:
            areas[entry["code"]] = ResultArea.objects.create(
                framework=framework, order=order, **entry
            )
            changed = True
        else:
            changed |= _update(area, {"title": entry["title"], "order": order})
            areas[entry["code"]] = area
    wanted_areas = {entry["code"] for entry in definition.areas}

    units = {unit.code: unit for unit in framework.units.all()}
    for order, entry in enumerate(definition.units):
        unit = units.get(entry["code"])
        values = {"name": entry["name"], "order": order, "retired": False}
        if unit is None:
            units[entry["code"]] = Unit.objects.create(
                framework=framework, code=entry["code"], **values
            )
            changed = True
        else:
            changed |= _update(unit, values)
    for entry in definition.units:
        unit = units[entry["code"]]
        parent = units[entry["parent"]] if entry["parent"] else None
        changed |= _update(unit, {"parent": parent})
    wanted_units = {entry["code"] for entry in definition.units}
    for code, unit in units.items():
        if code in wanted_units:
            continue
        if unit.reports.exists() or unit.children.filter(retired=False).exists():
            changed |= _update(unit, {"retired": True, "parent": None})
        else:
            unit.delete()
            changed = True

    indicators = {indicator.code: indicator for indicator in framework.indicators.all()}
    for order, entry in enumerate(definition.indicators):
        indicator = indicators.get(entry["code"])
        values = {
            "name": entry["name"],
            "type": entry["type"],
            "area": areas[entry["area"]] if entry["area"] else None,
            "disaggregations": entry["disaggregations"],
            "descriptors": entry["descriptors"],
            "order": order,
            "retired": False,
        }
        if indicator is None:
            Indicator.objects.create(framework=framework, code=entry["code"], **values)
            changed = True
        else:
            if indicator.type != entry["type"] and indicator.values.exists():
                raise FrameworkRefused(
                    f'indicator "{indicator.code}" has values as {indicator.type}: it cannot '
                    f"become {entry['type']} (give the new indicator a new code)"
                )
            changed |= _update(indicator, values)
    wanted = {entry["code"] for entry in definition.indicators}
    for code, indicator in indicators.items():
        if code in wanted:
            continue
        if indicator.values.exists():
            changed |= _update(indicator, {"retired": True})
        else:
            indicator.delete()
            changed = True
    for code, area in areas.items():
        if code not in wanted_areas:
            if area.indicators.exists():
                raise FrameworkRefused(
                    f"the result area {code!r} still has retired indicators with values: "
                    "keep it in the file"
                )
            area.delete()
            changed = True

    for entry in definition.rounds:
        round_ = framework.rounds.filter(period=entry["period"]).first()
        due_on = dt.date.fromisoformat(entry["due_on"]) if entry["due_on"] else None
        if round_ is None:
            do_open_round(framework, entry["period"], trial=entry["trial"], due_on=due_on)
            changed = True
        else:
            changed |= _update(
                round_,
                {
                    "trial": entry["trial"],
                    "due_on": due_on or framework.due_on(framework.period(round_.period)),
                },
            )
    return framework, changed


def _program(code: str | None, actor, existing: Framework | None = None) -> Program:
    """The program a framework file belongs to: the one it names; else, for a framework
    loaded before, its program; else the first program (by creation) the user manages —
    the load says which, and `program: CODE` in the file chooses another."""
    from ctip.accounts.access import programs_of

    programs = programs_of(actor)
    if code:
        program = programs.filter(code=code).first()
        if program is None:
            raise FrameworkRefused(f"no program {code!r} that you are a member of")
        return program
    if existing is not None:
        return existing.program
    managed = [p for p in programs.order_by("pk") if _can_manage_program(actor, p)]
    if not managed:
        raise FrameworkRefused(
            "there is no program yet: load one first (ctip program load FILE)"
            if not programs.exists()
            else "only the program's administrators and MEL officers load a framework"
        )
    return managed[0]


def _can_manage_program(actor, program) -> bool:
    from ctip.accounts.access import WHOLE_PROGRAM_ROLES, role_in

    return role_in(actor, program) in WHOLE_PROGRAM_ROLES


def _update(obj, values: dict) -> bool:
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return bool(changed)


@transaction.atomic
def do_open_round(
    framework: Framework, period_label: str, *, trial: bool = False, due_on=None
) -> Round:
    """Open the round for PERIOD_LABEL: the template as it stands now, a draft report for
    every unit that reports."""
    period = framework.period(period_label)
    round_, created = Round.objects.get_or_create(
        framework=framework,
        period=period.label,
        defaults={
            "starts_on": period.start,
            "ends_on": period.end,
            "due_on": due_on or framework.due_on(period),
            "trial": trial,
            "template": template_of(framework),
        },
    )
    if created:
        for unit in framework.units.filter(retired=False):
            if unit.reports_itself:
                UnitReport.objects.create(round=round_, unit=unit)
    return round_


def template_of(framework: Framework) -> list[dict]:
    return [
        {
            "code": indicator.code,
            "name": indicator.name,
            "type": indicator.type,
            "area": indicator.area.code if indicator.area_id else None,
            "categories": [list(pair) for pair in indicator.categories()],
        }
        for indicator in framework.indicators.filter(retired=False).select_related("area")
    ]


@transaction.atomic
def do_assign_role(user, framework: Framework, role: str, unit: Unit | None = None):
    if role == FrameworkRole.Role.FOCAL_POINT and unit is None:
        raise FrameworkRefused("a focal point reports for a unit: give one")
    if role == FrameworkRole.Role.REVIEWER:
        unit = None
    assigned, _ = FrameworkRole.objects.get_or_create(
        user=user, framework=framework, role=role, unit=unit
    )
    return assigned


# --- a unit's report --------------------------------------------------------------------------


def normalise_value(kind: str, text, levels=()) -> tuple[str, str | None]:
    """(the value as stored, a problem or None)."""
    value = "" if text is None else str(text).strip()
    if value == "":
        return "", None
    if kind == "yes/no":
        answer = {
            "yes": "yes",
            "y": "yes",
            "true": "yes",
            "1": "yes",
            "no": "no",
            "n": "no",
            "false": "no",
            "0": "no",
        }.get(value.lower())
        return (answer, None) if answer else (value, "answer yes or no")
    if kind == "text":
        return value, None
    number = as_number(value)
    if number is None:
        return value, "is not a number"
    if number < 0:
        return value, "cannot be negative"
    if kind == "percentage" and number > 100:
        return value, "is a percentage: 0 to 100"
    if kind == "level":
        if number != number.to_integral_value() or int(number) not in levels:
            return value, f"is not a level ({', '.join(str(level) for level in levels)})"
        return str(int(number)), None
    if kind == "number" and number != number.to_integral_value():
        return value, "is a count: a whole number"
    return (str(int(number)) if number == number.to_integral_value() else str(number)), None


@transaction.atomic
def do_save_values(
    report: UnitReport,
    actor,
    values: list[tuple[str, str, str, str]],
    narratives: dict[str, str] | None = None,
) -> int:
    """Write (indicator code, category, value, comment) cells to an editable report; an empty
    value clears the cell. Returns how many cells changed. Values are checked on submit."""
    if not access.can_fill(actor, report):
        raise PermissionDenied("you do not report for this unit")
    if not report.editable:
        raise FrameworkRefused(
            f"the report is {report.get_status_display().lower()}: it cannot be changed now"
        )
    indicators = {i.code: i for i in report.round.framework.indicators.all()}
    existing = {
        (v.indicator.code, v.category): v for v in report.values.select_related("indicator")
    }
    changed = 0
    for code, category, value, comment in values:
        indicator = indicators[code]
        cell = existing.get((code, category))
        if not str(value or "").strip() and not str(comment or "").strip():
            if cell is not None:
                cell.delete()
                changed += 1
            continue
        if cell is None:
            Value.objects.create(
                report=report,
                indicator=indicator,
                category=category,
                value=str(value or "").strip(),
                comment=str(comment or "").strip(),
            )
            changed += 1
        elif (cell.value, cell.comment) != (str(value or "").strip(), str(comment or "").strip()):
            cell.value, cell.comment = str(value or "").strip(), str(comment or "").strip()
            cell.save(update_fields=["value", "comment"])
            changed += 1
    for code, text in (narratives or {}).items():
        narrative = report.narratives.filter(indicator=indicators[code]).first()
        if narrative is None and text.strip():
            Narrative.objects.create(report=report, indicator=indicators[code], text=text.strip())
            changed += 1
        elif narrative is not None and narrative.text != text.strip():
            narrative.text = text.strip()
            narrative.save(update_fields=["text"])
            changed += 1
    if changed:
        report.save(update_fields=["updated_at"])
    return changed


def check_report(report: UnitReport) -> list[Problem]:
    """The framework's rules on a report's values: types and ranges, disaggregations that add
    up to their totals, a value for every indicator (or a comment saying why not), and a
    comment for a value far from the unit's earlier rounds."""
    framework = report.round.framework
    levels = [level["level"] for level in framework.levels]
    cells = {(v.indicator.code, v.category): v for v in report.values.select_related("indicator")}
    narratives = {n.indicator.code: n.text for n in report.narratives.select_related("indicator")}
    problems: list[Problem] = []
    for entry in report.round.template:
        code, kind = entry["code"], entry["type"]
        total = cells.get((code, ""))
        if total is None or total.value == "":
            if not (total and total.comment) and not narratives.get(code):
                problems.append(
                    Problem(code, "", "no value: give one, or a comment saying why there is none")
                )
        for (cell_code, category), cell in cells.items():
            if cell_code != code or cell.value == "":
                continue
            _value, problem = normalise_value(kind, cell.value, levels)
            if problem:
                problems.append(Problem(code, category, f"{cell.value} {problem}"))
        by_dimension: dict[str, list[str]] = {}
        for dimension, category in entry["categories"]:
            by_dimension.setdefault(dimension, []).append(category)
        for dimension, categories in by_dimension.items():
            given = [
                (c, cells[(code, c)])
                for c in categories
                if cells.get((code, c)) and cells[(code, c)].value
            ]
            if not given:
                continue
            if len(given) < len(categories):
                missing = [c for c in categories if c not in dict(given)]
                problems.append(
                    Problem(
                        code,
                        "",
                        f"{dimension}: give {', '.join(missing)} too, or no {dimension} at all",
                    )
                )
                continue
            numbers = [as_number(cell.value) for _c, cell in given]
            total_number = as_number(total.value) if total and total.value else None
            if None in numbers or total_number is None:
                continue
            if sum(numbers) != total_number:
                parts = " + ".join(f"{c} {cell.value}" for c, cell in given)
                problems.append(
                    Problem(code, "", f"{parts} is not the total {total.value}", joined=True)
                )
        if total and total.value and kind in ("number", "percentage") and not total.comment:
            number = as_number(total.value)
            earlier = earlier_values(report, code)
            if number is not None and earlier:
                mean = sum(earlier) / len(earlier)
                if mean > 0 and (number > mean * OUTLIER_FACTOR or number * OUTLIER_FACTOR < mean):
                    shown = ", ".join(_plain(value) for value in earlier)
                    problems.append(
                        Problem(
                            code,
                            "",
                            f"{total.value} is far from this unit's earlier rounds "
                            f"({shown}): add a comment that explains it",
                        )
                    )
    return problems


def _plain(number) -> str:
    return str(int(number)) if number == number.to_integral_value() else str(number)


def earlier_values(report: UnitReport, code: str) -> list:
    cells = Value.objects.filter(
        report__unit=report.unit,
        report__round__framework=report.round.framework,
        report__round__starts_on__lt=report.round.starts_on,
        report__first_submitted_on__isnull=False,
        indicator__code=code,
        category="",
    ).order_by("report__round__starts_on")
    return [n for n in (cell.number() for cell in cells) if n is not None]


@transaction.atomic
def do_submit_report(report: UnitReport, actor, *, on: dt.date | None = None, via="web"):
    """Submit the report (again, after a return): checked first, refused with every problem
    (ReportInvalid) when any; the submission is kept as it was sent."""
    report = UnitReport.objects.select_for_update().get(pk=report.pk)
    if not access.can_fill(actor, report):
        raise PermissionDenied("you do not report for this unit")
    if not report.editable:
        raise FrameworkRefused(
            f"the report is {report.get_status_display().lower()}: it was submitted already"
        )
    problems = check_report(report)
    if problems:
        raise ReportInvalid(problems)
    for cell in report.values.select_related("indicator"):
        stored, _problem = normalise_value(
            cell.indicator.type, cell.value, [lv["level"] for lv in report.round.framework.levels]
        )
        if stored != cell.value:
            cell.value = stored
            cell.save(update_fields=["value"])
    on = on or timezone.localdate()
    Submission.objects.create(
        report=report,
        number=report.submissions.count() + 1,
        submitted_on=on,
        submitted_by=_user(actor),
        via=via,
        values=[
            [cell.indicator.code, cell.category, cell.value, cell.comment]
            for cell in report.values.select_related("indicator")
        ],
        narratives={
            n.indicator.code: n.text for n in report.narratives.select_related("indicator")
        },
    )
    report.status = UnitReport.Status.SUBMITTED
    if report.first_submitted_on is None:
        report.first_submitted_on = on
    report.save(update_fields=["status", "first_submitted_on", "updated_at"])
    return report


@transaction.atomic
def do_return_report(report: UnitReport, actor, comments: dict[str | None, str]) -> UnitReport:
    """Send a submitted report back with comments (None: on the whole report; an indicator
    code: on that indicator). The submission and the comments are kept."""
    report = UnitReport.objects.select_for_update().get(pk=report.pk)
    if not access.can_review(actor, report.round.framework):
        raise PermissionDenied("only the framework's reviewers return reports")
    if report.status != UnitReport.Status.SUBMITTED:
        raise FrameworkRefused("only a submitted report can be returned")
    comments = {key: text.strip() for key, text in comments.items() if text and text.strip()}
    if not comments:
        raise FrameworkRefused("say what should change: a comment on the report or an indicator")
    submission = report.submissions.order_by("-number").first()
    indicators = {i.code: i for i in report.round.framework.indicators.all()}
    for code, text in comments.items():
        if code is not None and code not in indicators:
            raise FrameworkRefused(f'"{code}" is not an indicator of this framework')
        ReviewComment.objects.create(
            report=report,
            submission=submission,
            indicator=indicators.get(code) if code else None,
            text=text,
            author=_user(actor),
        )
    report.status = UnitReport.Status.RETURNED
    report.save(update_fields=["status", "updated_at"])
    return report


@transaction.atomic
def do_approve_report(report: UnitReport, actor) -> UnitReport:
    report = UnitReport.objects.select_for_update().get(pk=report.pk)
    if not access.can_review(actor, report.round.framework):
        raise PermissionDenied("only the framework's reviewers approve reports")
    if report.status != UnitReport.Status.SUBMITTED:
        raise FrameworkRefused("only a submitted report can be approved")
    report.status = UnitReport.Status.APPROVED
    report.approved_at = timezone.now()
    report.save(update_fields=["status", "approved_at", "updated_at"])
    return report


def _user(actor):
    return actor if getattr(actor, "pk", None) is not None else None


@transaction.atomic
def do_create_focal_point(
    username: str, password: str, framework: Framework, unit: Unit, *, email: str = ""
):
    """A user who reports for UNIT only: no role in the program, nothing else to see."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password

    user = get_user_model()(username=username, email=email)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    do_assign_role(user, framework, FrameworkRole.Role.FOCAL_POINT, unit)
    return user


# --- invitations and reminders by mail --------------------------------------------------------

# Reminders start this many days before a round's due date.
REMIND_BEFORE_DAYS = 14


@transaction.atomic
def do_invite_focal_point(
    email: str, framework: Framework, unit: Unit, *, language: str = "en", invited_by=None
):
    """An account for EMAIL that reports for UNIT, and the accounts' invitation mail with the
    link to set its password (nothing is left behind when the mail cannot go)."""
    from django.contrib.auth import get_user_model

    from ctip.accounts import mail
    from ctip.accounts.actions import do_send_invitation_again, email_in_use, free_username

    email = get_user_model().objects.normalize_email(email.strip())
    if not email:
        raise FrameworkRefused("an invitation needs an e-mail address")
    if email_in_use(email):
        raise FrameworkRefused(
            "an account with this e-mail address exists: give it the role with assign"
        )
    user = get_user_model()(username=free_username(email), email=email)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    mail.remember_language(user, language)
    do_assign_role(user, framework, FrameworkRole.Role.FOCAL_POINT, unit)
    do_send_invitation_again(user, invited_by=invited_by)
    return user


def reminder_kind(report: UnitReport, today: dt.date) -> str | None:
    """What a unit's focal points should be reminded of today, if anything."""
    from .models import Reminder

    if report.status == UnitReport.Status.RETURNED:
        return Reminder.Kind.RETURNED
    if report.submitted or report.status != UnitReport.Status.DRAFT:
        return None
    if today > report.round.due_on:
        return Reminder.Kind.OVERDUE
    if (report.round.due_on - today).days <= REMIND_BEFORE_DAYS:
        return Reminder.Kind.DUE_SOON
    return None


def do_send_reminders(framework: Framework, today: dt.date | None = None) -> dict[str, int]:
    """Mail the focal points of every open round's units that have something to do: a report
    due within REMIND_BEFORE_DAYS days, overdue, or returned for changes. Once a day at most
    per report and kind (run it daily); each report's mail is written in each focal point's
    language. Returns how many reports were reminded, by kind."""
    from ctip.accounts import mail

    from .models import Reminder

    today = today or timezone.localdate()
    counts: dict[str, int] = {}
    reports = UnitReport.objects.filter(round__framework=framework).select_related("round", "unit")
    for report in reports:
        kind = reminder_kind(report, today)
        if (
            kind is None
            or Reminder.objects.filter(report=report, kind=kind, sent_on=today).exists()
        ):
            continue
        focal_points = [
            role.user
            for role in FrameworkRole.objects.filter(
                framework=framework, unit=report.unit, role=FrameworkRole.Role.FOCAL_POINT
            ).select_related("user")
            if role.user.is_active and role.user.email
        ]
        if not focal_points:
            continue
        link = mail.absolute_url(f"/frameworks/reports/{report.pk}/")
        for user in focal_points:
            message = mail.compose(
                "framework_reminder",
                user.email,
                {
                    "kind": kind,
                    "framework": framework.name,
                    "unit": report.unit.name,
                    "period": report.round.period,
                    "due_on": report.round.due_on,
                    "days": abs((report.round.due_on - today).days),
                    "link": link,
                },
                mail.language_of(user),
            )
            mail.send(message, user_id=user.pk)
        Reminder.objects.create(
            report=report, kind=kind, sent_on=today, recipients=len(focal_points)
        )
        counts[kind] = counts.get(kind, 0) + 1
    return counts
