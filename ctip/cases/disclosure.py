"""Victims' tables released only through disclosure control: small-cell suppression with
secondary suppression, checked against every total.

A victims' table counts people at their most exposed: a cell of 2 Lao girls in forced begging
in one province can name them to their village. So every table of victims, public or for MEL
officers, goes through the same steps:

1. primary suppression: every non-zero cell below THRESHOLD (11 by default, as IOM's CTDC
   publishes) is hidden;
2. secondary suppression: each row and column, with its total, must hide none or at least two
   of its cells (ctip/reports/suppression.py, the standard rule);
3. an audit by linear programming: for every hidden cell, the smallest and the largest value
   it can take given everything shown (cells and totals, hidden cells at least 1, as every
   hidden cell is non-zero) are computed; where they are equal the cell could be recovered,
   and one more cell of its lines is hidden, until none can.

Hidden cells print alike ("x"; JSON null) whether hidden for being small or to protect one,
so the table does not say which cells were the small ones.

Why not the cell-key method of the MEL tables (ctip/reports/cellkey.py)? Cell-key noise of ±2
protects participants whose attendance is not secret; for victims a published 3 ± 2 still
says "a few", and the noise is applied to counts the reader can re-derive from other
releases. Suppression publishes nothing about a small group. Its cost: detail is lost (a
citizenship with 8 victims disappears, and a second cell with it), never accuracy of what is
shown. docs/cases-exchange.md.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ctip.reports.suppression import grid_lines, suppressed_cells

DEFAULT_THRESHOLD = 11
TOTAL = "Total"
ALL = "All victims"

AGE_GROUPS = (
    ("0-11", 0, 11),
    ("12-17", 12, 17),
    ("18-24", 18, 24),
    ("25-34", 25, 34),
    ("35-49", 35, 49),
    ("50+", 50, 200),
)
UNKNOWN = "Not known"

# table name → (row dimension, column dimension or None)
TABLES = {
    "victims-by-sex": ("sex", None),
    "victims-by-age-group": ("age_group", None),
    "victims-by-citizenship": ("citizenship", None),
    "victims-by-exploitation": ("exploitation", None),
    "victims-by-stage": ("stage", None),
    "victims-by-citizenship-and-sex": ("citizenship", "sex"),
    "victims-by-exploitation-and-sex": ("exploitation", "sex"),
    "victims-by-age-group-and-sex": ("age_group", "sex"),
}


def age_group(birth_date: datetime.date | None, on: datetime.date) -> str:
    """The age group of someone born on BIRTH_DATE, on the date ON."""
    if birth_date is None:
        return UNKNOWN
    age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    for name, low, high in AGE_GROUPS:
        if low <= age <= high:
            return name
    return UNKNOWN


@dataclass
class VictimsTable:
    """A released table: counts by (row, column) with totals, and the cells hidden."""

    name: str
    rows: list[str]
    columns: list[str]
    cells: dict[tuple[str, str], int]
    hidden: set[tuple[str, str]] = field(default_factory=set)
    threshold: int = DEFAULT_THRESHOLD

    def shown(self, row: str, column: str) -> int | None:
        """The published value of a cell: None when hidden."""
        key = (row, column)
        return None if key in self.hidden else self.cells.get(key, 0)

    def lines(self) -> list[list[tuple[str, str]]]:
        """Sets of cells whose last member is the sum of the others."""
        if len(self.columns) == 1:  # one-way: the column and its total
            return [[(row, self.columns[0]) for row in self.rows]]
        return grid_lines(self.rows[:-1], self.columns[:-1], self.rows[-1], self.columns[-1])

    def as_rows(self) -> list[list]:
        """Header and rows as printed: hidden cells as "x"."""
        printed = [["", *self.columns]]
        for row in self.rows:
            values = [self.shown(row, column) for column in self.columns]
            printed.append([row, *("x" if value is None else value for value in values)])
        return printed


def build_table(
    name: str, victims: Iterable[dict], threshold: int = DEFAULT_THRESHOLD
) -> VictimsTable:
    """The table NAME (one of TABLES) of VICTIMS (dicts with the dimensions as keys),
    suppressed. A one-way table has one column, "All victims"."""
    row_dimension, column_dimension = TABLES[name]
    counts: Counter = Counter()
    for victim in victims:
        row = victim.get(row_dimension) or UNKNOWN
        column = (victim.get(column_dimension) or UNKNOWN) if column_dimension else ALL
        counts[(row, column)] += 1
    row_keys = sorted({row for row, _ in counts}, key=_order)
    column_keys = sorted({column for _, column in counts}, key=_order)
    rows = [*row_keys, TOTAL]
    columns = [*column_keys, TOTAL] if column_dimension else [ALL]
    cells: dict[tuple[str, str], int] = {}
    for row in row_keys:
        for column in column_keys:
            cells[(row, column)] = counts[(row, column)]
    for row in row_keys:
        if column_dimension:
            cells[(row, TOTAL)] = sum(counts[(row, column)] for column in column_keys)
    for column in columns:
        cells[(TOTAL, column)] = sum(cells[(row, column)] for row in row_keys)
    table = VictimsTable(name, rows, columns, cells, threshold=threshold)
    table.hidden = protect(table.cells, table.lines(), threshold)
    return table


def _order(value: str):
    # age groups in age order, "Not known" last, everything else alphabetically
    ages = [name for name, _, _ in AGE_GROUPS]
    return (value == UNKNOWN, ages.index(value) if value in ages else len(ages), value)


def protect(cells: dict, lines: list[list], threshold: int = DEFAULT_THRESHOLD) -> set:
    """The cells to hide: primary and secondary suppression, then hidden cells that the
    shown cells and totals would still pin down get a companion, until none can be."""
    hidden = suppressed_cells(cells, lines, threshold)
    while True:
        exposed = [key for key, (low, high) in feasible_ranges(cells, lines, hidden).items()
                   if low == high]  # fmt: skip
        if not exposed:
            return hidden
        before = len(hidden)
        for line in lines:
            if exposed[0] in line:
                candidates = sorted(
                    (line.index(key) == len(line) - 1, cells[key], line.index(key))
                    for key in line
                    if key not in hidden and cells[key] > 0
                )
                if candidates:
                    hidden.add(line[candidates[0][2]])
                    break
        if len(hidden) == before:  # nothing left to hide beside it: hide every cell of its lines
            hidden |= {key for line in lines if exposed[0] in line for key in line if cells[key]}
            if len(hidden) == before:
                return hidden


def feasible_ranges(cells: dict, lines: list[list], hidden: set) -> dict:
    """For each hidden cell, the (lowest, highest) value it can take given the shown cells,
    every line's sum, and hidden cells at least 1 (what a reader of the table can work out).
    A range of one value means the cell is recovered."""
    if not hidden:
        return {}
    from scipy.optimize import linprog

    unknowns = sorted(hidden, key=str)
    position = {key: i for i, key in enumerate(unknowns)}
    equations, constants = [], []
    for line in lines:
        if not any(key in hidden for key in line):
            continue
        row = [0.0] * len(unknowns)
        constant = 0.0
        for place, key in enumerate(line):
            sign = -1.0 if place == len(line) - 1 else 1.0  # members minus the total = 0
            if key in hidden:
                row[position[key]] += sign
            else:
                constant -= sign * cells[key]
        equations.append(row)
        constants.append(constant)
    bounds = [(1, None)] * len(unknowns)
    ranges = {}
    for key in unknowns:
        objective = [0.0] * len(unknowns)
        objective[position[key]] = 1.0
        low = linprog(objective, A_eq=equations, b_eq=constants, bounds=bounds, method="highs")
        high = linprog([-c for c in objective], A_eq=equations, b_eq=constants, bounds=bounds,
                       method="highs")  # fmt: skip
        top = -high.fun if high.status == 0 else float("inf")  # unbounded: cannot be pinned
        ranges[key] = (round(low.fun), round(top) if top != float("inf") else top)
    return ranges
