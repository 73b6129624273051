"""Registries that fill themselves when first read, not when Django starts.

The reports (ctip.reports.registry.REPORTS) and the computed indicators
(ctip.results.computed.COMPUTED) are registered by modules of their own in many apps: every
app's `reports` and `indicators` module. Importing those at start-up, in the apps' ready(),
made every `ctip` command load every report's queries (docs/performance.md). A Registry
imports them the first time anyone reads it; registering never triggers that.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from typing import TypeVar

V = TypeVar("V")

# the modules, in every installed app that has them, that register reports and indicators
REGISTERING_MODULES = ("reports", "indicators")

_state = {"discovered": False, "discovering": None}
_lock = threading.Lock()


def discover() -> None:
    """Import every app's `reports` and `indicators` module, once per process. Another thread
    reading a registry meanwhile waits for them all; a registering module that reads one
    while it is imported sees what is registered so far."""
    if _state["discovered"] or _state["discovering"] == threading.get_ident():
        return
    with _lock:
        if _state["discovered"]:
            return
        from django.utils.module_loading import autodiscover_modules

        _state["discovering"] = threading.get_ident()
        try:
            autodiscover_modules(*REGISTERING_MODULES)
        finally:
            _state["discovering"] = None
        _state["discovered"] = True


class Registry(Mapping[str, V]):
    """A read-only mapping of name → entry; `add` registers an entry (a name once). Listing it
    (iteration, length) first imports every registering module; looking a name up does so
    only when the name is not registered yet, so `ctip report table2` finds Table 2, which
    its own module registers, without importing every other app's reports."""

    def __init__(self) -> None:
        self._entries: dict[str, V] = {}

    def add(self, name: str, entry: V) -> None:
        self._entries[name] = entry

    def _all(self) -> dict[str, V]:
        discover()
        return self._entries

    def __getitem__(self, name: str) -> V:
        if name in self._entries:
            return self._entries[name]
        return self._all()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __contains__(self, name: object) -> bool:
        return name in self._entries or name in self._all()

    def __repr__(self) -> str:
        return f"Registry({self._all()!r})"
