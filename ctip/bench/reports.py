"""Reports benchmark: Table 1, Table 2, the highlights and a country fact sheet through our query
layer (the ORM on SQLite) against the same aggregation written directly in DuckDB (the floor),
over the same synthetic data.

`python -m ctip.bench reports [--sizes 10000,100000,1000000] [--with-10m] [--repeat 3]
[--with-direct]`

For each size a fresh temporary SQLite database is migrated and filled with N attendances (a
person attends about three events; 25 attendances per event; 3% staff; 90% of events in
FY2024-25), then the participation cube is built (rebuild_participation, timed). The same tables
are exported to CSV and loaded into an in-process DuckDB (no DuckDB extension is used: they
download at first use, which fails offline). Times are the best of --repeat runs of each query,
with the database warm. --with-direct also times the record-level queries the reports ran before
the cube (ctip/reports/tests/direct.py). 10M attendances is skipped unless --with-10m (it takes
several minutes and ~3 GB of disk).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (10_000, 100_000, 1_000_000)
ATTENDANCES_PER_EVENT = 25
COUNTRIES = ("KH", "ID", "LA", "PH", "TH", "VN", "MY", "MM", "BN", "SG", "TL", "AU", "US", None)
SEXES = ("female",) * 11 + ("male",) * 8 + ("other", "not-specified")
EVENT_TYPES = ("training", "workshop", "webinar", "seminar", "meeting", "meeting", "conference",
               "launch", "other")  # fmt: skip
ORGANISATION_TYPES = (
    ("government-national", False),
    ("government-subnational", False),
    ("ngo-cso", False),
    ("ngo-cso", True),
    ("private-sector", False),
    ("international-organisation", False),
    ("regional-organisation", False),
    ("academic", False),
)


def _setup_django(directory: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'bench-0.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctip.settings")
    import django

    django.setup()


def _use_database(path: Path) -> None:
    from django.core.management import call_command
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = str(path)
    call_command("migrate", verbosity=0, interactive=False)


def _build(size: int):
    """A program with SIZE attendances, inserted in bulk with plain SQL; returns the program."""
    from django.db import connection, transaction

    from ctip.countries.actions import do_load_countries
    from ctip.organisations.models import Organisation
    from ctip.programs.models import Program

    do_load_countries()
    program = Program.objects.create(code=f"bench-{size}", name=f"Benchmark {size:,}")
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Organisation {i}", type=type_, is_opd=is_opd, country_id="TH")
        for i, (type_, is_opd) in enumerate(ORGANISATION_TYPES * 6)
    )
    organisation_ids = [organisation.pk for organisation in organisations]
    events = max(1, size // ATTENDANCES_PER_EVENT)
    people = max(ATTENDANCES_PER_EVENT, size // 3)
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC).isoformat()
    start = dt.date(2024, 7, 1)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO events_event (id, program_id, code, title, start_date, end_date, "
            "country_id, place, modality, event_type, created_at, updated_at) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, '', 'in-person', %s, %s, %s)",
            (
                (
                    i + 1,
                    program.pk,
                    f"E{i}",
                    f"Event {i}",
                    day,
                    day,
                    (*COUNTRIES[:6], "ASEAN")[i % 7],
                    EVENT_TYPES[i % len(EVENT_TYPES)],
                    now,
                    now,
                )
                for i in range(events)
                # one event in ten falls in the previous fiscal year
                for day in [start + dt.timedelta(days=(i * 37) % 365 - (365 if i % 10 == 0 else 0))]
            ),
        )
        cursor.executemany(
            "INSERT INTO people_person (id, program_id, full_name, romanised_name, sex, "
            "country_of_origin_id, organisation_id, position, email, phone, wg_seeing, "
            "wg_hearing, wg_walking, wg_cognition, wg_self_care, wg_communication, "
            "consent_given, consent_date, consent_version, created_at, updated_at) "
            "VALUES (%s, %s, %s, '', %s, %s, %s, '', '', '', '', '', '', '', '', '', "
            "1, '2024-07-01', 'v1', %s, %s)",
            (
                (
                    i + 1,
                    program.pk,
                    f"Person {i}",
                    SEXES[(i * 7) % len(SEXES)],
                    COUNTRIES[(i * 11) % len(COUNTRIES)],
                    organisation_ids[(i * 13) % len(organisation_ids)],
                    now,
                    now,
                )
                for i in range(people)
            ),
        )
        cursor.executemany(
            "INSERT INTO people_attendance (id, event_id, person_id, role, organisation_id, "
            "position, name_as_written, created_at) VALUES (%s, %s, %s, %s, %s, '', '', %s)",
            (
                (
                    i + 1,
                    i // ATTENDANCES_PER_EVENT + 1,
                    i % people + 1,  # distinct within an event: 25 consecutive people
                    "program-staff" if i % 33 == 0 else "participant",
                    organisation_ids[((i % people) * 13) % len(organisation_ids)],
                    now,
                )
                for i in range(events * ATTENDANCES_PER_EVENT)
            ),
        )
    connection.cursor().execute("ANALYZE")
    return program


def _export_csv(directory: Path) -> dict[str, Path]:
    """The columns the reports read, one CSV per table (DuckDB reads CSV without extensions)."""
    from django.db import connection

    queries = {
        "event": "SELECT id, program_id, start_date, country_id, event_type FROM events_event",
        "person": "SELECT id, sex, country_of_origin_id FROM people_person",
        "attendance": (
            "SELECT id, event_id, person_id, role, organisation_id FROM people_attendance"
        ),
        "organisation": "SELECT id, type, is_opd FROM organisations_organisation",
        "country": "SELECT code, name, is_asean_member, asean_order FROM countries_country",
    }
    files = {}
    with connection.cursor() as cursor:
        for table, sql in queries.items():
            cursor.execute(sql)
            path = directory / f"{table}.csv"
            with path.open("w", newline="") as out:
                writer = csv.writer(out)
                writer.writerow([column[0] for column in cursor.description])
                while rows := cursor.fetchmany(50_000):
                    writer.writerows(rows)
            files[table] = path
    return files


DUCKDB_TABLE1 = """
SELECT e.country_id,
       CASE WHEN e.event_type IN ('training', 'webinar', 'seminar', 'workshop')
                 THEN 'capacity_development'
            WHEN e.event_type = 'meeting' THEN 'meetings'
            WHEN e.event_type IN ('conference', 'launch') THEN 'conferences_and_launches'
            ELSE 'other' END AS category,
       count(*) AS n
