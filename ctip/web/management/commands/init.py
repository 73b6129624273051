import os
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ctip.accounts.commands import CtipCommand
from ctip.countries.actions import do_load_countries
from ctip.reports.participation import participation_is_missing, rebuild_participation


class Command(CtipCommand):
    help = (
        "Create or migrate the database and load reference data. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--rebuild-aggregates",
            action="store_true",
            help="count the reports' participation cube again from every attendance (after "
            "bulk writes that bypassed it, restores, or SQL run by hand)",
        )

    def handle(self, *args, **options):
        if not self.actor.is_superuser:
            raise CommandError("only an administrator can initialise or migrate the database")
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            call_command("migrate", interactive=False, verbosity=0)
        countries = do_load_countries()
        if connection.vendor == "sqlite":
            _owner_only(Path(connection.settings_dict["NAME"]))
        call_command("collectstatic", interactive=False, verbosity=0)
        vendor = connection.vendor
        self.stdout.write(
            f"database ({vendor}): {len(pending)} migrations applied, "
            f"{countries} reference rows changed"
        )
        if options["rebuild_aggregates"] or participation_is_missing():
            rows = rebuild_participation()
            self.stdout.write(f"participation cube rebuilt: {rows} rows")


def _owner_only(database: Path) -> None:
    """The SQLite file holds personal data: readable by its owner only, like backups."""
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        if path.exists():
            os.chmod(path, 0o600)
