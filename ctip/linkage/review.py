"""The review queue in the order that settles most per decision, and decisions that settle
the pairs depending on them. Used by the review page and `ctip people review`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from ctip.accounts.access import people_for

from . import actions
from .engine import (
    HELD_AGENCIES,
    HELD_POSITIONS,
    LINK_THRESHOLD,
    ReviewRates,
    change_chance,
    joined_strength,
    queued_pair_priority,
    review_kind,
)
from .models import CandidatePair, ClusterMember, ScoredPair


def visible_pairs(user, program):
    """Open pairs whose two records USER may both see."""
    visible = people_for(user).values("pk")
    return CandidatePair.objects.filter(
        program=program,
        status=CandidatePair.Status.OPEN,
        person_a__in=visible,
        person_b__in=visible,
    )


@dataclass(frozen=True)
class Queue:
    """The first pairs of a review queue, in order, and how many questions it holds."""

    pairs: list[CandidatePair]
    total: int


class _Open(NamedTuple):
    """What the queue's order needs of an open pair, read without building the model."""

    pk: int
    program_id: int
    person_a_id: int
    person_b_id: int
    match_probability: float
    held_because: str
    evidence: list


def ordered_queue(pairs, *, limit: int | None = None) -> Queue:
    """PAIRS (a queryset of open pairs of one program) in the order that changes the people
    most per decision, most first (engine.queued_pair_priority): the model's chance that
    the answer changes the people, as the program's reviewers' answers on pairs of its kind
    bear it out (review_rates) — a pair inside one person by what holds its two records
    together (engine.joined_strength) — then the records the decision bears on, the likelier
    pair, the earlier records. One pair for each two people: an answer settles the others
    between them (do_decide_pair), so a reviewer working down the list (`ctip people review
    list --limit 25`) is never asked the same question twice. The first LIMIT (all when
    None) come back as PAIRS' objects; the order is worked out on their fields alone (a
    program of 52,000 records had 205,000 open pairs)."""
    rows = [_Open(*row) for row in pairs.values_list(*_Open._fields)]
    if not rows:
        return Queue([], 0)
    standing = _Standing(rows)
    rates = review_rates(rows[0].program_id)

    def key(pair):
        priority, records = queued_pair_priority(
            pair.match_probability,
            pair.held_because,
            rates,
            evidence=pair.evidence,
            **standing.of(pair),
        )
        # to nine places, and the records' ids last: DuckDB's threads vary a probability's
        # last bits and the order pairs come out in (so the pairs' ids) from run to run,
        # which must not reorder two questions as likely
        return (
            -round(priority, 9),
            -records,
            -round(pair.match_probability, 9),
            pair.person_a_id,
            pair.person_b_id,
        )

    order, asked = [], set()
    for pair in sorted(rows, key=key):
        # the two people the pair is between (a record in no cluster is a person of its own)
        two = frozenset(
            standing.cluster_of.get(x, -x) for x in (pair.person_a_id, pair.person_b_id)
        )
        if len(two) == 2:
            if two in asked:
                continue
            asked.add(two)
        order.append(pair.pk)
    first = order if limit is None else order[:limit]
    found = pairs.in_bulk(first)
    return Queue([found[pk] for pk in first], len(order))


class _Standing:
    """Where the model has put the records of some queued PAIRS: each one's cluster and its
    cluster's size, and for a pair inside one cluster what holds its two records together
    (engine.joined_strength over the links the last linkage run kept among the cluster's
    records, ScoredPair, and the reviewers' "same person")."""

    def __init__(self, pairs):
        people = {pair.person_a_id for pair in pairs} | {pair.person_b_id for pair in pairs}
        clusters = set(
            ClusterMember.objects.filter(person_id__in=people).values_list("cluster_id", flat=True)
        )
        # every record of those clusters: the pairs' own, and the links among the rest
        self.cluster_of = dict(
            ClusterMember.objects.filter(cluster_id__in=clusters).values_list(
                "person_id", "cluster_id"
            )
        )
        self.sizes = Counter(self.cluster_of.values())
        within = [(pair.person_a_id, pair.person_b_id) for pair in pairs if self._within(pair)]
        self.joined = _joined(pairs[0].program_id, within, self.cluster_of) if within else {}

    def _within(self, pair) -> bool:
        cluster = self.cluster_of.get(pair.person_a_id)
        return cluster is not None and cluster == self.cluster_of.get(pair.person_b_id)

    def of(self, pair) -> dict:
        """PAIR's standing as engine.queued_pair_priority takes it: WITHIN, the model made
        the two one person; RECORDS, the two people's records; JOINED, what holds the two
        records of one person together (None: nothing kept says)."""
        a, b = pair.person_a_id, pair.person_b_id
        return {
            "within": self._within(pair),
            "records": tuple(
                self.sizes[self.cluster_of[x]] if x in self.cluster_of else 1 for x in (a, b)
            ),
            "joined": self.joined.get((a, b)),
        }