FROM event e
WHERE e.program_id = ? AND e.start_date BETWEEN ? AND ?
GROUP BY ALL
"""

DUCKDB_TABLE2 = """
SELECT CASE WHEN o.type IN ('government-national', 'government-subnational')
            THEN 'state' ELSE 'non-state' END AS stakeholder_group,
       CASE WHEN c.is_asean_member THEN p.country_of_origin_id ELSE 'OUTSIDE' END AS origin,
       CASE p.sex WHEN 'female' THEN 'female' WHEN 'male' THEN 'male' WHEN 'other' THEN 'other'
            ELSE 'not_specified' END AS sex_column,
       count(*) AS n,
       count(*) FILTER (WHERE o.is_opd) AS opd,
       count(*) FILTER (WHERE o.type = 'private-sector') AS private_sector
FROM attendance a
JOIN event e ON e.id = a.event_id
JOIN person p ON p.id = a.person_id
LEFT JOIN organisation o ON o.id = a.organisation_id
LEFT JOIN country c ON c.code = p.country_of_origin_id
WHERE e.program_id = ? AND e.start_date BETWEEN ? AND ?
  AND a.role NOT IN ('program-staff', 'donor-staff')
GROUP BY ALL
"""


DUCKDB_HIGHLIGHTS = """
SELECT (SELECT count(*) FROM event
        WHERE program_id = $program AND start_date BETWEEN $start AND $end) AS events,
       count(*) AS participants,
       count(*) FILTER (WHERE p.sex = 'female') AS female,
       count(*) FILTER (WHERE o.type IN ('government-national', 'government-subnational'))
           AS state,
       count(*) FILTER (WHERE o.type IN ('government-national', 'government-subnational')
                          AND p.sex = 'female') AS state_female,
       count(*) FILTER (WHERE o.type = 'ngo-cso') AS ngo_cso,
       count(*) FILTER (WHERE o.type = 'private-sector') AS private_sector
FROM attendance a
JOIN event e ON e.id = a.event_id
JOIN person p ON p.id = a.person_id
LEFT JOIN organisation o ON o.id = a.organisation_id
WHERE e.program_id = $program AND e.start_date BETWEEN $start AND $end
  AND a.role NOT IN ('program-staff', 'donor-staff')
