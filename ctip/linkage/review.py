"""The review queue in the order that settles most per decision, and decisions that settle
the pairs depending on them. Used by the review page and `ctip people review`."""

from __future__ import annotations

from collections import Counter

from django.db import transaction
from django.utils import timezone

from ctip.accounts.access import people_for

from . import actions
from .engine import review_priority as priority
from .models import CandidatePair, ClusterMember


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
    """PAIRS (a queryset of open pairs) ordered by priority(), most first."""
    pairs = list(pairs)
    people = {pair.person_a_id for pair in pairs} | {pair.person_b_id for pair in pairs}
    cluster_of = dict(
        ClusterMember.objects.filter(person_id__in=people).values_list("person_id", "cluster_id")
    )
    sizes = Counter(
        ClusterMember.objects.filter(cluster_id__in=set(cluster_of.values())).values_list(
            "cluster_id", flat=True
        )
    )

    def records(person_id: int) -> int:
        cluster = cluster_of.get(person_id)
        return sizes[cluster] if cluster is not None else 1

    def joined(pair) -> int:
        """The records the decision bears on: both people's, or the one person's when
        the model already linked the two (a "different" splits it)."""
        if cluster_of.get(pair.person_a_id) == cluster_of.get(pair.person_b_id) is not None:
            return records(pair.person_a_id)
        return records(pair.person_a_id) + records(pair.person_b_id)

    return sorted(
        pairs,
        key=lambda pair: (
            -priority(pair.match_probability, joined(pair), pair.held_because),
            -pair.match_probability,
            pair.pk,
        ),
    )


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
