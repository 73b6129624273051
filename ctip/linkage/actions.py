"""Writes to who-is-who: model runs, reviewers' merges and splits, and undoing them.

Attendance rows are never touched: a merge or split moves records (Person rows) between
clusters, and every move is listed in its LinkEvent so it can be undone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ctip.lib.names import romanise
from ctip.people.models import Attendance, Person
from ctip.programs.models import Program

from .models import CandidatePair, Cluster, ClusterMember, DecidedBy, LinkEvent, ReviewDecision


@dataclass
class LinkReport:
    """What a linkage run did, for the command to print."""

    rebuild: bool
    records: int = 0
    new_records: int = 0
    pairs_scored: int = 0
    links_made: int = 0
    people_before: int = 0
    people_after: int = 0
    queued_for_review: int = 0
    reviewer_decisions_kept: int = 0
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        kind = "rebuilt from scratch" if self.rebuild else "incremental"
        return [
            f"linkage run ({kind})",
            f"  records: {self.records} ({self.new_records} not linked before)",
            f"  candidate pairs scored: {self.pairs_scored}",
            f"  links made by the model: {self.links_made}",
            f"  reviewer decisions respected: {self.reviewer_decisions_kept}",
            f"  unique people: {self.people_before} before, {self.people_after} after",
            f"  pairs waiting for review: {self.queued_for_review}",
        ]


def _ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _records(program: Program) -> list[dict]:
    rows = Person.objects.filter(program=program).values(
        "id",
        "full_name",
        "romanised_name",
        "sex",
        "country_of_origin_id",
        "organisation_id",
        "organisation__name",
        "organisation__acronym",
        "organisation__country_id",
        "position",
        "email",
        "phone",
    )
    events: dict[int, list[int]] = {}
    for person_id, event_id in Attendance.objects.filter(person__program=program).values_list(
        "person_id", "event_id"
    ):
        events.setdefault(person_id, []).append(event_id)
    from ctip.organisations.actions import organisation_identities

    identities = organisation_identities()
    return [
        {
            "unique_id": row["id"],
            "name": row["full_name"],
            # A romanisation the system made letter by letter is no better than our own.
            "romanised_name": (
                "" if row["romanised_name"] == romanise(row["full_name"]) else row["romanised_name"]
            ),
            "organisation": row["organisation__name"] or "",
            "organisation_acronym": row["organisation__acronym"] or "",
            # the registry's organisation (an acronym and a full name count as one)
            "organisation_key": identities.get(row["organisation_id"], (None, None))[0],
            "organisation_root": identities.get(row["organisation_id"], (None, None))[1],
            "organisation_country": row["organisation__country_id"] or "",
            "position": row["position"],
            "email": row["email"],
            "phone": row["phone"],
            "country": row["country_of_origin_id"] or "",
            "sex": row["sex"],
            "events": events.get(row["id"], []),
        }
        for row in rows
    ]


def _active_decisions(program: Program):
    return ReviewDecision.objects.filter(program=program, withdrawn_at__isnull=True)


def _people_count(program: Program) -> int:
    clustered = (
        ClusterMember.objects.filter(person__program=program)
        .values("cluster_id")
        .distinct()
        .count()
    )
    unclustered = Person.objects.filter(program=program, cluster_member__isnull=True).count()
    return clustered + unclustered


@transaction.atomic
def do_link_people(program: Program, *, rebuild: bool = False, actor=None) -> LinkReport:
    """Link the program's records into people.

    Incremental (default): people already established keep their records; records not
    linked before join them or each other; two established people are never merged by the
    model (the pair goes to review). Rebuild: every model decision is taken again from
    scratch. Either way reviewer decisions bind: a pair judged the same stays together, a
    pair judged different stays apart.
    """
    report = LinkReport(rebuild=rebuild)
    report.people_before = _people_count(program)
    records = _records(program)
    report.records = len(records)
    ids = [record["unique_id"] for record in records]
    members = {
        member.person_id: member
        for member in ClusterMember.objects.filter(person__program=program).select_related(
            "cluster"
        )
    }
    report.new_records = sum(1 for record_id in ids if record_id not in members)
    decisions = list(_active_decisions(program).values_list("person_a", "person_b", "same_person"))
    report.reviewer_decisions_kept = len(decisions)
    must_link = [(a, b) for a, b, same in decisions if same]
    cannot_link = [(a, b) for a, b, same in decisions if not same]

    from . import engine  # pandas and splink: loaded by the commands that link, not by others

    scored = engine.score(records)
    pairs = scored.pairs
    report.pairs_scored = len(pairs)
    report.notes += scored.skipped_training

    by_cluster: dict[int, list[int]] = {}
    for person_id, member in members.items():
        if rebuild and member.decided_by == DecidedBy.MODEL:
            continue
        by_cluster.setdefault(member.cluster_id, []).append(person_id)
    reached = engine.contacts(records)
    groups, applied, held = engine.cluster(
        ids,
        pairs,
        must_link=must_link,
        cannot_link=cannot_link,
        fixed_groups=list(by_cluster.values()),
        events={record["unique_id"]: record["events"] for record in records},
        contacts=reached,
        positions=engine.positions(records, reached),
        organisations=engine.organisations(records, reached),
    )
    report.links_made = len(applied)
    now = timezone.now()
    probability_of = {}
    for a, b, probability in applied:
        for record_id in (a, b):
            probability_of[record_id] = max(probability_of.get(record_id, 0.0), probability)

    # One cluster per group: keep the cluster most of its records had, if still free.
    by_group: dict[int, list[int]] = {}
    for record_id, group in groups.items():
        by_group.setdefault(group, []).append(record_id)
    taken: set[int] = set()
    cluster_of_group: dict[int, int] = {}
    new_clusters_needed = []
    for group, record_ids in by_group.items():
        previous = Counter(
            members[record_id].cluster_id for record_id in record_ids if record_id in members
        )
        chosen = next((cid for cid, _ in previous.most_common() if cid not in taken), None)
        if chosen is None:
            new_clusters_needed.append(group)
        else:
            taken.add(chosen)
            cluster_of_group[group] = chosen
    created = Cluster.objects.bulk_create(
        [Cluster(program=program) for _ in new_clusters_needed], batch_size=1000
    )
    for group, cluster in zip(new_clusters_needed, created, strict=True):
        cluster_of_group[group] = cluster.pk

    to_create, to_update = [], []
    for record_id, group in groups.items():
        cluster_id = cluster_of_group[group]
        member = members.get(record_id)
        if member is None:
            to_create.append(
                ClusterMember(
                    person_id=record_id,
                    cluster_id=cluster_id,
                    match_probability=probability_of.get(record_id),
                    decided_by=DecidedBy.MODEL,
                    decided_at=now,
                )
            )
        elif member.cluster_id != cluster_id:
            member.cluster_id = cluster_id
            member.match_probability = probability_of.get(record_id)
            member.decided_by = DecidedBy.MODEL
            member.decided_at = now
            to_update.append(member)
    ClusterMember.objects.bulk_create(to_create, batch_size=1000)
    ClusterMember.objects.bulk_update(
        to_update, ["cluster", "match_probability", "decided_by", "decided_at"], batch_size=1000
    )
    # Clusters left empty stay: undoing a merge may need them again.
    report.queued_for_review = _queue_for_review(program, pairs, groups, held, decisions)
    report.people_after = _people_count(program)
    LinkEvent.objects.create(
        program=program,
        kind=LinkEvent.Kind.REBUILD if rebuild else LinkEvent.Kind.LINK_RUN,
        actor=actor if getattr(actor, "pk", None) else None,
        at=now,
        summary={
            "records": report.records,
            "new_records": report.new_records,
            "pairs_scored": report.pairs_scored,
            "links_made": report.links_made,
            "people_before": report.people_before,
            "people_after": report.people_after,
            "queued_for_review": report.queued_for_review,
        },
    )
    return report


def _queue_for_review(program, pairs, groups, held, decisions) -> int:
    """Open a review for each uncertain pair still in two clusters, and for each unsure
    pair inside one (engine.UNSURE_LINK_BELOW: "different people" splits what the model
    made); settle the rest."""
    decided = {_ordered(a, b) for a, b, _ in decisions}
    from . import engine

    held_because = {_ordered(a, b): why for a, b, _, why in held}
    wanted: dict[tuple[int, int], dict] = {}
    for row in pairs.to_dict("records"):
        a, b = _ordered(int(row["unique_id_l"]), int(row["unique_id_r"]))
        if (a, b) in decided:
            continue
        probability = float(row["match_probability"])
        if probability < engine.REVIEW_THRESHOLD:
            continue
        if groups.get(a) == groups.get(b):
            if probability >= engine.UNSURE_LINK_BELOW:
                continue
            held_because[(a, b)] = engine.LINKED_UNSURE
        elif probability >= engine.LINK_THRESHOLD and (a, b) not in held_because:
            continue
        wanted[(a, b)] = {
            "held_because": held_because.get((a, b), ""),
            "match_probability": probability,
            "match_weight": float(row["match_weight"]),
            "evidence": engine.evidence(row),
        }
    existing = {
        (pair.person_a_id, pair.person_b_id): pair
        for pair in CandidatePair.objects.filter(program=program, status=CandidatePair.Status.OPEN)
    }
    stale = [pair.pk for key, pair in existing.items() if key not in wanted]
    CandidatePair.objects.filter(pk__in=stale).update(
        status=CandidatePair.Status.SETTLED, decided_at=timezone.now()
    )
    already = set(
        CandidatePair.objects.filter(program=program).values_list("person_a_id", "person_b_id")
    )
    CandidatePair.objects.bulk_create(
        [
            CandidatePair(program=program, person_a_id=a, person_b_id=b, **fields)
            for (a, b), fields in wanted.items()
            if (a, b) not in already
        ],
        batch_size=1000,
    )
    return CandidatePair.objects.filter(program=program, status=CandidatePair.Status.OPEN).count()


def _member(person: Person) -> ClusterMember:
    """The person's membership, creating a cluster of their own if they have none yet."""
    member = ClusterMember.objects.select_for_update().filter(person=person).first()
    if member is None:
        member = ClusterMember.objects.create(
            person=person,
            cluster=Cluster.objects.create(program=person.program),
            decided_by=DecidedBy.MODEL,
            decided_at=timezone.now(),
        )
    return member


