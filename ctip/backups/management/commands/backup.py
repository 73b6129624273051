from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection

from ctip.accounts.commands import CtipCommand
from ctip.backups.archive import BackupError, backup, default_path


class Command(CtipCommand):
    help = (
        "Back up the whole database to a file (SQLite: a consistent copy while the server "
        "runs; PostgreSQL: pg_dump custom format). Administrators only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", help="backup file (default: var/backups/ctip-DATE-TIME.*)"
        )

    def handle(self, *args, **options):
        if not self.actor.is_superuser:
            raise CommandError("only an administrator can back up the database")
        path = Path(options["output"]) if options["output"] else default_path(connection.vendor)
        try:
            backup(connection, path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        size = path.stat().st_size
        self.stdout.write(
            f"backup written to {path} ({size:,} bytes); it holds personal data: "
            "keep it encrypted and readable by administrators only"
        )
