"""`ctip people link` and `ctip people review list|decide`: the linkage run and the review
queue behind the people command's `link` and `review` subcommands."""

from __future__ import annotations

import csv

from django.core.management.base import CommandError
from django.db import transaction

from ctip.accounts.access import WHOLE_PROGRAM_ROLES, can_see_people, programs_of, role_in
from ctip.lib.spreadsheets import csv_writer
from ctip.security.reads import Kind, record_read

from .actions import do_link_people
from .review import do_decide_pair, ordered_queue, visible_pairs


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


def add_review_parser(sub) -> None:
    review = sub.add_parser(
        "review", help="the review queue: list pairs, decide same or different (scriptable)"
    )
    review.add_argument("--program", help="program code (needed when you have several)")
    actions_ = review.add_subparsers(dest="review_action", required=True)
    listing = actions_.add_parser(
        "list", help="open pairs, the one whose decision settles most first"
    )
    listing.add_argument("--limit", type=int, default=0)
    listing.add_argument("--format", choices=["csv", "text"], default="text")
    decide = actions_.add_parser(
        "decide", help="PAIR_ID same|different, or --file F (csv: pair_id,decision)"
    )
    decide.add_argument("pair_id", nargs="?", type=int)
    decide.add_argument("decision", nargs="?", choices=["same", "different"])
    decide.add_argument("--file", help="csv with columns pair_id, decision")


def _review_program(command, options):
    programs = [
        program for program in programs_of(command.actor) if can_see_people(command.actor, program)
    ]
    if options.get("program"):
        programs = [program for program in programs if program.code == options["program"]]
    if not programs:
        raise CommandError("your role shows aggregate numbers only, not people")
    if len(programs) > 1:
        codes = ", ".join(program.code for program in programs)
        raise CommandError(f"several programs ({codes}): choose one with --program")
    return programs[0]


def handle_review(command, options) -> None:
    program = _review_program(command, options)
    pairs = visible_pairs(command.actor, program)
    if options["review_action"] == "list":
        queue = ordered_queue(pairs, limit=options["limit"] or None).pairs
        record_read(
            command.actor,
            Kind.LINKAGE_REVIEW,
            person_ids=[p for pair in queue for p in (pair.person_a_id, pair.person_b_id)],
            count=len(queue),
            via="cli",
        )
        if options["format"] == "csv":
            writer = csv_writer(command.stdout)
            writer.writerow(["pair_id", "record_a", "record_b", "probability", "held_because"])
            for pair in queue:
                writer.writerow(
                    [pair.pk, pair.person_a_id, pair.person_b_id,
                     f"{pair.match_probability:.4f}", pair.held_because]
                )  # fmt: skip
        else:
            for pair in queue:
                command.stdout.write(
                    f"{pair.pk}\t{pair.person_a_id}\t{pair.person_b_id}\t"
                    f"{pair.match_probability:.3f}\t{pair.held_because}"
                )
        return
    decisions = _decisions(options)
    wanted = {pair_id for pair_id, _ in decisions}
    found = {pair.pk: pair for pair in pairs.filter(pk__in=wanted)}
    for number, (pair_id, _) in enumerate(decisions, start=2):
        if pair_id not in found:
            where = f"row {number}: " if options.get("file") else ""
            raise CommandError(
                f"{where}no open pair {pair_id} that you may decide (nothing was applied)"
            )
    settled = _apply(command.actor, found, decisions)
    command.stdout.write(
        f"{len(decisions)} decisions applied; {settled} other pairs settled by them"
    )


@transaction.atomic
def _apply(actor, found, decisions) -> int:
    settled = 0
    for pair_id, decision in decisions:
        pair = found[pair_id]
        pair.refresh_from_db()
        if pair.status != pair.Status.OPEN:
            continue  # settled by an earlier decision in the same file
        settled += do_decide_pair(actor, pair, decision == "same")
    return settled


def _decisions(options) -> list[tuple[int, str]]:
    if not options.get("file"):
        if options.get("pair_id") is None or not options.get("decision"):
            raise CommandError("give PAIR_ID same|different, or --file F")
        return [(options["pair_id"], options["decision"])]
    try:
        with open(options["file"], encoding="utf-8-sig", newline="") as file:
            rows = list(csv.DictReader(file))
    except OSError as error:
        raise CommandError(f"{options['file']}: {error.strerror}") from None
    decisions = []
    for number, row in enumerate(rows, start=2):
        pair_id = (row.get("pair_id") or "").strip()
        decision = (row.get("decision") or "").strip().lower()
        if not pair_id.isdigit():
            raise CommandError(
                f'row {number}, column "pair_id": {pair_id!r} is not a pair id '
                "(nothing was applied)"
            )
        if decision not in ("same", "different"):
            raise CommandError(
                f'row {number}, column "decision": {decision!r} is not same or different '
                "(nothing was applied)"
            )
        decisions.append((int(pair_id), decision))
    return decisions