def _move(member: ClusterMember, cluster_id: int, decided_by: str, now) -> dict:
    move = {
        "person": member.person_id,
        "from": member.cluster_id,
        "to": cluster_id,
        "was": member.decided_by,
        "probability": member.match_probability,
    }
    member.cluster_id = cluster_id
    member.decided_by = decided_by
    member.decided_at = now
    member.save(update_fields=["cluster", "decided_by", "decided_at"])
    return move


def _settle_pair(a: Person, b: Person, status: str, now) -> None:
    low, high = _ordered(a.pk, b.pk)
    CandidatePair.objects.filter(person_a_id=low, person_b_id=high).update(
        status=status, decided_at=now
    )


@transaction.atomic
def do_merge_people(
    actor, a: Person, b: Person, *, expected_change: float | None = None
) -> LinkEvent:
    """A reviewer says A and B are one person: B's cluster joins A's. Binding on later runs.

    Only records the reviewer may see move (ctip.accounts.access.people_for): a country
    officer's merge never moves another country's records. Those stay where they were, in
    B's former cluster, for a reviewer who sees them (a MEL officer) to join if they are
    the same person; nothing on the page tells the country officer they exist.
    EXPECTED_CHANGE: the queue's chance that the decision changes the people, kept with it
    (review.do_decide_pair)."""
    if a.pk == b.pk or a.program_id != b.program_id:
        raise ValueError("a merge needs two records of the same program")
    from ctip.accounts.access import people_for

    visible = people_for(actor).values("pk") if actor is not None else None
    now = timezone.now()
    member_a, member_b = _member(a), _member(b)
    event = LinkEvent.objects.create(
        program_id=a.program_id, kind=LinkEvent.Kind.MERGE, actor=_user(actor), at=now
    )
    moves = []
    if member_a.cluster_id != member_b.cluster_id:
        joining = ClusterMember.objects.select_for_update().filter(cluster_id=member_b.cluster_id)
        if visible is not None:
            joining = joining.filter(person__in=visible)
        for member in joining:
            decided_by = DecidedBy.REVIEWER if member.person_id == b.pk else member.decided_by
            moves.append(_move(member, member_a.cluster_id, decided_by, now))
    if member_a.decided_by != DecidedBy.REVIEWER:
        member_a.refresh_from_db()
        moves.append(_move(member_a, member_a.cluster_id, DecidedBy.REVIEWER, now))
    low, high = _ordered(a.pk, b.pk)
    ReviewDecision.objects.create(
        program_id=a.program_id,
        person_a_id=low,
        person_b_id=high,
        same_person=True,
        reviewer=_user(actor),
        decided_at=now,
        link_event=event,
        expected_change=expected_change,
    )
    _settle_pair(a, b, CandidatePair.Status.ACCEPTED, now)
    event.moves = moves
    event.summary = {"records": [a.pk, b.pk], "cluster": member_a.cluster_id}
    event.save(update_fields=["moves", "summary"])
    return event


