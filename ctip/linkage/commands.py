"""`ctip people link`: the linkage run behind the people command's `link` subcommand."""

from __future__ import annotations

from django.core.management.base import CommandError

from ctip.accounts.access import WHOLE_PROGRAM_ROLES, programs_of, role_in

from .actions import do_link_people


def add_link_parser(sub) -> None:
    link = sub.add_parser(
        "link",
        help="link records of one person into unique people (incremental; --rebuild for all)",
    )
    link.add_argument("--program", help="program code (needed when you have several)")
    link.add_argument(
        "--rebuild",
        action="store_true",
        help="take every model decision again from scratch (reviewer decisions still bind)",
    )


def handle_link(command, options) -> None:
    programs = [
        program
        for program in programs_of(command.actor)
        if role_in(command.actor, program) in WHOLE_PROGRAM_ROLES
    ]
    if options.get("program"):
        programs = [program for program in programs if program.code == options["program"]]
    if not programs:
        raise CommandError("linking needs an administrator or MEL officer of the program")
    if len(programs) > 1:
        codes = ", ".join(program.code for program in programs)
        raise CommandError(f"several programs ({codes}): choose one with --program")
    report = do_link_people(programs[0], rebuild=options["rebuild"], actor=command.actor)
    for line in report.lines():
        command.stdout.write(line)
