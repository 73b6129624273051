"""Every csv and xlsx the project writes goes out through ctip.lib.spreadsheets, and none of
them holds a live formula, whatever people typed: every download URL and every command that
writes a file is fed hostile values and its file is opened with csv and openpyxl."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from ctip.countries.models import Country
from ctip.events.actions import do_create_event
from ctip.imports.sources import SOURCES
from ctip.lib.spreadsheets import FORMULA_STARTS
from ctip.people.actions import do_create_person, do_record_attendance
from ctip.reports.registry import REPORTS
from ctip.reports.renderers import RENDERERS
from ctip.web.tests.test_access_matrix import URLS, _url_patterns

CTIP = Path(__file__).resolve().parents[2]
HOSTILE = {
    "event code": '=HYPERLINK("http://evil.example","Click")',
    "event title": "+SUM(1,1)",
    "place": "@SUM(1)",
    "person": "-2+3 Somsak",
    "organisation": "\t=1+1",
    "program": "=cmd|' /C calc'!A0",
    "country": "\r=1+1 Cambodia",
    "project": "-AA1",
}
SPREADSHEET_TYPES = ("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml")


def test_no_module_writes_a_csv_or_saves_a_workbook_but_the_safe_writer():
    offenders = []
    for path in CTIP.rglob("*.py"):
        relative = path.relative_to(CTIP).as_posix()
        if "/tests/" in f"/{relative}" or relative.startswith(("bench/", "lib/spreadsheets.py")):
            continue  # tests and benchmarks write input files, not files for people
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            called = ast.unparse(node.func)
            if called in ("csv.writer", "csv.DictWriter", "Workbook", "openpyxl.Workbook") or (
                called.endswith("workbook.save")
            ):
                offenders.append(f"{relative}:{node.lineno} {called}()")
    assert not offenders, (
        "write csv and xlsx through ctip.lib.spreadsheets (csv_writer, new_workbook + "
        f"xlsx_bytes): {offenders}"
    )


@pytest.fixture
def hostile(cast):
    """The cast's program with a hostile value in every text a file may show."""
    program = cast.program
    program.name = HOSTILE["program"]
    program.save()
    program.projects.update(code=HOSTILE["project"], name=HOSTILE["project"])
    Country.objects.filter(code="KH").update(name=HOSTILE["country"])
    event = do_create_event(
        program,
        code=HOSTILE["event code"],
        title=HOSTILE["event title"],
        place=HOSTILE["place"],
        start_date=dt.date(2024, 11, 5),
        country_code="TH",
        event_type="workshop",
        project=program.projects.get(),
    )
    person = do_create_person(
        program,
        full_name=HOSTILE["person"],
        romanised_name=HOSTILE["person"],
        sex="female",
        country_code="KH",
        organisation=cast.somchai.organisation,
        consent_given=True,
    )
    organisation = cast.somchai.organisation
    organisation.name = HOSTILE["organisation"]
    organisation.save()
    do_record_attendance(event, person)
    _hostile_framework(cast)
    return cast


def _hostile_framework(cast):
    """A partner framework whose names and values are hostile, with a submitted report."""
    from ctip.frameworks.actions import (
        do_load_framework,
        do_open_round,
        do_save_values,
        do_submit_report,
    )
    from ctip.frameworks.files import read_definition

    definition = read_definition(
        "code: bohol-2\n"
        "name: Bohol\n"
        "program: test\n"
        f"units: [{{code: PH, name: {HOSTILE['country']!r}}}]\n"
        "indicators:\n"
        f"  - {{code: '1.1', name: {HOSTILE['event title']!r}, type: number}}\n"
        f"  - {{code: '1.2', name: {HOSTILE['event code']!r}, type: text}}\n"
    )
    framework, _ = do_load_framework(definition, cast.admin)
    report = do_open_round(framework, "2024").reports.get()
    do_save_values(
        report,
        cast.admin,
        [("1.1", "", "3", HOSTILE["place"]), ("1.2", "", HOSTILE["person"], "")],
        {"1.1": HOSTILE["organisation"]},
    )
    do_submit_report(report, cast.admin)


def _cells(name: str, content: bytes) -> list[tuple[str, object]]:
    """(where, value) of every cell of a csv or xlsx file; asserts no cell is a formula."""
    if content[:2] == b"PK":
        workbook = load_workbook(io.BytesIO(content))  # formulas kept as formulas
        cells = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{name} {sheet.title}!{cell.coordinate}"
                    cells.append((f"{name} {sheet.title}!{cell.coordinate}", cell.value))
        return cells
    rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    return [(f"{name} row {n}", value) for n, row in enumerate(rows, 1) for value in row]


def _live_formulas(name: str, content: bytes) -> list[str]:
    live = []
    for where, value in _cells(name, content):
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            try:
                float(value)  # a negative number is a number, not a formula
            except ValueError:
                live.append(f"{where}: {value!r}")
    return live


