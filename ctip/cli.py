"""The `ctip` command: `ctip [--as USERNAME] COMMAND ...`.

Without --as the command acts with the rights of whoever holds the database (an
administrator); with it, with that user's role and countries.
"""

from __future__ import annotations

import gc
import os
import sys

COMMANDS = {
    "init": "create or migrate the database and load reference data (safe to repeat)",
    "serve": "serve the web app with gunicorn (production settings)",
    "demo": "load the synthetic demo program and its users",
    "program": "programs as files: `ctip program load FILE`, `export CODE`, `list`",
    "createuser": "create a user with a role (administrator, mel-officer, country-officer, viewer)",
    "invite": "invite a colleague by e-mail: a link to set their password (administrators)",
    "events": "list events (`ctip events list`)",
    "people": "list, show, forget people; retention (`ctip people list|show|forget|retention`)",
    "report": "print a report (`ctip report table1 --period FY2024-25 --format csv`)",
    "factsheet": "write a country fact sheet (html, pdf or json) for a period",
    "import": "import events or attendance sheets; list, roll back, templates (`ctip import ...`)",
    "backup": "back up the whole database to a file (administrators)",
    "restore": "replace the database with a backup (administrators; --force if it holds data)",
    "export": "export attendance with linked person IDs (`ctip export attendance`); "
    "the program's results as IATI 2.03 (`ctip export iati`)",
    "framework": "partners' monitoring frameworks: load, export, import values, roles "
    "(`ctip framework ...`)",
    "organisations": "organisation registry: load aliases, list, duplicates, merge",
    "grants": "the grants program: grants, tranches, grantees' progress reports and focal points",
    "cohorts": "cohort programs (emerging leaders): modules, completion by sex, country, group",
    "elearning": "e-learning courses and completions (import: `ctip import elearning FILE`)",
    "series": "numbered event series (the webinar series) and their totals across years",
    "cases": "victim case data: agencies, cases, forget, retention, rotate-key, break-glass "
    "(`ctip cases ...`; cases only for their agency's case workers and manager)",
    "mfa": "second factors: `ctip mfa status`, `ctip mfa reset USERNAME` (administrators)",
}


def _usage() -> str:
    lines = ["usage: ctip [--as USERNAME] COMMAND [options]", "", "commands:"]
    lines += [f"  {name:<11} {text}" for name, text in COMMANDS.items()]
    lines += [
        "",
        "`ctip COMMAND --help` for a command's options; "
        "`ctip manage ...` runs any Django management command.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctip.settings")
    acting_as: list[str] = []
    while args and args[0].startswith("--as"):
        if args[0] == "--as" and len(args) > 1:
            acting_as = ["--as", args[1]]
            args = args[2:]
        elif args[0].startswith("--as="):
            acting_as = ["--as", args[0].split("=", 1)[1]]
            args = args[1:]
        else:
            break
    if not args or args[0] in ("-h", "--help", "help"):
        print(_usage())
        return
    if args[0] == "manage":
        args = args[1:]
    elif args[0] not in COMMANDS:
        print(f"ctip: unknown command {args[0]!r}\n\n{_usage()}", file=sys.stderr)
        sys.exit(2)
    _start_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ctip", args[0], *acting_as, *args[1:]])


def _start_django() -> None:
    """Django's start-up (settings, every app's models) without Python's cycle collector: it
    makes some 110,000 objects the collector tracks, which live as long as the process, and
    collecting among them (179 collections) took 0.17 s of a 0.9 s `ctip events list` at load
    9 (docs/performance.md). They are then frozen, kept out of later collections; the
    collector runs as usual for the command itself."""
    import django
    from django.apps import apps

    if apps.ready:  # main() called in a process that has started Django (the tests)
        return
    gc.disable()
    try:
        django.setup()
    finally:
        gc.freeze()
        gc.enable()


if __name__ == "__main__":
    main()
