from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from ctip.accounts.actions import do_invite_user, do_send_invitation_again
from ctip.accounts.commands import CtipCommand
from ctip.accounts.mail import MailNotSent
from ctip.accounts.models import Role
from ctip.programs.models import Program


class Command(CtipCommand):
    help = (
        "Invite a colleague by e-mail: their account is made with a role and no password, and "
        "they get a link to choose one (and to set up a second factor where their role needs "
        "it). Administrators."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", help="the colleague's e-mail address")
        parser.add_argument("--role", choices=Role.values)
        parser.add_argument("--username", default="", help="default: the part before the @")
        parser.add_argument("--program", help="program code (default: the only program)")
        parser.add_argument(
            "--country",
            action="append",
            default=[],
            help="country code, repeatable (country officers)",
        )
        parser.add_argument(
            "--language",
            default="en",
            choices=[code for code, _name in settings.LANGUAGES],
            help="language of the invitation mail (default en)",
        )
        parser.add_argument(
            "--again",
            metavar="USERNAME",
            help="send a new link to a user who has not accepted yet (the old link stops working)",
        )

    def handle(self, *args, **options):
        if not self.actor.is_superuser:
            raise CommandError("only an administrator can invite users")
        invited_by = self.actor if getattr(self.actor, "pk", None) else None
        try:
            if options["again"]:
                user = (
                    get_user_model()
                    .objects.filter(username=options["again"], is_active=True)
                    .first()
                )
                if user is None:
                    raise CommandError(f"no active user {options['again']!r}")
                do_send_invitation_again(user, invited_by=invited_by)
                self.stdout.write(f"invitation sent again to {user.username}")
                return
            if not options["email"] or not options["role"]:
                raise CommandError("give the e-mail address and --role (or --again USERNAME)")
            invitation = do_invite_user(
                options["email"],
                role=options["role"],
                program=self._program(options["program"]),
                country_codes=[c.upper() for c in options["country"]],
                username=options["username"],
                language=options["language"],
                invited_by=invited_by,
            )
        except MailNotSent:
            raise CommandError(
                "the mail server did not accept the invitation (check EMAIL_HOST and the other "
                "mail settings): nothing was created"
            ) from None
        except (ValueError, ValidationError) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError("; ".join(messages)) from None
        self.stdout.write(
            f"invited {invitation.user.username} ({options['role']}): the link is in their mail"
        )

    @staticmethod
    def _program(code):
        if code:
            program = Program.objects.filter(code=code).first()
            if program is None:
                raise CommandError(f"no program {code!r}")
            return program
        if Program.objects.count() == 1:
            return Program.objects.get()
        return None
