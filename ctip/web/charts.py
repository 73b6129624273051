"""The dashboard's charts: drawn from the very rows its table and cards print."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ctip.countries.models import Country
from ctip.reports.charts import column_chart, stacked_bars
from ctip.reports.queries import Headline


def dashboard_charts(rows: list[Headline], trend: list[Headline]) -> dict[str, str]:
    """Inline SVG: the trend by fiscal year (events, participants, % women) and participants
    by country or region where events were held."""
    return {
        "events": column_chart(_("Events"), [(year.label, year.events) for year in trend]),
        "participants": column_chart(
            _("Participants"), [(year.label, year.participants) for year in trend]
        ),
        "women": column_chart(
            _("% women"), [(year.label, year.percent_women) for year in trend], suffix="%"
        ),
        "countries": stacked_bars(
            _("Participants by country or region where events were held"),
            [(row.label, [row.participants]) for row in rows],
            [_("Participants")],
        )
        if rows
        else "",
    }


def dashboard_country_names(countries: set[str] | None) -> list[str]:
    """The names of the countries a narrowed dashboard shows."""
    if not countries:
        return []
    return list(Country.objects.filter(code__in=countries).values_list("name", flat=True))
