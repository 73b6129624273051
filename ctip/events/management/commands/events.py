from django.core.management.base import CommandError

from ctip.accounts.access import events_for
from ctip.accounts.commands import CtipCommand
from ctip.lib.periods import PeriodError, parse_period


class Command(CtipCommand):
    help = "List events the acting user may see."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="list events")
        listing.add_argument("--period", help="FY2024-25, 2024, 2024-Q3 or a date range")
        listing.add_argument("--country", help="country code, or ASEAN for regional")

    def handle(self, *args, **options):
        # the printed columns only, not an event, country and program object per row (they
        # were most of the command's time on the demo's 900 events, docs/performance.md)
        events = (
            events_for(self.actor)
            .order_by("start_date", "code")
            .values_list(
                "code",
                "start_date",
                "country_id",
                "event_type",
                "title",
                "program__fiscal_year_start_month",
            )
        )
        if options["country"]:
            events = events.filter(country_id=options["country"].upper())
        periods = {}  # the period in each fiscal year the events' programs use
        for code, start_date, country, event_type, title, fiscal_year_start in events:
            if options["period"]:
                if fiscal_year_start not in periods:
                    try:
                        periods[fiscal_year_start] = parse_period(
                            options["period"], fiscal_year_start
                        )
                    except PeriodError as error:
                        raise CommandError(str(error)) from None
                if not periods[fiscal_year_start].contains(start_date):
                    continue
            self.stdout.write(f"{code}\t{start_date}\t{country}\t{event_type}\t{title}")
