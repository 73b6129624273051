import os
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor

from ctip.accounts.commands import CtipCommand
from ctip.cases.crypto import ensure_key_files
from ctip.cases.router import CASES_DATABASE
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
        cases_pending = _migrate_cases_database()
        created_keys = ensure_key_files()
        countries = do_load_countries()
        for database in (connection, connections[CASES_DATABASE]):
            if database.vendor == "sqlite":
                _owner_only(Path(database.settings_dict["NAME"]))
        call_command("collectstatic", interactive=False, verbosity=0)
        vendor = connection.vendor
        self.stdout.write(
            f"database ({vendor}): {len(pending)} migrations applied, "
            f"{countries} reference rows changed"
        )
        self.stdout.write(
            f"case database ({connections[CASES_DATABASE].vendor}): "
            f"{len(cases_pending)} migrations applied"
            + "".join(f"; key created: {path}" for path in created_keys)
        )
        if options["rebuild_aggregates"] or participation_is_missing():
            rows = rebuild_participation()
            self.stdout.write(f"participation cube rebuilt: {rows} rows")


def _migrate_cases_database() -> list:
    """Victim case data has its own database (docs/cases.md), migrated beside the main one."""
    executor = MigrationExecutor(connections[CASES_DATABASE])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        call_command("migrate", database=CASES_DATABASE, interactive=False, verbosity=0)
    return [migration for migration, _backwards in pending if migration.app_label == "cases"]


def _owner_only(database: Path) -> None:
    """The SQLite file holds personal data: readable by its owner only, like backups."""
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        if path.exists():
            os.chmod(path, 0o600)
