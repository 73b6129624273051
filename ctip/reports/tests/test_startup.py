"""A report from the command line pays only for what it uses: no data-frame, linkage or
spreadsheet library, and no URL configuration (docs/performance.md)."""

import os
import subprocess
import sys
from pathlib import Path

HEAVY = {"pandas", "pyarrow", "numpy", "splink", "openpyxl", "playwright", "duckdb"}


def _env(tmp_path: Path) -> dict:
    env = dict(os.environ)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env["CTIP_VAR_DIR"] = str(tmp_path)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'ctip.sqlite3'}"
    return env


def _ctip(tmp_path: Path, *args: str, python_options=()) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, *python_options, "-m", "ctip.cli", *args],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )


def _imported(importtime_log: str) -> set[str]:
    return {
        line.rsplit("|", 1)[1].strip()
        for line in importtime_log.splitlines()
        if line.startswith("import time:")
    }


def test_printing_a_report_imports_no_heavy_library_and_no_url_configuration(tmp_path):
    _ctip(tmp_path, "init")
    create = "from ctip.programs.models import Program; Program.objects.create(code='p', name='P')"
    _ctip(tmp_path, "manage", "shell", "-c", create)
    for report, title in [
        ("table1", "Number and type of events"),
        ("table2", "stakeholders who participated"),
    ]:
        run = _ctip(
            tmp_path, "report", report, "--period", "FY2024-25", python_options=["-X", "importtime"]
        )
        assert title in run.stdout
        imported = _imported(run.stderr)
        assert "ctip.reports.queries" in imported  # the log is read right
        assert not imported & HEAVY, f"ctip report {report} imported {imported & HEAVY}"
        assert not {"ctip.urls", "ctip.linkage.engine", "ctip.imports.downloads"} & imported
        assert "ctip.imports.sources" not in imported  # the import sheets' checkers
        admin_modules = {name for name in imported if name.startswith("ctip.") and ".admin" in name}
        assert not admin_modules, (
            f"the admin site's modules load with the URLs, not {admin_modules}"
        )
