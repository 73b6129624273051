"""The registry of import sources: every kind of sheet `ctip import KIND FILE` and the
upload page accept. A source is a small class of the same shape (sources/base.py);
adding one is a file beside these and one line below."""

from __future__ import annotations

from .attendance import AttendanceSource
from .base import Column, ImportSource, Issue, Plan, RowResult, RowStatus
from .events import EventSource
from .surveys import FeedbackSource, PartnerSurveySource

SOURCES: dict[str, ImportSource] = {}


def register(source: ImportSource) -> ImportSource:
    """Make SOURCE available to the command line and the web under its `kind`."""
    SOURCES[source.kind] = source
    return source


def get_source(kind: str) -> ImportSource:
    """The source for KIND; KeyError when there is none."""
    return SOURCES[kind]


register(EventSource())
register(AttendanceSource())
register(FeedbackSource())
register(PartnerSurveySource())

__all__ = [
    "SOURCES",
    "Column",
    "ImportSource",
    "Issue",
    "Plan",
    "RowResult",
    "RowStatus",
    "get_source",
    "register",
]
