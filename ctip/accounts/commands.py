"""Base for our management commands: `--as USERNAME`, the audit actor, clear errors."""

from __future__ import annotations

from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from .access import CliAdministrator


class CtipCommand(BaseCommand):
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
