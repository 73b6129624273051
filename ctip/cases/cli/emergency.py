"""`ctip cases break-glass request|list|review` and `ctip cases reads`: emergency access and
the audit of reads."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from . import agency_or_error


def register(subparsers) -> None:
    glass = subparsers.add_parser("break-glass", help="emergency access to one case, reviewed")
    actions = glass.add_subparsers(dest="glass_action", required=True)
    request = actions.add_parser(
        "request", help="see one case for a few hours (a case manager or administrator, --as)"
    )
    request.add_argument("agency")
    request.add_argument("reference")
    request.add_argument("--reason", required=True)
    request.add_argument("--hours", type=int, help="default CTIP_CASES_BREAK_GLASS_HOURS")
    request.set_defaults(handler=_request)
    listing = actions.add_parser(
        "list", help="grants to review (your agencies'; all for administrators)"
    )
    listing.set_defaults(handler=_list)
    review = actions.add_parser("review", help="mark a grant reviewed")
    review.add_argument("grant_id", type=int)
    review.add_argument("--note", default="")
    review.set_defaults(handler=_review)
    reads = subparsers.add_parser(
        "reads", help="who read which case, with the fields shown (the agency's case manager)"
    )
    reads.add_argument("--agency", required=True)
    reads.add_argument("--limit", type=int, default=200)
    reads.set_defaults(handler=_reads)


def _refuse_unless_allowed(command) -> None:
    from ctip.cases.access import agencies_managed_by, is_administrator

    if not (agencies_managed_by(command.actor).exists() or is_administrator(command.actor)):
        raise CommandError("only a case manager or an administrator can do this")


def _request(command, options) -> None:
    from ctip.cases.access import case_for_break_glass, may_break_glass
    from ctip.cases.actions import do_break_glass

    _refuse_unless_allowed(command)
    if not may_break_glass(command.actor):
        raise CommandError("break glass is personal: run it with --as YOUR_USERNAME")
    agency = agency_or_error(options["agency"])
    case = case_for_break_glass(command.actor, agency, options["reference"])
    if case is None:
        raise CommandError(f"no case {options['reference']} in {agency.code}")
    try:
        grant = do_break_glass(
            case, actor=command.actor, reason=options["reason"], hours=options["hours"]
        )
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from None
    command.stdout.write(
        f"emergency access to {agency.code}/{case.reference} until "
        f"{grant.expires_at:%Y-%m-%d %H:%M} UTC; recorded for review (grant {grant.pk})"
    )


def _list(command, options) -> None:
    from ctip.cases.access import break_glass_for_review

    _refuse_unless_allowed(command)
    for grant in break_glass_for_review(command.actor):
        reviewed = (
            f"reviewed by {grant.reviewed_by} {grant.reviewed_at:%Y-%m-%d}"
            if grant.reviewed_at
            else "to review"
        )
        command.stdout.write(
            f"{grant.pk}\t{grant.username}\t{grant.case.agency.code}/{grant.case.reference}\t"
            f"{grant.created_at:%Y-%m-%d %H:%M}\t{grant.expires_at:%Y-%m-%d %H:%M}\t{reviewed}\t"
            f"{grant.reason}"
        )


def _review(command, options) -> None:
    from ctip.cases.access import break_glass_for_review
    from ctip.cases.actions import do_review_break_glass

    _refuse_unless_allowed(command)
    grant = break_glass_for_review(command.actor).filter(pk=options["grant_id"]).first()
    if grant is None:
        raise CommandError(f"no grant {options['grant_id']} that you may review")
    try:
        do_review_break_glass(grant, actor=command.actor, note=options["note"])
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from None
    command.stdout.write(f"grant {grant.pk} reviewed")


def _reads(command, options) -> None:
    from ctip.cases.access import agencies_managed_by, reads_for

    if not agencies_managed_by(command.actor).filter(code=options["agency"]).exists():
        raise CommandError(f"only a case manager of {options['agency']} can read its audit")
    reads = reads_for(command.actor).filter(agency__code=options["agency"])
    for read in reads[: options["limit"]]:
        command.stdout.write(
            f"{read.at:%Y-%m-%d %H:%M}\t{read.username}\t{read.case_reference}\t{read.via}\t"
            f"{','.join(read.fields)}" + ("\tbreak glass" if read.break_glass_id else "")
        )
