"""Server-side SVG charts of the partner frameworks (no JavaScript, escaped text)."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from django.utils.translation import gettext as _

from . import queries

COLOURS = ("#1f5f8b", "#d9822b", "#3c8d5a", "#8b3a62", "#6b6b6b", "#b5a000")


def trend(indicator, points: list[tuple[str, Decimal | None]]) -> str:
    """Bars per round of an indicator, each labelled with its value."""
    width, height, left, bottom, top = 520, 220, 40, 30, 24
    numbers = [float(value) for _p, value in points if value is not None]
    largest = max(numbers, default=0) or 1
    if indicator.type == "percentage":
        largest = max(largest, 100)
    slot = (width - left - 10) / max(len(points), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="Noto Sans, sans-serif" font-size="12">',
        f"<title>{escape(indicator.code)} {escape(indicator.name)}</title>",
    ]
    for index, (period, value) in enumerate(points):
        x = left + index * slot + slot * 0.15
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{height - 10}" text-anchor="middle">'
            f"{escape(period)}</text>"
        )
        if value is None:
            parts.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{height - bottom - 4}" text-anchor="middle" '
                f'fill="#6b6b6b">{escape(_("no data"))}</text>'
            )
            continue
        bar = (height - bottom - top) * float(value) / largest
        y = height - bottom - bar
        shown = queries._number(Decimal(value))
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{bar:.1f}" '
            f'fill="{COLOURS[0]}"><title>{escape(period)}: {shown}</title></rect>'
        )
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
            f'data-value="{shown}">{shown}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def maturity_comparison(framework) -> str:
    """A maturity tool's latest approved level per domain and unit, side by side, and the
    assessments before it as lighter bars: progress and the pilots compared."""
    levels = [level["level"] for level in framework.levels] or [1]
    top_level = max(levels)
    domains = list(framework.indicators.filter(retired=False))
    units = [u for u in framework.units.filter(retired=False) if u.reports_itself]
    history = queries.maturity_levels(framework)
    row_height, label_width, bar_width = 18, 230, 300
    height = 40 + len(domains) * (len(units) * row_height + 14) + 24
    width = label_width + bar_width + 80
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="Noto Sans, sans-serif" font-size="11">',
        f"<title>{escape(framework.name)}</title>",
    ]
    y = 30
    for domain in domains:
        parts.append(f'<text x="0" y="{y}" font-weight="bold">{escape(domain.name[:60])}</text>')
        y += 6
        for index, unit in enumerate(units):
            series = history.get((domain.code, unit.code), [])
            parts.append(f'<text x="10" y="{y + 12}">{escape(unit.name[:34])}</text>')
            for step, (period, level) in enumerate(series):
                length = bar_width * level / top_level
                opacity = 0.35 if step < len(series) - 1 else 1
                parts.append(
                    f'<rect x="{label_width}" y="{y + 2}" width="{length:.1f}" '
                    f'height="{row_height - 5}" fill="{COLOURS[index % len(COLOURS)]}" '
                    f'fill-opacity="{opacity}"><title>{escape(unit.name)} {escape(period)}: '
                    f"{level}</title></rect>"
                )
            if series:
                parts.append(
                    f'<text x="{label_width + bar_width + 6}" y="{y + 12}">'
                    + escape(" → ".join(str(level) for _p, level in series))
                    + "</text>"
                )
            y += row_height
        y += 14
    parts.append(
        f'<text x="0" y="{height - 6}" fill="#6b6b6b">'
        + escape(_("Levels 1–%(top)d; lighter bars: earlier assessments") % {"top": top_level})
        + "</text></svg>"
    )
    return "".join(parts)
