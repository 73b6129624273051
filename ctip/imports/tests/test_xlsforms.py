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
