"""Moodle's course completion report as an import source (`ctip import elearning FILE`).

The shape accepted (docs/instruments.md): a Moodle 4 custom report (Report builder, report
source "Course participants" with the course completion columns), downloaded as "Comma
separated values (.csv)" or "Microsoft Excel (.xlsx)": one row per learner and course, the
column titles as Moodle's English interface writes them — "Full name", "Email address",
"Course full name", "Course language", "Time completed", "Country", "Institution", and a
custom user profile field "Sex" (or "Gender"). Rows not completed (no time completed) are left
out.

Keys: a completion is its course, language and learner (the e-mail address, or the full name
when the report has none); a row already imported updates that completion in place. A new
learner is an existing person of the program with the same name and e-mail, or a new person;
record linkage (counting people once) links the rest later, as for attendance sheets."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctip.accounts.access import WHOLE_PROGRAM_ROLES, role_in
from ctip.imports.sources.base import Column, Context, ImportSource, Plan, RowResult, RowStatus
from ctip.lib import normalise
from ctip.lib.names import romanise
from ctip.lib.normalise import NormaliseError
from ctip.organisations.models import Organisation, OrganisationAlias
from ctip.people.models import Person

from .models import LANGUAGES, Completion, Course

# Language names as Moodle writes them ("Thai ‎(th)‎") and as people do.
_LANGUAGE_WORDS = {
    "my": ("burmese", "myanmar", "မြန်မာ"),
    "id": ("indonesian", "bahasa indonesia", "indonesia"),
    "km": ("khmer", "cambodian", "ខ្មែរ"),
    "lo": ("lao", "laotian", "ລາວ"),
    "th": ("thai", "ไทย", "ภาษาไทย"),
    "vi": ("vietnamese", "tiếng việt"),
    "en": ("english",),
    "fil": ("filipino", "tagalog"),
    "ms": ("malay", "bahasa melayu"),
}
_LANGUAGES = {
    **{code: code for code in LANGUAGES},
    **{normalise.key(word): code for code, words in _LANGUAGE_WORDS.items() for word in words},
}
_CODE_IN_PARENTHESES = re.compile(r"\(\s*([a-z]{2,3})(?:_[a-z]+)?\s*\)\s*$")
_WEEKDAY = re.compile(
    r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday),\s*", re.IGNORECASE
)
_TIME = re.compile(r",?\s*\d{1,2}:\d{2}(?::\d{2})?\s*([ap]\.?m\.?)?$", re.IGNORECASE)
_MOODLE_SHORT = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")


def normalise_language(value) -> str:
    """A language code (th, vi, ...) from Moodle's "Thai ‎(th)‎", a name or a code."""
    written = normalise.text(value)
    if not written:
        raise NormaliseError(_("the course language is needed"))
    lowered = written.casefold()
    match = _CODE_IN_PARENTHESES.search(lowered)
    if match and match[1] in LANGUAGES:
        return match[1]
    code = _LANGUAGES.get(normalise.key(lowered.split("(")[0]))
    if code is None:
        raise NormaliseError(
            _('"%(value)s" is not a language we know; write its name or code (th, vi, km, ...)')
            % {"value": written}
        )
    return code


def normalise_completion_date(value) -> dt.date | None:
    """The date of Moodle's "Time completed": "Tuesday, 1 October 2024, 10:15 AM", its short
    form "1/10/24, 10:15" (Moodle writes the day first), ISO text or a spreadsheet date."""
    if isinstance(value, dt.date):
        return normalise.normalise_date(value)
    written = normalise.text(value)
    if not written:
        return None
    stripped = _TIME.sub("", _WEEKDAY.sub("", written)).strip()
    if match := _MOODLE_SHORT.match(stripped):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
        year += 2000 if year < 100 else 0
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise NormaliseError(_('"%(value)s" is not a real date') % {"value": written}) from None
    return normalise.normalise_date(stripped)


