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


def _register_elearning() -> None:
    # the e-learning app's source (ctip/elearning/source.py), listed here with the others so that
    # no app has to import every source when Django starts (a command that imports nothing paid
    # for them; docs/performance.md)
    from ctip.elearning.source import ElearningSource

    register(ElearningSource())


_register_elearning()

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
