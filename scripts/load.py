#!/usr/bin/env python3
"""Load test through the production server, on PostgreSQL: `make load`.

Creates a temporary database (dropped at the end), loads the demo data, starts `ctip serve`
on a loopback port, then within one minute has PARTICIPANTS people self-register for one
event (spread over the minute, concurrently; some phones send their form twice) while STAFF
staff users browse the reports (dashboard, Table 1, Table 2, a fact sheet). The server has
been up --settle seconds (10) and the staff have logged in before the minute starts, as at a
conference; --cold starts the minute at the server's first answer with the staff logging in
during it (the scenario of runs 1-5 in docs/security.md). Prints the exact
counts from the database, p50/p95/max latency per kind of request and the errors; exits
non-zero when a registration was lost or doubled, or a request failed.

Loopback only and bounded: every request has a timeout, and the whole run a deadline.

    .venv/bin/python scripts/load.py [--participants 300] [--staff 20] [--seconds 60]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python scripts/load.py
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CTIP = [sys.executable, "-m", "ctip.cli"]
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
STAFF_PASSWORD = "load-test-staff-password-1"  # noqa: S105 (a throwaway database)
REQUEST_TIMEOUT = 60
DEADLINE_SECONDS = 1500  # the whole run, setup included (the demo takes minutes on a busy machine)

SETUP = """
import django
django.setup()
from django.utils import timezone
from ctip.accounts.actions import do_create_user
from ctip.accounts.models import Role
from ctip.events.actions import do_create_event
from ctip.programs.models import Program
from ctip.registration.links import link_token
program = Program.objects.order_by("pk").first()
event = do_create_event(program, code="LOAD-1", title="Regional conference", country_code="TH",
                        start_date=timezone.localdate(), event_type="conference")
roles = [Role.MEL_OFFICER, Role.VIEWER, Role.COUNTRY_OFFICER]
for number in range({staff}):
    role = roles[number % 3]
    do_create_user(f"staff{{number}}", "{password}", role=role, program=program,
                   country_codes=["TH"] if role == Role.COUNTRY_OFFICER else [],
                   check_password=False)
