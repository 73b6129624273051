from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from ctip.accounts.commands import CtipCommand
from ctip.security.mfa import confirmed_device, do_reset_second_factor, needs_second_factor


class Command(CtipCommand):
    help = "Second factor (TOTP): who has one; reset a user's (a lost phone). Administrators."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("status", help="users who need a second factor, and whether they have one")
        reset = sub.add_parser(
            "reset", help="remove a user's authenticator devices; they enrol again at next login"
        )
        reset.add_argument("username")

    def handle(self, *args, **options):
        if not self.actor.is_superuser:
            raise CommandError("only an administrator can manage second factors")
        users = get_user_model().objects.filter(is_active=True).order_by("username")
        if options["action"] == "status":
            for user in users:
                if needs_second_factor(user):
                    state = "enrolled" if confirmed_device(user) else "not enrolled yet"
                    self.stdout.write(f"{user.username}\t{state}")
            return
        user = users.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no active user {options['username']!r}")
        removed = do_reset_second_factor(user)
        self.stdout.write(
            f"{user.username}: {removed} device(s) removed; they set up an authenticator app "
            "again at their next login"
        )
