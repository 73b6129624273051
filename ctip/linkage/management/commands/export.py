import sys

from django.core.management.base import CommandError

from ctip.accounts.access import (
    WHOLE_PROGRAM_ROLES,
    attendances_for,
    can_see_people,
    programs_of,
    role_in,
)
from ctip.accounts.commands import CtipCommand
from ctip.lib.files import write_file
from ctip.lib.periods import PeriodError, parse_period
from ctip.linkage.export import attendance_rows, write_csv, write_xlsx


class Command(CtipCommand):
    help = (
        "Export personal data within the acting user's rights: `export attendance` writes one "
        "row per attendance with the name as imported and the linked person ID; `export iati` "
        "writes the program's results as an IATI 2.03 activity (administrators and MEL officers)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        attendance = sub.add_parser("attendance", help="one row per attendance")
        attendance.add_argument("--period", help="FY2024-25, 2024, 2024-Q3 or a date range")
        attendance.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        attendance.add_argument("-o", "--output", help="file to write (default: standard output)")
        iati = sub.add_parser("iati", help="the program's results as an IATI 2.03 activity")
        iati.add_argument("--period", required=True, help="FY2024-25, 2024, 2024-Q3 or a range")
        iati.add_argument(
            "--program", metavar="CODE", help="program code (default: your only program)"
        )
        iati.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        if options["what"] == "iati":
            return self._iati(options)
        if not can_see_people(self.actor):
            raise CommandError("your role shows aggregate numbers only, not people")
        period = None
        if options["period"]:
            try:
                program = programs_of(self.actor).first()
                start_month = program.fiscal_year_start_month if program else 7
                period = parse_period(options["period"], start_month)
            except PeriodError as error:
                raise CommandError(str(error)) from None
        rows = list(attendance_rows(attendances_for(self.actor), period))
        if options["format"] == "xlsx":
            if not options["output"]:
                raise CommandError("xlsx needs a file: -o FILE")
            content = write_xlsx(rows)
        else:
            content = write_csv(rows)
        _record_export(self.actor, options, len(rows))
        if options["output"]:
            write_file(options["output"], content)
            self.stderr.write(f"wrote {options['output']}")
        else:
            sys.stdout.flush()
            self.stdout.write(content.decode("utf-8-sig"), ending="")

    def _iati(self, options):
        """Aggregate results, but the whole program's: administrators and MEL officers."""
        from ctip.results.iati import IatiError, iati_activities

        programs = programs_of(self.actor).order_by("code")
        if options["program"]:
            programs = programs.filter(code=options["program"])
        allowed = [p for p in programs if role_in(self.actor, p) in WHOLE_PROGRAM_ROLES]
        if not allowed:
            which = f"program {options['program']!r}" if options["program"] else "any program"
            raise CommandError(f"the IATI export is for administrators and MEL officers of {which}")
        if len(allowed) > 1:
            raise CommandError("you are in several programs: give --program CODE")
        program = allowed[0]
        try:
            content = iati_activities(program, program.period(options["period"]))
        except (PeriodError, IatiError) as error:
            raise CommandError(str(error)) from None
        if options["output"]:
            write_file(options["output"], content)
            self.stderr.write(f"wrote {options['output']}")
        else:
            sys.stdout.flush()
            self.stdout.write(content.decode("utf-8"), ending="")


def _record_export(actor, options, rows: int) -> None:
    """Exports of personal data go in the audit trail: who, when, what and how many rows."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from ctip.people.models import Attendance

    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Attendance),
        object_pk="export",
        object_repr="attendance export",
        action=LogEntry.Action.ACCESS,
        changes={},
        changes_text=f"exported {rows} attendance rows as {options['format']}",
        additional_data={
            "export": "attendance",
            "period": options["period"] or "",
            "format": options["format"],
            "rows": rows,
        },
        actor=actor if getattr(actor, "pk", None) else None,
        remote_addr="127.0.0.1",
    )
