from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection, connections

from ctip.accounts.commands import CtipCommand
from ctip.backups.archive import BackupError, backup, default_path


class Command(CtipCommand):
    help = (
        "Back up the whole database and the case database to one file, a tar archive "
        "(SQLite: a consistent copy while the server runs; PostgreSQL: pg_dump custom "
        "format). The keys of case data are not in it: back them up apart. "
        "Administrators only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", help="backup file (default: var/backups/ctip-DATE-TIME.tar)"
        )
        parser.add_argument(
            "--encrypt",
            action="store_true",
            help="encrypt with the passphrase in CTIP_BACKUP_KEY or CTIP_BACKUP_KEY_FILE",
        )

    def handle(self, *args, **options):
        if not self.actor.is_superuser:
            raise CommandError("only an administrator can back up the database")
        passphrase = None
        if options["encrypt"]:
            passphrase = settings.CTIP_BACKUP_KEY
            if not passphrase:
                raise CommandError(
                    "--encrypt needs the passphrase in CTIP_BACKUP_KEY or CTIP_BACKUP_KEY_FILE"
                )
        path = Path(options["output"]) if options["output"] else default_path()
        if passphrase:
            path = path.with_name(path.name + ".enc") if not options["output"] else path
        try:
            backup(connection, path, passphrase=passphrase, cases=connections["cases"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        size = path.stat().st_size
        if passphrase:
            self.stdout.write(
                f"encrypted backup written to {path} ({size:,} bytes); keep the passphrase "
                "apart from it: without it the backup cannot be restored. The keys of case "
                "data are not in it: back them up apart (docs/cases.md)"
            )
        else:
            self.stdout.write(
                f"backup written to {path} ({size:,} bytes); it holds personal data: "
                "keep it encrypted and readable by administrators only. The keys of case data "
                "are not in it: back them up apart (docs/cases.md)"
            )
