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
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{row_height - 8}" '
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


def percent_bars(title: str, bars: list[tuple[str, int]]) -> str:
    """Horizontal bars of percentages (0–100), one per labelled statement, long labels wrapped."""
    label_width, bar_width, line_height, top = 330, 300, 14, 34
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
    height = top + sum(heights) + 10
    width = label_width + bar_width + 50
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
        length = bar_width * value / 100
        parts.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" '
            f'height="{row_height - 8}" fill="{PALETTE[0]}"/>'
        )
        parts.append(f'<text x="{label_width + length + 6:.1f}" y="{y + 15}">{value}%</text>')
        y += row_height
    parts.append("</svg>")
    return "".join(parts)
