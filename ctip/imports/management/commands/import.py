import time
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError

from ctip.accounts.access import programs_of
from ctip.accounts.commands import CtipCommand
from ctip.imports import downloads
from ctip.imports.actions import (
    RollbackRefused,
    do_import_file,
    do_rollback_import,
    do_sweep_pending_uploads,
    imports_for,
)
from ctip.imports.models import ImportRecord
from ctip.imports.permissions import may_import
from ctip.imports.progress import progress_line
from ctip.imports.readers import CLI_MAX_FILE_BYTES
from ctip.imports.sources import SOURCES, RowStatus
from ctip.lib.files import write_file
from ctip.surveys.xlsform import feedback_xlsform

SHOWN = 200  # problems and rows printed before "… and N more"


class Command(CtipCommand):
    help = "Import events and attendance sheets (.xlsx, .csv); list, roll back, templates."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for kind in SOURCES:
            one = sub.add_parser(kind, help=f"import a sheet of {kind}")
            one.add_argument("file", help=".xlsx or .csv (UTF-8)")
            one.add_argument("--program", help="program code (default: your only program)")
            one.add_argument(
                "--dry-run", action="store_true", help="check and show what would change"
            )
            one.add_argument(
                "--progress",
                action="store_true",
                help="show the rows read so far on standard error (the default on a terminal)",
            )
            one.add_argument(
                "--consent-version",
                default="",
                help="attest that consent (this wording version) was collected on paper "
                "for every row without a consent column value",
            )
        sub.add_parser(
            "sweep",
            help="delete files previewed on the web and never confirmed, once older than "
            "CTIP_PENDING_UPLOAD_HOURS (the upload page also does this as it is used)",
        )
        listing = sub.add_parser("list", help="list past imports")
        listing.add_argument("--program")
        rollback = sub.add_parser("rollback", help="undo an import")
        rollback.add_argument("id", type=int)
        template = sub.add_parser("template", help="write an .xlsx template with dropdowns")
        template.add_argument("kind", choices=sorted(SOURCES))
        template.add_argument("-o", "--output", required=True)
        template.add_argument("--program")
        xlsform = sub.add_parser("xlsform", help="write the attendance form as an XLSForm")
        xlsform.add_argument("-o", "--output", required=True)
        xlsform.add_argument("--program")
        xlsform.add_argument(
            "--form",
            choices=["attendance", "feedback"],
            default="attendance",
            help="which form (default: attendance)",
        )

    def handle(self, *args, **options):
        action = options["action"]
        if action == "rollback":
            return self._rollback(options["id"])
        if action == "sweep":
            deleted = do_sweep_pending_uploads()
            self.stdout.write(f"{deleted} expired pending upload(s) deleted")
            return None
        program = self._program(options.get("program"))
        if action == "list":
            return self._list(program)
        if not may_import(self.actor, program):
            raise CommandError("your role does not import data")
        if action == "template":
            content = downloads.template(SOURCES[options["kind"]], program, self.actor)
            return self._write(options["output"], content)
        if action == "xlsform" and options["form"] == "feedback":
            return self._write(options["output"], feedback_xlsform(program, self.actor))
        if action == "xlsform":
            return self._write(options["output"], downloads.xlsform(program, self.actor))
        return self._import(action, program, options)

    def _program(self, code):
        programs = programs_of(self.actor).order_by("code")
        if code:
            program = programs.filter(code=code).first()
            if program is None:
                raise CommandError(f"no program {code!r} that you may import into")
            return program
        found = list(programs[:2])
        if len(found) != 1:
            if not found:
                from ctip.programs.models import Program

                if not Program.objects.exists():
                    raise CommandError(
                        "there is no program to import into yet: describe yours in a program "
                        "file and load it with `ctip program load FILE` (docs/programs.md)"
                    )
                raise CommandError("you have no program to import into")
            codes = ", ".join(programs.values_list("code", flat=True))
            raise CommandError(f"choose a program with --program ({codes})")
        return found[0]

    def _import(self, kind, program, options):
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        try:
            plan = do_import_file(
                kind,
                content,
                path.name,
                program=program,
                actor=self.actor,
                consent_version=options["consent_version"],
                dry_run=options["dry_run"],
                progress=self._progress(options),
                max_bytes=CLI_MAX_FILE_BYTES,
            )
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        finally:
            if getattr(self, "_progress_shown", False):
                self.stderr._out.write("\n")
        if plan.read_as:
            self.stdout.write(f"read as {plan.read_as}")
        for warning in plan.warnings[:SHOWN]:
            self.stderr.write(f"warning: {warning}")
        if len(plan.warnings) > SHOWN:
            self.stderr.write(f"… and {len(plan.warnings) - SHOWN} more warnings")
        if plan.errors:
            for error in plan.errors[:SHOWN]:
                self.stderr.write(str(error))
            if len(plan.errors) > SHOWN:
                self.stderr.write(f"… and {len(plan.errors) - SHOWN} more problems")
            raise CommandError(
                f"{path.name} was not imported: {len(plan.errors)} problem(s); nothing was written"
            )
        counts = plan.counts
        summary = (
            f"{counts[RowStatus.NEW]} new, {counts[RowStatus.CHANGED]} changed, "
            f"{counts[RowStatus.UNCHANGED]} unchanged"
        )
        if counts[RowStatus.LEFT_OUT]:
            summary += f", {counts[RowStatus.LEFT_OUT]} left out (no consent)"
        if options["dry_run"]:
            shown = [r for r in plan.results if r.status in (RowStatus.NEW, RowStatus.CHANGED)]
            for result in shown[:SHOWN]:
                detail = f" ({', '.join(result.changed)})" if result.changed else ""
                if result.values:
                    detail += ": " + "; ".join(f"{k}: {v}" for k, v in result.values.items())
                self.stdout.write(f"row {result.row}: {result.status}{detail}")
            more = counts[RowStatus.NEW] + counts[RowStatus.CHANGED] - min(len(shown), SHOWN)
            if more > 0:
                self.stdout.write(f"… and {more} more")
            self.stdout.write(f"dry run: {summary}; nothing was written")
            return
        self.stdout.write(f"import {plan.record.pk}: {summary}")

    def _progress(self, options):
        """A bar on standard error, redrawn as rows are read and checked (where the file
        tells how much of it is read: csv), with the rows, the rate and the time left: with
        --progress, or when standard error is a terminal."""
        if not (options["progress"] or self.stderr.isatty()):
            return None
        began = time.monotonic()
        stream = self.stderr._out

        def show(rows: int, fraction: float | None = None) -> None:
            self._progress_shown = True
            stream.write("\r" + progress_line(rows, fraction, time.monotonic() - began))
            stream.flush()

        return show

    def _list(self, program):
        if not may_import(self.actor, program):
            raise CommandError("your role does not import data (aggregate numbers only)")
        for record in imports_for(self.actor, program).order_by("pk"):
            state = " rolled back" if record.is_rolled_back else ""
            self.stdout.write(
                f"{record.pk}\t{record.created_at:%Y-%m-%d %H:%M}\t{record.kind}\t"
                f"{record.file_name}\t+{record.rows_added} ~{record.rows_changed} "
                f"={record.rows_unchanged}\t{record.user or '(cli)'}{state}"
            )

    def _rollback(self, record_id):
        record = ImportRecord.objects.filter(pk=record_id).first()
        if record is None or not imports_for(self.actor, record.program).filter(pk=record.pk):
            raise CommandError(f"no import {record_id} that you may roll back")
        try:
            do_rollback_import(record, self.actor)
        except (RollbackRefused, PermissionDenied) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"import {record_id} rolled back")

    def _write(self, output, content: bytes):
        write_file(output, content)
        self.stdout.write(f"wrote {output}")
