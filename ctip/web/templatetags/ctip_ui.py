"""How staff pages print things a person reads: dates in one localised style, codes as words,
and the note under a period that has little data yet."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Codes that reach pages (report keys, groups, statuses) and the words a person reads.
WORDS = {
    "state": _("State"),
    "non-state": _("Non-state"),
    "non_state": _("Non-state"),
    "all": _("All"),
    "people-reached": _("People reached"),
    "people-trained": _("People trained"),
    "life-of-program": _("Since the program began"),
    "computed": _("Computed"),
    "entered": _("Entered"),
}


@register.filter
def day(value) -> str:
    """A date (or the date of a datetime) in the page language's style: "29 Nov 2026"."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return formats.date_format(value, "DATE_FORMAT")


@register.filter
def moment(value) -> str:
    """A date and time in the page language's style: "29 Nov 2026, 14:05"."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "DATETIME_FORMAT")


@register.filter
def words(code) -> str:
    """The human name of a code a page would otherwise show (`non_state` → "Non-state")."""
    if code is None:
        return ""
    known = WORDS.get(str(code))
    if known is not None:
        return str(known)
    return str(code).replace("_", " ").replace("-", " ").capitalize()


@register.inclusion_tag("web/_period_note.html", takes_context=True)
def period_note(context, program, period):
    """Under a period that is the fiscal year in progress with little data so far: how many
    events it has, how many the year before had, and a link to that year."""
    from ctip.reports.freshness import remembered
    from ctip.reports.queries import little_data

    little = None
    if program and period:
        little = remembered(
            ("little-data", program.pk, period),
            lambda: little_data(program, period, timezone.localdate()),
        )
    link = None
    if little is not None and little.previous is not None:
        request = context.get("request")
        query = request.GET.copy() if request is not None else None
        if query is not None:
            query["period"] = little.previous.label
            query.pop("page", None)
            link = "?" + query.urlencode()
    return {"little": little, "link": link}


@register.filter
def trend_chart(trend, compact: bool = True) -> str:
    """An indicator's trend ((fiscal year, value or None), ...) as a small inline SVG chart
    whose columns carry the very values the trend table prints."""
    from django.utils.safestring import mark_safe

    from ctip.reports.charts import column_chart

    points = [(label, _plain_number(value)) for label, value in trend]
    return mark_safe(column_chart(str(_("Trend by fiscal year")), points, compact=compact))  # noqa: S308


def _plain_number(value):
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)
