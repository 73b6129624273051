"""How fast attendance sheets import, beside the floor measured in the same run.

The floor is what no importer can beat on this machine: reading the same file with the same
reader, and a plain bulk insert of the same rows (one person and one attendance a row, no
checks). The import does everything it does for a user: check every row, compare with the
database, write people and attendance, audit every row, record the import for rollback.

Each measurement starts from a fresh copy of one temporary SQLite database (never the
real one). `ROWS` can be narrowed with CTIP_BENCH_IMPORT_ROWS=10000."""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

from django.core.management import call_command
from django.db import connections, transaction
from openpyxl import Workbook

ROWS = [int(n) for n in os.environ.get("CTIP_BENCH_IMPORT_ROWS", "10000,100000").split(",")]
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


def run() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="ctip-bench-imports-"))
    # Never the real database: a temporary SQLite file (each benchmark runs in its own process).
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'setup.sqlite3'}"
    os.environ.setdefault("CTIP_VAR_DIR", str(scratch))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctip.settings")
    import django

    django.setup()
    connection = connections["default"]
    if connection.vendor != "sqlite":
        print("imports benchmark: runs on SQLite only (set no DATABASE_URL); skipped")
        return
    original = connection.settings_dict["NAME"]
    try:
        template = scratch / "template.sqlite3"
        _use(template)
        call_command("migrate", verbosity=0)
        _seed()
        connection.close()
        print(
            f"{'rows':>7} {'file':<5} {'floor s':>8} {'floor rows/s':>13} "
            f"{'import s':>9} {'import rows/s':>14} {'× floor':>8} {'again s':>8}"
        )
        for rows in ROWS:
            data = _rows(rows)
            for suffix in ("csv", "xlsx"):
                path = scratch / f"attendance-{rows}.{suffix}"
                _write(path, data)
                content = path.read_bytes()
                _use(_fresh(template, scratch / "floor.sqlite3"))
                floor = _timed(_plain_insert, content, path.name)
                _use(_fresh(template, scratch / "import.sqlite3"))
                imported = _timed(_import, content, path.name)
                again = _timed(_import, content, path.name)
                print(
                    f"{rows:>7} {suffix:<5} {floor:>8.2f} {rows / floor:>13,.0f} "
                    f"{imported:>9.2f} {rows / imported:>14,.0f} {imported / floor:>8.1f} "
                    f"{again:>8.2f}"
                )
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original
        shutil.rmtree(scratch, ignore_errors=True)


def _use(path: Path) -> None:
    connection = connections["default"]
    connection.close()
    connection.settings_dict["NAME"] = str(path)


def _fresh(template: Path, path: Path) -> Path:
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
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def _import(content: bytes, name: str) -> None:
    from ctip.accounts.access import CliAdministrator
    from ctip.imports.actions import do_import_file
    from ctip.programs.models import Program

    plan = do_import_file(
        "attendance",
        content,
        name,
        program=Program.objects.get(code="bench"),
        actor=CliAdministrator(),
        consent_version="bench",
    )
    if plan.errors:
        raise SystemExit(f"benchmark file rejected: {plan.errors[0]}")


def _plain_insert(content: bytes, name: str) -> None:
    """The floor: the same reader, then one bulk insert of people and one of attendance."""
    from ctip.events.models import Event
    from ctip.imports.readers import read_sheet
    from ctip.people.models import Attendance, Person
    from ctip.programs.models import Program

    program = Program.objects.get(code="bench")
    events = dict(Event.objects.filter(program=program).values_list("code", "pk"))
    sheet = read_sheet(content, name)
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
