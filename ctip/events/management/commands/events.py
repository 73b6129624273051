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
        events = (
            events_for(self.actor)
            .select_related("country", "program")
            .order_by("start_date", "code")
        )
        if options["country"]:
            events = events.filter(country_id=options["country"].upper())
        for event in events:
            if options["period"]:
                try:
                    period = parse_period(options["period"], event.program.fiscal_year_start_month)
                except PeriodError as error:
                    raise CommandError(str(error)) from None
                if not period.contains(event.start_date):
                    continue
            self.stdout.write(
                f"{event.code}\t{event.start_date}\t{event.country_id}\t"
                f"{event.event_type}\t{event.title}"
            )