@transaction.atomic
def do_split_people(
    actor, a: Person, b: Person, *, expected_change: float | None = None
) -> LinkEvent:
    """A reviewer says A and B are different people: if they share a cluster, B leaves it
    for a cluster of its own. Binding on later runs. EXPECTED_CHANGE as do_merge_people's."""
    if a.pk == b.pk or a.program_id != b.program_id:
        raise ValueError("a split needs two records of the same program")
    now = timezone.now()
    member_a, member_b = _member(a), _member(b)
    event = LinkEvent.objects.create(
        program_id=a.program_id, kind=LinkEvent.Kind.SPLIT, actor=_user(actor), at=now
    )
    moves = []
    if member_a.cluster_id == member_b.cluster_id:
        own = Cluster.objects.create(program_id=a.program_id)
        moves.append(_move(member_b, own.pk, DecidedBy.REVIEWER, now))
    low, high = _ordered(a.pk, b.pk)
    ReviewDecision.objects.create(
        program_id=a.program_id,
        person_a_id=low,
        person_b_id=high,
        same_person=False,
        reviewer=_user(actor),
        decided_at=now,
        link_event=event,
        expected_change=expected_change,
    )
    _settle_pair(a, b, CandidatePair.Status.REJECTED, now)
    event.moves = moves
    event.summary = {"records": [a.pk, b.pk]}
    event.save(update_fields=["moves", "summary"])
    return event


