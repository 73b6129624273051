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
    threshold: int | None = DEFAULT_THRESHOLD
    method: str = "suppression"  # or "dp": differentially private counts (build_dp_table)
    epsilon: float | None = None  # the privacy budget a "dp" table spent

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


# What the tables may be narrowed to, one at a time: the country of the agency that holds the
# victim (of the case furthest along) and the year the victim first came to an agency.
FILTERS = ("country", "year")


@dataclass
class TableFamily:
    """Every victims' table, unfiltered and for each value of each filter, protected together:
    the tables add up across one another (a table is the sum of its countries' tables; a
    one-way table is a margin of the two-way ones), so suppression is chosen over all of them
    at once and audited against every such sum. Any table of the family shows only what the
    whole family can afford to show."""

    tables: dict[tuple[str, tuple[str, str] | None], VictimsTable]
    filter_values: dict[str, list[str]]
    threshold: int = DEFAULT_THRESHOLD

    def table(self, name: str, narrowed: tuple[str, str] | None = None) -> VictimsTable:
        """The table NAME, unfiltered or NARROWED to (filter, value)."""
        if narrowed is not None and narrowed[1] not in self.filter_values.get(narrowed[0], []):
            # a value nobody has: an empty table of the same shape (all zeros reveal no one)
            empty = self.tables[(name, None)]
            return VictimsTable(
                name,
                empty.rows,
                empty.columns,
                dict.fromkeys(empty.cells, 0),
                threshold=self.threshold,
            )
        return self.tables[(name, narrowed)]


def build_family(
    victims: Iterable[dict],
    threshold: int = DEFAULT_THRESHOLD,
    filters: tuple[str, ...] = FILTERS,
) -> TableFamily:
    """Every table of TABLES, unfiltered and narrowed to each value of each of FILTERS, with one
    suppression pattern for all (protect over every table's lines, the lines across a
    filter's values — the values' tables add up to the unfiltered one — and the cells tables
    share: a one-way table is the total column of a two-way one)."""
    cells, lines, layouts, values = family_cells(victims, filters)
    hidden = protect(cells, lines, threshold)
    tables = {}
    for (name, narrowed), (rows, columns, canonical) in layouts.items():
        tables[(name, narrowed)] = VictimsTable(
            name,
            rows,
            columns,
            {cell: cells[key] for cell, key in canonical.items()},
            {cell for cell, key in canonical.items() if key in hidden},
            threshold,
        )
    return TableFamily(tables, {name: values[name] for name in filters}, threshold)


def family_cells(victims: Iterable[dict], filters: tuple[str, ...] = FILTERS):
    """(cells, lines, layouts, values) of the family: every cell by what it counts
    ((narrowed, dimensions fixed) → count), every line (its total last), each table's layout
    ((name, narrowed) → rows, columns, {(row, column): cell}), and each dimension's values."""
    victims = list(victims)
    dimensions = {dimension for pair in TABLES.values() for dimension in pair if dimension}
    values = {
        dimension: sorted({victim.get(dimension) or UNKNOWN for victim in victims}, key=_order)
        for dimension in (*sorted(dimensions), *filters)
    }
    slices: list[tuple[str, str] | None] = [None] + [
        (name, value) for name in filters for value in values[name]
    ]
    counts: Counter = Counter()
    for victim in victims:
        own = [None] + [(name, victim.get(name) or UNKNOWN) for name in filters]
        keys = set()  # the cells of every table this victim counts in, each once
        for row_dimension, column_dimension in TABLES.values():
            row = victim.get(row_dimension) or UNKNOWN
            column = (victim.get(column_dimension) or UNKNOWN) if column_dimension else None
            keys |= _keys_of(row_dimension, row, column_dimension, column)
        for key in keys:
            for narrowed in own:
                counts[(narrowed, key)] += 1
    layouts, lines = {}, set()
    for narrowed in slices:
        for name, (row_dimension, column_dimension) in TABLES.items():
            rows = [*values[row_dimension], TOTAL]
            columns = [*values[column_dimension], TOTAL] if column_dimension else [ALL]
            canonical = {
                (row, column): (
                    narrowed,
                    _key(row_dimension, row, column_dimension, column),
                )
                for row in rows
                for column in columns
            }
            layouts[(name, narrowed)] = (rows, columns, canonical)
            shape = VictimsTable(name, rows, columns, {})
            lines |= {tuple(canonical[cell] for cell in line) for line in shape.lines()}
    shared = {
        key
        for layout in layouts.values()
        for narrowed, key in layout[2].values()
        if narrowed is None
    }
    for name in filters:
        for key in shared:
            lines.add((*(((name, value), key) for value in values[name]), (None, key)))
    cells = {key: counts[key] for layout in layouts.values() for key in layout[2].values()}
    return cells, [list(line) for line in sorted(lines, key=str)], layouts, values