print(event.pk, link_token(event))
"""


class Timings:
    """Latencies per kind of request, and the failures."""

    def __init__(self):
        self.lock = threading.Lock()
        self.seconds: dict[str, list[float]] = defaultdict(list)
        self.started: dict[str, list[float]] = defaultdict(list)  # when each request was made
        self.errors: list[str] = []

    def fetch(self, opener, kind: str, url: str, data: bytes | None = None):
        started = time.monotonic()
        try:
            with opener.open(url, data=data, timeout=REQUEST_TIMEOUT) as response:
                body = response.read().decode("utf-8", "replace")
                landed = response.geturl()
        except (urllib.error.URLError, OSError) as error:
            with self.lock:
                self.errors.append(f"{kind}: {error}")
            return None, None
        with self.lock:
            self.seconds[kind].append(time.monotonic() - started)
            self.started[kind].append(started)
        return body, landed

    def failed(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _opener():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def _fields(page: str) -> dict[str, str]:
    return dict(re.findall(r'name="(csrfmiddlewaretoken|submission_token)" value="([^"]+)"', page))


def register(base: str, token: str, number: int, resend: bool, timings: Timings) -> None:
    """One phone: open the form, fill it in, send it (twice, racing, when RESEND)."""
    phone = _opener()
    url = f"{base}/r/{token}/?lang=en"
    page, _ = timings.fetch(phone, "register: form", url)
    if page is None:
        return
    form = urllib.parse.urlencode(
        {
            **_fields(page),
            "lang": "en",
            "full_name": f"Load Participant {number}",
            "sex": ("female", "male")[number % 2],
            "country": "TH",
            "organisation": f"Load Ministry {number % 7}",
            "organisation_type": "government-national",
            "email": f"load{number}@example.org",
            "consent": "yes",
        }
    ).encode()
    copies = 2 if resend else 1
    with ThreadPoolExecutor(copies) as pool:
        landings = list(
            pool.map(lambda _: timings.fetch(phone, "register: send", url, form)[1], range(copies))
        )
    for landing in landings:
        if landing is not None and "/thanks/" not in landing:
            timings.failed(f"register: participant {number} ended on {landing}")


def log_in(base: str, number: int, timings: Timings):
    """One staff member logs in: their browser (an opener with the session), or None."""
    browser = _opener()
    login = f"{base}/accounts/login/"
    page, _ = timings.fetch(browser, "login", login)
    if page is None:
        return None
    form = urllib.parse.urlencode(
        {**_fields(page), "username": f"staff{number}", "password": STAFF_PASSWORD}
    ).encode()
    _, landed = timings.fetch(browser, "login", login, form)
    if landed is None or "/accounts/login/" in landed:
        timings.failed(f"login: staff{number} was not logged in")
        return None
    return browser


def browse(base: str, number: int, stop: threading.Event, timings: Timings, browser=None) -> None:
    """One staff member: log in (unless BROWSER is logged in already), then read reports
    until STOP."""
    browser = browser or log_in(base, number, timings)
    if browser is None:
        return
    pages = [
        ("dashboard", "/"),
        ("report: table1", "/reports/table1/"),
        ("report: table2", "/reports/table2/"),
        ("fact sheet", "/reports/factsheet/TH/"),
    ]
    rng = random.Random(number)
    while not stop.is_set():
        kind, path = rng.choice(pages)
        timings.fetch(browser, kind, base + path)
        stop.wait(rng.uniform(0.5, 2.0))  # reading the page


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _report(timings: Timings) -> None:
    print(f"{'request':<18}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for kind in sorted(timings.seconds):
        values = timings.seconds[kind]
        print(
            f"{kind:<18}{len(values):>7}{statistics.median(values) * 1000:>9.0f}"
            f"{_percentile(values, 0.95) * 1000:>9.0f}{max(values) * 1000:>9.0f}"
        )
    print(f"errors: {len(timings.errors)}")
    for error in timings.errors[:20]:
        print(f"  {error}")


def _by_slice(timings: Timings, began: float, seconds: float, slices: int = 6) -> None:
    """p95 of the form and the send in each slice of the run: whether slowness is spread over
    the minute or gathered at its start (staff logging in, the server warming up)."""
    width = seconds / slices
    print(f"p95 ms by {width:.0f}-second slice of the run:")
    for kind in ("register: form", "register: send"):
        cells = []
        for number in range(slices):
            values = [
                value
                for value, at in zip(timings.seconds[kind], timings.started[kind], strict=True)
                if number * width <= at - began < (number + 1) * width
                or (number == slices - 1 and at - began >= seconds)
            ]
            cells.append(f"{_percentile(values, 0.95) * 1000:>6.0f}" if values else "     -")
        print(f"  {kind:<16}{''.join(cells)}")


# The conference at the door (issue 14): what a run must show.
TARGET_P95_MS = 300


def _targets(timings: Timings, lost: int, doubled: int) -> None:
    """Each figure against its target, MET or MISSED."""

    def line(name: str, value: str, target: str, met: bool) -> None:
        print(f"  {name:<24}{value:>10}   target {target:<10}{'MET' if met else 'MISSED'}")

    print("targets:")
    line("registrations lost", str(lost), "0", lost == 0)
    line("registrations doubled", str(doubled), "0", doubled == 0)
    line("request errors", str(len(timings.errors)), "0", not timings.errors)
    for kind in ("register: form", "register: send"):
        values = timings.seconds.get(kind) or [float("inf")]
        p95 = _percentile(values, 0.95) * 1000
        line(f"p95 {kind}", f"{p95:.0f} ms", f"< {TARGET_P95_MS} ms", p95 < TARGET_P95_MS)


def _load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of PID and its children that still run: the server's workers."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(child) for child in children]
    except OSError:
        pass
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _counts(database_url: str, event_id: int) -> dict[str, int]:
    import psycopg

    with psycopg.connect(database_url) as db:

        def one(sql: str, *params) -> int:
            return db.execute(sql, params).fetchone()[0]

        return {
            "attendances": one(
                "select count(*) from people_attendance where event_id = %s", event_id
            ),
            "distinct people": one(
                "select count(distinct a.person_id) from people_attendance a where a.event_id = %s",
                event_id,
            ),
            "people": one(
                "select count(*) from people_person where email like 'load%%@example.org'"
            ),
            "forms": one(
                "select count(*) from registration_selfregistration where event_id = %s", event_id
            ),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--staff", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--resent", type=float, default=0.1, help="share of forms sent twice")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument(
        "--template",
        help="copy this database (one `ctip init` and `ctip demo` already loaded) instead of "
        "loading the demo again: repeat runs in seconds, not minutes",
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=10.0,
        help="seconds between the server's first answer and the doors opening (10): a server "
        "runs before a conference starts; its workers start their PDF browsers meanwhile",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="the scenario of runs 1-5: the minute starts as soon as the server answers, and "
        "the staff log in during it, all at its first second",
    )
    parser.add_argument(
        "--server-log",
        help="write the server's access log (route, status, milliseconds in the server) here",
    )
    arguments = parser.parse_args()

    server_url = os.environ.get("DATABASE_URL", "")
    if not server_url.startswith(("postgres://", "postgresql://")):
        server_url = DEFAULT_SERVER
    import psycopg

    parts = urllib.parse.urlsplit(server_url)
    name = f"ctip_load_{uuid.uuid4().hex[:10]}"
    admin_url = parts._replace(path="/postgres").geturl()
    database_url = parts._replace(path=f"/{name}").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if arguments.template:
            template = arguments.template.replace('"', "")
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        else:
            connection.execute(f'CREATE DATABASE "{name}"')
    server = None
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="ctip-load-") as var:
            env = dict(os.environ, DATABASE_URL=database_url, CTIP_VAR_DIR=var)
            env["DJANGO_SETTINGS_MODULE"] = "ctip.settings"

            def run(*command) -> str:
                remaining = DEADLINE_SECONDS - (time.monotonic() - started)
                return subprocess.run(  # noqa: S603 (fixed commands)
                    command, env=env, cwd=ROOT, capture_output=True, text=True, check=True,
                    timeout=max(remaining, 1),
                ).stdout  # fmt: skip

            if arguments.template:
                print(f"database {name}: a copy of {arguments.template}", flush=True)
                run(*CTIP, "init")  # the static files, in this run's own directory
            else:
                print(f"database {name}: init and demo data…", flush=True)
                run(*CTIP, "init")
                run(*CTIP, "demo")
            setup = SETUP.format(staff=arguments.staff, password=STAFF_PASSWORD)
            event_id, token = run(sys.executable, "-c", setup).split()
            port = _free_port()
            log = open(arguments.server_log, "w") if arguments.server_log else subprocess.DEVNULL  # noqa: SIM115
            server = subprocess.Popen(  # noqa: S603
                [*CTIP, "serve", "--bind", f"127.0.0.1:{port}",
                 "--workers", str(arguments.workers)],
                env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
            base = f"http://127.0.0.1:{port}"
            for _ in range(300):
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.1)
            else:
                print("the server did not start", file=sys.stderr)
                return 2

            timings = Timings()
            browsers = [None] * arguments.staff
            if not arguments.cold:
                # the server has been up a while, and the staff are at their desks, logged in
                time.sleep(arguments.settle)
                with ThreadPoolExecutor(arguments.staff) as desks:
                    browsers = list(
                        desks.map(lambda n: log_in(base, n, timings), range(arguments.staff))
                    )
            load_before = _load_average()
            cpu_before = _cpu_seconds(server.pid)
            generator_before = time.process_time()
            stop = threading.Event()
            rng = random.Random(2025)
            resent = set(rng.sample(range(arguments.participants),
                                    round(arguments.participants * arguments.resent)))  # fmt: skip
            offsets = sorted(
                rng.uniform(0, arguments.seconds) for _ in range(arguments.participants)
            )
            scenario = (
                "the minute starts as the server first answers; staff log in during it"
                if arguments.cold
                else f"the server up {arguments.settle:.0f}s before; staff logged in before"
            )
            print(
                f"{arguments.participants} participants register within {arguments.seconds:.0f}s "
                f"({len(resent)} send twice) while {arguments.staff} staff browse reports "
                f"({scenario})…",
                flush=True,
            )
            with ThreadPoolExecutor(arguments.staff) as staff:
                for number in range(arguments.staff):
                    staff.submit(browse, base, number, stop, timings, browsers[number])
                began = time.monotonic()

                def scheduled(number: int) -> None:
                    time.sleep(max(0.0, began + offsets[number] - time.monotonic()))
                    register(base, token, number, number in resent, timings)

                with ThreadPoolExecutor(arguments.participants) as phones:
                    list(phones.map(scheduled, range(arguments.participants)))
                took = time.monotonic() - began
                stop.set()

            server_cpu = _cpu_seconds(server.pid) - cpu_before
            generator_cpu = time.process_time() - generator_before
            counts = _counts(database_url, int(event_id))
            print(f"registrations sent over {took:.1f}s")
            print(f"machine load (1, 5, 15 min) before: {load_before}; after: {_load_average()}")
            print(
                f"server CPU: {server_cpu:.1f} s in {took:.1f} s "
                f"({server_cpu / took:.2f} of {os.cpu_count()} cores; the database's not counted); "
                f"this generator: {generator_cpu:.1f} s"
            )
            _report(timings)
            _by_slice(timings, began, arguments.seconds)
            for label, value in counts.items():
                print(f"{label}: {value}")
            expected = arguments.participants
            lost = expected - counts["attendances"]
            doubled = counts["attendances"] - counts["distinct people"]
            print(f"lost: {max(lost, 0)}, doubled: {max(doubled, 0) + max(-lost, 0)}")
            _targets(timings, max(lost, 0), max(doubled, 0) + max(-lost, 0))
            if any(value != expected for value in counts.values()):
                print("FAIL: registrations were lost or doubled", file=sys.stderr)
                return 1
            if timings.errors:
                print("FAIL: some requests failed", file=sys.stderr)
                return 1
            print("OK")
            return 0
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
