"""Server-side charts as inline SVG: no JavaScript, no external files, print-ready."""

from __future__ import annotations

from django.utils.html import escape

PALETTE = ("#0b6e6e", "#e3a21a", "#5b7fbf", "#9a9a9a", "#b5523b", "#6a9f58")


def stacked_bars(title: str, bars: list[tuple[str, list[int]]], series: list[str]) -> str:
    """A horizontal stacked bar chart: one bar per (label, values), one colour per series."""
    label_width, bar_width, row_height, top = 150, 420, 26, 34
    legend_y = top + row_height * len(bars) + 12
    height = legend_y + 24
    largest = max((sum(values) for _, values in bars), default=0) or 1
    legend_width = sum(24 + 7 * len(name) for name in series)
    width = max(label_width + bar_width + 60, label_width + legend_width + 20)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="Noto Sans, sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" font-weight="bold" font-size="13">{escape(title)}</text>',
    ]
    for index, (label, values) in enumerate(bars):
        y = top + index * row_height
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
        )
        x = float(label_width)
        for colour, value in zip(PALETTE, values, strict=False):
            width = bar_width * value / largest
            if width:
                parts.append(
                    f'<rect class="bar" data-label="{escape(label)}" data-value="{value}" '
                    f'x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{row_height - 8}" '
                    f'fill="{colour}"><title>{escape(label)}: {value:,}</title></rect>'
                )
            x += width
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{sum(values):,}</text>')
    x = float(label_width)
    for colour, name in zip(PALETTE, series, strict=False):
        parts.append(f'<rect x="{x:.1f}" y="{legend_y}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16:.1f}" y="{legend_y + 11}">{escape(name)}</text>')
        x += 24 + 7 * len(name)
    parts.append("</svg>")
    return "".join(parts)


def percent_bars(title: str, bars: list[tuple[str, int]], *, reference: int | None = None) -> str:
    """Horizontal bars of percentages, one per labelled statement, long labels wrapped. Each
    bar is labelled with its real value; the axis reaches 100% or the largest value, so 177%
    is drawn longer than 100%. REFERENCE (e.g. 100 for "target reached") draws a dashed line."""
    label_width, bar_width, line_height, top = 330, 300, 14, 34
    scale = max([100, *(value for _, value in bars)])
    rows = []
    for label, value in bars:
        lines, line = [], ""
        for word in str(label).split():
            if len(line) + len(word) > 48 and line:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
        rows.append((lines, value))
    heights = [max(len(lines) * line_height + 8, 24) for lines, _ in rows]
    height = top + sum(heights) + (24 if reference is not None else 10)
    width = label_width + bar_width + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="Noto Sans, sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" font-weight="bold" font-size="13">{escape(title)}</text>',
    ]
    y = top
    for (lines, value), row_height in zip(rows, heights, strict=True):
        for number, line in enumerate(lines):
            parts.append(
                f'<text x="{label_width - 8}" y="{y + 14 + number * line_height}" '
                f'text-anchor="end">{escape(line)}</text>'
            )
        length = bar_width * max(value, 0) / scale
        parts.append(
            f'<rect class="bar" data-value="{value}" x="{label_width}" y="{y + 3}" '
            f'width="{length:.1f}" height="{row_height - 8}" fill="{PALETTE[0]}">'
            f"<title>{escape(' '.join(lines))}: {value}%</title></rect>"
        )
        parts.append(
            f'<text class="value" x="{label_width + length + 6:.1f}" y="{y + 15}">{value}%</text>'
        )
        y += row_height
    if reference is not None:
        x = label_width + bar_width * reference / scale
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{y + 2}" stroke="#1d2733" '
            f'stroke-dasharray="4 3"/>'
            f'<text x="{x:.1f}" y="{y + 16}" text-anchor="middle">{reference}%</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def column_chart(
    title: str, points: list[tuple[str, int | None]], *, suffix: str = "", compact: bool = False
) -> str:
    """A small vertical bar chart, one labelled column per (label, value), e.g. a trend by
    fiscal year; a missing value (None) is drawn as a dash. COMPACT: a sparkline-sized chart
    for a table cell, its title kept for screen readers only."""
    column, gap, top, plot = (54, 10, 40, 110) if not compact else (44, 6, 16, 40)
    width = max(len(points), 1) * (column + gap) + gap
    height = top + plot + 34
    largest = max((value for _, value in points if value), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart small" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="Noto Sans, sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    if not compact:
        parts.append(f'<text x="0" y="16" font-weight="bold" font-size="13">{escape(title)}</text>')
    for index, (label, value) in enumerate(points):
        x = gap + index * (column + gap)
        shown = "–" if value is None else f"{value:,}{suffix}"
        data_value = "" if value is None else value
        length = 0.0 if value is None else plot * max(value, 0) / largest
        bottom = top + plot
        parts.append(
            f'<rect class="bar" data-label="{escape(label)}" data-value="{data_value}" '
            f'x="{x}" y="{bottom - length:.1f}" width="{column}" height="{length:.1f}" '
            f'fill="{PALETTE[0]}"><title>{escape(label)}: {shown}</title></rect>'
        )
        parts.append(
            f'<text class="value" x="{x + column / 2}" y="{bottom - length - 4:.1f}" '
            f'text-anchor="middle">{shown}</text>'
        )
        parts.append(
            f'<text x="{x + column / 2}" y="{bottom + 16}" text-anchor="middle" '
            f'font-size="{9 if compact else 11}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
