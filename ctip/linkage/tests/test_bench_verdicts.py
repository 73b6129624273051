"""The benchmark's verdicts (`python -m ctip.bench linkage`) judge exact figures: a figure
rounded for printing never meets a target the exact one misses."""

from ctip.bench.linkage import _exactly, _verdict
from ctip.linkage.benchmark.metrics import accuracy


def test_an_f1_a_hair_under_the_target_is_missed_though_it_prints_as_the_target():
    assert _verdict("F1", 0.969993, ">=", 0.97).startswith("MISSED")
    assert _verdict("F1", 0.97, ">=", 0.97).startswith("MET")


def test_the_figures_carry_f1_to_six_places_for_the_verdict():
    # three records of one person, one linked apart: recall 1/3, precision 1
    figures = _exactly(accuracy({1: 1, 2: 1, 3: 3}, {1: "a", 2: "a", 3: "a"}))
    assert figures["f1"] == 0.5
    assert figures["f1_exact"] == 0.5
    figures = _exactly(accuracy({i: i // 3 for i in range(7)}, {i: 0 for i in range(7)}))
    assert figures["f1_exact"] != figures["f1"]
    assert round(figures["f1_exact"], 4) == figures["f1"]