def _joined(program_id: int, within, cluster_of: dict) -> dict:
    """For each pair of records (a, b) in WITHIN, both in one cluster (CLUSTER_OF: every
    record of their clusters): engine.joined_strength over the links among its cluster's
    records — the pairs the last linkage run kept at or above the link threshold, and the
    reviewers' "same person" — read a thousand clusters at a time."""
    clusters = sorted({cluster_of[a] for a, _ in within})
    links = []
    for start in range(0, len(clusters), 1000):
        inside = ClusterMember.objects.filter(cluster_id__in=clusters[start : start + 1000]).values(
            "person_id"
        )
        scored = ScoredPair.objects.filter(
            program_id=program_id,
            match_probability__gte=LINK_THRESHOLD,
            person_a__in=inside,
            person_b__in=inside,
        ).values_list("person_a_id", "person_b_id", "match_probability")
        same = (
            actions.active_decisions(program_id)
            .filter(same_person=True, person_a__in=inside, person_b__in=inside)
            .values_list("person_a_id", "person_b_id")
        )
        links += [(a, b, p) for a, b, p in scored if cluster_of[a] == cluster_of[b]]
        links += [(a, b, 1.0) for a, b in same if cluster_of[a] == cluster_of[b]]
    return joined_strength(links, within)


def conflict_weights(program_id: int) -> dict:
    """What a conflict of posts or agencies says, as the program's last linkage run measured
    it (engine.CONFLICT_COMPARISONS); none before a run that kept it."""
    weights = actions.link_run_weights(program_id)
    if weights is None:
        return {}
    return {HELD_POSITIONS: weights["positions"], HELD_AGENCIES: weights["agencies"]}


def review_rates(program_id: int) -> ReviewRates:
    """The program's reviewers' decisions on queued pairs, by kind (engine.review_kind):
    how many changed the people, against the model's chances that they would. A merge
    that joined two people, or a split that parted one, changed them (its event moved a
    record to another cluster); so a merge that changed nothing was inside one person, and
    a split that changed something was. The chance is the one the queue had when the
    decision was made (ReviewDecision.expected_change); for a decision made before it was
    kept, the pair's own (engine.change_chance without the records' links)."""
    rates = ReviewRates(conflict_weights(program_id))
    held = {
        (a, b): (why, probability)
        for a, b, why, probability in CandidatePair.objects.filter(
            program_id=program_id
        ).values_list("person_a_id", "person_b_id", "held_because", "match_probability")
    }
    for a, b, same, moves, expected in actions.active_decisions(program_id).values_list(
        "person_a_id", "person_b_id", "same_person", "link_event__moves", "expected_change"
    ):
        if (a, b) not in held:
            continue  # a merge or split made elsewhere, not a question of the queue
        why, probability = held[(a, b)]
        changed = any(move["from"] != move["to"] for move in moves or ())
        within = changed != same
        if expected is None:
            expected = change_chance(probability, why, within=within)
        rates.record(review_kind(why, within), changed, expected)
    return rates


@transaction.atomic
def do_decide_pair(actor, pair: CandidatePair, same: bool) -> int:
    """A reviewer's word on PAIR, applied at once, and the open pairs that depend on it
    settled. The two people's records are grouped again with the answer binding
    (actions.do_merge_people / do_split_people with regroup): the answer is about two
    records, and a record the model joined to one of them can turn out to be someone
    else. Returns how many other pairs were settled.

    When the last linkage run kept no scored pairs (a program linked by an older version):
    the two people merged whole, or B split off alone, and the pairs settled are, after
    "same", those now inside one person; after "different", those between the two."""
    standing = _Standing([pair]).of(pair)
    expected = change_chance(
        pair.match_probability,
        pair.held_because,
        within=standing["within"],
        joined=standing["joined"],
        evidence=pair.evidence,
        conflict_weights=conflict_weights(pair.program_id),
    )
    decide = actions.do_merge_people if same else actions.do_split_people
    event = decide(actor, pair.person_a, pair.person_b, expected_change=expected, regroup=True)
    if "pairs" in event.summary:
        return event.summary["pairs"]["settled"]
    cluster_a = ClusterMember.objects.get(person_id=pair.person_a_id).cluster_id
    cluster_b = ClusterMember.objects.get(person_id=pair.person_b_id).cluster_id
    members = dict(
        ClusterMember.objects.filter(cluster_id__in={cluster_a, cluster_b}).values_list(
            "person_id", "cluster_id"
        )
    )
    settled = []
    for other in CandidatePair.objects.filter(
        program_id=pair.program_id,
        status=CandidatePair.Status.OPEN,
        person_a_id__in=members,
        person_b_id__in=members,
    ).exclude(pk=pair.pk):
        a, b = members[other.person_a_id], members[other.person_b_id]
        if (same and a == b) or (not same and a != b):
            settled.append(other.pk)
    CandidatePair.objects.filter(pk__in=settled).update(
        status=CandidatePair.Status.SETTLED, decided_at=timezone.now()
    )
    return len(settled)
