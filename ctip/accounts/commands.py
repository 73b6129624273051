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
