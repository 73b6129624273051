"""A command pays only for what it uses: no data-frame, linkage or spreadsheet library, no URL
configuration, and no report it does not print (docs/performance.md)."""

import os
import subprocess
import sys
from pathlib import Path

HEAVY = {"pandas", "pyarrow", "numpy", "splink", "openpyxl", "playwright", "duckdb"}
# other apps' reports and indicators, and their queries: imported when a registry is listed,
# not to print Table 1 or 2 (ctip.lib.registry)
OTHER_REPORTS = {
    f"ctip.{app}.{module}"
    for app in ("events", "surveys", "results", "linkage", "frameworks", "grants", "cohorts")
    for module in ("reports", "indicators", "series")
} | {"ctip.results.queries", "ctip.frameworks.queries", "ctip.grants.queries"}


def _env(tmp_path: Path) -> dict:
    env = dict(os.environ)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env["CTIP_VAR_DIR"] = str(tmp_path)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'ctip.sqlite3'}"
    return env


def _ctip(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "ctip.cli", *args],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )


# `ctip ARGS` whose process lists the modules it imported when it ends. (Not `python -X
# importtime`: it does not log modules imported with importlib.import_module, which is how
# Django loads apps, models and commands.)
LISTING_MODULES = """
import atexit, sys
atexit.register(lambda: print(*["imported: " + name for name in sys.modules], sep="\\n",
                               file=sys.stderr))
sys.argv[0] = "ctip"
from ctip.cli import main
main()
"""


def _ctip_listing_modules(tmp_path: Path, *args: str) -> tuple[str, set[str]]:
    run = subprocess.run(  # noqa: S603
        [sys.executable, "-c", LISTING_MODULES, *args],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    imported = {
        line.removeprefix("imported: ")
        for line in run.stderr.splitlines()
        if line.startswith("imported: ")
    }
    return run.stdout, imported


def test_printing_a_report_imports_no_heavy_library_and_no_url_configuration(tmp_path):
    _ctip(tmp_path, "init")
    create = "from ctip.programs.models import Program; Program.objects.create(code='p', name='P')"
    _ctip(tmp_path, "manage", "shell", "-c", create)
    for report, title in [
        ("table1", "Number and type of events"),
        ("table2", "stakeholders who participated"),
    ]:
        stdout, imported = _ctip_listing_modules(
            tmp_path, "report", report, "--period", "FY2024-25"
        )
        assert title in stdout
        assert "ctip.reports.queries" in imported  # the list is read right
        assert not imported & HEAVY, f"ctip report {report} imported {imported & HEAVY}"
        assert not {"ctip.urls", "ctip.linkage.engine", "ctip.imports.downloads"} & imported
        assert "ctip.imports.sources" not in imported  # the import sheets' checkers
        admin_modules = {name for name in imported if name.startswith("ctip.") and ".admin" in name}
        assert not admin_modules, (
            f"the admin site's modules load with the URLs, not {admin_modules}"
        )
        assert not imported & OTHER_REPORTS, (
            f"ctip report {report} imported {imported & OTHER_REPORTS}"
        )


def test_listing_events_imports_no_report(tmp_path):
    _ctip(tmp_path, "init")
    _stdout, imported = _ctip_listing_modules(tmp_path, "events", "list")
    assert "ctip.events.management.commands.events" in imported  # the list is read right
    assert not imported & HEAVY, f"ctip events list imported {imported & HEAVY}"
    reports = {"ctip.reports.queries", "ctip.reports.registry", "ctip.reports.renderers"}
    reports |= OTHER_REPORTS
    reports |= {name for name in imported if name.endswith((".queries", ".indicators"))}
    assert not imported & reports, f"ctip events list imported {imported & reports}"
    assert "ctip.urls" not in imported


def test_a_command_runs_with_the_cycle_collector_on(tmp_path):
    # Django starts with it off (ctip.cli); the command itself must not run without it
    _ctip(tmp_path, "init")
    run = _ctip(tmp_path, "manage", "shell", "-c", "import gc; print(gc.isenabled())")
    assert run.stdout.strip().splitlines()[-1] == "True"
