"""`ctip cohorts list|show CODE`: cohort programs and their completion."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils import timezone

from ctip.accounts.commands import CtipCommand
from ctip.cohorts import queries
from ctip.cohorts.models import Cohort


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

    def handle(self, *args, **options):
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
        import datetime as dt

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