def _key(row_dimension, row, column_dimension, column) -> frozenset:
    """A cell by what it counts: the dimensions it fixes (a total fixes none)."""
    fixed = set()
    if row != TOTAL:
        fixed.add((row_dimension, row))
    if column_dimension and column not in (TOTAL, ALL):
        fixed.add((column_dimension, column))
    return frozenset(fixed)


def _keys_of(row_dimension, row, column_dimension, column) -> set:
    """The cells of one table a victim counts in: its own, its row's and column's totals and
    the grand total."""
    rows = (row, TOTAL)
    columns = (column, TOTAL) if column_dimension else (ALL,)
    return {_key(row_dimension, r, column_dimension, c) for r in rows for c in columns}


def _order(value: str):
    # age groups in age order, "Not known" last, everything else alphabetically
    ages = [name for name, _, _ in AGE_GROUPS]
    return (value == UNKNOWN, ages.index(value) if value in ages else len(ages), value)


def protect(cells: dict, lines: list[list], threshold: int = DEFAULT_THRESHOLD) -> set:
    """The cells to hide: primary and secondary suppression, then, as long as the shown cells
    and totals would still pin a hidden cell down, a companion for it — the smallest shown
    non-zero cell of its lines (an inner cell before a total), or, when its lines have none,
    of the lines next to them — until none can be pinned."""
    hidden = suppressed_cells(cells, lines, threshold)
    lines_of: dict = {}
    for line in lines:
        for key in line:
            lines_of.setdefault(key, []).append(line)
    while True:
        exposed = sorted(recovered_cells(cells, lines, hidden), key=str)
        if not exposed:
            return hidden
        added: set = set()
        for key in exposed:
            if any(other in added for line in lines_of.get(key, []) for other in line):
                continue  # a companion already joined one of its lines
            companion = _companion(key, cells, lines_of, hidden | added)
            if companion is not None:
                added.add(companion)
        if not added:  # nothing shown is left near them: hide every non-zero cell
            rest = {key for key, value in cells.items() if value and key not in hidden}
            if not rest:
                return hidden
            added = rest
        hidden |= added


def _companion(key, cells: dict, lines_of: dict, hidden: set):
    """The cell to hide beside KEY: the smallest shown non-zero cell of its lines (inner cells
    before totals), or of the lines of the hidden cells in them, and so on outwards."""
    seen, frontier = {key}, [key]
    while frontier:
        candidates = []
        next_frontier = []
        for cell in frontier:
            for line in lines_of.get(cell, []):
                for place, other in enumerate(line):
                    if other in seen:
                        continue
                    seen.add(other)
                    if other in hidden:
                        next_frontier.append(other)
                    elif cells[other] > 0:
                        candidates.append((place == len(line) - 1, cells[other], str(other), other))
        if candidates:
            return min(candidates)[3]
        frontier = next_frontier
    return None


