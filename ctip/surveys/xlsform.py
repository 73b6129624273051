"""The participant feedback form as an XLSForm for KoboToolbox/ODK: its question names are
the columns of `ctip import feedback`, so the form's exports import as they are."""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctip.imports.permissions import importable_events

from .forms import statement_text
from .models import Likert, Statement, SurveyKind


def feedback_xlsform(program, actor) -> bytes:
    """The participant feedback form as an XLSForm, labelled in English, Thai and
    Vietnamese. Its question names are the feedback import's columns, so a KoboToolbox/ODK
    export ("XML values and headers") imports as it is with `ctip import feedback`."""
    from openpyxl import Workbook

    languages = [("en", "English (en)"), ("th", "Thai (th)"), ("vi", "Vietnamese (vi)")]

    def labels(text_of) -> list[str]:
        out = []
        for code, _name in languages:
            with translation.override(code):
                out.append(str(text_of()))
        return out

    statements = Statement.objects.filter(
        program=program, kind=SurveyKind.FEEDBACK, active=True
    ).order_by("order", "code")
    events = (
        importable_events(actor, program)
        .order_by("-start_date", "code")
        .values_list("code", "title")
    )
    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    label_headers = [f"label::{name}" for _code, name in languages]
    survey.append(["type", "name", *label_headers, "required", "relevant", "appearance"])

    def question(kind, name, text_of, required="", relevant="", appearance=""):
        survey.append([kind, name, *labels(text_of), required, relevant, appearance])

    question("select_one events", "event_id", lambda: _("Event"), "yes", "", "minimal")
    question("today", "answered_on", lambda: "")
    question("begin_group", "statements", lambda: _("How much do you agree?"))
    for statement in statements:
        question(
            "select_one likert", statement.code, lambda s=statement: statement_text(s), "", "", ""
        )
    question("end_group", "", lambda: "")
    question(
        "text",
        "free_text",
        lambda: _("Anything else you would like to tell us?"),
        "",
        "",
        "multiline",
    )
    question(
        "select_one yes_no",
        "may_quote",
        lambda: _("You may quote my words in the program's reports."),
    )
    question(
        "text",
        "attribution",
        lambda: _("How should we name you?"),
        "",
        "${may_quote} = 'yes'",
    )
    choices_sheet = workbook.create_sheet("choices")
    choices_sheet.append(["list_name", "name", *label_headers])
    for code, title in events:
        choices_sheet.append(["events", code, *[f"{code}: {title}"] * len(languages)])
    for value, label in Likert.choices:
        choices_sheet.append(["likert", str(value), *labels(lambda label=label: label)])
    for value, text in (("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))):
        choices_sheet.append(["yes_no", value, *labels(lambda text=text: text)])
    settings = workbook.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append(
        [f"{program.name}: feedback", f"ctip_feedback_{program.code}", "1", "English (en)"]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
