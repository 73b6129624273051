from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError

from ctip.accounts.access import programs_of, role_in
from ctip.accounts.commands import CtipCommand
from ctip.accounts.models import Role
from ctip.programs.actions import do_load_program, may_define_program
from ctip.programs.definition import ProgramFileError, export_program, read_definition
from ctip.programs.models import Program


class Command(CtipCommand):
    help = (
        "Programs as files (docs/programs.md): load a definition (YAML or xlsx), export one, "
        "list the programs you belong to."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="create or update a program from a YAML or xlsx file")
        load.add_argument("file", help="program.yaml or program.xlsx")
        load.add_argument(
            "--dry-run", action="store_true", help="check the file and say what would change"
        )
        export = sub.add_parser("export", help="write a program's definition")
        export.add_argument("code", help="the program's code")
        export.add_argument(
            "-o", "--output", help="file to write (.yaml or .xlsx); default: YAML to stdout"
        )
        sub.add_parser("list", help="list the programs you belong to")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "list":
            return self._list()
        if action == "export":
            return self._export(options["code"], options["output"])
        return self._load(Path(options["file"]), options["dry_run"])

    def _list(self):
        for program in programs_of(self.actor).order_by("code"):
            self.stdout.write(
                f"{program.code}\t{program.name}\t{program.projects.count()} projects\t"
                f"{program.outcomes.count()} outcomes"
            )

    def _export(self, code, output):
        program = programs_of(self.actor).filter(code=code).first()
        if program is None:
            raise CommandError(f"no program {code!r} that you belong to (see `ctip program list`)")
        if role_in(self.actor, program) not in (Role.ADMINISTRATOR, Role.MEL_OFFICER):
            raise CommandError("only an administrator or a MEL officer exports a program")
        content = export_program(program, output or "program.yaml")
        if output:
            Path(output).write_bytes(content)
            self.stdout.write(f"wrote {output}")
        else:
            self.stdout.write(content.decode("utf-8"), ending="")

    def _load(self, path: Path, dry_run: bool):
        if not may_define_program(self.actor, None) and not any(
            may_define_program(self.actor, p) for p in programs_of(self.actor)
        ):
            raise CommandError("only an administrator may load a program file")
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        try:
            definition = read_definition(content, path.name)
            report = _load_or_try(definition, self.actor, dry_run)
        except ProgramFileError as error:
            raise CommandError(
                f"{path.name}: nothing was loaded; {len(error.problems)} "
                f"problem{'s' if len(error.problems) != 1 else ''}:\n  "
                + "\n  ".join(error.problems)
            ) from None
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        verb = "would change" if dry_run else "changed"
        if not report.changed:
            self.stdout.write(f"program {report.program.code}: already as the file says")
            return
        self.stdout.write(
            f"program {report.program.code}: {len(report.changes)} "
            f"record{'s' if len(report.changes) != 1 else ''} {verb}"
        )
        for line in report.changes:
            self.stdout.write(f"  {line}")
        if report.created and not dry_run:
            self.stdout.write(
                f"next: `ctip createuser NAME --role mel-officer --program {report.program.code}`"
                ", then `ctip import template events -o events.xlsx`"
            )


class _DryRun(Exception):
    pass


def _load_or_try(definition, actor, dry_run):
    from django.db import transaction

    if not dry_run:
        return do_load_program(definition, actor=actor)
    report = None
    try:
        with transaction.atomic():
            report = do_load_program(definition, actor=actor)
            raise _DryRun
    except _DryRun:
        pass
    report.program = Program(code=report.program.code, name=report.program.name)
    return report
