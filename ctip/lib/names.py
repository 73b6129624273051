"""Names as people write them: their Latin form for display (ctip/lib/romanisation.py)."""

from __future__ import annotations

from ctip.lib.romanisation import romanise_name


def romanise(name: str) -> str:
    """A Latin-script rendering of NAME (any script), for display beside the original.

    Thai by the Royal Institute system, Lao, Khmer and Burmese by customary syllable
    rules, every word capitalised ("กาญจนา วงศ์ใหญ่" → "Kanchana Wongyai"); Vietnamese keeps
    its letters readable ("Nguyễn" → "Nguyen"). The romanised name a person gives always
    wins over this.
    """
    return romanise_name(name)