def _download_urls(cast) -> list[tuple[str, str]]:
    """(URL name, URL) of every page, each report in each format, each import template."""
    urls = []
    for route, name in _url_patterns():
        entry = URLS.get(name or route)
        if not name or entry is None or name == "factsheet-pdf":
            continue  # a PDF, drawn by Chromium
        if name == "report-download":
            formats = [
                fmt
                for fmt, renderer in RENDERERS.items()
                if renderer.content_type.startswith(SPREADSHEET_TYPES)
            ]
            urls += [
                (name, reverse(name, args=[r, f]) + framework)
                for r, spec in REPORTS.items()
                for f in formats
                for framework in ["?framework=bohol-2" if spec.per_framework else ""]
            ]
        elif name == "import-template":
            urls += [(name, reverse(name, args=[kind])) for kind in SOURCES]
        else:
            arguments = entry[0]
            urls.append((name, reverse(name, args=arguments(cast) if arguments else None)))
    return urls


@pytest.mark.django_db(databases=["default", "cases"])  # the case pages are listed too
def test_no_download_holds_a_live_formula(hostile):
    client = Client()
    client.force_login(hostile.mel)
    files, live = {}, []
    for name, url in _download_urls(hostile):
        for query in ({}, {"period": "FY2024-25", "public": "1"}):
            if "framework=" in url:
                query = {"period": "2024"}
            response = client.get(url, query)
            if response.status_code != 200:
                continue
            if not response.get("Content-Type", "").startswith(SPREADSHEET_TYPES):
                continue
            files.setdefault(name, []).append(url)
            live += _live_formulas(f"{url}?{query}", response.content)
    assert set(files) == {
        "report-download",
        "import-template",
        "import-xlsform",
        "import-feedback-xlsform",
        "framework-report-template",
    }
    assert not live, "\n".join(live)
    # the hostile values did reach the files, quoted
    form = client.get(reverse("import-feedback-xlsform")).content
    texts = [str(value) for _, value in _cells("feedback", form)]
    assert any(text.startswith("'" + HOSTILE["event code"]) for text in texts)


# Every command that writes a csv or xlsx file, with its arguments (FILE: the output).
CLI_OUTPUTS = [
    *[
        ["report", name, "--period", "FY2024-25", "--format", fmt, "-o", "FILE", *public]
        for name, spec in REPORTS.items()
        if not spec.per_framework
        for fmt in ("csv", "xlsx")
        for public in ([], ["--public"])
    ],
    *[
        [
            "report",
            name,
            "--framework",
            "bohol-2",
            "--period",
            "2024",
            "--format",
            fmt,
            "-o",
            "FILE",
        ]
        for name, spec in REPORTS.items()
        if spec.per_framework
        for fmt in ("csv", "xlsx")
    ],
    *[["import", "template", kind, "-o", "FILE", "--program", "test"] for kind in SOURCES],
    ["import", "xlsform", "-o", "FILE", "--program", "test"],
    ["import", "xlsform", "--form", "feedback", "-o", "FILE", "--program", "test"],
    ["program", "export", "test", "-o", "FILE"],
    ["export", "attendance", "--format", "csv", "-o", "FILE"],
    ["export", "attendance", "--format", "xlsx", "-o", "FILE"],
]
# Commands with an output file that is not a spreadsheet.
NOT_SPREADSHEETS = {"factsheet", "backup", "framework"}  # framework: its YAML file


def test_every_command_that_writes_a_spreadsheet_is_listed_here():
    from ctip.cli import COMMANDS

    listed = {command[0] for command in CLI_OUTPUTS}
    writers = set()
    for name in COMMANDS:
        app = get_commands().get(name)
        if app is None:
            continue
        module = Path(__import__(app, fromlist=["x"]).__file__).parent
        source = (module / "management" / "commands" / f"{name}.py").read_text()
        if '"--output"' in source or "'--output'" in source:
            writers.add(name)
    assert writers - NOT_SPREADSHEETS <= listed, writers - NOT_SPREADSHEETS - listed


@pytest.mark.parametrize("command", CLI_OUTPUTS, ids=lambda c: "-".join(c[:3]))
def test_no_command_output_holds_a_live_formula(hostile, tmp_path, command):
    suffix = "xlsx" if "xlsx" in command or command[0] in ("import", "program") else "csv"
    output = tmp_path / f"out.{suffix}"
    arguments = [str(output) if part == "FILE" else part for part in command]
    if arguments[0] == "report" and "--framework" not in arguments:
        arguments += ["--program", "test"]
    call_command(*arguments, stdout=io.StringIO(), stderr=io.StringIO())
    assert not _live_formulas(" ".join(command), output.read_bytes())
