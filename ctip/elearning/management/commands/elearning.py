"""`ctip elearning list|counting`: e-learning courses and completions (import them with
`ctip import elearning FILE`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError
from django.db.models import Count

from ctip.accounts.commands import CtipCommand
from ctip.elearning.actions import do_set_counts_elearning
from ctip.elearning.models import Course


class Command(CtipCommand):
    help = (
        "E-learning: the program's courses and their completions; whether completions count "
        "as people trained (administrators and MEL officers decide). Completions are imported "
        "from Moodle's course completion report with `ctip import elearning FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", metavar="CODE", help="default: your only program")
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="courses, with completions per language")
        counting = sub.add_parser("counting", help="do completions count as people trained?")
        counting.add_argument("--as-trained", choices=("yes", "no"))

    def handle(self, *args, **options):
        if options["action"] == "list":
            program = self.member_program(options["program"])
            rows = (
                Course.objects.filter(program=program)
                .values_list("name", "completions__language")
                .annotate(n=Count("completions"))
                .order_by("name", "completions__language")
            )
            for name, language, n in rows:
                self.stdout.write(f"{name}\t{language or '-'}\t{n}")
            return
        if options["as_trained"] is None:
            program = self.member_program(options["program"])
        else:
            program = self.managed_program(options["program"])
            try:
                do_set_counts_elearning(program, self.actor, options["as_trained"] == "yes")
            except PermissionDenied:
                raise CommandError(
                    "this is for administrators and MEL officers of the program"
                ) from None
        state = "count" if program.counts_elearning_as_trained else "do not count"
        self.stdout.write(f"{program.code}: e-learning completions {state} as people trained")
