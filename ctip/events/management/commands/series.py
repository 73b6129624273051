"""`ctip series list|show|add`: numbered event series (the webinar series)."""

from __future__ import annotations

from django.core.management.base import CommandError

from ctip.accounts.commands import CtipCommand
from ctip.events.models import Series
from ctip.events.series import numbers_text
from ctip.reports import queries


class Command(CtipCommand):
    help = (
        "Numbered event series: list them, show one's events and totals per fiscal year, add "
        "one (administrators and MEL officers). An event joins a series through the events "
        "sheet's series and series_number columns."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", metavar="CODE", help="default: your only program")
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="the program's series")
        show = sub.add_parser("show", help="a series' events and totals per fiscal year")
        show.add_argument("code")
        add = sub.add_parser("add", help="create a series (or rename it)")
        add.add_argument("code")
        add.add_argument("--title", required=True)

    def handle(self, *args, **options):
        if options["action"] == "add":
            program = self.managed_program(options["program"])
            series, _created = Series.objects.update_or_create(
                program=program, code=options["code"], defaults={"title": options["title"]}
            )
            self.stdout.write(f"saved: {series.code} ({series.title})")
            return
        program = self.member_program(options["program"])
        if options["action"] == "list":
            for series in Series.objects.filter(program=program):
                self.stdout.write(f"{series.code}\t{series.title}\t{series.events.count()} events")
            return
        series = Series.objects.filter(program=program, code=options["code"]).first()
        if series is None:
            raise CommandError(f"no series {options['code']!r} in {program.code}")
        self.stdout.write(series.title)
        for event in queries.series_events(program, series):
            self.stdout.write(
                f"{event.number}\t{event.start_date}\t{event.fiscal_year}\t{event.participants}"
                f"\t{event.title}"
            )
        for year in queries.series_by_year(program, series):
            self.stdout.write(
                f"{year.fiscal_year}: {numbers_text(year.numbers)} — {year.events} events, "
                f"{year.participants} participants"
            )
