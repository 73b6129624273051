"""`ctip cases court import FILE --agency CODE`: a court system's export of court cases with
the six victim indicators (the court agency's case manager; docs/cases-exchange.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from .exchange import agency_for, read_input


def register(subparsers) -> None:
    court = subparsers.add_parser("court", help="court cases and their victims' indicators")
    actions = court.add_subparsers(dest="court_action", required=True)
    importing = actions.add_parser(
        "import", help="import a court system's export (csv or xlsx; docs/cases-exchange.md)"
    )
    importing.add_argument("file")
    importing.add_argument("--agency", required=True, help="the court's agency code")
    importing.set_defaults(handler=_import)
    forget = actions.add_parser(
        "forget",
        help="remove the defendants' names of a court case and forget its victims (the "
        "court's case manager)",
    )
    forget.add_argument("case_number")
    forget.add_argument("--agency", required=True, help="the court's agency code")
    forget.add_argument("--reason", default="", help="why (recorded in the change log)")
    forget.set_defaults(handler=_forget)


def _import(command, options) -> None:
    from ctip.cases.exchange import ExchangeError, do_import_court_cases

    agency = agency_for(command, options["agency"])
    content = read_input(options["file"])
    try:
        summary = do_import_court_cases(
            agency, content, Path(options["file"]).name, actor=command.actor
        )
    except ExchangeError as error:
        raise CommandError(
            "nothing was imported:\n" + "\n".join(f"  {problem}" for problem in error.problems)
        ) from None
    command.stdout.write(summary.line())


def _forget(command, options) -> None:
    from ctip.cases.actions import do_forget_court_case
    from ctip.cases.models import CourtCase

    agency = agency_for(command, options["agency"])
    court_case = CourtCase.objects.filter(agency=agency, case_number=options["case_number"]).first()
    if court_case is None:
        raise CommandError(f"no court case {options['case_number']} in {agency.code}")
    victims = do_forget_court_case(court_case, actor=command.actor, reason=options["reason"])
    command.stdout.write(
        f"court case {court_case.case_number} forgotten: defendants removed, {victims} "
        "victims' cases forgotten; their anonymous counts are kept"
    )
