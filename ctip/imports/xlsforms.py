"""The project's own XLSForms as data: questions and choices with their labels in every
language of the program. `downloads` writes them as .xlsx for KoboToolbox and ODK; `formats`
reads exports of them back, taking their labels (in any of these languages) as aliases of
the question names and their choice labels as aliases of the choice names.

The attendance form asks consent first and shows the personal questions only after a Yes,
so that a server never holds the details of someone who refused."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The program's languages, as XLSForm label columns name them (`label::Thai (th)`).
LANGUAGES = (
    ("en", "English"),
    ("th", "Thai"),
    ("lo", "Lao"),
    ("km", "Khmer"),
    ("vi", "Vietnamese"),
    ("id", "Indonesian"),
    ("fil", "Filipino"),
    ("my", "Burmese"),
)
# Searchable lists: ODK Collect and Enketo (KoboToolbox) both filter an `autocomplete`
# select_one as the person types.
SEARCHABLE = "autocomplete"
EMAIL_CONSTRAINT = r"regex(., '^[^@\s]+@[^@\s]+\.[^@\s]+$')"
PHONE_CONSTRAINT = r"regex(., '^[0-9+()\-. ]{6,40}$')"
CONSENTED = "${consent} = 'yes'"


def column_label(code: str, name: str, column: str = "label") -> str:
    return f"{column}::{name} ({code})"


@dataclass
class Question:
    type: str
    name: str
    label: dict[str, str] = field(default_factory=dict)  # language code → text
    hint: dict[str, str] = field(default_factory=dict)
    required: bool = False
    relevant: str = ""
    constraint: str = ""
    constraint_message: dict[str, str] = field(default_factory=dict)
    appearance: str = ""

    @property
    def list_name(self) -> str:
        kind, _space, rest = self.type.partition(" ")
        return rest if kind in ("select_one", "select_multiple") else ""


@dataclass
class Choice:
    list_name: str
    name: str
    label: dict[str, str]


@dataclass
class Form:
    title: str
    form_id: str
    questions: list[Question]
    choices: list[Choice]
    version: str = "2"

    def labels_of_questions(self) -> dict[str, dict[str, str]]:
        """Question name → {language → label}, for the questions that hold answers."""
        return {
            question.name: question.label
            for question in self.questions
            if question.name and not question.type.startswith(("begin_", "end_", "note"))
        }

    def choices_of(self, question_name: str) -> list[Choice]:
        """The choices of a select question."""
        for question in self.questions:
            if question.name == question_name and question.list_name:
                return [c for c in self.choices if c.list_name == question.list_name]
        return []


def translated(text) -> dict[str, str]:
    """TEXT (a lazy translatable string, or a function of none) in every language."""
    labels = {}
    for code, _name in LANGUAGES:
        with translation.override(code):
            labels[code] = str(text() if callable(text) else text)
    return labels


def same_in_every_language(text: str) -> dict[str, str]:
    return {code: text for code, _name in LANGUAGES}


# -- the attendance form ------------------------------------------------------------------


def attendance_form(program, actor) -> Form:
    """The attendance form: consent first; the personal questions (among them the
    Washington Group Short Set, as the web form asks it) only after a Yes. Its question
    names are the columns of `ctip import attendance`, its choice names their codes."""
    from ctip.countries.models import Country
    from ctip.lib.countries import REGIONAL_CODE
    from ctip.organisations.models import Organisation
    from ctip.people.models import WG_DOMAINS, Attendance, Difficulty
    from ctip.registration.forms import (
        CONSENT_CHOICES,
        CONSENT_VERSION,
        CONSENT_WORDING,
        SEX_CHOICES,
        WG_QUESTIONS,
    )

    from .permissions import importable_events

    personal = [
        Question(
            "text",
            "full_name",
            translated(_("Your name")),
            translated(_("As you write it, in any script.")),
            required=True,
        ),
        Question(
            "text",
            "name_latin",
            translated(_("Your name in Latin letters")),
            translated(_("Only if your name is not written in Latin letters.")),
        ),
        Question("select_one sex", "sex", translated(_("Sex"))),
        Question(
            "select_one countries",
            "country_of_origin",
            translated(_("Country you come from")),
            appearance=SEARCHABLE,
        ),
        Question("text", "organisation", translated(_("Organisation"))),
        Question(
            "select_one organisation_types",
            "organisation_type",
            translated(_("Type of organisation")),
            relevant="${organisation} != ''",
        ),
        Question("text", "position", translated(_("Position"))),
        Question(
            "text",
            "email",
            translated(_("Email (optional)")),
            constraint=EMAIL_CONSTRAINT,
            constraint_message=translated(_("Enter a valid email address.")),
        ),
        Question(
            "text",
            "phone",
            translated(_("Phone (optional)")),
            constraint=PHONE_CONSTRAINT,
            constraint_message=translated(_("Please write the phone number with digits only.")),
            appearance="numbers",
        ),
        *(
            Question("select_one difficulty", f"wg_{domain}", translated(WG_QUESTIONS[domain]))
            for domain in WG_DOMAINS
        ),
        Question("select_one roles", "role", translated(_("Your role at the event"))),
    ]
    questions = [
        Question(
            "select_one consent",
            "consent",
            translated(_("May we keep your details?")),
            translated(CONSENT_WORDING[CONSENT_VERSION]),
            required=True,
        ),
        Question(
            "select_one events",
            "event_id",
            translated(_("Event")),
            required=True,
            appearance=SEARCHABLE,
        ),
        Question(
            "begin_group",
            "participant",
            translated(_("About you")),
            relevant=CONSENTED,
        ),
        *personal,
        Question("end_group", ""),
    ]
    choices = [Choice("consent", value, translated(label)) for value, label in CONSENT_CHOICES]
    events = importable_events(actor, program).order_by("-start_date", "code")
    choices += [
        Choice("events", code, same_in_every_language(f"{code}: {title}"))
        for code, title in events.values_list("code", "title")
    ]
    choices += [Choice("sex", value, translated(label)) for value, label in SEX_CHOICES]
    countries = Country.objects.exclude(code=REGIONAL_CODE).order_by("asean_order", "name")
    choices += [
        Choice("countries", code, translated(lambda name=name: gettext(name)))
        for code, name in countries.values_list("code", "name")
    ]
    choices += [
        Choice("organisation_types", value, translated(label))
        for value, label in Organisation.Type.choices
    ]
    choices += [
        Choice("organisation_types", "opd", translated(_("Organisation of people with disability")))
    ]
    choices += [Choice("difficulty", code, translated(label)) for code, label in Difficulty.choices]
    choices += [Choice("roles", code, translated(label)) for code, label in Attendance.Role.choices]
    return Form(
        f"{program.name}: attendance", f"ctip_attendance_{program.code}", questions, choices
    )


# -- the feedback form --------------------------------------------------------------------


def feedback_form(program, actor) -> Form:
    """The participant feedback form; its question names are the feedback import's columns."""
    from ctip.surveys.forms import statement_text
    from ctip.surveys.models import Likert, Statement, SurveyKind

    from .permissions import importable_events

    statements = Statement.objects.filter(
        program=program, kind=SurveyKind.FEEDBACK, active=True
    ).order_by("order", "code")
    questions = [
        Question(
            "select_one events",
            "event_id",
            translated(_("Event")),
            required=True,
            appearance=SEARCHABLE,
        ),
        Question("today", "answered_on"),
        Question("begin_group", "statements", translated(_("How much do you agree?"))),
        *(
            Question(
                "select_one likert",
                statement.code,
                translated(lambda s=statement: statement_text(s)),
            )
            for statement in statements
        ),
        Question("end_group", ""),
        Question(
            "text",
            "free_text",
            translated(_("Anything else you would like to tell us?")),
            appearance="multiline",
        ),
        Question(
            "select_one yes_no",
            "may_quote",
            translated(_("You may quote my words in the program's reports.")),
        ),
        Question(
            "text",
            "attribution",
            translated(_("How should we name you?")),
            relevant="${may_quote} = 'yes'",
        ),
    ]
    events = importable_events(actor, program).order_by("-start_date", "code")
    choices = [
        Choice("events", code, same_in_every_language(f"{code}: {title}"))
        for code, title in events.values_list("code", "title")
    ]
    choices += [Choice("likert", str(value), translated(label)) for value, label in Likert.choices]
    choices += [
        Choice("yes_no", value, translated(label))
        for value, label in (("yes", _("Yes")), ("no", _("No")))
    ]
    return Form(f"{program.name}: feedback", f"ctip_feedback_{program.code}", questions, choices)


