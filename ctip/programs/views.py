"""The program pages for administrators: settings, projects, outcomes, indicators, targets,
and the program file to download or upload. Every change is an edit of the program's
definition, loaded by do_load_program: the same checks, history and audit as
`ctip program load` (docs/programs.md)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ctip.accounts.access import role_in
from ctip.accounts.models import Role
from ctip.web.programs import current_program

from . import forms
from .actions import do_load_program, may_define_program
from .definition import (
    ProgramFileError,
    check_definition,
    export_program,
    program_definition,
    read_definition,
)

FORM_PLACE = {(): "the form"}


def _program_for_administrator(request):
    program = current_program(request)
    if not may_define_program(request.user, program):
        raise PermissionDenied(_("Only an administrator changes the program."))
    return program


def _url(name: str, program) -> str:
    return f"{reverse(name)}?program={program.code}"


def _load(request, program, data) -> list[str]:
    """Load DATA (the program's definition, edited); the problems, or [] when loaded."""
    try:
        report = do_load_program(check_definition(data, FORM_PLACE), actor=request.user)
    except ProgramFileError as error:
        return error.problems
    if report.changed:
        messages.success(request, "; ".join(report.changes))
    else:
        messages.info(request, _("Nothing changed."))
    return []


@login_required
def settings_page(request):
    program = _program_for_administrator(request)
    data = program_definition(program)
    description = data.get("description") or ""
    english = description.get("en", "") if isinstance(description, dict) else description
    initial = {**data, "description": english}
    form = forms.ProgramForm(request.POST or None, initial=initial)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        entry = form.entry()
        for name in ("name", "fiscal_year_start_month", "starts_on", "ends_on"):
            if entry[name] is not None:
                data[name] = entry[name]
        translated = dict(description) if isinstance(description, dict) else {}
        translated["en"] = entry["description"]
        data["description"] = {k: v for k, v in translated.items() if v}
        problems = _load(request, program, data)
        if not problems:
            return redirect(_url("program-settings", program))
    return render(
        request,
        "programs/settings.html",
        {
            "program": program,
            "form": form,
            "problems": problems,
            "upload_form": forms.UploadForm(),
            "sections": SECTIONS,
        },
    )


@login_required
@require_POST
def upload(request):
    program = _program_for_administrator(request)
    form = forms.UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a program file to upload."))
        return redirect(_url("program-settings", program))
    upload = form.cleaned_data["file"]
    try:
        definition = read_definition(upload.read(), upload.name)
        if definition.data["code"] != program.code:
            raise ProgramFileError(
                [
                    _("the file is for program %(file)s, not %(program)s")
                    % {"file": definition.data["code"], "program": program.code}
                ]
            )
        report = do_load_program(definition, actor=request.user)
    except ProgramFileError as error:
        messages.error(request, _("Nothing was loaded: %s") % " | ".join(error.problems))
        return redirect(_url("program-settings", program))
    if report.changed:
        messages.success(request, "; ".join(report.changes))
    else:
        messages.info(request, _("The program is already as the file says."))
    return redirect(_url("program-settings", program))


@login_required
def download(request, fmt):
    program = current_program(request)
    if role_in(request.user, program) not in (Role.ADMINISTRATOR, Role.MEL_OFFICER):
        raise PermissionDenied(_("Only administrators and MEL officers download the program."))
    if fmt not in ("yaml", "xlsx"):
        raise Http404
    filename = f"{program.code}.{fmt}"
    content_type = (
        "application/yaml"
        if fmt == "yaml"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(export_program(program, filename), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- sections: a list of entries of the definition, with a form to add or change one ------


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    columns: tuple[str, ...]

    def url(self, program) -> str:
        return _url(f"program-{self.name}", program)


SECTIONS = (
    Section("projects", "Projects", ("code", "name")),
    Section("outcomes", "Outcomes", ("level", "number", "parent", "title", "since")),
    Section(
        "indicators",
        "Indicators",
        ("code", "title", "level", "unit", "outcome", "aggregation", "computed_as"),
    ),
    Section("targets", "Targets", ("indicator", "period", "value")),
)
_BY_NAME = {section.name: section for section in SECTIONS}


def _outcome_key(entry) -> str:
    return f"{entry['level']} {entry['number']}"


def _entries(name: str, data: dict) -> list[tuple[str, dict]]:
    """(key, entry) for every entry of the section, as the program file lists them."""
    if name == "projects":
        return [(e["code"], e) for e in data["projects"]]
    if name == "outcomes":
        return [(_outcome_key(e), e) for e in data["outcomes"]]
    if name == "indicators":
        return [(e["code"], e) for e in data["indicators"]]
    return [
        (f"{i['code']} {period}", {"indicator": i["code"], "period": period, "value": value})
        for i in data["indicators"]
        for period, value in i.get("targets", {}).items()
    ]


def _form(name: str, data: dict, *args, **kwargs):
    outcomes = [_outcome_key(e) for e in data["outcomes"]]
    if name == "projects":
        return forms.ProjectForm(*args, **kwargs)
    if name == "outcomes":
        parents = [key for key in outcomes if not key.startswith("io ")]
        return forms.OutcomeForm(*args, parents=parents, **kwargs)
    if name == "indicators":
        return forms.IndicatorForm(*args, outcomes=outcomes, **kwargs)
    codes = [e["code"] for e in data["indicators"]]
    return forms.TargetForm(*args, indicators=codes, **kwargs)


def _initial(name: str, entry: dict) -> dict:
    initial = dict(entry)
    for field in ("title", "text"):
        if isinstance(initial.get(field), dict):
            initial[field] = initial[field].get("en", "")
    return initial


def _apply(name: str, data: dict, original: str | None, entry: dict | None) -> None:
    """Change DATA: replace the entry keyed ORIGINAL by ENTRY (add it when ORIGINAL is None;
    drop the entry when ENTRY is None)."""
    if name == "targets":
        if original:
            code, period = original.split(" ", 1)
            for indicator in data["indicators"]:
                if indicator["code"] == code:
                    indicator.get("targets", {}).pop(period, None)
        if entry:
            for indicator in data["indicators"]:
                if indicator["code"] == entry["indicator"]:
                    indicator.setdefault("targets", {})[entry["period"]] = entry["value"]
        return
    entries = data[name]
    keys = [key for key, _e in _entries(name, data)]
    position = keys.index(original) if original in keys else len(entries)
    old = entries.pop(position) if original in keys else {}
    if entry is None:
        return
    if name == "outcomes" and old:
        title = old.get("title")
        merged = {k: v for k, v in old.items() if k in ("earlier", "since")}
        merged.update(entry)
        if isinstance(title, dict):
            merged["title"] = {**title, "en": entry["title"]}
        entry = merged
    if name == "indicators" and old.get("targets"):
        entry = {**entry, "targets": old["targets"]}
    entries.insert(position, entry)


@login_required
def section_page(request, section):
    if section not in _BY_NAME:
        raise Http404
    program = _program_for_administrator(request)
    data = program_definition(program)
    entries = _entries(section, data)
    keys = dict(entries)
    editing = request.POST.get("original") or request.GET.get("edit") or None
    if editing and editing not in keys:
        raise Http404
    problems: list[str] = []
    if request.method == "POST":
        dropping = request.POST.get("drop")
        if dropping:
            if dropping not in keys:
                raise Http404
            _apply(section, data, dropping, None)
            problems = _load(request, program, data)
            if not problems:
                return redirect(_BY_NAME[section].url(program))
            form = _form(section, data)
        else:
            form = _form(section, data, request.POST)
            if form.is_valid():
                _apply(section, data, editing, form.entry())
                problems = _load(request, program, data)
                if not problems:
                    return redirect(_BY_NAME[section].url(program))
    else:
        initial = _initial(section, keys[editing]) if editing else None
        form = _form(section, data, initial=initial)
    rows = [
        (key, [_shown(entry.get(column)) for column in _BY_NAME[section].columns])
        for key, entry in entries
    ]
    return render(
        request,
        "programs/section.html",
        {
            "program": program,
            "section": _BY_NAME[section],
            "sections": SECTIONS,
            "rows": rows,
            "form": form,
            "editing": editing,
            "problems": problems,
        },
    )


def _shown(value) -> str:
    if isinstance(value, dict):
        return value.get("en", "")
    return "" if value is None else str(value)
