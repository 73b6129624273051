"""Attendance export with the linked person ID: one row per attendance."""

from __future__ import annotations

import io

from ctip.lib.periods import Period
from ctip.lib.spreadsheets import append_row, csv_writer, new_workbook, xlsx_bytes

COLUMNS = [
    "attendance_id",
    "event_id",
    "event_title",
    "event_start_date",
    "event_country",
    "event_type",
    "role",
    "full_name",
    "record_id",
    "person_id",
    "sex",
    "country_of_origin",
    "organisation",
]


def attendance_rows(attendances, period: Period | None = None):
    """Rows for ATTENDANCES (already limited to what the user may see). person_id is the
    linked person (cluster); a record not linked yet has its own id, prefixed "r"."""
    if period is not None:
        attendances = attendances.filter(
            event__start_date__gte=period.start, event__start_date__lte=period.end
        )
    rows = attendances.select_related(
        "event", "person", "organisation", "person__cluster_member"
    ).order_by("event__start_date", "event__code", "id")
    for attendance in rows:
        person = attendance.person
        member = getattr(person, "cluster_member", None)
        yield [
            attendance.pk,
            attendance.event.code,
            attendance.event.title,
            attendance.event.start_date.isoformat(),
            attendance.event.country_id,
            attendance.event.event_type,
            attendance.role,
            attendance.name_as_written or person.full_name,
            person.pk,
            member.cluster_id if member else f"r{person.pk}",
            person.sex,
            person.country_of_origin_id or "",
            attendance.organisation.name if attendance.organisation else "",
        ]


def write_csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")  # with the BOM Excel needs for Thai


def write_xlsx(rows) -> bytes:
    workbook = new_workbook(write_only=True)
    sheet = workbook.create_sheet("attendance")
    append_row(sheet, COLUMNS)
    for row in rows:
        append_row(sheet, row)
    return xlsx_bytes(workbook)