@transaction.atomic
def do_undo_link_event(actor, event: LinkEvent) -> LinkEvent:
    """Put back what a merge or split moved and withdraw its reviewer decision."""
    event = LinkEvent.objects.select_for_update().get(pk=event.pk)
    if not event.can_be_undone:
        raise ValueError("only a merge or split not undone yet can be undone")
    now = timezone.now()
    undo = LinkEvent.objects.create(
        program_id=event.program_id, kind=LinkEvent.Kind.UNDO, actor=_user(actor), at=now
    )
    moves = []
    for move in reversed(event.moves):
        member = ClusterMember.objects.select_for_update().get(person_id=move["person"])
        moves.append(_move(member, move["from"], move["was"], now))
    for decision in event.decisions.filter(withdrawn_at__isnull=True):
        decision.withdrawn_at = now
        decision.save(update_fields=["withdrawn_at"])
        CandidatePair.objects.filter(
            person_a_id=decision.person_a_id, person_b_id=decision.person_b_id
        ).update(status=CandidatePair.Status.OPEN, decided_at=None)
    undo.moves = moves
    undo.summary = {"undoes": event.pk}
    undo.save(update_fields=["moves", "summary"])
    event.undone_by = undo
    event.save(update_fields=["undone_by"])
    return undo


def _user(actor):
    return actor if getattr(actor, "pk", None) else None
