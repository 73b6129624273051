import os
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve the web app with gunicorn (production mode: DEBUG off, static files by the app)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("CTIP_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("CTIP_WORKERS", 2)))
        # Threads per worker: a registration (a few ms of work) must not queue behind staff
        # pages and other sends for a free thread; `make load` measured 4 against 16 (docs/
        # security.md, Load). Each thread keeps its own database connection.
        parser.add_argument("--threads", type=int, default=int(os.environ.get("CTIP_THREADS", 16)))

    def handle(self, *args, **options):
        if settings.HTTPS:
            _refuse_demo_passwords()
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "ctip.wsgi:application",
            "--bind",
            options["bind"],
            "--workers",
            str(options["workers"]),
            "--threads",
            str(options["threads"]),
            "--worker-class",
            "gthread",
            "--access-logfile",
            "-",
            # Access log with route names, not paths or query strings: paths carry
            # registration tokens, searches carry people's names (ctip/web/logging.py).
            "--logger-class",
            "ctip.web.logging.RouteAccessLogger",
            "--access-logformat",
            '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms',
        ]
        self.stdout.write(f"serving on http://{options['bind']}/ (Ctrl-C to stop)")
        self.stdout.flush()
        os.execv(sys.executable, command)  # noqa: S606 (fixed argv, no shell)


def _refuse_demo_passwords() -> None:
    """Behind HTTPS (a real server), refuse to start while an account still has the
    password `ctip demo` prints (ASVS 2.5.4)."""
    from ctip.demo.actions import DEMO_USERS

    users = get_user_model().objects.filter(is_active=True)
    known = [
        username
        for username, _role, _countries, password in DEMO_USERS
        if (user := users.filter(username=username).first()) and user.check_password(password)
    ]
    if known:
        raise CommandError(
            f"refusing to serve over HTTPS: the account(s) {', '.join(known)} still have the "
            "demo's published passwords; change them (Password page, or the admin site) or "
            "deactivate the accounts"
        )