"""

DUCKDB_FACTSHEET = """
SELECT (SELECT count(*) FROM event WHERE program_id = $program
        AND start_date BETWEEN $start AND $end AND country_id = $country) AS events,
       (SELECT count(*) FROM event WHERE program_id = $program
        AND start_date BETWEEN $start AND $end AND country_id = $country
        AND event_type IN ('training', 'webinar', 'seminar', 'workshop')) AS capacity_events,
       e.event_type IN ('training', 'webinar', 'seminar', 'workshop') AS trained,
       p.sex,
       count(*) AS n
FROM attendance a
JOIN event e ON e.id = a.event_id
JOIN person p ON p.id = a.person_id
WHERE e.program_id = $program AND e.start_date BETWEEN $start AND $end
  AND e.country_id = $country AND a.role NOT IN ('program-staff', 'donor-staff')
GROUP BY ALL
"""

FACTSHEET_COUNTRY = "TH"


def _best(function, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        began = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - began)
    return best, result


def _measure(size: int, directory: Path, repeat: int, with_direct: bool) -> list[tuple]:
    import duckdb
    from django.db import connection

    from ctip.reports import queries
    from ctip.reports.factsheet import factsheet
    from ctip.reports.participation import rebuild_participation

    database = directory / f"bench-{size}.sqlite3"
    _use_database(database)
    began = time.perf_counter()
    program = _build(size)
    built = time.perf_counter() - began
    began = time.perf_counter()
    cube_rows = rebuild_participation()
    connection.cursor().execute("ANALYZE")
    cube_built = time.perf_counter() - began
    period = program.period("FY2024-25")

    reports = {
        "table1": lambda: queries.table1(program, period),
        "table2": lambda: queries.table2(program, period),
        "highlights": lambda: queries.highlights(program, period),
        "factsheet": lambda: factsheet(program, period, FACTSHEET_COUNTRY),
    }
    ours = {name: _best(report, repeat) for name, report in reports.items()}
    table1, table2 = ours["table1"][1], ours["table2"][1]
    numbers, sheet = ours["highlights"][1], ours["factsheet"][1]
    direct_times: dict[str, float] = {}
    if with_direct:
        from ctip.reports.tests import direct

        direct_reports = {
            "table1": lambda: direct.table1(program, period),
            "table2": lambda: direct.table2(program, period),
            "highlights": lambda: direct.highlights(program, period),
            "factsheet": lambda: _direct_factsheet(direct, queries, program, period),
        }
        for name, report in direct_reports.items():
            direct_times[name], expected = _best(report, repeat)
            if name != "factsheet":
                assert expected == ours[name][1], f"{name} differs from the direct query"

    began = time.perf_counter()
    files = _export_csv(directory)
    duck = duckdb.connect()
    for table, path in files.items():
        # table names are this module's own constants; the path is a parameter
        duck.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv_auto(?)", [str(path)])  # noqa: S608
    loaded = time.perf_counter() - began
    arguments = [program.pk, period.start, period.end]
    named = {"program": program.pk, "start": period.start, "end": period.end}
    duck1, rows1 = _best(lambda: duck.execute(DUCKDB_TABLE1, arguments).fetchall(), repeat)
    duck2, rows2 = _best(lambda: duck.execute(DUCKDB_TABLE2, arguments).fetchall(), repeat)
    duck3, rows3 = _best(lambda: duck.execute(DUCKDB_HIGHLIGHTS, named).fetchall(), repeat)
    duck4, rows4 = _best(
        lambda: duck.execute(DUCKDB_FACTSHEET, {**named, "country": FACTSHEET_COUNTRY}).fetchall(),
        repeat,
    )
    duck.close()

    # the two engines must agree cell for cell, or the timing means nothing
    assert table1.total.total == sum(row[2] for row in rows1), "table1 totals differ"
    cells = {
        (group.key, row.code, sex): getattr(row, sex)
        for group in table2.groups
        for row in group.rows
        for sex in queries.SEX_COLUMNS
        if getattr(row, sex)
    }
    assert cells == {(row[0], row[1], row[2]): row[3] for row in rows2}, "table2 cells differ"
    events, participants, female, state, state_female, ngo_cso, private_sector = rows3[0]
    assert (events, participants, female, state, state_female, ngo_cso, private_sector) == (
        numbers.events,
        numbers.participants,
        numbers.female,
        numbers.state,
        numbers.state_female,
        numbers.ngo_cso,
        numbers.private_sector,
    ), "highlights differ"
    assert rows4[0][:2] == (sheet.events, sheet.capacity_development_events), "fact sheet differs"
    assert sum(row[4] for row in rows4) == sheet.participants.total, "fact sheet differs"
    assert sum(row[4] for row in rows4 if row[2]) == sheet.people_trained.total
    attendances = sum(cells.values())
    print(
        f"  {size:>10,} attendances: built in {built:.1f} s; participation cube "
        f"({cube_rows:,} rows) in {cube_built:.1f} s; DuckDB load (CSV) {loaded:.1f} s; "
        f"{table1.total.total:,} events and {attendances:,} participants in FY2024-25",
        flush=True,
    )
    whole = _whole_process(database, files, program, period, size, repeat, duck_rows=rows2)
    if not PDF_TIMES:
        PDF_TIMES.update(_pdf_times(program, period, directory))
        if PDF_TIMES:
            PDF_TIMES.update(_served_pdf_times(database, program, period, directory))
    database.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    for path in files.values():
        path.unlink()
    floors = {"table1": duck1, "table2": duck2, "highlights": duck3, "factsheet": duck4}
    WHOLE_PROCESS.append(whole)
    return [(size, name, ours[name][0], floors[name], direct_times.get(name)) for name in reports]


WHOLE_PROCESS: list[dict] = []
# Before this work (issue 18): `ctip report table2` took 1.86 s (5,000 attendances) and
# 1.82 s (1,000,000), DuckDB over Parquet as a whole process 0.47 s: ratio 3.9.
BEFORE_WHOLE = {"small": 1.86, "1m": 1.82, "ratio": 3.9}
DUCKDB_PROCESS = """
import sys, duckdb
directory, program, start, end = sys.argv[1:5]
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
for table in ("event", "person", "attendance", "organisation", "country"):
    con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{directory}/{table}.parquet')")