FORMS: dict[str, Callable] = {"attendance": attendance_form, "feedback": feedback_form}


# -- writing ------------------------------------------------------------------------------


def write_xlsform(form: Form) -> bytes:
    """FORM as an XLSForm workbook: survey, choices and settings sheets, a label column
    per language."""
    from ctip.lib.spreadsheets import new_workbook, safe_row, write_text_cells, xlsx_bytes

    def per_language(column: str) -> list[str]:
        return [column_label(code, name, column) for code, name in LANGUAGES]

    def texts(labels: dict[str, str]) -> list[str]:
        return [labels.get(code, "") for code, _name in LANGUAGES]

    workbook = new_workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.append(
        [
            "type",
            "name",
            *per_language("label"),
            *per_language("hint"),
            "required",
            "relevant",
            "constraint",
            *per_language("constraint_message"),
            "appearance",
        ]
    )
    for question in form.questions:
        survey.append(
            safe_row(
                [
                    question.type,
                    question.name,
                    *texts(question.label),
                    *texts(question.hint),
                    "yes" if question.required else "",
                    question.relevant,
                    question.constraint,
                    *texts(question.constraint_message),
                    question.appearance,
                ]
            )
        )
    choices = workbook.create_sheet("choices")
    choices.append(["list_name", "name", *per_language("label")])
    for choice in form.choices:
        choices.append(safe_row([choice.list_name, choice.name, *texts(choice.label)]))
    settings = workbook.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append(safe_row([form.title, form.form_id, form.version, "English (en)"]))
    for sheet in (survey, choices, settings):
        for row in sheet.iter_rows():
            write_text_cells(row)
    return xlsx_bytes(workbook)
