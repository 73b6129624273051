import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the web app with gunicorn (production mode: DEBUG off, static files by the app)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("CTIP_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("CTIP_WORKERS", 2)))
        parser.add_argument("--threads", type=int, default=4)

    def handle(self, *args, **options):
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
            # Access log without query strings: searches can carry people's names.
            "--access-logformat",
            '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms',
        ]
        self.stdout.write(f"serving on http://{options['bind']}/ (Ctrl-C to stop)")
        self.stdout.flush()
        os.execv(sys.executable, command)  # noqa: S606 (fixed argv, no shell)
