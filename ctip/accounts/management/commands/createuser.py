import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from ctip.accounts.actions import do_create_user
from ctip.accounts.commands import CtipCommand
from ctip.accounts.models import Role
from ctip.programs.models import Program


class Command(CtipCommand):
    help = "Create a user with a role in a program."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--program", help="program code (default: the only program)")
        parser.add_argument(
            "--country",
            action="append",
            default=[],
            help="country code, repeatable (country officers)",
        )
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from standard input instead of asking",
        )

    def handle(self, *args, **options):
        if not self.actor.is_superuser:
            raise CommandError("only an administrator can create users")
        program = None
        if options["program"]:
            program = Program.objects.filter(code=options["program"]).first()
            if program is None:
                raise CommandError(f"no program {options['program']!r}")
        elif Program.objects.count() == 1:
            program = Program.objects.get()
        if options["password_stdin"]:
            password = self.stdin.readline().rstrip("\n") if hasattr(self, "stdin") else input()
        else:
            password = getpass.getpass("password: ")
        try:
            user = do_create_user(
                options["username"],
                password,
                role=options["role"],
                program=program,
                country_codes=[c.upper() for c in options["country"]],
                email=options["email"],
            )
        except (ValueError, ValidationError) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError("; ".join(messages)) from None
        self.stdout.write(f"created {user.username} ({options['role']})")

    def execute(self, *args, **options):
        import sys

        self.stdin = options.pop("stdin", sys.stdin)
        return super().execute(*args, **options)
