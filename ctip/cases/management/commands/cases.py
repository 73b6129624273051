"""`ctip cases ...`: victim case data from the command line (docs/cases.md). The subcommands
live in ctip/cases/cli/, one module each, found by themselves."""

from ctip.accounts.commands import CtipCommand
from ctip.cases.cli import modules


class Command(CtipCommand):
    help = (
        "Victim case data: agencies, cases, forgetting, retention, keys, emergency access. "
        "Cases are shown only to their agency's case workers and case manager (--as YOU)."
    )

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="subcommand", required=True)
        for module in modules():
            module.register(subparsers)

    def handle(self, *args, **options):
        options["handler"](self, options)
