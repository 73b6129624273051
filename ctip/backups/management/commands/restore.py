from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection, connections

from ctip.accounts.commands import CtipCommand
from ctip.backups.archive import BackupError, restore


class Command(CtipCommand):
    help = (
        "Replace the database (and the case database) with a backup made by `ctip backup`. "
        "Refuses a database that "
        "holds data unless --force. An encrypted backup is decrypted with CTIP_BACKUP_KEY "
        "(or CTIP_BACKUP_KEY_FILE). Administrators only."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a backup file made by `ctip backup`")
        parser.add_argument(
            "--force", action="store_true", help="replace a database that already holds data"
        )

    def handle(self, *args, **options):
        if not self.actor.is_superuser:
            raise CommandError("only an administrator can restore the database")
        try:
            restored = restore(
                connection,
                Path(options["file"]),
                force=options["force"],
                passphrase=settings.CTIP_BACKUP_KEY or None,
                cases=connections["cases"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        what = (
            "the database and the case database"
            if "cases" in restored
            else ("the database (this backup holds no case data)")
        )
        self.stdout.write(
            f"restored {what} from {options['file']}; run `ctip init` to apply any newer "
            "migrations; case data needs its keys (CTIP_CASES_KEY or var/cases.key) as they "
            "were when the backup was made"
        )
