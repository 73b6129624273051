from django.core.management.base import CommandError

from ctip.accounts.commands import CtipCommand
from ctip.demo.actions import do_load_demo


class Command(CtipCommand):
    help = (
        "Load the synthetic demo program (events, people, attendance) and its demo users, "
        "then link its person records into people."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2025, help="random seed (default 2025)")

    def handle(self, *args, **options):
        if not self.actor.is_superuser:
            raise CommandError("only an administrator can load the demo")
        summary = do_load_demo(options["seed"], actor=self.actor)
        verb = "loaded" if summary.created else "already loaded"
        people = f" of {summary.true_people:,} synthetic people" if summary.true_people else ""
        self.stdout.write(
            f"demo program {summary.program.code!r} {verb}: {summary.events:,} events, "
            f"{summary.records:,} person records{people}, {summary.attendances:,} attendances"
        )
        if summary.link is not None:
            self.stdout.write(f"linked the records into people in {summary.link_seconds:.0f} s:")
            for line in summary.link.lines()[1:]:
                self.stdout.write(line)
            self.stdout.write(f"  {summary.accuracy.line()}")
        from ctip.cases.demo import seed_demo_cases

        case_managers, overlap = seed_demo_cases(self.actor)
        self.stdout.write(
            "victim cases (synthetic) at three agencies; victims held by exactly these agencies: "
            + ", ".join(f"{agencies} {count}" for agencies, count in overlap.items())
            + f" ({sum(overlap.values())} victims)"
        )
        self.stdout.write("demo accounts (synthetic data; change these before real use):")
        for username, role, password in [*summary.users, *case_managers]:
            self.stdout.write(f"  {username:<10} {password:<20} {role}")
        self.stdout.write(
            "administrators also need a code from an authenticator app: admin sets one up at "
            "its first login (a QR code to scan); the others need only their password"
        )
