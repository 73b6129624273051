"""A new team's first steps on a fresh install: the messages point to `ctip program load`."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.countries.actions import do_load_countries


def _import(*args) -> str:
    out = io.StringIO()
    call_command("import", *args, stdout=out)
    return out.getvalue()


def test_importing_on_a_fresh_install_says_to_load_a_program_first(db, tmp_path):
    sheet = tmp_path / "events.csv"
    sheet.write_text("event_id,title,start_date,country,event_type\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"`ctip program load FILE`"):
        _import("events", str(sheet))


def test_a_project_in_a_program_without_projects_says_how_to_add_them(db, tmp_path):
    do_load_countries()
    definition = tmp_path / "program.yaml"
    definition.write_text("code: new\nname: A new program\n", encoding="utf-8")
    call_command("program", "load", str(definition), stdout=io.StringIO())
    sheet = tmp_path / "events.csv"
    sheet.write_text(
        "event_id,title,start_date,country,event_type,project\n"
        "TH-1,Training,2024-09-01,TH,training,AA1\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import", "events", str(sheet), stdout=out, stderr=err)
    said = out.getvalue() + err.getvalue()
    assert "the program has no projects yet" in said
    assert "ctip program load FILE" in said
    assert "use one of" not in said
