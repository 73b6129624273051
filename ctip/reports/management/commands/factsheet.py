import json

from django.conf import settings
from django.core.management.base import CommandError

from ctip.accounts.access import programs_of
from ctip.accounts.commands import CtipCommand
from ctip.lib.files import write_file
from ctip.lib.periods import PeriodError
from ctip.reports.factsheet import (
    FactSheetError,
    factsheet,
    factsheet_to_dict,
    render_factsheet_document,
    render_factsheet_markdown,
)
from ctip.reports.pdf import PdfError, html_to_pdf, start_browser


class Command(CtipCommand):
    help = (
        "Write a country fact sheet (headline numbers, focal point, key partners) as a "
        "standalone HTML page, an A4 PDF, Markdown or JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="FY2024-25, 2024, 2024-Q3, ...")
        parser.add_argument("--country", required=True, help="country code, e.g. TH")
        parser.add_argument(
            "--lang", default="en", help="language: en, or the country's (th, lo, km, vi, ...)"
        )
        parser.add_argument("--format", choices=["html", "pdf", "json", "md"], default="html")
        parser.add_argument("--program", help="program code (default: your only program)")
        parser.add_argument(
            "-o", "--output", help="file to write (default: standard output; required for pdf)"
        )

    def _program(self, code):
        programs = programs_of(self.actor).order_by("code")
        code = code or settings.CTIP_PROGRAM_CODE
        if code:
            program = programs.filter(code=code).first()
            if program is None:
                raise CommandError(f"no program {code!r} that you are a member of")
            return program
        if programs.count() != 1:
            raise CommandError("say which program with --program CODE")
        return programs.get()

    def handle(self, *args, **options):
        program = self._program(options["program"])
        if options["format"] == "pdf" and options["output"]:
            start_browser()  # Chromium starts while the fact sheet is computed
        try:
            sheet = factsheet(program, options["period"], options["country"])
        except (PeriodError, FactSheetError) as error:
            raise CommandError(str(error)) from None
        if options["lang"] not in sheet.languages:
            raise CommandError(
                f"the {sheet.country.name} fact sheet is made in: {', '.join(sheet.languages)}"
            )
        output = options["output"]
        if options["format"] == "json":
            data = json.dumps(factsheet_to_dict(sheet), ensure_ascii=False, indent=2) + "\n"
            return self._write_text(data, output)
        if options["format"] == "md":
            markdown = render_factsheet_markdown(
                program, sheet.period, sheet.country.code, options["lang"]
            )
            return self._write_text(markdown, output)
        html = render_factsheet_document(sheet, options["lang"])
        if options["format"] == "html":
            return self._write_text(html, output)
        if not output:
            raise CommandError("a PDF needs a file: add -o FILE.pdf")
        try:
            write_file(output, html_to_pdf(html))
        except PdfError as error:
            raise CommandError(str(error)) from None
        self.stderr.write(f"wrote {output}")

    def _write_text(self, text, output):
        if output:
            write_file(output, text)
            self.stderr.write(f"wrote {output}")
        else:
            self.stdout.write(text, ending="")
