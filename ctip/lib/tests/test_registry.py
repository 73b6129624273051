"""Reports and computed indicators are registered by modules of many apps, imported when a
registry is first read rather than at start-up (ctip/lib/registry.py; the start-up test in
ctip/reports/tests/test_startup.py checks that a command does not import them)."""

import pytest

from ctip.lib.registry import Registry
from ctip.reports.registry import REPORTS
from ctip.results.computed import COMPUTED


def test_every_apps_reports_and_indicators_are_found_when_the_registry_is_read():
    # each registered by an app's own `reports` or `indicators` module, not by the registry's
    assert {"series", "grants", "cohorts", "elearning", "unique-people", "framework-values"} <= set(
        REPORTS
    )
    assert {"table1", "table2", "highlights"} <= set(REPORTS)
    assert {"series-participants", "grants-opd", "cohort-members", "elearning-completions"} <= set(
        COMPUTED
    )
    assert "people-trained" in COMPUTED and "no-such-indicator" not in COMPUTED


def test_a_registry_is_read_only_and_says_which_names_it_lacks():
    registry: Registry[int] = Registry()
    registry.add("one", 1)
    assert registry["one"] == 1 and "one" in registry and dict(registry) == {"one": 1}
    with pytest.raises(KeyError):
        registry["two"]
    with pytest.raises(TypeError):
        registry["two"] = 2  # type: ignore[index]