for row in con.execute(sys.stdin.read(), [int(program), start, end]).fetchall():
    print(*row, sep="\t")
"""


def _whole_process(database, files, program, period, size, repeat, duck_rows) -> dict:
    """`ctip report table2` as a user runs it (a new process, Django, the query, the table
    printed) against a process that reads the same tables from Parquet into DuckDB and prints
    Table 2's cells: best of REPEAT each."""
    import duckdb

    directory = database.parent / f"parquet-{size}"
    directory.mkdir(exist_ok=True)
    duck = duckdb.connect()
    for table, path in files.items():
        # table names are this module's own constants; paths are ours
        duck.execute(
            f"COPY (SELECT * FROM read_csv_auto('{path}')) TO '{directory / table}.parquet' "  # noqa: S608
            "(FORMAT parquet)"
        )
    duck.close()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    ctip = [sys.executable, "-m", "ctip.cli", "report", "table2", "--period", period.label]
    ctip += ["--program", program.code]
    floor = [sys.executable, "-c", DUCKDB_PROCESS, str(directory), str(program.pk)]
    floor += [str(period.start), str(period.end)]
    events_list = [sys.executable, "-m", "ctip.cli", "events", "list", "--period", period.label]

    def timed(command, stdin=None) -> tuple[float, str]:
        began = time.perf_counter()
        done = subprocess.run(  # noqa: S603
            command, env=env, input=stdin, capture_output=True, text=True, check=True
        )
        return time.perf_counter() - began, done.stdout

    from django.db import connection

    # the database at rest, as a user's command finds it: this process's connection closed
    # (SQLite checkpoints its write-ahead log then); Django opens it again when next used
    connection.close()
    # one of ours, then one of the floor, and so on: both meet the same load
    ours, runs, events = [], [], []
    for _ in range(repeat):
        ours.append(timed(ctip)[0])
        runs.append(timed(floor, DUCKDB_TABLE2))
        events.append(timed(events_list)[0])
    assert len(runs[0][1].splitlines()) == len(duck_rows), "the DuckDB process printed other cells"
    for path in directory.iterdir():
        path.unlink()
    directory.rmdir()
    return {
        "size": size,
        "ours": min(ours),
        "floor": min(seconds for seconds, _out in runs),
        "events": min(events),
        "load": os.getloadavg()[0],
    }


PDF_TIMES: dict[str, float] = {}
COMPILED: list[str] = []


