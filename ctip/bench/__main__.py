"""Run the benchmarks: `python -m ctip.bench [NAME ...]` (all of them without a name)."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import tempfile


def main(names: list[str]) -> None:
    # Benchmarks never touch the real database: a temporary SQLite file unless one is given.
    scratch = tempfile.mkdtemp(prefix="ctip-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ.setdefault("CTIP_VAR_DIR", scratch)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctip.settings")
    import django

    django.setup()
    import ctip.bench

    found = sorted(m.name for m in pkgutil.iter_modules(ctip.bench.__path__) if m.name[0] != "_")
    for name in names or found:
        module = importlib.import_module(f"ctip.bench.{name}")
        if hasattr(module, "run"):
            print(f"== {name}")
            module.run()


if __name__ == "__main__":
    main(sys.argv[1:])
