"""`python -m ctip.bench` runs every benchmark, each in its own process;
`python -m ctip.bench NAME [options]` runs one (options go to it: `... reports --help`)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys

import ctip.bench


def benchmarks() -> list[str]:
    """The modules of ctip.bench that have a run() function."""
    names = []
    for module in pkgutil.iter_modules(ctip.bench.__path__):
        if module.name.startswith("_"):
            continue
        if callable(getattr(importlib.import_module(f"ctip.bench.{module.name}"), "run", None)):
            names.append(module.name)
    return sorted(names)


def run_one(name: str, argv: list[str]) -> None:
    run = importlib.import_module(f"ctip.bench.{name}").run
    if inspect.signature(run).parameters:
        run(argv)
    else:
        run()


def main(argv: list[str]) -> int:
    names = benchmarks()
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        print("benchmarks: " + ", ".join(names))
        return 0
    if argv and not argv[0].startswith("-"):
        if argv[0] not in names:
            print(f"no benchmark {argv[0]!r}; there are: {', '.join(names)}", file=sys.stderr)
            return 2
        run_one(argv[0], argv[1:])
        return 0
    failed = 0
    for name in names:
        print(f"== {name}", flush=True)
        # one process each: every benchmark configures Django and its database its own way
        result = subprocess.run([sys.executable, "-m", "ctip.bench", name, *argv], check=False)  # noqa: S603
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