class ElearningSource(ImportSource):
    kind = "elearning"
    label = gettext_lazy("E-learning completions (Moodle)")
    columns = (
        Column("learner", True, ("full name", "user full name", "name", "learner", "student")),
        Column("email", False, ("email address", "e-mail", "user email address")),
        Column("course", True, ("course full name", "course name", "course short name")),
        Column("language", True, ("course language", "forced language", "lang")),
        Column(
            "completion_date",
            True,
            ("time completed", "date completed", "completion date", "completed on"),
            xlsform_type="date",
        ),
        Column("country", False, ("user country",)),
        Column("sex", False, ("gender", "user sex")),
        Column("organisation", False, ("institution", "organization", "department")),
    )

    def plan(self, rows: list[tuple[int, dict]], ctx: Context) -> Plan:
        plan = Plan(self.kind, payload=[])
        if role_in(ctx.actor, ctx.program) not in WHOLE_PROGRAM_ROLES:
            ctx.error(
                _(
                    "e-learning completions are imported by the program's administrators and "
                    "MEL officers"
                )
            )
            return plan
        program = ctx.program
        courses = {normalise.key(c.name): c for c in Course.objects.filter(program=program)}
        existing = {
            (c.course_id, c.language, c.learner_key): c
            for c in Completion.objects.filter(course__program=program).select_related("person")
        }
        people = {}
        for person in Person.objects.filter(program=program).exclude(email=""):
            people.setdefault((normalise.key(person.full_name), person.email), person)
        organisations = _organisations()
        seen: dict[tuple, int] = {}
        new_courses: dict[str, Course] = {}
        for number, cells in rows:
            errors_before = len(ctx.errors)
            learner = normalise.text(cells.get("learner"))
            if not learner:
                ctx.error(_("the learner's name is needed"), number, "learner")
            email = ctx.read(number, "email", normalise.normalise_email, cells.get("email"))
            course_name = normalise.text(cells.get("course"))
            if not course_name:
                ctx.error(_("the course is needed"), number, "course")
            language = ctx.read_coded(number, "language", normalise_language, cells.get("language"))
            completed = ctx.read(
                number, "completion_date", normalise_completion_date, cells.get("completion_date")
            )
            country = ctx.read_coded(
                number, "country", normalise.normalise_country, cells.get("country")
            )
            sex = ctx.read_coded(number, "sex", normalise.normalise_sex, cells.get("sex"))
            if len(ctx.errors) > errors_before:
                continue
            if completed is None:
                plan.results.append(
                    RowResult(
                        number, RowStatus.LEFT_OUT, _("%(name)s: not completed") % {"name": learner}
                    )
                )
                continue
            if completed > timezone.localdate():
                ctx.error(_("the completion date is in the future"), number, "completion_date")
                continue
            learner_key = email or normalise.key(learner)
            course_key = normalise.key(course_name)
            key = (course_key, language, learner_key)
            if key in seen:
                ctx.error(
                    _("this learner's completion of this course is already on row %(row)s")
                    % {"row": seen[key]},
                    number,
                    "learner",
                )
                continue
            seen[key] = number
            course = courses.get(course_key) or new_courses.get(course_key)
            if course is None:
                course = new_courses[course_key] = Course(program=program, name=course_name[:300])
                plan.creates.append((number, "course", course_name))
            organisation_written = normalise.text(cells.get("organisation"))
            organisation = organisations.find(organisation_written, country)
            if organisation_written and organisation is None:
                ctx.warn(
                    _(
                        '"%(value)s" is not an organisation of the registry: the completion '
                        "keeps the name as written"
                    )
                    % {"value": organisation_written},
                    number,
                    "organisation",
                )
            values = {
                "completed_on": completed,
                "country_id": country,
                "organisation_id": organisation,
                "organisation_as_written": organisation_written[:300],
            }
            label = f"{learner} · {course_name} ({language})"
            found = existing.get((course.pk, language, learner_key)) if course.pk else None
            if found is None:
                person = people.get((normalise.key(learner), email)) if email else None
                plan.results.append(RowResult(number, RowStatus.NEW, label))
                plan.payload.append(
                    ("new", course, language, learner_key, values, person, (learner, email, sex))
                )
                continue
            changed = [name for name, value in values.items() if getattr(found, name) != value]
            if not changed:
                plan.results.append(RowResult(number, RowStatus.UNCHANGED, label))
                continue
            columns = sorted({_COLUMN_OF_FIELD[name] for name in changed})
            plan.results.append(RowResult(number, RowStatus.CHANGED, label, columns))
            plan.payload.append(("changed", found, {name: values[name] for name in changed}))
        return plan

    def apply(self, plan: Plan, ctx: Context, recorder) -> None:
        new_courses, new_people, new_completions = [], [], []
        for entry in plan.payload:
            if entry[0] == "changed":
                _kind, completion, delta = entry
                before = {name: getattr(completion, name) for name in delta}
                for name, value in delta.items():
                    setattr(completion, name, value)
                completion.save(update_fields=list(delta))
                recorder.changed(completion, before, {}, audit=False)
                continue
            _kind, course, language, learner_key, values, person, (name, email, sex) = entry
            if course.pk is None:
                course.save()
                new_courses.append(course)
            if person is None:
                person = Person.objects.create(
                    program=ctx.program,
                    full_name=name[:200],
                    romanised_name=romanise(name)[:200],
                    sex=sex,
                    country_of_origin_id=values["country_id"],
                    organisation_id=values["organisation_id"],
                    email=email,
                )
                new_people.append(person)
            new_completions.append(
                Completion.objects.create(
                    course=course,
                    language=language,
                    learner_key=learner_key,
                    person=person,
                    **values,
                )
            )
        recorder.will_create(Course, Person, Completion)
        recorder.created(new_courses, audit=False)
        recorder.created(new_people, audit=False)
        recorder.created(new_completions, audit=False)


_COLUMN_OF_FIELD = {
    "completed_on": "completion_date",
    "country_id": "country",
    "organisation_id": "organisation",
    "organisation_as_written": "organisation",
}


class _Organisations:
    """Organisations of the registry found by name, acronym or alias (case and spacing do not
    matter; one in the learner's country wins a tie), else read the ways sheets write
    agencies ("Department of Justice (DOJ)", "NCCT Cambodia": Registry.match, as the
    attendance import). None for one the registry lacks."""

    def __init__(self):
        self._registry = None
        self.by_key: dict[str, list[tuple[int, str | None]]] = {}
        for pk, name, acronym, country in Organisation.objects.values_list(
            "pk", "name", "acronym", "country_id"
        ):
            for written in {name, acronym} - {""}:
                self.by_key.setdefault(normalise.key(written), []).append((pk, country))
        for pk, alias, country in OrganisationAlias.objects.values_list(
            "organisation_id", "alias", "organisation__country_id"
        ):
            self.by_key.setdefault(normalise.key(alias), []).append((pk, country))

    def find(self, written: str, country) -> int | None:
        if not written:
            return None
        candidates = self.by_key.get(normalise.key(written), [])
        if not candidates:
            from ctip.organisations.registry import Registry

            if self._registry is None:
                self._registry = Registry.from_database()
            found = self._registry.match(written, country or "")
            return int(found) if found is not None else None
        local = [pk for pk, where in candidates if where == country]
        return (local or [candidates[0][0]])[0]


def _organisations() -> _Organisations:
    return _Organisations()
