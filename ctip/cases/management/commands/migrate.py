"""`ctip manage migrate` migrates the cases database too (docs/cases.md).

Only when run from the command line without --database: test runners and `ctip init` call
migrate for one database at a time, and must not reach a database they did not name.
"""

import sys

from django.core.management.commands.migrate import Command as DjangoMigrate

from ctip.cases.router import CASES_DATABASE


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        super().handle(*args, **options)
        named_database = any(arg.startswith("--database") for arg in sys.argv)
        if getattr(self, "_called_from_command_line", False) and not named_database:
            if options["verbosity"]:
                self.stdout.write(f"Database {CASES_DATABASE!r} (victim case data):")
            super().handle(*args, **{**options, "database": CASES_DATABASE})
