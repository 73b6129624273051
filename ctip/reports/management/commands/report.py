from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import Http404

from ctip.accounts.access import programs_of, role_in
from ctip.accounts.commands import CtipCommand
from ctip.lib.files import write_file
from ctip.lib.periods import PeriodError
from ctip.lib.spreadsheets import EXCEL_BOM
from ctip.reports.queries import ReportFilterError
from ctip.reports.registry import REPORTS, UnsupportedOption, run_report
from ctip.reports.renderers import RENDERERS, OutputUnavailable, render
from ctip.reports.suppression import DEFAULT_THRESHOLD


class ReportNames:
    """The names `ctip report` takes, for argparse's `choices`. Checking a name does not list
    every app's reports (that imports them all, ctip.lib.registry); help and errors do."""

    EXTRA = ("factsheet", "annual")

    def __contains__(self, name) -> bool:
        return name in self.EXTRA or name in REPORTS

    def __iter__(self):
        return iter([*REPORTS, *self.EXTRA])


class Command(CtipCommand):
    help = (
        "Print a report (aggregate numbers) for a period (the reports are listed under NAME "
        "below). Every member of the program may run reports; `annual` assembles the annual "
        "report's data annex (docx or pdf)."
    )

    def add_arguments(self, parser):
        # a metavar, or argparse would list the choices (every report) to check the argument
        parser.add_argument(
            "name", choices=ReportNames(), metavar="NAME", help="the report: %(choices)s"
        )
        parser.add_argument(
            "--period",
            required=True,
            metavar="PERIOD",
            help="FY2024-25, 2024, 2024-Q3 or 2024-07-01..2025-06-30",
        )
        parser.add_argument(
            "--country", metavar="CODE", help="only events held in this country (or ASEAN)"
        )
        parser.add_argument("--project", metavar="CODE", help="only events of this project code")
        parser.add_argument(
            "--public",
            action="store_true",
            help="suppress small counts of people for public release",
        )
        parser.add_argument(
            "--unique",
            action="store_true",
            help="table2 only: count unique people (record linkage) in every cell, not attendances",
        )
        parser.add_argument(
            "--threshold",
            type=int,
            metavar="N",
            default=DEFAULT_THRESHOLD,
            help=f"with --public: hide non-zero counts below this (default {DEFAULT_THRESHOLD})",
        )
        parser.add_argument(
            "--format",
            choices=[*RENDERERS, "docx"],
            help="output format (default: from the -o file's extension, else md; docx: annual "
            "only)",
        )
        parser.add_argument(
            "-o", "--output", metavar="FILE", help="write to this file (needed for xlsx and pdf)"
        )
        parser.add_argument(
            "--program", metavar="CODE", help="program code (default: your only program)"
        )
        parser.add_argument(
            "--framework",
            metavar="CODE",
            help="reporting-rates and framework-values: the partner framework (its period: "
            "2024, 2024S1, 2024Q3, 2024July)",
        )
        parser.add_argument(
            "--lang", default="en", help="factsheet only: en or the country's language"
        )

    def handle(self, *args, **options):
        if options["name"] == "factsheet":
            return self._factsheet(options)
        if options["name"] == "annual":
            return self._annual(options)
        if options["format"] == "docx":
            raise CommandError("docx is made for the annual report's annex only (`report annual`)")
        if REPORTS[options["name"]].per_framework:
            return self._framework_report(options)
        program = self._program(options["program"])
        format_name = options["format"] or self._format_from(options["output"])
        if RENDERERS[format_name].binary and not options["output"]:
            raise CommandError(f"{format_name} output is binary: give a file with -o FILE")
        if options["threshold"] < 1:
            raise CommandError("--threshold must be 1 or more")
        if format_name == "pdf":
            try:
                from ctip.reports.pdf import start_browser
            except ImportError:  # the renderer says PDF output is not available
                pass
            else:
                start_browser()  # Chromium starts while the report is computed
        try:
            period = program.period(options["period"])
            report = run_report(
                options["name"],
                program,
                period,
                country=options["country"],
                project=options["project"],
                threshold=options["threshold"] if options["public"] else None,
                unique=options["unique"],
            )
            output = render(report, format_name)
        except (PeriodError, ReportFilterError, UnsupportedOption, OutputUnavailable) as error:
            raise CommandError(str(error)) from None
        self._write(output, format_name, options)

    def _write(self, output, format_name, options):
        if options["output"]:
            if format_name == "csv":
                output = EXCEL_BOM + output
            path = write_file(options["output"], output)
            self.stderr.write(f"wrote {path}")
        else:
            self.stdout.write(output, ending="")

    def _framework_report(self, options):
        """A partner framework's report: its program and periods are the framework's."""
        from ctip.frameworks.access import access_framework, can_read_aggregates

        if not options["framework"]:
            raise CommandError(f"{options['name']} is a framework's report: give --framework CODE")
        try:
            framework = access_framework(self.actor, options["framework"])
        except Http404:
            raise CommandError(f"no framework {options['framework']!r} that you may see") from None
        if not can_read_aggregates(self.actor, framework):
            raise CommandError(f"no framework {options['framework']!r} that you may see")
        format_name = options["format"] or self._format_from(options["output"])
        if RENDERERS[format_name].binary and not options["output"]:
            raise CommandError(f"{format_name} output is binary: give a file with -o FILE")
        try:
            report = run_report(
                options["name"],
                framework.program,
                framework.period(options["period"]),
                framework=framework,
            )
            output = render(report, format_name)
        except (PeriodError, UnsupportedOption, OutputUnavailable) as error:
            raise CommandError(str(error)) from None
        self._write(output, format_name, options)

    def _factsheet(self, options):
        """The country fact sheet has its own layout: `ctip factsheet` prints it."""
        if not options["country"]:
            raise CommandError("the fact sheet is per country: give --country CODE")
        if options["public"] or options["project"] or options["unique"]:
            raise CommandError("the fact sheet takes neither --public, --project nor --unique")
        format_name = options["format"] or self._format_from(options["output"])
        if format_name not in ("html", "pdf", "json", "md"):
            raise CommandError("the fact sheet is made as html, pdf, json or md")
        arguments = [
            "--period",
            options["period"],
            "--country",
            options["country"],
            "--format",
            format_name,
            "--lang",
            options["lang"],
        ]
        for option in ("output", "program", "acting_as"):
            if options.get(option):
                flag = {"output": "-o", "acting_as": "--as"}.get(option, f"--{option}")
                arguments += [flag, options[option]]
        call_command("factsheet", *arguments, stdout=self.stdout, stderr=self.stderr)

    def _annual(self, options):
        """The annual report's data annex: its registered reports laid out in one document."""
        from ctip.reports.annual import (
            FORMATS,
            render_annual_docx,
            render_annual_html,
            render_annual_pdf,
        )
        from ctip.reports.pdf import PdfError

        if options["public"] or options["unique"] or options["country"] or options["project"]:
            raise CommandError(
                "the annual annex is the whole program's: it takes neither --country, "
                "--project, --public nor --unique"
            )
        format_name = options["format"] or self._format_from(options["output"], FORMATS)
        if format_name not in FORMATS:
            raise CommandError("the annual annex is made as docx, pdf or html")
        if format_name != "html" and not options["output"]:
            raise CommandError(f"{format_name} output is binary: give a file with -o FILE")
        program = self._program(options["program"])
        render = {
            "docx": render_annual_docx,
            "pdf": render_annual_pdf,
            "html": render_annual_html,
        }[format_name]
        try:
            output = render(program, program.period(options["period"]))
        except (PeriodError, PdfError) as error:
            raise CommandError(str(error)) from None
        self._write(output, format_name, options)

    def _program(self, code):
        programs = programs_of(self.actor).order_by("code")
        if code:
            program = programs.filter(code=code).first()
            if program is None:
                raise CommandError(f"no program {code!r} that you are a member of")
        else:
            found = list(programs[:2])
            if not found:
                raise CommandError("you are not a member of any program")
            if len(found) > 1:
                raise CommandError("you are a member of several programs: give --program CODE")
            program = found[0]
        if role_in(self.actor, program) is None:
            raise CommandError(f"no program {program.code!r} that you are a member of")
        return program

    @staticmethod
    def _format_from(output, formats=RENDERERS):
        if output:
            extension = Path(output).suffix.lstrip(".").lower()
            if extension in formats:
                return extension
        return "md"
