"""How fast attendance sheets import, beside floors measured in the same run.

The raw floor is what no importer can beat on this machine: the csv module reading the file
and sqlite3's executemany inserting one person and one attendance a row (no checks, no
Django). The ORM floor (the figure this benchmark printed first) reads with our reader and
inserts with Django's bulk_create. The import does everything it does for a user: check every
row, compare with the database, write people and attendance, audit every row, record the
import for rollback, refresh the reports' participation counts.

Each measurement runs in its own process (its peak memory is that process's) on a fresh copy
of one temporary SQLite database (never the real one). `ROWS` can be narrowed with
CTIP_BENCH_IMPORT_ROWS=10000; the one-file million (csv) is skipped with
CTIP_BENCH_IMPORT_MILLION=0."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROWS = [int(n) for n in os.environ.get("CTIP_BENCH_IMPORT_ROWS", "10000,100000").split(",") if n]
MILLION = os.environ.get("CTIP_BENCH_IMPORT_MILLION", "1") != "0"
# Targets (issue 18) and the figures measured before this work, for comparison.
TARGET_RATIO, GOAL_RATIO = 10.0, 5.0
MILLION_SECONDS, MILLION_MB = 120.0, 1024.0
BEFORE = {
    100_000: "45.9 s, 598 MB (raw floor 0.56 s: 82×)",
    1_000_000: "497 s as four 250,000-row sheets",
}
EVENTS = 200
HEADER = [
    "event_id",
    "full_name",
    "sex",
    "country_of_origin",
    "organisation",
    "organisation_type",
    "position",
    "email",
    "phone",
    "disability",
    "role",
]
SEXES = ["female", "male", "F", "M", "หญิง", "ชาย", "nữ", "perempuan", "", "other"]
COUNTRIES = ["TH", "Thailand", "KH", "Lao PDR", "Viet Nam", "VN", "Indonesia", "PH", "MM", "MY"]
ORGANISATIONS = [(f"Agency {n}", "government-national") for n in range(40)] + [
    (f"Foundation {n}", "ngo-cso") for n in range(40)
]
ROLES = ["", "", "", "participant", "speaker", "facilitator", "program-staff"]


def run(argv: list[str] | None = None) -> None:
    if argv and argv[0] == "--child":
        return _child(*argv[1:])
    scratch = Path(tempfile.mkdtemp(prefix="ctip-bench-imports-"))
    # Never the real database: a temporary SQLite file (each benchmark runs in its own process).
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'setup.sqlite3'}"
    os.environ.setdefault("CTIP_VAR_DIR", str(scratch))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctip.settings")
    import django
    from django.core.management import call_command
    from django.db import connections

    django.setup()
    connection = connections["default"]
    if connection.vendor != "sqlite":
        print("imports benchmark: runs on SQLite only (set no DATABASE_URL); skipped")
        return None
    try:
        template = scratch / "template.sqlite3"
        _use(template)
        call_command("migrate", verbosity=0)
        _seed()
        connection.close()
        print(
            f"{'rows':>9} {'file':<5} {'raw floor s':>11} {'ORM floor s':>11} {'import s':>9} "
            f"{'peak MB':>8} {'× raw':>6} {'again s':>8}  target"
        )
        sizes = [(rows, suffix) for rows in ROWS for suffix in ("csv", "xlsx")]
        if MILLION:
            sizes.append((1_000_000, "csv"))
        for rows, suffix in sizes:
            path = scratch / f"attendance-{rows}.{suffix}"
            _write(path, _rows(rows))
            raw, _peak = _measure("raw", template, scratch, path)
            orm = _measure("orm", template, scratch, path)[0] if rows < 1_000_000 else None
            million = rows >= 1_000_000  # no second run and no ORM floor: minutes each
            imported, peak = _measure("import", template, scratch, path, again=not million)
            seconds, again = (imported, None) if million else imported
            ratio = seconds / raw
            if rows >= 1_000_000:
                met = seconds < MILLION_SECONDS and peak < MILLION_MB
                target = f"< {MILLION_SECONDS:.0f} s and < {MILLION_MB:.0f} MB"
            else:
                met = ratio <= TARGET_RATIO
                target = f"≤ {TARGET_RATIO:.0f}× raw (goal {GOAL_RATIO:.0f}×)"
            orm_text = f"{orm:>11.2f}" if orm is not None else f"{'-':>11}"
            again_text = f"{again:>8.2f}" if again is not None else f"{'-':>8}"
            line = (
                f"{rows:>9,} {suffix:<5} {raw:>11.2f} {orm_text} {seconds:>9.2f} {peak:>8.0f} "
                f"{ratio:>6.1f} {again_text}  {target}: "
                f"{'MET' if met else 'MISSED'}"
            )
            if suffix == "csv" and rows in BEFORE:
                line += f"  (before: {BEFORE[rows]})"
            print(line, flush=True)
            path.unlink()
    finally:
        connection.close()
        shutil.rmtree(scratch, ignore_errors=True)
    return None


def _measure(what: str, template: Path, scratch: Path, path: Path, *, again: bool = False):
    """Run WHAT in a child process on a fresh copy of TEMPLATE: (seconds, peak MB); for an
    import, seconds is (first, second run of the same file)."""
    database = _fresh(template, scratch / f"{what}.sqlite3")
    command = [sys.executable, "-m", "ctip.bench", "imports", "--child", what, str(database)]
    command += [str(path), "again" if again else "once"]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    child = subprocess.Popen(command, stdout=subprocess.PIPE, env=env, text=True)  # noqa: S603
    output = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise SystemExit(f"imports benchmark: {what} failed")
    times = [float(value) for value in output.split()]
    return (times if again else times[0]), usage.ru_maxrss / 1024


def _child(what: str, database: str, path: str, again: str) -> None:
    content = Path(path).read_bytes()
    if what == "raw":
        print(_timed(_raw_insert, content, database))
        return
    import django

    django.setup()
    function = _import if what == "import" else _plain_insert
    print(_timed(function, content, Path(path).name))
    if again == "again":
        print(_timed(function, content, Path(path).name))


def _use(path: Path) -> None:
    from django.db import connections

    connection = connections["default"]
    connection.close()
    connection.settings_dict["NAME"] = str(path)


def _fresh(template: Path, path: Path) -> Path:
    from django.db import connections

    connections["default"].close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copy(template, path)
    return path


def _timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def _seed() -> None:
    from ctip.countries.actions import do_load_countries
    from ctip.events.models import Event
    from ctip.organisations.models import Organisation
    from ctip.programs.models import Program

    do_load_countries()
    program = Program.objects.create(code="bench", name="Benchmark program")
    Event.objects.bulk_create(
        Event(
            program=program,
            code=f"EV-{n:04d}",
            title=f"Event {n}",
            start_date=dt.date(2024, 7, 1) + dt.timedelta(days=n),
            end_date=dt.date(2024, 7, 1) + dt.timedelta(days=n),
            country_id="TH",
            modality="in-person",
            event_type="training",
        )
        for n in range(EVENTS)
    )
    Organisation.objects.bulk_create(
        Organisation(name=name, type=kind, country_id="TH") for name, kind in ORGANISATIONS[::2]
    )


def _rows(count: int) -> list[list[str]]:
    rng = random.Random(count)
    rows = []
    for n in range(count):
        organisation, kind = rng.choice(ORGANISATIONS)
        rows.append(
            [
                f"EV-{rng.randrange(EVENTS):04d}",
                f"Participant {n} Srisuk",
                rng.choice(SEXES),
                rng.choice(COUNTRIES),
                organisation,
                kind,
                rng.choice(["Officer", "Director", "Programme manager", ""]),
                f"p{n}@example.org" if rng.random() < 0.6 else "",
                f"+66 8{n:08d}" if rng.random() < 0.3 else "",
                rng.choice(["yes", "no", "", ""]),
                rng.choice(ROLES),
            ]
        )
    return rows


def _write(path: Path, rows) -> None:
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(rows)
        return
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def _import(content: bytes, name: str) -> None:
    from ctip.accounts.access import CliAdministrator
    from ctip.imports.actions import do_import_file
    from ctip.imports.readers import CLI_MAX_FILE_BYTES
    from ctip.programs.models import Program

    plan = do_import_file(
        "attendance",
        content,
        name,
        program=Program.objects.get(code="bench"),
        actor=CliAdministrator(),
        consent_version="bench",
        max_bytes=CLI_MAX_FILE_BYTES,  # as `ctip import` reads it
    )
    if plan.errors:
        raise SystemExit(f"benchmark file rejected: {plan.errors[0]}")


def _raw_insert(content: bytes, database: str) -> None:
    """The raw floor: the csv module (or openpyxl for .xlsx, read-only) and sqlite3's
    executemany, one person and one attendance a row, in one transaction."""
    if content[:4] == b"PK\x03\x04":
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        rows = workbook.worksheets[0].iter_rows(values_only=True)
    else:
        rows = csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""))
    next(rows)
    db = sqlite3.connect(database)
    events = dict(db.execute("SELECT code, id FROM events_event"))
    program = db.execute("SELECT id FROM programs_program WHERE code = 'bench'").fetchone()[0]
    first = (db.execute("SELECT max(id) FROM people_person").fetchone()[0] or 0) + 1
    now, today = "2025-01-01 00:00:00", "2025-01-01"
    people, attendances = [], []
    for n, cells in enumerate(rows, start=first):
        name = cells[1]
        people.append((n, program, name, name, cells[6] or "", cells[7] or "", cells[8] or "",
                       today, now, now))  # fmt: skip
        attendances.append((events[cells[0]], n, name, now))
    with db:
        db.executemany(
            "INSERT INTO people_person (id, program_id, full_name, romanised_name, sex, "
            "position, email, phone, wg_seeing, wg_hearing, wg_walking, wg_cognition, "
            "wg_self_care, wg_communication, consent_given, consent_date, consent_version, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, 'not-specified', ?, ?, ?, '', '', '', "
            "'', '', '', 1, ?, 'bench', ?, ?)",
            people,
        )
        db.executemany(
            "INSERT INTO people_attendance (event_id, person_id, role, position, "
            "name_as_written, created_at) VALUES (?, ?, 'participant', '', ?, ?)",
            attendances,
        )
    db.close()


def _plain_insert(content: bytes, name: str) -> None:
    """The ORM floor: our reader, then Django's bulk_create of people and of attendance."""
    from django.db import transaction

    from ctip.events.models import Event
    from ctip.imports.readers import read_sheet
    from ctip.people.models import Attendance, Person
    from ctip.programs.models import Program

    program = Program.objects.get(code="bench")
    events = dict(Event.objects.filter(program=program).values_list("code", "pk"))
    sheet = read_sheet(content, name, max_bytes=1 << 40)
    today = dt.date.today()  # noqa: DTZ011 (a benchmark's consent date)
    people, attendances = [], []
    for _number, cells in sheet.rows:
        person = Person(
            program=program,
            full_name=cells[1],
            romanised_name=cells[1],
            sex="not-specified",
            position=cells[6] or "",
            email=cells[7] or "",
            phone=cells[8] or "",
            consent_given=True,
            consent_date=today,
        )
        people.append(person)
        attendances.append((events[cells[0]], person, cells[1]))
    with transaction.atomic():
        Person.objects.bulk_create(people, batch_size=2000)
        Attendance.objects.bulk_create(
            (
                Attendance(event_id=event, person_id=person.pk, name_as_written=written)
                for event, person, written in attendances
            ),
            batch_size=2000,
        )
