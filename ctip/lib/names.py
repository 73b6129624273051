"""Names as people write them: transliteration to Latin for display and comparison."""

from __future__ import annotations

import unicodedata

from anyascii import anyascii


def romanise(name: str) -> str:
    """A Latin-script rendering of NAME (any script), for display beside the original.

    Vietnamese keeps its letters readable ("Nguyễn" → "Nguyen"); Thai, Lao, Khmer and
    Burmese are transliterated letter by letter, which is not always the spelling the
    person uses: the romanised name a person gives always wins over this.
    """
    text = unicodedata.normalize("NFC", name).strip()
    if text.isascii():
        return " ".join(text.split())
    return " ".join(anyascii(text).split())
