"""Both XLSForms convert with pyxform (xls2xform) without errors or warnings, and the
attendance form asks consent first and the personal questions only after a Yes."""

import re
import shutil

import pytest

from ctip.imports import downloads
from ctip.imports.xlsforms import LANGUAGES
from ctip.surveys.actions import do_create_default_statements
from ctip.surveys.xlsform import feedback_xlsform

# ODK Validate (the jar inside pyxform) runs where Java is installed
# (scripts/system-packages.sh installs default-jre-headless); pyxform alone everywhere else.
VALIDATE = shutil.which("java") is not None


def convert(content: bytes) -> str:
    from pyxform.xls2xform import convert

    warnings: list[str] = []
    result = convert(content, warnings=warnings, validate=VALIDATE, file_type=".xlsx")
    assert warnings == []
    return result.xform


def test_the_attendance_xlsform_converts_without_warnings_and_asks_consent_first(cast):
    xform = convert(downloads.xlsform(cast.program, cast.admin))
    body = xform.split("<h:body", 1)[1]
    questions = re.findall(r'ref="/data/([a-z_/]+)"', body)
    assert questions[:2] == ["consent", "event_id"]
    assert 'nodeset="/data/participant"' in xform
    assert "relevant=\" /data/consent  = 'yes'\"" in xform
    personal = [q for q in questions if q.startswith("participant/")]
    assert {"participant/full_name", "participant/email", "participant/wg_seeing"} <= set(personal)
    assert "participant/wg_communication" in personal
    for code, name in LANGUAGES:
        assert f'<translation lang="{name} ({code})"' in xform
    assert 'appearance="autocomplete"' in xform
    assert "regex(., '^[^@\\s]+@" in xform.replace("&apos;", "'")
    assert "Prefer not to say" in xform
    assert "คุณมีความยากลำบากในการมองเห็นหรือไม่" in xform


def test_the_feedback_xlsform_converts_without_warnings(cast):
    do_create_default_statements(cast.program)
    xform = convert(feedback_xlsform(cast.program, cast.admin))
    assert "/data/statements/objectives" in xform


@pytest.mark.skipif(not VALIDATE, reason="ODK Validate needs Java")
def test_odk_validate_runs_here():
    assert VALIDATE


def test_the_attendance_form_is_labelled_in_every_language_of_the_program(cast):
    """Every question and answer is translated (event titles and names of countries outside
    ASEAN stay as written), and no two questions or two answers of a list share a label in
    any language, so that an export with labels reads back to one column and one value."""
    from ctip.imports.xlsforms import attendance_form

    form = attendance_form(cast.program, cast.admin)
    codes = [code for code, _name in LANGUAGES if code != "en"]
    for question in form.questions:
        if question.label:
            for code in codes:
                assert question.label[code] != question.label["en"], (question.name, code)
    for choice in form.choices:
        if choice.list_name in ("events", "countries"):
            continue
        for code in codes:
            if choice.label["en"] in ("NGO/CSO", "Facilitator") and code == "fil":
                continue  # Filipino uses the English words
            assert choice.label[code] != choice.label["en"], (choice.name, code)
    for code, _name in LANGUAGES:
        labels = [q.label[code] for q in form.questions if q.label]
        assert len(labels) == len(set(labels)), code
        for list_name in {c.list_name for c in form.choices}:
            listed = [c.label[code] for c in form.choices if c.list_name == list_name]
            assert len(listed) == len(set(listed)), (list_name, code)
    thailand = next(c for c in form.choices if c.list_name == "countries" and c.name == "TH")
    assert thailand.label["lo"] == "ໄທ"
