"""The program as a file: `ctip program load|export|list` (docs/programs.md)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import router

from ctip.countries.actions import do_load_countries
from ctip.events.actions import do_create_event
from ctip.programs.models import Outcome, Program
from ctip.results.models import Indicator, OutcomeWording, outcome_title_on

MINIMAL = """\
code: aa
name: ASEAN-ACT
fiscal_year_start_month: 7
starts_on: 2018-07-01
ends_on: 2028-06-30
projects:
  - {code: AA1, name: Addressing vulnerabilities to trafficking}
outcomes:
  - {level: goal, number: 1, title: Justice systems punish traffickers}
  - {level: eopo, number: 1, parent: goal 1, title: ASEAN reports on the ACTIP}
  - {level: io, number: 4, parent: eopo 1, title: Monitoring systems are inclusive}
"""
DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "program.yaml"


def _write(tmp_path, text: str, name: str = "program.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _ctip(*args) -> str:
    out = io.StringIO()
    call_command("program", *args, stdout=out)
    return out.getvalue()


def _every_table() -> dict[str, list]:
    """Every row of every table, as values (the audit log included)."""
    return {
        model._meta.label: sorted(map(repr, model.objects.order_by("pk").values_list()))
        for model in apps.get_models()
        if model._meta.managed and router.db_for_read(model) in (None, "default")
    }


@pytest.fixture
def countries(db):
    do_load_countries()


def test_the_minimal_program_file_loads_on_an_empty_database(countries, tmp_path):
    out = _ctip("load", str(_write(tmp_path, MINIMAL)))
    assert "program aa: 5 records changed" in out
    program = Program.objects.get(code="aa")
    assert program.name == "ASEAN-ACT" and program.starts_on == dt.date(2018, 7, 1)
    io4 = program.outcomes.get(level="io", number=4)
    assert io4.parent.level == "eopo" and io4.parent.parent.level == "goal"
    assert list(program.projects.values_list("code", flat=True)) == ["AA1"]
    assert "aa\tASEAN-ACT\t1 projects\t3 outcomes" in _ctip("list")


def test_the_demo_definition_loads_on_an_empty_database_and_round_trips(countries, tmp_path):
    _ctip("load", str(DEMO_FILE))
    program = Program.objects.get(code="demo")
    assert program.projects.count() == 5 and program.outcomes.count() == 12
    assert Indicator.objects.filter(program=program).count() == 11
    assert program.country_partnerships.get(country="TH").focal_point.name == "Ministry of Justice"
    exported = _ctip("export", "demo").encode()
    assert exported == DEMO_FILE.read_bytes()


@pytest.mark.parametrize("suffix", ["yaml", "xlsx"])
def test_export_load_export_is_byte_identical(countries, tmp_path, suffix):
    _ctip("load", str(DEMO_FILE))
    first = tmp_path / f"first.{suffix}"
    _ctip("export", "demo", "-o", str(first))
    before = _every_table()
    assert "already as the file says" in _ctip("load", str(first))
    assert _every_table() == before
    second = tmp_path / f"second.{suffix}"
    _ctip("export", "demo", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()


def test_the_workbook_loads_on_an_empty_database_like_the_yaml(countries, tmp_path):
    _ctip("load", str(DEMO_FILE))
    workbook = tmp_path / "demo.xlsx"
    _ctip("export", "demo", "-o", str(workbook))
    sheets = openpyxl.load_workbook(workbook).sheetnames
    assert sheets[:4] == ["program", "projects", "outcomes", "wordings"]
    renamed = workbook.read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(renamed))
    book["program"]["B2"] = "demo2"  # the code: a second program from the same workbook
    book.save(workbook)
    _ctip("load", str(workbook))
    copy = Program.objects.get(code="demo2")
    assert copy.outcomes.count() == 12 and copy.projects.count() == 5
    yaml_of_copy = _ctip("export", "demo2")
    assert yaml_of_copy.replace("code: demo2", "code: demo", 1).encode() == DEMO_FILE.read_bytes()


def test_a_dry_run_says_what_would_change_and_writes_nothing(countries, tmp_path):
    before = _every_table()
    out = _ctip("load", str(_write(tmp_path, MINIMAL)), "--dry-run")
    assert "program aa: 5 records would change" in out and "project AA1 created" in out
    assert _every_table() == before


def test_loading_twice_changes_nothing(countries, tmp_path):
    path = _write(tmp_path, MINIMAL)
    _ctip("load", str(path))
    before = _every_table()
    assert "already as the file says" in _ctip("load", str(path))
    assert _every_table() == before


def test_a_broken_file_is_refused_with_line_and_field_and_writes_nothing(countries, tmp_path):
    broken = MINIMAL.replace("fiscal_year_start_month: 7", "fiscal_year_start_month: 13")
    broken = broken.replace("parent: eopo 1", "parent: eopo 2")
    broken += "  - {level: io, number: 5, parent: eopo 1}\n"
    before = _every_table()
    with pytest.raises(CommandError) as refused:
        _ctip("load", str(_write(tmp_path, broken)))
    message = str(refused.value)
    assert "nothing was loaded; 3 problems" in message
    assert "line 3: fiscal_year_start_month: 13 is not between 1 and 12" in message
    assert "line 11: parent: eopo 2 is not in the file" in message
    assert "line 12: title: required" in message
    assert _every_table() == before


def test_a_broken_workbook_is_refused_with_sheet_row_and_field(countries, tmp_path):
    _ctip("load", str(_write(tmp_path, MINIMAL)))
    workbook = tmp_path / "aa.xlsx"
    _ctip("export", "aa", "-o", str(workbook))
    book = openpyxl.load_workbook(workbook)
    book["outcomes"]["A3"] = "intermediate"
    book["projects"].append(["AA1", "Again"])
    book.save(workbook)
    before = _every_table()
    with pytest.raises(CommandError) as refused:
        _ctip("load", str(workbook))
    assert 'sheet outcomes, row 3: level: "intermediate" is not one of goal, eopo, io' in str(
        refused.value
    )
    assert "sheet projects, row 3: code: project AA1 is given twice" in str(refused.value)
    assert _every_table() == before


def test_not_yaml_at_all_is_refused_with_its_line(countries, tmp_path):
    with pytest.raises(CommandError, match=r"line 2: not valid YAML"):
        _ctip("load", str(_write(tmp_path, "code: aa\n  name: [unclosed\n")))


def test_a_changed_title_updates_in_place_and_keeps_the_dated_history(countries, tmp_path):
    _ctip("load", str(_write(tmp_path, MINIMAL)))
    io4 = Outcome.objects.get(level="io", number=4)
    changed = MINIMAL.replace(
        "title: Monitoring systems are inclusive}",
        "title: Monitoring systems are inclusive and used, since: 2025-07-01}",
    )
    out = _ctip("load", str(_write(tmp_path, changed)))
    assert "io 4 reworded from 2025-07-01" in out
    io4_after = Outcome.objects.get(level="io", number=4)
    assert io4_after.pk == io4.pk
    assert io4_after.title == "Monitoring systems are inclusive and used"
    assert outcome_title_on(io4_after, dt.date(2025, 6, 30)) == "Monitoring systems are inclusive"
    assert outcome_title_on(io4_after, dt.date(2025, 7, 1)) == (
        "Monitoring systems are inclusive and used"
    )
    exported = _ctip("export", "aa")
    history = "since: 2025-07-01\n  earlier:\n  - title: Monitoring systems are inclusive\n"
    assert history in exported
    # the exported history loads into a new program with its dates
    copy = exported.replace("code: aa", "code: bb", 1)
    _ctip("load", str(_write(tmp_path, copy)))
    wordings = OutcomeWording.objects.filter(
        outcome__program__code="bb", outcome__number=4
    ).order_by("effective_from")
    assert [(w.effective_from, w.title) for w in wordings] == [
        (dt.date.min, "Monitoring systems are inclusive"),
        (dt.date(2025, 7, 1), "Monitoring systems are inclusive and used"),
    ]
    assert _ctip("export", "bb") == copy


def test_a_project_with_events_cannot_be_dropped(countries, tmp_path):
    two_projects = MINIMAL.replace(
        "projects:\n", "projects:\n  - {code: AA2, name: Institutionalising knowledge}\n"
    )
    _ctip("load", str(_write(tmp_path, two_projects)))
    program = Program.objects.get(code="aa")
    do_create_event(
        program,
        code="TH-1",
        title="Training",
        start_date=dt.date(2024, 9, 1),
        country_code="TH",
        event_type="training",
        project=program.projects.get(code="AA2"),
    )
    before = _every_table()
    with pytest.raises(CommandError) as refused:
        _ctip("load", str(_write(tmp_path, MINIMAL)))
    assert "project AA2 is left out, but 1 event refer to it: it cannot be dropped" in str(
        refused.value
    )
    assert _every_table() == before
    # a project nothing refers to is dropped when the file leaves it out
    program.events.all().delete()
    assert "project AA2 dropped" in _ctip("load", str(_write(tmp_path, MINIMAL)))


def test_a_section_left_out_of_the_file_is_left_as_it_is(countries, tmp_path):
    _ctip("load", str(DEMO_FILE))
    out = _ctip("load", str(_write(tmp_path, "code: demo\nname: Renamed\n")))
    assert "program demo changed" in out and len(out.splitlines()) == 2
    program = Program.objects.get(code="demo")
    assert program.name == "Renamed" and program.projects.count() == 5
    assert program.outcomes.count() == 12 and program.blurb.startswith("A ten-year program")
    assert Indicator.objects.filter(program=program).count() == 11
    assert program.country_partnerships.count() == 6


def test_only_an_administrator_loads_a_program_file(cast, tmp_path):
    path = _write(tmp_path, MINIMAL.replace("code: aa", "code: test"))
    for username in ("mel", "thai", "viewer", "outsider"):
        with pytest.raises(CommandError, match="only an administrator"):
            _ctip("--as", username, "load", str(path))
    _ctip("--as", "admin", "load", str(path))
    # every write is in the audit trail, with who made it
    from auditlog.models import LogEntry

    goal = Outcome.objects.get(program=cast.program, level="goal")
    entry = LogEntry.objects.get_for_object(goal).get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor == cast.admin
