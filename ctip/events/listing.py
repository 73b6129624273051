"""The events list: its filters (country, fiscal year, type, project, words) and its export.

The events come from `ctip.accounts.access.events_for`, so a country officer filters and
exports only the events of their countries."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ctip.countries.models import Country
from ctip.lib.periods import PeriodError
from ctip.lib.spreadsheets import csv_writer, new_workbook, safe_row, xlsx_bytes
from ctip.programs.models import Program
from ctip.reports.queries import with_participant_counts

from .models import Event

EXPORT_FORMATS = ("csv", "xlsx")


@dataclass
class EventFilters:
    country: str = ""
    year: str = ""
    event_type: str = ""
    project: str = ""
    q: str = ""
    error: str | None = None

    @classmethod
    def from_query(cls, query) -> EventFilters:
        return cls(
            country=query.get("country", "").strip().upper(),
            year=query.get("year", "").strip(),
            event_type=query.get("type", "").strip(),
            project=query.get("project", "").strip(),
            q=query.get("q", "").strip(),
        )

    def apply(self, program: Program, events: QuerySet[Event]) -> QuerySet[Event]:
        """EVENTS narrowed by every filter set; a year that cannot be read sets `error`."""
        events = events.filter(program=program)
        if self.country:
            events = events.filter(country_id=self.country)
        if self.year:
            try:
                period = program.period(self.year)
            except PeriodError as error:
                self.error = str(error)
            else:
                events = events.filter(start_date__gte=period.start, start_date__lte=period.end)
        if self.event_type:
            events = events.filter(event_type=self.event_type)
        if self.project:
            events = events.filter(project__code=self.project)
        if self.q:
            events = events.filter(title__icontains=self.q) | events.filter(code__iexact=self.q)
        return events


def listed_events(program: Program, events: QuerySet[Event], filters: EventFilters):
    """The filtered events, newest first, each with its participant count."""
    return with_participant_counts(
        filters.apply(program, events).select_related("country", "project")
    ).order_by("-start_date", "code")


def filter_choices(program: Program, events: QuerySet[Event]) -> dict:
    """What the filter menus offer: the countries and fiscal years the user's events have."""
    events = events.filter(program=program)
    codes = set(events.values_list("country_id", flat=True).distinct())
    dates = events.order_by("start_date").values_list("start_date", flat=True)
    years = []
    first, last = (
        dates.first(),
        events.order_by("-start_date").values_list("start_date", flat=True).first(),
    )
    if first and last:
        year = program.fiscal_year_of(last)
        while year.end >= first:
            years.append(year.label)
            year = program.fiscal_year_of(year.start.replace(year=year.start.year - 1))
    return {
        "countries": sorted(
            Country.objects.filter(code__in=codes), key=lambda c: (c.asean_order is None, c.name)
        ),
        "years": years,
        "types": Event.Type.choices,
        "projects": list(program.projects.values_list("code", flat=True)),
    }


def _header() -> list[str]:
    return [
        _("Event ID"),
        _("Title"),
        _("Start"),
        _("End"),
        _("Country/region"),
        _("Place"),
        _("Modality"),
        _("Type"),
        _("Project"),
        _("Participants"),
    ]


def _rows(events):
    for event in events:
        yield [
            event.code,
            event.title,
            event.start_date,
            event.end_date,
            event.country.name,
            event.place,
            event.get_modality_display(),
            event.get_event_type_display(),
            event.project.code if event.project else "",
            event.participants,
        ]


def export_events(events, fmt: str) -> bytes:
    """The listed events as a csv or xlsx file, every text cell safe from formula injection."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv_writer(out)
        writer.writerow(_header())
        writer.writerows(_rows(events))
        return out.getvalue().encode("utf-8-sig")
    from openpyxl.styles import Font

    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = _("Events")[:31]
    sheet.append(_header())
    for row in _rows(events):
        sheet.append(safe_row(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    return xlsx_bytes(workbook)
