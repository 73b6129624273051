"""The subcommands of `ctip cases`. Each module here registers its own with
`register(subparsers)`, giving each parser a `handler(command, options)` through
set_defaults; ctip/cases/management/commands/cases.py finds the modules by itself, so a new
subcommand (import, export, pprl) is a new module, copied from an existing one.

Every handler reaches cases through ctip/cases/access.py with `command.actor` (the --as user,
or CliAdministrator, who has no agency and so sees no case).
"""

from __future__ import annotations

import importlib
import pkgutil

from django.core.management.base import CommandError

NOT_A_MEMBER = (
    "you are not a member of any agency: a case is shown only to its case workers and its "
    "agency's case manager (an administrator may break glass: `ctip --as YOU cases break-glass`)"
)


def modules():
    """The subcommand modules, in name order."""
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)
        if not info.name.startswith("_")
    ]


def agency_or_error(code: str):
    from ctip.cases.models import Agency

    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise CommandError(f"no agency {code!r} (`ctip cases agency list`)")
    return agency


def require_member(command) -> None:
    from ctip.cases.access import active_break_glass, memberships_of

    if not memberships_of(command.actor) and not active_break_glass(command.actor).exists():
        raise CommandError(NOT_A_MEMBER)


def require_administrator(command, doing: str) -> None:
    from ctip.cases.access import is_administrator

    if not is_administrator(command.actor):
        raise CommandError(f"only an administrator can {doing}")
