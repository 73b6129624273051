"""`ctip cases import FILE --agency CODE` and `ctip cases export --agency CODE --format htcds`:
HTCDS 2.0 files in and out of an agency (its case manager only; docs/cases-exchange.md)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError


def register(subparsers) -> None:
    importing = subparsers.add_parser(
        "import",
        help="import an HTCDS 2.0 template or an export of the HTCDS XLSForm into an agency "
        "(its case manager)",
    )
    importing.add_argument("file")
    importing.add_argument("--agency", required=True, help="the agency's code")
    importing.set_defaults(handler=_import)
    exporting = subparsers.add_parser(
        "export", help="write an agency's cases as the HTCDS 2.0 template (its case manager)"
    )
    exporting.add_argument("--agency", required=True, help="the agency's code")
    exporting.add_argument("--format", choices=["htcds"], default="htcds")
    exporting.add_argument("-o", "--output", help="file to write (.xlsx); standard output if not")
    exporting.set_defaults(handler=_export)


def agency_for(command, code: str):
    """The agency CODE when the --as user is its case manager; the same refusal otherwise."""
    from ctip.cases.exchange import managed_agency

    try:
        return managed_agency(command.actor, code)
    except PermissionDenied as error:
        raise CommandError(str(error)) from None


def read_input(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from None


def _import(command, options) -> None:
    from ctip.cases.exchange import ExchangeError, do_import_htcds

    agency = agency_for(command, options["agency"])
    content = read_input(options["file"])
    try:
        summary = do_import_htcds(agency, content, Path(options["file"]).name, actor=command.actor)
    except ExchangeError as error:
        raise CommandError(
            "nothing was imported:\n" + "\n".join(f"  {problem}" for problem in error.problems)
        ) from None
    command.stdout.write(summary.line())


def _export(command, options) -> None:
    from ctip.cases.exchange import htcds_export

    agency = agency_for(command, options["agency"])
    content = htcds_export(agency, actor=command.actor)
    if options.get("output"):
        Path(options["output"]).write_bytes(content)
        command.stdout.write(f"wrote {options['output']}")
    else:
        sys.stdout.buffer.write(content)
