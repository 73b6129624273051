"""`ctip cases forget` (the agency's case manager) and `ctip cases retention`
(administrators): remove what identifies a person; what is counted stays, anonymous."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import CommandError

from . import require_administrator, require_member


def register(subparsers) -> None:
    forget = subparsers.add_parser(
        "forget", help="remove what identifies the person of a case (the agency's case manager)"
    )
    forget.add_argument("reference")
    forget.add_argument("--agency", required=True)
    forget.add_argument("--reason", default="", help="why (recorded in the case's change log)")
    forget.set_defaults(handler=_forget)
    retention = subparsers.add_parser(
        "retention",
        help="count (and with --apply forget) cases unchanged for longer than the retention "
        "period, closed or not active, and court cases unchanged for longer (their defendants "
        "and victims) (administrators)",
    )
    retention.add_argument(
        "--older-than",
        type=int,
        metavar="YEARS",
        help="default CTIP_CASES_RETENTION_YEARS (0: no retention)",
    )
    retention.add_argument("--apply", action="store_true", help="forget them (default: count)")
    retention.set_defaults(handler=_retention)


def _forget(command, options) -> None:
    from ctip.cases.access import NotFound, access_case_by_reference, case_role
    from ctip.cases.actions import do_forget_case
    from ctip.cases.models import AgencyRole

    require_member(command)
    try:
        case = access_case_by_reference(command.actor, options["agency"], options["reference"])
    except NotFound:
        raise CommandError(f"no case {options['reference']} that you may see") from None
    if case_role(command.actor, case) != AgencyRole.CASE_MANAGER:
        raise CommandError("only the agency's case manager can make it forget a case")
    do_forget_case(case, actor=command.actor, reason=options["reason"])
    command.stdout.write(f"case {case.reference} forgotten; its anonymous counts are kept")


def _retention(command, options) -> None:
    from ctip.cases.actions import (
        cases_past_retention,
        court_cases_past_retention,
        do_apply_case_retention,
        do_apply_court_retention,
    )

    require_administrator(command, "apply the retention of cases")
    years = options["older_than"]
    if years is None:
        years = settings.CTIP_CASES_RETENTION_YEARS
    if not years:
        command.stdout.write("no retention period (CTIP_CASES_RETENTION_YEARS or --older-than)")
        return
    if options["apply"]:
        court_cases = do_apply_court_retention(years, actor=command.actor)
        count = do_apply_case_retention(years, actor=command.actor)
        command.stdout.write(
            f"{count} cases forgotten (unchanged for more than {years} years); "
            f"{court_cases} court cases forgotten with their defendants and victims"
        )
    else:
        count = cases_past_retention(years).count()
        court_cases = court_cases_past_retention(years).count()
        command.stdout.write(
            f"{count} cases unchanged for more than {years} years; {court_cases} court cases; "
            "--apply forgets them"
        )
