"""Docs that cannot go stale: every setting and every CLI command is documented."""

import re
from pathlib import Path

from ctip import cli, settings

DOCS = Path(__file__).resolve().parents[3] / "docs"


def test_every_environment_variable_the_settings_read_is_documented():
    source = Path(settings.__file__).read_text(encoding="utf-8")
    read = set(re.findall(r'env_\w+\(\s*"([A-Z_]+)"', source))
    read |= set(re.findall(r'os\.environ\.get\(\s*"([A-Z_]+)"', source))
    documented = (DOCS / "settings.md").read_text(encoding="utf-8")
    missing = sorted(name for name in read if f"`{name}`" not in documented)
    assert read and not missing, f"document these in docs/settings.md: {missing}"


def test_every_cli_command_is_documented():
    documented = (DOCS / "cli.md").read_text(encoding="utf-8")
    missing = sorted(name for name in cli.COMMANDS if f"`ctip {name}" not in documented)
    assert not missing, f"document these in docs/cli.md: {missing}"
