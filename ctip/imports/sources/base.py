"""The shape every import source has. To add one, copy `events.py` (small, row by row) or
`attendance.py` (bulk), give it a `kind`, its `columns`, `plan()` and `apply()`, and
register it in `sources/__init__.py`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ctip.lib import normalise
from ctip.lib.normalise import NormaliseError

INVALID = object()  # what Context.read returns for a value it reported as wrong


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its canonical name, the other headers that mean it, and for
    coded columns the accepted codes (templates turn them into dropdowns)."""

    name: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    help: str = ""
    xlsform_type: str = "text"  # the XLSForm question type (select_one is added for choices)

    def headers(self) -> set[str]:
        return {normalise.header(self.name), *(normalise.header(alias) for alias in self.aliases)}


@dataclass
class Issue:
    """An error or warning, placed where a spreadsheet shows it."""

    message: str
    row: int | None = None
    column: str | None = None
    # The same problem on several rows is one Issue: its first rows and how many in all.
    rows: tuple[int, ...] = ()
    count: int = 1

    @property
    def where(self) -> str:
        """The row, or the rows of a repeated problem, as a spreadsheet shows them."""
        if self.count <= 1:
            return str(self.row or "")
        shown = ", ".join(str(row) for row in self.rows)
        if self.count > len(self.rows):
            return _("%(rows)s and %(more)s more (%(count)s rows)") % {
                "rows": shown,
                "more": self.count - len(self.rows),
                "count": self.count,
            }
        return shown

    def __str__(self) -> str:
        if self.count > 1:
            if self.column:
                return _('rows %(rows)s, column "%(column)s": %(message)s') % {
                    "rows": self.where,
                    "column": self.column,
                    "message": self.message,
                }
            return _("rows %(rows)s: %(message)s") % {"rows": self.where, "message": self.message}
        if self.row and self.column:
            return _('row %(row)s, column "%(column)s": %(message)s') % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row:
            return _("row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        if self.column:
            return _('column "%(column)s": %(message)s') % {
                "column": self.column,
                "message": self.message,
            }
        return self.message


class RowStatus:
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    LEFT_OUT = "left-out"


@dataclass
class RowResult:
    """What importing one row does: for the preview and the counts."""

    row: int
    status: str
    label: str
    changed: list[str] = field(default_factory=list)  # the columns that change
    values: dict[str, str] = field(default_factory=dict)  # column → the value it will write


@dataclass
class Context:
    """What a source needs to plan an import, and where it reports problems."""

    program: Any
    actor: Any
    consent_version: str = ""
    present: frozenset[str] = frozenset()  # the canonical columns the file has
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    _coded: dict = field(default_factory=dict, repr=False)

    def error(self, message: str, row: int | None = None, column: str | None = None) -> None:
        self.errors.append(Issue(message, row, column))

    def warn(self, message: str, row: int | None = None, column: str | None = None) -> None:
        self.warnings.append(Issue(message, row, column))

    def read(self, row: int, column: str, function, value, **options):
        """FUNCTION(VALUE) from ctip.lib.normalise, or INVALID after reporting why."""
        try:
            return function(value, **options)
        except NormaliseError as error:
            self.error(str(error), row, column)
            return INVALID

    def read_coded(self, row: int, column: str, function, value, **options):
        """read() for columns with few distinct values (sex, country, role, ...): each
        distinct value is normalised once per import."""
        key = (function, column, value)
        try:
            found = self._coded[key]
        except KeyError:
            try:
                found = self._coded[key] = (function(value, **options), None)
            except NormaliseError as error:
                found = self._coded[key] = (INVALID, str(error))
        except TypeError:  # an unhashable cell value
            return self.read(row, column, function, value, **options)
        if found[1] is not None:
            self.error(found[1], row, column)
        return found[0]


@dataclass
class Plan:
    """What an import of a file would do; `payload` is the source's own write plan."""

    kind: str
    results: list[RowResult] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    payload: Any = None
    checksum: str = ""
    file_name: str = ""
    record: Any = None  # the ImportRecord, once written
    # Records the import creates besides its rows' own: (first row, what, description).
    creates: list[tuple[int, str, str]] = field(default_factory=list)
    read_as: str = ""  # e.g. "an ODK Central export" (ctip/imports/formats.py)
    context: Any = None
    # Rows counted by status, for sources that keep only the first results of a long sheet
    # (a million RowResults would not fit): then `results` is a sample, `tally` the counts.
    tally: dict[str, int] | None = None

    def count(self, status: str) -> int:
        return self.counts[status]

    @property
    def counts(self) -> dict[str, int]:
        if self.tally is not None:
            return dict(self.tally)
        counts = {
            RowStatus.NEW: 0,
            RowStatus.CHANGED: 0,
            RowStatus.UNCHANGED: 0,
            RowStatus.LEFT_OUT: 0,
        }
        for result in self.results:
            counts[result.status] += 1
        return counts

    @property
    def writes_anything(self) -> bool:
        counts = self.counts
        return bool(counts[RowStatus.NEW] or counts[RowStatus.CHANGED])


class ImportSource:
    """One kind of sheet. Subclasses set `kind`, `label` and `columns`, and implement
    plan() (check every row and compare with the database, writing nothing) and apply().

    A source for long sheets sets `streams`: its plan() takes the rows as an iterator and a
    `recorder`; given one, it writes each batch of rows as soon as the batch is checked (the
    import's transaction undoes them if a later row is wrong), so memory stays flat however
    long the sheet, and apply() is not called."""

    kind: str = ""
    label: str = ""
    columns: tuple[Column, ...] = ()
    streams: bool = False

    def column_names(self) -> dict[str, str]:
        """header → canonical column name, for every accepted header."""
        return {header: column.name for column in self.columns for header in column.headers()}

    def check_columns(self, present: set[str], ctx: Context) -> None:
        """Report missing required columns (a source may require more, e.g. consent)."""
        for column in self.columns:
            if column.required and column.name not in present:
                ctx.error(_('the column "%(column)s" is missing') % {"column": column.name})

    def plan(self, rows: list[tuple[int, dict]], ctx: Context) -> Plan:
        raise NotImplementedError

    def apply(self, plan: Plan, ctx: Context, recorder) -> None:
        """Write what PLAN says, telling RECORDER (ctip.imports.recording) what was
        created and what changed from what, so the import can be audited and undone."""
        raise NotImplementedError
