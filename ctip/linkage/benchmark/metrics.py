"""Pairwise precision, recall and F1 of a clustering against the truth, and the error in
the unique count. Pairs are counted from cluster sizes, never listed, so 1M records is cheap."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


def _pairs(sizes) -> int:
    return sum(size * (size - 1) // 2 for size in sizes)


@dataclass(frozen=True)
class Accuracy:
    precision: float
    recall: float
    f1: float
    true_people: int
    found_people: int

    @property
    def unique_count_error(self) -> float:
        """(found - true) / true: positive when people are counted twice."""
        return (self.found_people - self.true_people) / self.true_people

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_people": self.true_people,
            "found_people": self.found_people,
            "unique_count_error_pct": round(100 * self.unique_count_error, 2),
        }


def accuracy(found: dict, truth: dict) -> Accuracy:
    """FOUND and TRUTH map each record id to a cluster label."""
    both = Counter((found[record_id], truth[record_id]) for record_id in truth)
    true_positive = _pairs(both.values())
    predicted = _pairs(Counter(found[record_id] for record_id in truth).values())
    actual = _pairs(Counter(truth.values()).values())
    precision = true_positive / predicted if predicted else 1.0
    recall = true_positive / actual if actual else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Accuracy(
        precision,
        recall,
        f1,
        len(set(truth.values())),
        len({found[record_id] for record_id in truth}),
    )