def _compile_bytecode() -> None:
    """ctip's modules as an installed package has them, compiled: otherwise, where
    PYTHONDONTWRITEBYTECODE is set or the source cannot be written, every `ctip` process
    compiles some 130 modules again (about a tenth of a second of each command on this machine)."""
    import compileall

    import ctip

    package = Path(ctip.__file__).parent
    if compileall.compile_dir(package, quiet=1, workers=1):
        COMPILED.append(f"{package}")


def _pdf_times(program, period, directory: Path) -> dict[str, float]:
    """A fact sheet PDF through the web page's view, as a browser asks for it: the first
    request (Chromium makes it) and the next (served from the PDF cache)."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from ctip.accounts.actions import do_create_user
    from ctip.accounts.models import Role
    from ctip.reports.pdf import PdfError, chromium_path

    try:
        chromium_path()
    except PdfError:
        return {}
    settings.VAR_DIR = directory
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    user = do_create_user("bench-viewer", "a-bench-password-1", role=Role.VIEWER, program=program)
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    url = reverse("factsheet-pdf", args=[FACTSHEET_COUNTRY])
    url += f"?period={period.label}&lang=en&program={program.code}"
    times = {}
    # first: a fresh process starts the browser; cached: the same PDF again; warm: another PDF
    # (the Thai sheet) not in the cache, from the browser the first one started, as in a server
    # that has made any PDF before
    for name, address in (("first", url), ("cached", url), ("warm", url.replace("=en", "=th"))):
        began = time.perf_counter()
        response = client.get(address)
        times[name] = time.perf_counter() - began
        assert response.status_code == 200, response.content[:200]
        assert response["X-PDF-Cache"] == ("hit" if name == "cached" else "miss")
    return times


def _served_pdf_times(database: Path, program, period, directory: Path) -> dict[str, float]:
    """The same fact sheet PDF from a real server (`ctip serve`: gunicorn, production settings,
    its own empty PDF cache) as a user meets it: the server is started, answers, a viewer logs
    in through the login form and at once asks for the PDF (the first this server makes), then
    for the Thai one."""
    import http.cookiejar
    import socket
    import urllib.parse
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    served = directory / "served"
    served.mkdir(exist_ok=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "CTIP_VAR_DIR": str(served)}
    subprocess.run(  # noqa: S603 - our own command line: the case database, keys, static files
        [sys.executable, "-m", "ctip.cli", "init"], env=env, check=True, stdout=subprocess.DEVNULL
    )
    server = subprocess.Popen(  # noqa: S603 - our own command line
        [sys.executable, "-m", "ctip.cli", "serve", "--bind", f"127.0.0.1:{port}"],
        env=env, stdout=(served / "server.log").open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310 - localhost
                break
            except OSError:
                time.sleep(0.05)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(base + "/accounts/login/")
        token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
        form = {"username": "bench-viewer", "password": "a-bench-password-1"}
        data = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": token}).encode()
        opener.open(
            urllib.request.Request(  # noqa: S310 - localhost
                base + "/accounts/login/", data=data, headers={"Referer": base + "/accounts/login/"}
            )
        )
        url = f"{base}/reports/factsheet/{FACTSHEET_COUNTRY}.pdf?period={period.label}&lang=en"
        url += f"&program={program.code}"
        times = {}
        for name, address in (("served", url), ("served_th", url.replace("=en", "=th"))):
            began = time.perf_counter()
            with opener.open(address, timeout=120) as response:
                body = response.read()
                assert response.headers["X-PDF-Cache"] == "miss", response.headers
            times[name] = time.perf_counter() - began
            assert body.startswith(b"%PDF"), body[:100]
        return times
    except OSError:
        print((served / "server.log").read_text()[-3000:])
        raise
    finally:
        server.terminate()
        server.wait(timeout=30)


def _print_whole_process() -> None:
    print()
    print("  `ctip report table2` as a whole process vs DuckDB over Parquet as a whole process")
    print(
        "  (ctip's modules compiled to bytecode before, as in an installed package; "
        f"{COMPILED or 'none compiled'})"
    )
    print(f"  {'attendances':>12} {'ctip (s)':>9} {'duckdb (s)':>10} {'ratio':>6}  target")
    for figure in WHOLE_PROCESS:
        ratio = figure["ours"] / figure["floor"]
        if figure["size"] >= 1_000_000:
            met, target = ratio <= 2.0, "≤ 2× DuckDB"
            before = f"(before: {BEFORE_WHOLE['1m']} s, ratio {BEFORE_WHOLE['ratio']})"
        else:
            met, target = figure["ours"] < 0.6, "< 0.6 s (small database)"
            before = f"(before: {BEFORE_WHOLE['small']} s at 5,000 attendances)"
        print(
            f"  {figure['size']:>12,} {figure['ours']:>9.2f} {figure['floor']:>10.2f} "
            f"{ratio:>6.1f}  {target}: {'MET' if met else 'MISSED'} {before}  "
            f"[load {figure['load']:.1f}]"
        )
    if WHOLE_PROCESS:
        smallest = min(WHOLE_PROCESS, key=lambda figure: figure["size"])
        seconds = smallest["events"]
        print(
            f"  `ctip events list --period` as a whole process, {smallest['size']:,} attendances: "
            f"{seconds:.2f} s  < 0.6 s (target on the demo): {'MET' if seconds < 0.6 else 'MISSED'}"
        )
    if PDF_TIMES:
        first, cached = PDF_TIMES["first"], PDF_TIMES["cached"]
        print()
        print("  Fact sheet PDF (Thailand) through its web view, on the smallest database")
        warm = PDF_TIMES["warm"]
        print(
            f"  first, in a process whose browser has not started (the browser starts with the "
            f"request, as in `ctip factsheet` or a server with CTIP_PDF_WARM=0): {first:.2f} s  "
            f"< 1.5 s: {'MET' if first < 1.5 else 'MISSED'}"
        )
        print(
            f"  cached {cached * 1000:.0f} ms  < 100 ms: {'MET' if cached < 0.1 else 'MISSED'}"
            "   (before: 1.9-3.7 s every time, no cache)"
        )
        print(
            f"  first of another sheet, browser already running: {warm:.2f} s  < 1.5 s: "
            f"{'MET' if warm < 1.5 else 'MISSED'}"
        )
        served = PDF_TIMES["served"]
        print(
            f"  from a real server (`ctip serve`), the first PDF it makes, asked for as soon as "
            f"a viewer has logged in: {served:.2f} s  < 1.5 s: "
            f"{'MET' if served < 1.5 else 'MISSED'}; the next (Thai): "
            f"{PDF_TIMES['served_th']:.2f} s"
        )
    else:
        print("  Fact sheet PDF: skipped (no Chromium)")


def _direct_factsheet(direct, queries, program, period):
    participants = queries.participants_in(program, period).filter(
        event__country_id=FACTSHEET_COUNTRY
    )
    trained = participants.filter(
        event__event_type__in=("training", "webinar", "seminar", "workshop")
    )
    return direct.sex_split(participants), direct.sex_split(trained)


def run(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m ctip.bench reports", description=__doc__)
    parser.add_argument(
        "--sizes",
        default=",".join(str(size) for size in SIZES),
        help="comma-separated attendance counts (default 10000,100000,1000000)",
    )
    parser.add_argument("--with-10m", action="store_true", help="also 10,000,000 attendances")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs (3)")
    parser.add_argument(
        "--with-direct",
        action="store_true",
        help="also time the record-level queries the reports ran before the participation cube",
    )
    options = parser.parse_args(argv)
    sizes = [int(size) for size in options.sizes.split(",") if size]
    if options.with_10m:
        sizes.append(10_000_000)
    _compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="ctip-bench-") as name:
        directory = Path(name)
        _setup_django(directory)
        print("Reports: our query layer (Django ORM on SQLite) vs DuckDB in process")
        if not options.with_10m:
            print("  (10,000,000 attendances skipped: add --with-10m)")
        results = []
        for size in sizes:
            results += _measure(size, directory, options.repeat, options.with_direct)
    print()
    header = f"  {'attendances':>12}  {'report':<10} {'ours (s)':>9} {'duckdb (s)':>10}"
    print(header + f" {'ratio':>6}" + (f" {'direct (s)':>10}" if options.with_direct else ""))
    for size, report, ours, duck, direct in results:
        line = f"  {size:>12,}  {report:<10} {ours:>9.4f} {duck:>10.4f} {ours / duck:>6.1f}"
        print(line + (f" {direct:>10.4f}" if direct is not None else ""))
    print(f"  ratio = ours / duckdb (the floor); DuckDB load excluded; best of {options.repeat}")
    _print_whole_process()
    if options.with_direct:
        print("  direct = the record-level queries the reports ran before the participation cube")
