"""A framework is a file: loaded with every problem placed, twice changes nothing, exported
back to the same bytes, and revised without touching the rounds already reported."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.frameworks.actions import (
    do_load_framework,
    do_open_round,
    do_save_values,
    do_submit_report,
)
from ctip.frameworks.files import FileProblem, read_definition
from ctip.frameworks.models import Framework, Indicator, Round, UnitReport

from .conftest import FRAMEWORK

MINIMAL = """\
code: bohol-2
name: Bohol TIP Work Plan 2.0 MERL framework
period_type: year
due: "03-31"
units:
  - {code: PH, name: Philippines}
  - {code: ACWC, name: ASEAN Commission on the Rights of Women and Children}
indicators:
  - {code: "1.1", name: Victims identified, type: number, disaggregations: [sex]}
  - {code: "2.3", name: National referral mechanism in place, type: yes/no}
"""


def _ctip(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_minimal_file_of_the_contract_loads_into_a_program_it_says(cast, tmp_path):
    path = tmp_path / "bohol.yaml"
    path.write_text(MINIMAL)
    # a MEL officer has one program: the minimal file loads into it
    assert "loaded: bohol-2 (2 units, 2 indicators, 0 rounds)" in _ctip(
        "framework", "--as", "mel", "load", str(path)
    )
    framework = Framework.objects.get(code="bohol-2")
    assert framework.program == cast.program
    assert framework.indicators.get(code="1.1").categories() == [
        ("sex", "female"),
        ("sex", "male"),
    ]
    # loaded again by the administrator (who sees two programs), it stays in its program
    assert _ctip("framework", "load", str(path)).startswith("unchanged: bohol-2")
    # a new framework with no program named goes to the first program, and the load says so
    path.write_text(MINIMAL.replace("code: bohol-2", "code: iacat"))
    err = io.StringIO()
    call_command("framework", "load", str(path), stdout=io.StringIO(), stderr=err)
    assert Framework.objects.get(code="iacat").program == cast.program
    assert "in program test" in err.getvalue()


def test_a_broken_file_is_refused_with_line_and_field_and_writes_nothing(cast, tmp_path):
    broken = (
        FRAMEWORK.replace("type: percentage", "type: ratio").replace(
            "{code: VN, name: Viet Nam, parent: ASEAN}", "{code: VN, name: Viet Nam, parent: ASIA}"
        )
        + '  - {code: "1.1", name: Twice, disaggregations: [religion]}\n'
    )
    path = tmp_path / "broken.yaml"
    path.write_text(broken)
    with pytest.raises(CommandError) as refused:
        _ctip("framework", "load", str(path))
    message = str(refused.value)
    assert "line 10, units[3].parent: 'ASIA' is not a unit of this file" in message
    assert "line 15, indicators[2].type: 'ratio': use one of number, percentage" in message
    assert "line 16, indicators[3].code: '1.1' is given twice" in message
    assert "line 16, indicators[3].disaggregations: 'religion' is not a dimension" in message
    assert not Framework.objects.exists()


def test_loading_the_same_file_twice_changes_nothing(cast, tmp_path):
    from auditlog.models import LogEntry

    path = tmp_path / "bohol.yaml"
    path.write_text(FRAMEWORK)
    _ctip("framework", "load", str(path))
    entries = LogEntry.objects.count()
    assert _ctip("framework", "load", str(path)).startswith("unchanged: bohol-2")
    assert LogEntry.objects.count() == entries


def test_export_then_load_then_export_gives_the_same_bytes(partners, tmp_path):
    do_open_round(partners.framework, "2024", trial=True)
    first = _ctip("framework", "export", "bohol-2")
    path = tmp_path / "exported.yaml"
    path.write_text(first)
    assert _ctip("framework", "load", str(path)).startswith("unchanged: bohol-2")
    assert _ctip("framework", "export", "bohol-2") == first
    path.write_text(first.replace("code: bohol-2", "code: bohol-copy"))
    _ctip("framework", "load", str(path))
    assert _ctip("framework", "export", "bohol-copy") == first.replace(
        "code: bohol-2", "code: bohol-copy"
    )


def test_a_template_revision_keeps_the_earlier_rounds_wording_and_values(partners, cast):
    framework = partners.framework
    round_2024 = do_open_round(framework, "2024", trial=True)
    report = UnitReport.objects.get(round=round_2024, unit__code="PH")
    do_save_values(
        report,
        partners.philippines,
        [
            ("1.1", "", "50", ""),
            ("1.1", "female", "30", ""),
            ("1.1", "male", "20", ""),
            ("2.3", "", "yes", ""),
            ("3.1", "", "40", ""),
        ],
    )
    do_submit_report(report, partners.philippines)

    revised = FRAMEWORK.replace("Victims identified", "Victims of trafficking identified").replace(
        '  - {code: "3.1", name: Share of cases prosecuted, type: percentage}\n',
        '  - {code: "4.1", name: Trafficking cases convicted, type: number}\n',
    )
    framework, changed = do_load_framework(read_definition(revised), cast.admin)
    assert changed
    round_2025 = do_open_round(framework, "2025")

    assert [entry["name"] for entry in Round.objects.get(pk=round_2024.pk).template] == [
        "Victims identified",
        "National referral mechanism in place",
        "Share of cases prosecuted",
    ]
    assert [entry["code"] for entry in round_2025.template] == ["1.1", "2.3", "4.1"]
    assert Indicator.objects.get(framework=framework, code="3.1").retired
    values = _ctip(
        "report",
        "framework-values",
        "--framework",
        "bohol-2",
        "--period",
        "2024",
        "--format",
        "csv",
    )
    assert "3.1,PH,,40\n" in values
    assert "1.1,PH,female,30\n" in values
    # the retired indicator is not in the file any more, and loading the file again keeps it so
    assert '"3.1"' not in _ctip("framework", "export", "bohol-2")


def test_a_unit_with_reports_is_retired_not_deleted_and_a_period_type_cannot_change(partners, cast):
    do_open_round(partners.framework, "2024")
    without_vn = FRAMEWORK.replace("  - {code: VN, name: Viet Nam, parent: ASEAN}\n", "")
    framework, _ = do_load_framework(read_definition(without_vn), cast.admin)
    assert framework.units.get(code="VN").retired
    assert UnitReport.objects.filter(unit__code="VN").count() == 1
    with pytest.raises(Exception, match="period type cannot change"):
        do_load_framework(
            read_definition(FRAMEWORK.replace("period_type: year", "period_type: quarter")),
            cast.admin,
        )


def test_yaml_that_is_not_a_framework_says_where(cast):
    with pytest.raises(FileProblem, match=r"line 2: not YAML"):
        read_definition("code: x\n  name: [unclosed\n")
    with pytest.raises(FileProblem, match="line 1: a framework file is a mapping"):
        read_definition("- just a list\n")
