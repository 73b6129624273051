"""`ctip cases list` and `ctip cases show`: the cases the acting user may see, each read
recorded with its fields."""

from __future__ import annotations

from django.core.management.base import CommandError

from . import require_member

LIST_FIELDS = ["reference", "current_stage", "status", "gender", "citizenship"]
SHOW_FIELDS = [
    "reference",
    "first_name",
    "second_name",
    "birth_date",
    "gender",
    "birth_year",
    "citizenship",
    "current_stage",
    "status",
    "trafficking_status",
    "type_of_exploitation",
    "has_disability",
    "stages",
]


def register(subparsers) -> None:
    listing = subparsers.add_parser("list", help="list the cases you may see (--as YOU)")
    listing.add_argument("--agency", help="only this agency's")
    listing.add_argument(
        "--name", help="only cases of exactly this full name (found through keyed hashes)"
    )
    listing.add_argument(
        "--born", metavar="YYYY-MM-DD", help="with --name: and exactly this birth date"
    )
    listing.set_defaults(handler=_list)
    show = subparsers.add_parser("show", help="show one case (recorded in the read audit)")
    show.add_argument("reference")
    show.add_argument("--agency", required=True)
    show.set_defaults(handler=_show)


def _list(command, options) -> None:
    import datetime as dt

    from ctip.cases.access import cases_for, find_cases, record_case_read

    require_member(command)
    if options["born"] and not options["name"]:
        raise CommandError("--born goes with --name")
    if options["name"]:
        try:
            born = dt.date.fromisoformat(options["born"]) if options["born"] else None
        except ValueError:
            raise CommandError(f"--born: {options['born']!r} is not a date (YYYY-MM-DD)") from None
        cases = find_cases(command.actor, options["name"], born)
    else:
        cases = cases_for(command.actor)
    cases = cases.order_by("agency__code", "reference")
    if options["agency"]:
        cases = cases.filter(agency__code=options["agency"])
    cases = list(cases)
    record_case_read(command.actor, cases, LIST_FIELDS, via="cli")
    for case in cases:
        command.stdout.write(
            f"{case.agency.code}\t{case.reference}\t{case.current_stage}\t{case.status}\t"
            f"{case.gender}\t{case.citizenship}"
        )


def _show(command, options) -> None:
    from ctip.cases.access import NotFound, access_case_by_reference, record_case_read

    require_member(command)
    try:
        case = access_case_by_reference(command.actor, options["agency"], options["reference"])
    except NotFound:
        raise CommandError(f"no case {options['reference']} that you may see") from None
    record_case_read(command.actor, [case], SHOW_FIELDS, via="cli")
    write = command.stdout.write
    write(f"case\t{case.agency.code}/{case.reference}")
    write(f"name\t{case.full_name}")
    write(f"birth date\t{case.birth_date or ''}")
    write(f"gender\t{case.gender}\nyear of birth\t{case.birth_year or ''}")
    write(f"citizenship\t{case.citizenship}\nstage\t{case.current_stage}\nstatus\t{case.status}")
    write(f"trafficking status\t{case.trafficking_status}")
    write(f"form of exploitation\t{', '.join(case.type_of_exploitation)}")
    write(f"disability (WG-SS)\t{case.has_disability}")
    for stage in case.stages.all():
        write(f"  {stage.stage}\t{stage.date}\t{stage.deciding_organisation}\t{stage.outcome}")
