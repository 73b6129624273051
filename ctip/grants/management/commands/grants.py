"""`ctip grants list|show|add|tranche|open-report|assign|counting`: the grants program."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError

from ctip.accounts.access import NotFound
from ctip.accounts.commands import CtipCommand
from ctip.grants import access, actions
from ctip.lib.periods import PeriodError
from ctip.organisations.models import Organisation

MANAGERS_ONLY = "this is for administrators and MEL officers of the program"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _amount(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise CommandError(f"{text!r} is not an amount") from None


class Command(CtipCommand):
    help = (
        "The grants program: list grants and show one (their grantee's focal point sees only "
        "theirs); add a grant, record a tranche and whether its condition is met, open a "
        "reporting period, make a user the grantee's focal point, and choose whether grantees' "
        "events count in the program's reports (administrators and MEL officers)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--program", metavar="CODE", help="default: your only program")
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="the grants you may see")
        show = sub.add_parser("show", help="a grant: tranches and progress reports")
        show.add_argument("code")
        add = sub.add_parser("add", help="create or update a grant")
        add.add_argument("code")
        add.add_argument("--grantee", required=True, help="the organisation's name or acronym")
        add.add_argument("--title", required=True)
        add.add_argument("--amount", required=True)
        add.add_argument("--currency", default="AUD")
        add.add_argument("--from", dest="starts_on", required=True, metavar="YYYY-MM-DD")
        add.add_argument("--to", dest="ends_on", required=True, metavar="YYYY-MM-DD")
        add.add_argument("--project", action="append", default=[], metavar="CODE")
        add.add_argument("--outcome", action="append", default=[], type=int, metavar="IO")
        tranche = sub.add_parser("tranche", help="record a tranche and its condition")
        tranche.add_argument("code")
        tranche.add_argument("number", type=int)
        tranche.add_argument("--amount", required=True)
        tranche.add_argument("--due", metavar="YYYY-MM-DD")
        tranche.add_argument("--condition", default="")
        tranche.add_argument("--met", metavar="YYYY-MM-DD", help="the day the condition was met")
        opened = sub.add_parser("open-report", help="open a progress report for a period")
        opened.add_argument("code")
        opened.add_argument("--period", required=True, help="2024-07-01..2024-12-31, FY2024-25")
        assign = sub.add_parser("assign", help="make a user the grantee's focal point")
        assign.add_argument("username")
        assign.add_argument("--grant", required=True, metavar="CODE")
        counting = sub.add_parser(
            "counting", help="do grantees' events count in Table 1, Table 2 and the indicators?"
        )
        counting.add_argument("--events", choices=("yes", "no"))

    def handle(self, *args, **options):
        try:
            getattr(self, "_" + options["action"].replace("-", "_"))(options)
        except (actions.GrantRefused, PeriodError) as error:
            raise CommandError(str(error)) from None
        except PermissionDenied:
            raise CommandError(
                "this is for administrators and MEL officers of the program"
            ) from None

    def _grant(self, code):
        try:
            return access.access_grant(self.actor, code)
        except NotFound:
            raise CommandError(f"no grant {code!r} that you may see") from None

    def _managed_grant(self, code, options):
        """Grant CODE of a program the actor manages (checked first: a refusal says so)."""
        program = self.managed_program(options["program"])
        try:
            return access.access_grant(self.actor, code, program)
        except NotFound:
            raise CommandError(f"no grant {code!r} in {program.code}") from None

    def _list(self, options):
        grants = access.grants_for(self.actor).select_related("grantee", "program")
        for grant in grants.order_by("program__code", "starts_on", "code"):
            opd = " (OPD)" if grant.grantee.is_opd else ""
            self.stdout.write(
                f"{grant.code}\t{grant.grantee.name}{opd}\t{grant.amount:,.2f} {grant.currency}\t"
                f"{grant.starts_on}..{grant.ends_on}"
            )

    def _show(self, options):
        grant = self._grant(options["code"])
        self.stdout.write(f"{grant.code}: {grant.title}")
        self.stdout.write(
            f"grantee: {grant.grantee.name}{' (OPD)' if grant.grantee.is_opd else ''}"
        )
        self.stdout.write(f"amount: {grant.amount:,.2f} {grant.currency}")
        self.stdout.write(f"period: {grant.starts_on}..{grant.ends_on}")
        for tranche in grant.tranches.all():
            met = f"met {tranche.met_on}" if tranche.condition_met else "not met"
            self.stdout.write(
                f"tranche {tranche.number}: {tranche.amount:,.2f} — {tranche.condition} ({met})"
            )
        for report in access.reports_for(self.actor, grant):
            self.stdout.write(f"report {report.period_label}: {report.get_status_display()}")

    def _add(self, options):
        program = self.managed_program(options["program"])
        grantee = _organisation(options["grantee"])
        grant = actions.do_save_grant(
            program,
            self.actor,
            code=options["code"],
            title=options["title"],
            grantee=grantee,
            amount=_amount(options["amount"]),
            currency=options["currency"],
            starts_on=_date(options["starts_on"]),
            ends_on=_date(options["ends_on"]),
            projects=list(program.projects.filter(code__in=options["project"])),
            outcomes=list(program.outcomes.filter(level="io", number__in=options["outcome"])),
        )
        self.stdout.write(f"saved: {grant.code} ({grant.grantee.name})")

    def _tranche(self, options):
        grant = self._managed_grant(options["code"], options)
        met = _date(options["met"]) if options["met"] else None
        tranche = actions.do_save_tranche(
            grant,
            self.actor,
            number=options["number"],
            amount=_amount(options["amount"]),
            due_on=_date(options["due"]) if options["due"] else None,
            condition=options["condition"],
            condition_met=met is not None,
            met_on=met,
        )
        self.stdout.write(f"saved: {tranche}")

    def _open_report(self, options):
        grant = self._managed_grant(options["code"], options)
        period = grant.program.period(options["period"])
        report = actions.do_open_report(grant, self.actor, period.start, period.end)
        self.stdout.write(f"open: {report} (id {report.pk}, {report.get_status_display()})")

    def _assign(self, options):
        grant = self._managed_grant(options["grant"], options)
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no user {options['username']!r}")
        actions.do_assign_focal_point(user, grant, self.actor)
        self.stdout.write(f"{user.username} is the focal point of {grant.code}")

    def _counting(self, options):
        if options["events"] is None:
            program = self.member_program(options["program"])
        else:
            program = self.managed_program(options["program"])
            actions.do_set_counts_grantee_events(program, self.actor, options["events"] == "yes")
        state = "count" if program.counts_grantee_events else "do not count"
        self.stdout.write(f"{program.code}: grantees' events {state} in the program's reports")


def _organisation(written: str) -> Organisation:
    found = list(Organisation.objects.filter(name__iexact=written.strip())[:2]) or list(
        Organisation.objects.filter(acronym__iexact=written.strip())[:2]
    )
    if len(found) != 1:
        raise CommandError(
            f"{written!r} names {'no' if not found else 'more than one'} organisation of the "
            "registry; write its full name (`ctip organisations list`)"
        )
    return found[0]
