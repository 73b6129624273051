"""A long attendance sheet is read, checked and written a batch at a time: the memory an
import holds grows by a few hundred bytes a row (the names seen per event, the contacts of
new people, the keys it wrote), not by what a row costs to check and write. Measured with
tracemalloc on two small sheets, not timed."""

import tracemalloc

from ctip.accounts.access import CliAdministrator
from ctip.imports.actions import do_import_file
from ctip.imports.sources.attendance import BATCH_ROWS
from ctip.people.models import Attendance

from .sheets import ATTENDANCE_HEADER, write_csv

# What a row may leave behind once its batch is written: about 230 bytes here; before
# streaming an import held several kilobytes a row.
BYTES_PER_ROW = 600


def _sheet(tmp_path, count: int, event: str) -> bytes:
    rows = [
        [
            event,
            f"Participant {n} Srisuk",
            "female" if n % 2 else "male",
            "TH",
            "Royal Thai Police",
            "",
            "Officer",
            f"p{n}@example.org" if n % 3 else "",
            f"+66 8{n:08d}" if n % 5 == 0 else "",
            "no",
            "participant",
        ]
        for n in range(count)
    ]
    return write_csv(tmp_path / f"{event}.csv", ATTENDANCE_HEADER, rows).read_bytes()


def _peak_bytes(program, content: bytes) -> int:
    tracemalloc.start()
    try:
        plan = do_import_file(
            "attendance",
            content,
            "sheet.csv",
            program=program,
            actor=CliAdministrator(),
            consent_version="paper-1",
            max_bytes=None,
        )
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not plan.errors
    return peak


def test_an_import_holds_a_few_hundred_bytes_a_row_not_the_rows_themselves(cast, tmp_path):
    small, large = BATCH_ROWS + 500, 3 * BATCH_ROWS + 500
    # Two events, so that neither import reads the other's attendance as existing.
    small_peak = _peak_bytes(cast.program, _sheet(tmp_path, small, "TH-001"))
    large_peak = _peak_bytes(cast.program, _sheet(tmp_path, large, "KH-001"))
    assert Attendance.objects.filter(name_as_written__startswith="Participant").count() == (
        small + large
    )
    per_row = (large_peak - small_peak) / (large - small)
    assert per_row < BYTES_PER_ROW, f"{per_row:.0f} bytes a row"
