"""How far a long import has got, as the command line shows it."""

from __future__ import annotations

BAR = 24  # characters of the progress bar


def progress_line(rows: int, fraction: float | None, seconds: float) -> str:
    """`[#########-------]  40%  40,000 rows read and checked, 8,000 rows/s, about 8 s left
    (5 s)`; without FRACTION (an .xlsx does not tell), the rows, the rate and the time."""
    rate = f", {rows / seconds:,.0f} rows/s" if seconds > 0.5 else ""
    text = f"{rows:,} rows read and checked{rate} ({seconds:,.0f} s)"
    if fraction is None:
        return text
    done = round(BAR * fraction)
    left = ""
    if 0.02 < fraction < 1 and seconds > 0.5:
        left = f", about {seconds * (1 - fraction) / fraction:,.0f} s left"
    bar = "#" * done + "-" * (BAR - done)
    return f"[{bar}] {fraction:4.0%}  {rows:,} rows read and checked{rate}{left} ({seconds:,.0f} s)"
