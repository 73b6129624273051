"""Small-cell suppression for public release.

Primary suppression hides every non-zero count below the threshold. Secondary suppression then
makes sure no hidden cell can be recovered by subtraction: every "line" (a set of cells whose
last member is the sum of the others — a table row with its total, a column with its total) must
hide either none or at least two of its cells. Where a line hides exactly one, the smallest
non-zero cell still shown in it is hidden too (an interior cell before the total), and this
repeats until nothing changes.

This is the standard rule used by statistics offices; it protects against recovering a cell
from one row or column. Zeros are shown: a zero reveals no one.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

DEFAULT_THRESHOLD = 5


@dataclass(frozen=True)
class Hidden:
    """A suppressed cell. A small count (primary) prints as "<5"; a cell hidden only to
    protect one (secondary), or a percentage of a hidden cell, prints as "x". JSON: null."""

    threshold: int
    primary: bool = False

    def __str__(self) -> str:
        return f"<{self.threshold}" if self.primary else "x"


def hide(value: int, threshold: int) -> Hidden:
    return Hidden(threshold, primary=0 < value < threshold)


def suppressed_cells(
    cells: Mapping[Hashable, int],
    lines: Iterable[Sequence[Hashable]],
    threshold: int = DEFAULT_THRESHOLD,
) -> set[Hashable]:
    """The keys of CELLS to hide. Each line lists its members with its total last."""
    lines = [list(line) for line in lines]
    hidden = {key for key, value in cells.items() if 0 < value < threshold}
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(key in hidden for key in line) != 1:
                continue
            candidates = [
                (position == len(line) - 1, cells[key], position)
                for position, key in enumerate(line)
                if key not in hidden and cells[key] > 0
            ]
            if candidates:
                hidden.add(line[min(candidates)[2]])
                changed = True
    return hidden


def grid_lines(row_keys: Sequence, column_keys: Sequence, total_row, total_column) -> list:
    """The lines of a table with a total row and a total column: (row, column) cell keys."""
    rows = [*row_keys, total_row]
    columns = [*column_keys, total_column]
    return [[(row, column) for column in columns] for row in rows] + [
        [(row, column) for row in rows] for column in columns
    ]


def hide_if_small(count: int, threshold: int | None):
    """COUNT as published: hidden when THRESHOLD is set (public release) and it is small."""
    if threshold is not None and 0 < count < threshold:
        return hide(count, threshold)
    return count
