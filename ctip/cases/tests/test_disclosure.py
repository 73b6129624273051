"""Victims' tables never show a small cell, and no hidden cell can be worked out from the
totals (ctip/cases/disclosure.py)."""

from __future__ import annotations

import datetime
import random

import pytest

from ctip.cases import disclosure
from ctip.cases.disclosure import build_table, feasible_ranges


def _victims(rng: random.Random, count: int) -> list[dict]:
    citizenships = ["MM"] * 30 + ["KH"] * 12 + ["LA"] * 8 + ["TH"] * 6 + ["VN"] * 4 + ["CN", "IN"]
    return [
        {
            "sex": rng.choice(["female", "female", "male"]),
            "citizenship": rng.choice(citizenships),
            "exploitation": rng.choice(
                ["ForcedLabour"] * 5
                + ["SexualExploitation"] * 3
                + ["ForcedBegging", "OrganRemoval"]
            ),
            "stage": rng.choice(["frontline", "screening", "identification", "protection"]),
            "age_group": disclosure.age_group(
                datetime.date(2026, 1, 1) - datetime.timedelta(days=rng.randrange(70 * 365)),
                datetime.date(2026, 6, 30),
            ),
        }
        for _ in range(count)
    ]


TABLE_NAMES = sorted(disclosure.TABLES)


@pytest.mark.parametrize("name", TABLE_NAMES)
@pytest.mark.parametrize("seed", range(4))
def test_no_table_shows_a_cell_below_the_threshold(name, seed):
    table = build_table(name, _victims(random.Random(seed), random.Random(seed).randint(20, 300)))
    for row in table.rows:
        for column in table.columns:
            shown = table.shown(row, column)
            assert shown is None or shown == 0 or shown >= 11, (row, column, shown)


@pytest.mark.parametrize("name", TABLE_NAMES)
@pytest.mark.parametrize("seed", range(4))
def test_no_hidden_cell_can_be_recovered_from_the_rows_columns_and_totals(name, seed):
    table = build_table(name, _victims(random.Random(seed), random.Random(seed).randint(20, 300)))
    ranges = feasible_ranges(table.cells, table.lines(), table.hidden)
    recovered = {key: low for key, (low, high) in ranges.items() if low == high}
    assert not recovered, f"recoverable from the totals: {recovered}"


def test_a_lone_small_cell_takes_a_second_cell_with_it():
    victims = [{"sex": "female"}] * 40 + [{"sex": "male"}] * 25 + [{"sex": "other"}] * 3
    table = build_table("victims-by-sex", victims)
    assert table.shown("other", disclosure.ALL) is None
    assert table.shown("male", disclosure.ALL) is None, "the smallest other cell hides with it"
    assert table.shown("female", disclosure.ALL) == 40
    assert table.shown(disclosure.TOTAL, disclosure.ALL) == 68


def test_a_cell_pinned_by_the_totals_is_found_and_given_companions():
    cells = {
        ("r1", "c1"): 3,
        ("r1", "c2"): 20,
        ("r1", "T"): 23,
        ("r2", "c1"): 20,
        ("r2", "c2"): 20,
        ("r2", "T"): 40,
        ("T", "c1"): 23,
        ("T", "c2"): 40,
        ("T", "T"): 63,
    }
    lines = disclosure.grid_lines(["r1", "r2"], ["c1", "c2"], "T", "T")
    hidden = {("r1", "c1")}
    assert feasible_ranges(cells, lines, hidden) == {("r1", "c1"): (3, 3)}
    protected = disclosure.protect(cells, lines)
    ranges = feasible_ranges(cells, lines, protected)
    assert all(low < high for low, high in ranges.values())


def test_hidden_cells_print_alike_so_the_small_ones_are_not_singled_out():
    victims = [{"sex": "female"}] * 40 + [{"sex": "male"}] * 25 + [{"sex": "other"}] * 3
    printed = build_table("victims-by-sex", victims).as_rows()
    assert ["male", "x"] in printed and ["other", "x"] in printed


@pytest.mark.parametrize("seed", range(30))
def test_the_quick_recovery_check_finds_what_the_full_one_finds(seed):
    rng = random.Random(seed)
    rows, columns = ["a", "b", "c"][: rng.randint(2, 3)], ["x", "y", "z"][: rng.randint(2, 3)]
    inner = {(r, c): rng.choice([0, 1, 1, 2, 3, 5, 12, 20]) for r in rows for c in columns}
    cells = dict(inner)
    for r in rows:
        cells[(r, "T")] = sum(inner[(r, c)] for c in columns)
    for c in [*columns, "T"]:
        cells[("T", c)] = sum(cells[(r, c)] for r in rows)
    lines = disclosure.grid_lines(rows, columns, "T", "T")
    nonzero = [key for key, value in cells.items() if value]
    hidden = set(rng.sample(nonzero, rng.randint(1, len(nonzero))))
    exact = {
        key: low
        for key, (low, high) in feasible_ranges(cells, lines, hidden).items()
        if low == high
    }
    assert disclosure.recovered_cells(cells, lines, hidden) == exact