def recovered_cells(cells: dict, lines: list[list], hidden: set) -> dict:
    """The hidden cells a reader could work out exactly, with their values: what
    feasible_ranges finds (a hidden cell whose lowest and highest possible values agree),
    found with a few linear programmes instead of two per cell, for large families of tables.

    1. A programme finds a point of the possible values with as many hidden cells as it can
       above their least value (every hidden cell is at least 1); another does the same for
       the cells left at 1, and so on, until one lifts none: those can be nothing but 1.
    2. Averaging the points found gives one where every other hidden cell is above 1; from
       such a point each can move along any solution of the line equations, so it is pinned
       exactly when its row of the equations' null space is zero."""
    if not hidden:
        return {}
    import numpy
    from scipy.linalg import null_space
    from scipy.optimize import linprog

    unknowns, equations, constants = _equations(cells, lines, hidden)
    if not equations:
        return {}
    size = len(unknowns)
    matrix = numpy.array(equations)
    ceiling = 2 * max(cells.values()) + 2  # no cell exceeds the grand total
    points, waiting = [], list(range(size))
    while waiting:
        # lift as many of the cells still at their least value as possible above it
        found = linprog(
            numpy.concatenate([numpy.zeros(size), -numpy.ones(len(waiting))]),
            A_ub=numpy.hstack([-numpy.eye(size)[waiting], numpy.eye(len(waiting))]),
            b_ub=-numpy.ones(len(waiting)),
            A_eq=numpy.hstack([matrix, numpy.zeros((len(matrix), len(waiting)))]),
            b_eq=constants,
            bounds=[(1, ceiling)] * size + [(0, 0.5)] * len(waiting),
            method="highs",
        )
        if found.status != 0:
            ranges = feasible_ranges(cells, lines, hidden)
            return {key: low for key, (low, high) in ranges.items() if low == high}
        if -found.fun < 1e-9:
            break  # none of them can be above 1: each is pinned at 1
        points.append(found.x[:size])
        waiting = [index for index in waiting if found.x[index] < 1 + 1e-9]
    pinned: dict[int, int] = dict.fromkeys(waiting, 1)
    free = [index for index in range(size) if index not in pinned]
    if free:
        point = numpy.mean(points, axis=0)
        if point[free].max() > ceiling - 1e-6:  # at the made-up ceiling: ask every cell
            ranges = feasible_ranges(cells, lines, hidden)
            return {key: low for key, (low, high) in ranges.items() if low == high}
        basis = null_space(matrix[:, free])
        for row, index in enumerate(free):
            if basis.shape[1] == 0 or numpy.abs(basis[row]).max() < 1e-9:
                pinned[index] = round(point[index])
    return {unknowns[index]: value for index, value in pinned.items()}


def _equations(cells: dict, lines: list[list], hidden: set):
    """(unknowns, equations, constants): each line with a hidden cell as an equation in the
    hidden cells (members minus the total = 0, shown values moved to the constant)."""
    unknowns = sorted(hidden, key=str)
    position = {key: i for i, key in enumerate(unknowns)}
    equations, constants = [], []
    for line in lines:
        if not any(key in hidden for key in line):
            continue
        row = [0.0] * len(unknowns)
        constant = 0.0
        for place, key in enumerate(line):
            sign = -1.0 if place == len(line) - 1 else 1.0
            if key in hidden:
                row[position[key]] += sign
            else:
                constant -= sign * cells[key]
        equations.append(row)
        constants.append(constant)
    return unknowns, equations, constants


def feasible_ranges(cells: dict, lines: list[list], hidden: set) -> dict:
    """For each hidden cell, the (lowest, highest) value it can take given the shown cells,
    every line's sum, and hidden cells at least 1 (what a reader of the table can work out).
    A range of one value means the cell is recovered."""
    if not hidden:
        return {}
    from scipy.optimize import linprog

    unknowns, equations, constants = _equations(cells, lines, hidden)
    bounds = [(1, None)] * len(unknowns)
    ranges = {}
    for index, key in enumerate(unknowns):
        objective = [0.0] * len(unknowns)
        objective[index] = 1.0
        low = linprog(objective, A_eq=equations, b_eq=constants, bounds=bounds, method="highs")
        high = linprog([-c for c in objective], A_eq=equations, b_eq=constants, bounds=bounds,
                       method="highs")  # fmt: skip
        top = -high.fun if high.status == 0 else float("inf")  # unbounded: cannot be pinned
        ranges[key] = (round(low.fun), round(top) if top != float("inf") else top)
    return ranges


