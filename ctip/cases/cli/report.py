"""`ctip cases report --table victims-by-sex [--public]`: victims' tables through disclosure
control — the only view of case data a MEL officer has (docs/cases-exchange.md)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError


def register(subparsers) -> None:
    from ctip.cases.disclosure import DEFAULT_THRESHOLD, TABLES

    report = subparsers.add_parser(
        "report",
        help="a table of victims with small cells suppressed (MEL officers, administrators, "
        "case managers)",
    )
    report.add_argument("--table", required=True, choices=sorted(TABLES))
    report.add_argument(
        "--public", action="store_true", help="a release for publication (recorded)"
    )
    report.add_argument(
        "--threshold",
        type=int,
        default=DEFAULT_THRESHOLD,
        help=f"hide cells under this (default and least {DEFAULT_THRESHOLD})",
    )
    report.add_argument(
        "--method",
        choices=["suppression", "dp"],
        default="suppression",
        help="suppression (default): small cells hidden; dp: differentially private counts "
        "(OpenDP), spending --epsilon",
    )
    report.add_argument(
        "--epsilon", type=float, help="with --method dp: the privacy budget this table spends"
    )
    narrowing = report.add_mutually_exclusive_group()
    narrowing.add_argument(
        "--country", help="only the victims held by agencies of this country (ISO code)"
    )
    narrowing.add_argument(
        "--year", help="only the victims who first came to an agency in this year"
    )
    report.set_defaults(handler=_report)


def _report(command, options) -> None:
    from ctip.cases.exchange import victims_table
    from ctip.lib.spreadsheets import csv_writer

    narrowed = None
    if options["country"]:
        narrowed = ("country", options["country"].upper())
    elif options["year"]:
        narrowed = ("year", options["year"])
    try:
        table = victims_table(
            command.actor,
            options["table"],
            public=options["public"],
            threshold=options["threshold"],
            narrowed=narrowed,
            method=options["method"],
            epsilon=options["epsilon"],
        )
    except PermissionDenied as error:
        raise CommandError(str(error)) from None
    except ValueError as error:
        raise CommandError(str(error)) from None
    writer = csv_writer(command.stdout, lineterminator="\n")
    for row in table.as_rows():
        writer.writerow(row)
    if table.method == "dp":
        from ctip.cases.exchange import dp_budget_spent

        command.stderr.write(
            f"differentially private counts: this table spent epsilon {table.epsilon:g}; "
            f"every such release so far: {dp_budget_spent():g}"
        )
