"""Program content in several languages: the program file carries translations and the
country fact sheet prints them in the country's language, English where there is none."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command
from django.utils import translation

from ctip.programs.models import Outcome, Program
from ctip.reports.factsheet import render_factsheet_html, render_factsheet_markdown
from ctip.results.actions import do_record_evidence
from ctip.surveys.models import Statement

TRANSLATED = """\
code: test
name: Test program
description:
  en: A program that helps justice systems.
  th: โครงการที่ช่วยเหลือระบบยุติธรรม
outcomes:
  - level: goal
    number: 1
    title: {en: Justice for victims, th: ความยุติธรรมสำหรับผู้เสียหาย}
statements:
  feedback:
    - code: objectives
      text: {en: The event achieved its objectives, th: กิจกรรมบรรลุวัตถุประสงค์}
"""


def _load(tmp_path, text: str) -> str:
    path = tmp_path / "program.yaml"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("program", "load", str(path), stdout=out)
    return out.getvalue()


def test_the_fact_sheet_shows_the_translated_description_in_the_countrys_language(cast, tmp_path):
    english_before = render_factsheet_html(cast.program, "FY2024-25", "TH", "en")
    _load(tmp_path, TRANSLATED)
    do_record_evidence(
        cast.program,
        kind="achievement",
        title="Victim screening guideline endorsed",
        title_th="แนวทางการคัดแยกผู้เสียหายได้รับการรับรอง",
        country_code="TH",
        date=dt.date(2025, 1, 10),
        achievement_type="guideline",
        stage="endorsed",
    )
    program = Program.objects.get(pk=cast.program.pk)
    thai = render_factsheet_html(program, "FY2024-25", "TH", "th")
    assert "โครงการที่ช่วยเหลือระบบยุติธรรม" in thai
    assert "แนวทางการคัดแยกผู้เสียหายได้รับการรับรอง (" in thai
    english = render_factsheet_html(program, "FY2024-25", "TH", "en")
    assert "A program that helps justice systems." in english
    assert "โครงการ" not in english and "Victim screening guideline endorsed (" in english
    # the English sheet is the one it was, with the new description and highlight in it
    assert english_before.count("<section") == english.count("<section")
    # Cambodia's sheet has no Thai: its Khmer edition falls back to English
    khmer = render_factsheet_markdown(program, "FY2024-25", "KH", "km")
    assert "A program that helps justice systems." in khmer


def test_statements_and_outcome_titles_carry_their_translations(cast, tmp_path):
    _load(tmp_path, TRANSLATED)
    statement = Statement.objects.get(program=cast.program, code="objectives")
    goal = Outcome.objects.get(program=cast.program, level="goal")
    with translation.override("th"):
        assert statement.text == "กิจกรรมบรรลุวัตถุประสงค์"
        assert goal.title == "ความยุติธรรมสำหรับผู้เสียหาย"
    with translation.override("lo"):  # no Lao: English
        assert statement.text == "The event achieved its objectives"
    with translation.override("en"):
        assert Program.objects.get(code="test").blurb == "A program that helps justice systems."


def test_translations_round_trip_through_the_file(cast, tmp_path):
    _load(tmp_path, TRANSLATED)
    out = io.StringIO()
    call_command("program", "export", "test", stdout=out)
    exported = out.getvalue()
    assert "description:\n  en: A program that helps justice systems.\n  th: " in exported
    assert "already as the file says" in _load(tmp_path, exported)
    workbook = tmp_path / "test.xlsx"
    call_command("program", "export", "test", "-o", str(workbook), stdout=io.StringIO())
    import openpyxl

    statements = openpyxl.load_workbook(workbook)["statements"]
    assert [c.value for c in statements[1]] == ["survey", "code", "text", "text_th", "active"]
    out = io.StringIO()
    call_command("program", "load", str(workbook), stdout=out)
    assert "already as the file says" in out.getvalue()