# -- differentially private counts (OpenDP) ---------------------------------------------------

# A table's record may be replaced by one other (a victim's attributes change, or one goes
# and another comes): at most one inner cell loses one and one gains one.
DP_SENSITIVITY = 2
MAX_EPSILON = 10.0
OTHER = "Other"
SEXES = ("female", "male", "other or not known")
SEVERAL = "Several"


def dp_categories(dimension: str) -> list[str]:
    """The rows or columns of a differentially private table: fixed and public, never taken
    from the data (a citizenship that appears only because one victim has it would say so
    whatever the noise)."""
    from ctip.lib.countries import ASEAN_MEMBERS

    from .models import STAGE_ORDER, TypeOfExploitation

    if dimension == "sex":
        return list(SEXES)
    if dimension == "age_group":
        return [name for name, _, _ in AGE_GROUPS] + [UNKNOWN]
    if dimension == "citizenship":
        return [member.code for member in ASEAN_MEMBERS] + [OTHER, UNKNOWN]
    if dimension == "exploitation":
        return [*TypeOfExploitation.values, SEVERAL, UNKNOWN]
    if dimension == "stage":
        return list(STAGE_ORDER)
    raise ValueError(f"no public categories for {dimension!r}")


def build_dp_table(name: str, victims: Iterable[dict], epsilon: float) -> VictimsTable:
    """The table NAME of VICTIMS as differentially private counts (OpenDP's discrete Laplace
    mechanism, calibrated so that the whole table spends EPSILON against replacing one
    victim): each inner cell is counted and noised once; negative counts become 0 and the
    totals are sums of the noisy cells (post-processing, which spends nothing). Rows and
    columns are public categories (dp_categories). Nothing is hidden; no count is exact."""
    if not 0 < epsilon <= MAX_EPSILON:
        raise ValueError(f"epsilon must be above 0 and at most {MAX_EPSILON:g}")
    row_dimension, column_dimension = TABLES[name]
    row_keys = dp_categories(row_dimension)
    column_keys = dp_categories(column_dimension) if column_dimension else [ALL]
    counts: Counter = Counter()
    for victim in victims:
        row = _in_categories(victim.get(row_dimension), row_keys)
        column = ALL
        if column_dimension:
            column = _in_categories(victim.get(column_dimension), column_keys)
        counts[(row, column)] += 1
    inner = [(row, column) for row in row_keys for column in column_keys]
    noisy = _discrete_laplace([counts[key] for key in inner], epsilon)
    cells = {key: max(0, value) for key, value in zip(inner, noisy, strict=True)}
    rows = [*row_keys, TOTAL]
    columns = [*column_keys, TOTAL] if column_dimension else [ALL]
    if column_dimension:
        for row in row_keys:
            cells[(row, TOTAL)] = sum(cells[(row, column)] for column in column_keys)
    for column in columns:
        cells[(TOTAL, column)] = sum(cells[(row, column)] for row in row_keys)
    return VictimsTable(name, rows, columns, cells, set(), None, "dp", epsilon)


def _in_categories(value, categories: list[str]) -> str:
    if not value:
        return UNKNOWN if UNKNOWN in categories else categories[-1]
    if value in categories:
        return value
    return OTHER if OTHER in categories else categories[-1]


def _discrete_laplace(counts: list[int], epsilon: float) -> list[int]:
    """COUNTS with OpenDP's discrete Laplace noise, the scale found by OpenDP so that its
    privacy map gives at most EPSILON for DP_SENSITIVITY."""
    import opendp.prelude as dp

    dp.enable_features("contrib")
    domain = dp.vector_domain(dp.atom_domain(T=int))
    metric = dp.l1_distance(T=int)
    scale = dp.binary_search_param(
        lambda scale: dp.m.make_laplace(domain, metric, scale=scale),
        d_in=DP_SENSITIVITY,
        d_out=epsilon,
    )
    measurement = dp.m.make_laplace(domain, metric, scale=scale)
    assert measurement.map(DP_SENSITIVITY) <= epsilon  # noqa: S101 (OpenDP's own accounting)
    return list(measurement(counts))
