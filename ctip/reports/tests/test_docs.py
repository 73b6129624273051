from pathlib import Path

from ctip.reports.registry import REPORTS
from ctip.reports.renderers import RENDERERS

DOCS = Path(__file__).resolve().parents[3] / "docs" / "reports.md"


def _section(text: str, name: str) -> str:
    start = text.index(f"\n## `{name}`\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def test_every_registered_report_and_its_columns_are_documented():
    text = DOCS.read_text(encoding="utf-8")
    for name, spec in REPORTS.items():
        assert f"\n## `{name}`\n" in text, f"docs/reports.md does not describe {name}"
        section = _section(text, name)
        for column in spec.columns:
            assert f"| `{column.key}` |" in section, f"{name}: column {column.key} undocumented"


def test_every_output_format_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    for name in RENDERERS:
        assert f"| `{name}` |" in text
