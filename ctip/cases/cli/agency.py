"""`ctip cases agency add|list|member`: case-holding agencies and their staff (administrators)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from . import agency_or_error, require_administrator


def register(subparsers) -> None:
    agency = subparsers.add_parser("agency", help="case-holding agencies and their staff")
    actions = agency.add_subparsers(dest="agency_action", required=True)
    add = actions.add_parser(
        "add", help="register an agency (and its organisation in the registry; administrators)"
    )
    add.add_argument("code")
    add.add_argument("--name", required=True)
    add.add_argument("--country", default="", help="ISO code of its country (TH, VN ...)")
    add.add_argument(
        "--type",
        default="",
        help="organisation type for a new registry entry (default government-national)",
    )
    add.set_defaults(handler=_add)
    listing = actions.add_parser("list", help="list agencies (administrators)")
    listing.set_defaults(handler=_list)
    member = actions.add_parser("member", help="case managers and case workers of an agency")
    member_actions = member.add_subparsers(dest="member_action", required=True)
    member_add = member_actions.add_parser("add", help="give an account a role in an agency")
    member_add.add_argument("code")
    member_add.add_argument("username")
    member_add.add_argument("--role", required=True, choices=["case_manager", "case_worker"])
    member_add.set_defaults(handler=_member_add)
    member_remove = member_actions.add_parser("remove", help="take an account out of an agency")
    member_remove.add_argument("code")
    member_remove.add_argument("username")
    member_remove.set_defaults(handler=_member_remove)


def _add(command, options) -> None:
    from ctip.cases.actions import do_add_agency

    require_administrator(command, "register an agency")
    try:
        agency = do_add_agency(
            options["code"],
            options["name"],
            actor=command.actor,
            country_code=options["country"].upper(),
            organisation_type=options["type"],
        )
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from None
    command.stdout.write(
        f"agency {agency.code} added (organisation {agency.organisation_id} in the registry)"
    )


def _list(command, options) -> None:
    from ctip.cases.models import Agency

    require_administrator(command, "list agencies")
    for agency in Agency.objects.prefetch_related("memberships"):
        staff = ", ".join(f"{m.username} ({m.role})" for m in agency.memberships.all())
        command.stdout.write(f"{agency.code}\t{agency.name}\t{agency.country_code}\t{staff}")


def _account(username: str):
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"no active account {username!r}")
    return user


def _member_add(command, options) -> None:
    from ctip.cases.actions import do_add_member

    require_administrator(command, "give an account a role in an agency")
    agency = agency_or_error(options["code"])
    user = _account(options["username"])
    do_add_member(agency, user, options["role"], actor=command.actor)
    command.stdout.write(f"{user.username} is {options['role']} of {agency.code}")


def _member_remove(command, options) -> None:
    from ctip.cases.actions import do_remove_member
    from ctip.cases.models import AgencyMembership

    require_administrator(command, "take an account out of an agency")
    agency = agency_or_error(options["code"])
    membership = AgencyMembership.objects.filter(
        agency=agency, username=options["username"]
    ).first()
    if membership is None:
        raise CommandError(f"{options['username']} has no role in {agency.code}")
    do_remove_member(membership, actor=command.actor)
    command.stdout.write(f"{options['username']} removed from {agency.code}")
