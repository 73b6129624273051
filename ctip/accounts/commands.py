"""Base for our management commands: `--as USERNAME`, the audit actor, clear errors."""

from __future__ import annotations

from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from ctip.lib.files import is_disk_full

from .access import CliAdministrator

DISK_FULL = (
    "the disk is full (no space left on the device): nothing was written; free some space "
    "and run the command again"
)


class CtipCommand(BaseCommand):
    # Django's system checks load the URL configuration and, through it, every view module:
    # a second of imports before a report prints. `ctip manage check` (and `ctip serve`)
    # still run them.
    requires_system_checks: list[str] = []

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--as",
            dest="acting_as",
            metavar="USERNAME",
            help="act with this user's rights (default: administrator, as the database holder)",
        )
        return parser

    def execute(self, *args, **options):
        try:
            return self._execute_as(*args, **options)
        except (OSError, DatabaseError) as error:
            if is_disk_full(error):
                raise CommandError(DISK_FULL) from None
            raise

    def _execute_as(self, *args, **options):
        username = options.get("acting_as")
        if username:
            user = get_user_model().objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(f"no active user {username!r}")
            self.actor = user
            with set_actor(user, remote_addr="127.0.0.1"):
                return super().execute(*args, **options)
        self.actor = CliAdministrator()
        with set_actor(None, remote_addr="127.0.0.1"):
            return super().execute(*args, **options)

    def member_program(self, code: str | None):
        """The program CODE (or the actor's only program) the actor is a member of;
        CommandError otherwise."""
        from .access import programs_of, role_in

        programs = programs_of(self.actor).order_by("code")
        if code:
            program = programs.filter(code=code).first()
            if program is None:
                raise CommandError(f"no program {code!r} that you are a member of")
        else:
            found = list(programs[:2])
            if not found:
                raise CommandError("you are not a member of any program")
            if len(found) > 1:
                raise CommandError("you are a member of several programs: give --program CODE")
            program = found[0]
        if role_in(self.actor, program) is None:
            raise CommandError(f"no program {program.code!r} that you are a member of")
        return program

    def managed_program(self, code: str | None):
        """As member_program, for a change only its administrators and MEL officers make."""
        from .access import WHOLE_PROGRAM_ROLES, role_in

        program = self.member_program(code)
        if role_in(self.actor, program) not in WHOLE_PROGRAM_ROLES:
            raise CommandError("this is for administrators and MEL officers of the program")
        return program
