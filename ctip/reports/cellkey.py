"""Public release by the cell-key method (as the Australian Bureau of Statistics' TableBuilder
and the UK's Office for National Statistics publish census tables): every published count
of people is perturbed by a small amount that depends only on WHICH records it counts.

- Every group of records the counts are built from — the participants of one event who share
  sex, country of origin, organisation type and OPD flag, a row of the participation cube —
  has a key: a keyed hash (HMAC under SECRET_KEY) of the event, the group and its size.
- A cell's key is the sum of the keys of the groups it counts, modulo 2^32. The same records
  give the same key in every table, filter and period, so the same cell always shows the same
  number: asking again, or reaching it through another filter, tells nothing new.
- The cell's key picks its perturbation from a fixed table of noise, -2 to +2 (mean 0,
  variance 1.2). A non-zero count stays at least 1, and perturbed counts from 1 to
  threshold-1 are shown as "<5".
- One empty cell in ZERO_SHOWN_SMALL is shown as "<5" too, picked by a keyed hash of the table
  (the events it counts) and the cell, so that a "<5" may be nobody. Bounded noise alone leaves one
  opening: when every table an attacker subtracts drew its noise at the bound, the subtraction
  pins a small cell at exactly 1. With nobody possible under "<5", the same subtraction leaves
  at least {0, 1}.

Because every published cell carries its own noise, totals are no longer the sums of their
cells, and subtracting public tables from one another (a program's Table 2 minus all its
projects' but one) leaves the noise of every table used, never a small cell exactly.
What it costs: each published count of people may be off by up to 2 (zero-mean), so
public totals and their parts do not add up exactly. docs/reports.md.
"""

from __future__ import annotations

from django.utils.crypto import salted_hmac

MODULUS = 2**32
SALT = "ctip.reports.cell-key"
# Noise by cell key: symmetric, mean 0, variance 1.2, at most 2 either way.
NOISE = (-2, -1, -1, 0, 0, 0, 0, 1, 1, 2)
MAX_NOISE = max(abs(step) for step in NOISE)
# One empty cell in this many is published as "<5" (a "<5" may be nobody).
ZERO_SHOWN_SMALL = 4


class KeyedCount(int):
    """A count that carries the cell key of the records it counts; adding and subtracting
    counts adds and subtracts their keys (a union or difference of disjoint sets)."""

    key: int

    def __new__(cls, value: int, key: int = 0):
        count = super().__new__(cls, value)
        count.key = key % MODULUS
        return count

    def __add__(self, other):
        return KeyedCount(int(self) + int(other), self.key + getattr(other, "key", 0))

    __radd__ = __add__

    def __sub__(self, other):
        return KeyedCount(int(self) - int(other), self.key - getattr(other, "key", 0))

    def __rsub__(self, other):
        return KeyedCount(int(other) - int(self), getattr(other, "key", 0) - self.key)


def group_count(n: int, *identity) -> KeyedCount:
    """N records of one group (an event's participants of one kind), with their key."""
    text = "|".join(str(part) for part in (*identity, n))
    digest = salted_hmac(SALT, text, algorithm="sha256").digest()
    return KeyedCount(n, int.from_bytes(digest[:4], "big"))


def perturbed(count) -> int:
    """The published value of COUNT: zero stays zero, others move by the noise their key
    picks and stay at least 1. A count without a key is returned unchanged."""
    if not isinstance(count, KeyedCount) or count == 0:
        return int(count)
    return max(1, int(count) + NOISE[count.key % len(NOISE)])


def nobody_shown_small(table, cell) -> bool:
    """Whether an empty CELL of TABLE (the table's identity: the report, the events it
    counts, the section) is published as "<5": one in ZERO_SHOWN_SMALL, the same on every
    request and through every filter that selects the same events."""
    text = "|".join(str(part) for part in (*table, cell))
    digest = salted_hmac(SALT + ".nobody", text, algorithm="sha256").digest()
    return int.from_bytes(digest[:4], "big") % ZERO_SHOWN_SMALL == 0
