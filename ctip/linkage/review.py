"""The review queue in the order that settles most per decision, and decisions that settle
the pairs depending on them. Used by the review page and `ctip people review`."""

from __future__ import annotations

from collections import Counter

from django.db import transaction
from django.utils import timezone

from ctip.accounts.access import people_for

from . import actions
from .engine import (
    HELD_AGENCIES,
    HELD_POSITIONS,
    ReviewRates,
    change_chance,
    queued_pair_priority,
    review_kind,
)
from .models import CandidatePair, ClusterMember, ReviewDecision


def visible_pairs(user, program):
    """Open pairs whose two records USER may both see."""
    visible = people_for(user).values("pk")
    return CandidatePair.objects.filter(
        program=program,
        status=CandidatePair.Status.OPEN,
        person_a__in=visible,
        person_b__in=visible,
    )


def ordered_queue(pairs) -> list[CandidatePair]:
    """PAIRS (a queryset of open pairs of one program) in the order that changes the people
    most per decision, most first (engine.queued_pair_priority): the model's chance that
    the answer changes the people, as the program's reviewers' answers on pairs of its kind
    bear it out (review_rates) — a pair inside one person by its weaker record's link into
    it — then the records the decision bears on, the likelier pair, the earlier records. One
    pair for each two people: an answer settles the others between them (do_decide_pair), so a
    reviewer working down the list (`ctip people review list --limit 25`) is never asked the
    same question twice."""
    pairs = list(pairs)
    if not pairs:
        return []
    people = {pair.person_a_id for pair in pairs} | {pair.person_b_id for pair in pairs}
    standing = _Standing(people)
    rates = review_rates(pairs[0].program_id)

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

    queue, asked = [], set()
    for pair in sorted(pairs, key=key):
        # the two people the pair is between (a record in no cluster is a person of its own)
        two = frozenset(
            standing.cluster_of.get(x, -x) for x in (pair.person_a_id, pair.person_b_id)
        )
        if len(two) == 2:
            if two in asked:
                continue
            asked.add(two)
        queue.append(pair)
    return queue


class _Standing:
    """Where the model has put some records: each one's cluster, the link that brought it
    in (ClusterMember.match_probability) and its cluster's size."""

    def __init__(self, people):
        self.cluster_of, self.attached = {}, {}
        for person_id, cluster_id, probability in ClusterMember.objects.filter(
            person_id__in=people
        ).values_list("person_id", "cluster_id", "match_probability"):
            self.cluster_of[person_id] = cluster_id
            self.attached[person_id] = probability
        self.sizes = Counter(
            ClusterMember.objects.filter(cluster_id__in=set(self.cluster_of.values())).values_list(
                "cluster_id", flat=True
            )
        )

    def of(self, pair) -> dict:
        """PAIR's standing as engine.queued_pair_priority takes it: WITHIN, the model made
        the two one person; RECORDS, the two people's records; ATTACHED, their links."""
        a, b = pair.person_a_id, pair.person_b_id
        return {
            "within": self.cluster_of.get(a) == self.cluster_of.get(b) is not None,
            "records": tuple(
                self.sizes[self.cluster_of[x]] if x in self.cluster_of else 1 for x in (a, b)
            ),
            "attached": (self.attached.get(a), self.attached.get(b)),
        }


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
    for a, b, same, moves, expected in ReviewDecision.objects.filter(
        program_id=program_id, withdrawn_at__isnull=True
    ).values_list(
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
    standing = _Standing((pair.person_a_id, pair.person_b_id)).of(pair)
    expected = change_chance(
        pair.match_probability,
        pair.held_because,
        within=standing["within"],
        attached=standing["attached"],
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
