"""The demo's frameworks come from the example files a team can copy, and tell the story the
progress report tells: a trial round, a regular round in progress, a revised template."""

from __future__ import annotations

import io

from django.core.management import call_command

from ctip.frameworks.demo import EXAMPLES, seed_demo_frameworks
from ctip.frameworks.models import Framework, UnitReport
from ctip.frameworks.queries import reporting_rates


def _export(code: str) -> str:
    out = io.StringIO()
    call_command("framework", "export", code, stdout=out)
    return out.getvalue()


def test_the_demo_frameworks_export_back_to_the_example_files(cast):
    cast.program.code = "demo"
    cast.program.save()
    accounts = seed_demo_frameworks(cast.program)
    for name in ("bohol-2", "iacat-nsap-4", "acwc-maturity"):
        assert _export(name) == (EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"), name
    assert [username for username, _role, _password in accounts] == ["focal-ph", "focal-dswd"]


def test_the_demo_rounds_are_those_of_the_progress_report(cast):
    seed_demo_frameworks(cast.program)
    bohol = Framework.objects.get(code="bohol-2")
    trial, regular = bohol.rounds.order_by("starts_on")
    assert trial.trial and trial.reports.count() == 16  # 11 member states, 5 sectoral bodies
    assert all(rate.submitted for rate in reporting_rates(trial))
    rates = reporting_rates(regular)
    missing = [rate.unit for rate in rates if not rate.submitted]
    late = [rate.unit for rate in rates if rate.submitted and not rate.on_time]
    assert missing and late and len(missing) + len(late) < 16
    assert UnitReport.objects.get(round=regular, unit__code="KH").status == "returned"

    iacat = Framework.objects.get(code="iacat-nsap-4")
    first, revised = iacat.rounds.order_by("starts_on")
    assert first.reports.count() == 28 and first.trial
    assert "L2" not in [entry["code"] for entry in first.template]
    assert "L2" in [entry["code"] for entry in revised.template]
    assert first.template_indicator("R2")["name"] != revised.template_indicator("R2")["name"]

    maturity = Framework.objects.get(code="acwc-maturity")
    assert maturity.maturity and maturity.rounds.count() == 2
    assert UnitReport.objects.filter(round__framework=maturity, status="approved").count() == 4
