"""`ctip framework load|export|list|import|assign|open-round`: partners' monitoring frameworks."""

from __future__ import annotations

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError

from ctip.accounts.access import NotFound
from ctip.accounts.commands import CtipCommand
from ctip.frameworks import access
from ctip.frameworks.actions import (
    FrameworkRefused,
    do_assign_role,
    do_invite_focal_point,
    do_load_framework,
    do_open_round,
    do_send_reminders,
)
from ctip.frameworks.exchange import ExchangeError, import_values
from ctip.frameworks.files import FileProblem, read_definition, write_definition
from ctip.frameworks.models import FrameworkRole
from ctip.lib.files import write_file
from ctip.lib.periods import PeriodError


class Command(CtipCommand):
    help = (
        "Partners' monitoring frameworks: load a framework file, export it, list frameworks, "
        "import values (DHIS2 dataValueSet JSON or a unit's xlsx template), give users a role, "
        "invite focal points, remind them, open a round. Loading and roles are for the "
        "program's administrators and MEL officers."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="create or update a framework from a YAML file")
        load.add_argument("file")
        load.add_argument("--dry-run", action="store_true", help="check the file, write nothing")
        export = sub.add_parser("export", help="write a framework as its YAML file")
        export.add_argument("code")
        export.add_argument("-o", "--output", metavar="FILE")
        sub.add_parser("list", help="the frameworks you may see")
        imported = sub.add_parser(
            "import", help="import values: DHIS2 dataValueSet (.json) or a template (.xlsx)"
        )
        imported.add_argument("file")
        imported.add_argument("--framework", required=True, metavar="CODE")
        imported.add_argument(
            "--submit", action="store_true", help="xlsx: submit the report after importing"
        )
        assign = sub.add_parser("assign", help="make a user a unit's focal point or a reviewer")
        assign.add_argument("username")
        assign.add_argument("--framework", required=True, metavar="CODE")
        assign.add_argument("--unit", metavar="CODE", help="the unit a focal point reports for")
        assign.add_argument("--reviewer", action="store_true")
        invite = sub.add_parser(
            "invite", help="make an account for a unit's focal point and mail them the link"
        )
        invite.add_argument("email")
        invite.add_argument("--framework", required=True, metavar="CODE")
        invite.add_argument("--unit", required=True, metavar="CODE")
        invite.add_argument("--language", default="en", help="the mail's language (en, th, ...)")
        remind = sub.add_parser(
            "remind",
            help="mail focal points whose report is due soon, overdue or returned (run daily)",
        )
        remind.add_argument("code")
        remind.add_argument("--today", metavar="YYYY-MM-DD", help="as if it were this day")
        opened = sub.add_parser("open-round", help="open the round of a period")
        opened.add_argument("code")
        opened.add_argument("--period", required=True, help="2024, 2024S1, 2024Q3, 2024July")
        opened.add_argument("--trial", action="store_true")

    def handle(self, *args, **options):
        try:
            getattr(self, "_" + options["action"].replace("-", "_"))(options)
        except (FileProblem, ExchangeError) as problem:
            raise CommandError("\n".join(problem.problems)) from None
        except (FrameworkRefused, PeriodError) as error:
            raise CommandError(str(error)) from None
        except PermissionDenied as error:
            raise CommandError(f"only an administrator or MEL officer may: {error}") from None

    def _framework(self, code, *, manage=False):
        try:
            framework = access.access_framework(self.actor, code)
        except NotFound:
            raise CommandError(f"no framework {code!r} that you may see") from None
        if manage and not access.can_manage(self.actor, framework):
            raise CommandError(
                "only an administrator or MEL officer of the framework's program may do this"
            )
        return framework

    def _load(self, options):
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: cannot read it ({error})") from None
        definition = read_definition(text)
        if options["dry_run"]:
            self.stdout.write(f"{path}: {definition.code} is valid (nothing written)")
            return
        framework, changed = do_load_framework(definition, self.actor)
        word = "loaded" if changed else "unchanged"
        self.stdout.write(
            f"{word}: {framework.code} ({framework.units.filter(retired=False).count()} units, "
            f"{framework.indicators.filter(retired=False).count()} indicators, "
            f"{framework.rounds.count()} rounds)"
        )
        if not definition.program:
            self.stderr.write(
                f"in program {framework.program.code} (`program: CODE` in the file chooses one)"
            )

    def _export(self, options):
        text = write_definition(self._framework(options["code"]))
        if options["output"]:
            self.stderr.write(f"wrote {write_file(options['output'], text)}")
        else:
            self.stdout.write(text, ending="")

    def _list(self, options):
        for framework in access.frameworks_for(self.actor).order_by("code"):
            self.stdout.write(
                f"{framework.code}\t{framework.name}\t{framework.period_type}\t"
                f"{framework.units.filter(retired=False).count()} units\t"
                f"{framework.rounds.count()} rounds"
            )

    def _import(self, options):
        framework = self._framework(options["framework"])
        path = Path(options["file"])
        try:
            content = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: cannot read it ({error})") from None
        result = import_values(framework, content, path.name, self.actor, submit=options["submit"])
        self.stdout.write(
            f"imported: {result.reports} reports, {result.values_changed} values changed, "
            f"{result.submitted} submitted, {result.unchanged} already submitted unchanged"
        )

    def _assign(self, options):
        framework = self._framework(options["framework"], manage=True)
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no user {options['username']!r}")
        if options["reviewer"]:
            do_assign_role(user, framework, FrameworkRole.Role.REVIEWER)
            self.stdout.write(f"{user.username} reviews {framework.code}")
            return
        unit = framework.units.filter(code=options["unit"] or "", retired=False).first()
        if unit is None:
            raise CommandError("give --unit CODE (a unit of the framework) or --reviewer")
        do_assign_role(user, framework, FrameworkRole.Role.FOCAL_POINT, unit)
        self.stdout.write(f"{user.username} reports for {unit.code} in {framework.code}")

    def _invite(self, options):
        from ctip.accounts.mail import MailNotSent

        framework = self._framework(options["framework"], manage=True)
        unit = framework.units.filter(code=options["unit"], retired=False).first()
        if unit is None:
            raise CommandError(f"{options['unit']!r} is not a unit of {framework.code}")
        try:
            user = do_invite_focal_point(
                options["email"], framework, unit, language=options["language"]
            )
        except MailNotSent:
            raise CommandError(
                "the mail server did not take the invitation: nothing kept"
            ) from None
        self.stdout.write(f"invited {user.username}: reports for {unit.code} in {framework.code}")

    def _remind(self, options):
        import datetime as dt

        framework = self._framework(options["code"], manage=True)
        try:
            today = dt.date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError:
            raise CommandError("--today is a date: YYYY-MM-DD") from None
        counts = do_send_reminders(framework, today)
        if not counts:
            self.stdout.write("no reminder due today")
        for kind, count in sorted(counts.items()):
            self.stdout.write(f"{kind}: {count} reports reminded")

    def _open_round(self, options):
        framework = self._framework(options["code"], manage=True)
        round_ = do_open_round(framework, options["period"], trial=options["trial"])
        self.stdout.write(
            f"round {round_.period} of {framework.code}: due {round_.due_on.isoformat()}, "
            f"{round_.reports.count()} units to report"
        )
