"""`ctip cohorts list|show CODE`: cohort programs and their completion; `save`, `members`,
`session`, `coaching` and `drop-out` set one up and keep it (the program's administrators and
MEL officers). People are named by their person ID (`ctip people list`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError
from django.utils import timezone

from ctip.accounts.commands import CtipCommand
from ctip.cohorts import actions, queries
from ctip.cohorts.models import Cohort, Member
from ctip.people.models import Person


class Command(CtipCommand):
    help = (
        "Cohort programs (the emerging leaders program): list cohorts; show one's modules, "
        "and its members' completion by sex, country and stakeholder group (counts only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", metavar="CODE", help="default: your only program")
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="the program's cohorts")
        show = sub.add_parser("show", help="a cohort's modules and completion")
        show.add_argument("code")
        show.add_argument("--on", metavar="YYYY-MM-DD", help="status on this day (default today)")
        save = sub.add_parser("save", help="create a cohort or change it: dates, rule, modules")
        save.add_argument("code")
        save.add_argument("--title", required=True)
        save.add_argument("--from", dest="starts_on", required=True, metavar="YYYY-MM-DD")
        save.add_argument("--to", dest="ends_on", required=True, metavar="YYYY-MM-DD")
        save.add_argument(
            "--completion", type=float, default=80, help="share of modules that completes (80)"
        )
        save.add_argument(
            "--module", action="append", default=[], help="a module's title, in order (repeat)"
        )
        members = sub.add_parser("members", help="make people (person IDs) members of a cohort")
        members.add_argument("code")
        members.add_argument("people", nargs="+", type=int, metavar="PERSON_ID")
        session = sub.add_parser("session", help="a module's session and who attended it")
        session.add_argument("code")
        session.add_argument("module", type=int, metavar="MODULE_NUMBER")
        session.add_argument("held_on", metavar="YYYY-MM-DD")
        session.add_argument("people", nargs="*", type=int, metavar="PERSON_ID")
        session.add_argument("--modality", default="in-person", choices=["in-person", "online"])
        coaching = sub.add_parser("coaching", help="a coaching session of a member")
        coaching.add_argument("code")
        coaching.add_argument("person", type=int, metavar="PERSON_ID")
        coaching.add_argument("held_on", metavar="YYYY-MM-DD")
        coaching.add_argument("--coach", default="")
        drop = sub.add_parser("drop-out", help="a member left the cohort (or did not: none)")
        drop.add_argument("code")
        drop.add_argument("person", type=int, metavar="PERSON_ID")
        drop.add_argument("on", metavar="YYYY-MM-DD|none")

    def handle(self, *args, **options):
        if options["action"] in WRITES:
            program = self.managed_program(options["program"])
            try:
                return WRITES[options["action"]](self, program, options)
            except (actions.CohortRefused, PermissionDenied) as error:
                raise CommandError(str(error)) from None
        program = self.member_program(options["program"])
        if options["action"] == "list":
            for cohort in Cohort.objects.filter(program=program):
                self.stdout.write(
                    f"{cohort.code}\t{cohort.title}\t{cohort.starts_on}..{cohort.ends_on}\t"
                    f"{cohort.members.count()} members\t{cohort.modules.count()} modules\t"
                    f"complete at {cohort.completion_share:g}% of modules"
                )
            return
        cohort = Cohort.objects.filter(program=program, code=options["code"]).first()
        if cohort is None:
            raise CommandError(f"no cohort {options['code']!r} in {program.code}")
        try:
            on = dt.date.fromisoformat(options["on"]) if options["on"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"{options['on']!r} is not a date (YYYY-MM-DD)") from None
        self.stdout.write(f"{cohort.title} on {on}")
        for module in cohort.modules.all():
            held = ", ".join(str(s.held_on) for s in module.sessions.all()) or "not held yet"
            self.stdout.write(f"module {module.number}: {module.title} ({held})")
        for dimension, lines in queries.completion_by(cohort, on).items():
            self.stdout.write(f"by {dimension.replace('_', ' ')}:")
            for line in lines:
                self.stdout.write(
                    f"  {line.label or '-'}\t{line.members} members\t{line.completed} completed"
                    f"\t{line.dropped_out} dropped out\t{line.in_progress} in progress"
                )


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _cohort(program, code: str) -> Cohort:
    cohort = Cohort.objects.filter(program=program, code=code).first()
    if cohort is None:
        raise CommandError(f"no cohort {code!r} in {program.code}")
    return cohort


def _member(cohort: Cohort, person_id: int) -> Member:
    member = cohort.members.filter(person_id=person_id).first()
    if member is None:
        raise CommandError(f"person {person_id} is not a member of {cohort.code}")
    return member


def _save(command, program, options):
    cohort = actions.do_save_cohort(
        program,
        command.actor,
        code=options["code"],
        title=options["title"],
        starts_on=_date(options["starts_on"]),
        ends_on=_date(options["ends_on"]),
        completion_share=Decimal(str(options["completion"])),
        modules=options["module"],
    )
    command.stdout.write(f"{cohort.code}: {cohort.modules.count()} modules")


def _members(command, program, options):
    cohort = _cohort(program, options["code"])
    people = list(Person.objects.filter(program=program, pk__in=options["people"]))
    missing = set(options["people"]) - {person.pk for person in people}
    if missing:
        raise CommandError(f"no person {sorted(missing)} in {program.code}")
    actions.do_add_members(cohort, command.actor, people)
    command.stdout.write(f"{cohort.code}: {cohort.members.count()} members")


def _session(command, program, options):
    cohort = _cohort(program, options["code"])
    module = cohort.modules.filter(number=options["module"]).first()
    if module is None:
        raise CommandError(f"no module {options['module']} in {cohort.code}")
    attendees = [_member(cohort, person_id) for person_id in options["people"]]
    actions.do_record_session(
        module, command.actor, _date(options["held_on"]), attendees, modality=options["modality"]
    )
    command.stdout.write(f"module {module.number}: {len(attendees)} attended")


def _coaching(command, program, options):
    cohort = _cohort(program, options["code"])
    member = _member(cohort, options["person"])
    actions.do_record_coaching(member, command.actor, _date(options["held_on"]), options["coach"])


def _drop_out(command, program, options):
    cohort = _cohort(program, options["code"])
    member = _member(cohort, options["person"])
    on = None if options["on"].lower() == "none" else _date(options["on"])
    actions.do_drop_out(member, command.actor, on)


WRITES = {
    "save": _save,
    "members": _members,
    "session": _session,
    "coaching": _coaching,
    "drop-out": _drop_out,
}
