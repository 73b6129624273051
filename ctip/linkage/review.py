"""The review queue in the order that settles most per decision, and decisions that settle
the pairs depending on them. Used by the review page and `ctip people review`."""

from __future__ import annotations

from collections import Counter

from django.db import transaction
from django.utils import timezone

from ctip.accounts.access import people_for

from . import actions
from .engine import ReviewRates, queued_pair_priority, review_kind
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
    """PAIRS (a queryset of open pairs of one program) ordered by priority(), most first:
    each pair's kind rated by how often the program's reviewers' decisions of that kind
    changed the people (review_rates), a pair inside one person by its weaker record's
    link into it."""
    pairs = list(pairs)
    if not pairs:
        return []
    people = {pair.person_a_id for pair in pairs} | {pair.person_b_id for pair in pairs}
    cluster_of, attached = {}, {}
    for person_id, cluster_id, probability in ClusterMember.objects.filter(
        person_id__in=people
    ).values_list("person_id", "cluster_id", "match_probability"):
        cluster_of[person_id] = cluster_id
        attached[person_id] = probability
    sizes = Counter(
        ClusterMember.objects.filter(cluster_id__in=set(cluster_of.values())).values_list(
            "cluster_id", flat=True
        )
    )
    rates = review_rates(pairs[0].program_id)

    def records(person_id: int) -> int:
        cluster = cluster_of.get(person_id)
        return sizes[cluster] if cluster is not None else 1

    def key(pair):
        """The pair's place: its priority over the records the decision bears on — both
        people's, or the one person's when the model already linked the two (a
        "different" splits it) — then the likelier pair, then the older."""
        probability = pair.match_probability
        a, b = pair.person_a_id, pair.person_b_id
        within = cluster_of.get(a) == cluster_of.get(b) is not None
        return (
            -queued_pair_priority(
                probability,
                pair.held_because,
                rates,
                within=within,
                records=(records(a), records(b)),
                attached=(attached.get(a), attached.get(b)),
            ),
            -probability,
            pair.pk,
        )

    return sorted(pairs, key=key)


def review_rates(program_id: int) -> ReviewRates:
    """The program's reviewers' decisions on queued pairs, by kind (engine.review_kind):
    how many, and how many changed the people. A merge that joined two people, or a split
    that parted one, changed them (its event moved a record to another cluster); so a
    merge that changed nothing was inside one person, and a split that changed something
    was."""
    rates = ReviewRates()
    held = {
        (a, b): why
        for a, b, why in CandidatePair.objects.filter(program_id=program_id).values_list(
            "person_a_id", "person_b_id", "held_because"
        )
    }
    for a, b, same, moves in ReviewDecision.objects.filter(
        program_id=program_id, withdrawn_at__isnull=True
    ).values_list("person_a_id", "person_b_id", "same_person", "link_event__moves"):
        if (a, b) not in held:
            continue  # a merge or split made elsewhere, not a question of the queue
        changed = any(move["from"] != move["to"] for move in moves or ())
        rates.record(review_kind(held[(a, b)], within=changed != same), changed)
    return rates


@transaction.atomic
def do_decide_pair(actor, pair: CandidatePair, same: bool) -> int:
    """A reviewer's word on PAIR, applied at once (merge or split), and the open pairs that
    depend on it settled: after "same", pairs now inside one person; after "different",
    pairs between the two people (a later run keeps them apart). Returns how many other
    pairs were settled."""
    if same:
        actions.do_merge_people(actor, pair.person_a, pair.person_b)
    else:
        actions.do_split_people(actor, pair.person_a, pair.person_b)
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
