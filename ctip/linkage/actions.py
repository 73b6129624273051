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

from .models import (
    CandidatePair,
    Cluster,
    ClusterMember,
    DecidedBy,
    LinkEvent,
    ReviewDecision,
    ScoredPair,
)


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


def _records(program: Program, ids=None) -> list[dict]:
    """The program's records as the engine takes them (IDS: only these)."""
    people = Person.objects.filter(program=program)
    attendances = Attendance.objects.filter(person__program=program)
    if ids is not None:
        people, attendances = people.filter(pk__in=ids), attendances.filter(person_id__in=ids)
    rows = people.values(
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
    for person_id, event_id in attendances.values_list("person_id", "event_id"):
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


def active_decisions(program):
    """The reviewer decisions of PROGRAM (a Program or its id) that bind: not withdrawn."""
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
    decisions = list(active_decisions(program).values_list("person_a", "person_b", "same_person"))
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
    positions = engine.positions(records, reached)
    agencies = engine.organisations(records, reached)
    groups, applied, held = engine.cluster(
        ids,
        pairs,
        must_link=must_link,
        cannot_link=cannot_link,
        fixed_groups=list(by_cluster.values()),
        events={record["unique_id"]: record["events"] for record in records},
        contacts=reached,
        positions=positions,
        organisations=agencies,
        initials=engine.middle_names(records),
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
    rows = _scored_rows(pairs)
    _keep_scored_pairs(program, rows)
    report.queued_for_review = _queue_for_review(program, rows, groups, held, decisions)
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
            # what a reviewer's answer regroups two people with (_regroup)
            "pairs_kept": True,
            "position_weight": positions.conflict_weight,
            "agency_weight": agencies.conflict_weight,
        },
    )
    return report


def _scored_rows(pairs) -> list[dict]:
    """The scored pairs, each once as (a, b) with a < b, with the case for and against."""
    from . import engine

    if not len(pairs):
        return []
    left = pairs["unique_id_l"].to_numpy().tolist()
    right = pairs["unique_id_r"].to_numpy().tolist()
    name_only = (
        pairs["name_only"].to_numpy().tolist() if "name_only" in pairs else [False] * len(left)
    )
    return [
        {
            "a": min(a, b),
            "b": max(a, b),
            "match_probability": probability,
            "match_weight": weight,
            "name_only": bool(only),
            "evidence": evidence,
        }
        for a, b, probability, weight, only, evidence in zip(
            left,
            right,
            pairs["match_probability"].to_numpy(dtype=float).tolist(),
            pairs["match_weight"].to_numpy(dtype=float).tolist(),
            name_only,
            engine.evidence_of(pairs),
            strict=True,
        )
    ]


def _keep_scored_pairs(program: Program, rows: list[dict]) -> None:
    """ROWS (_scored_rows) as the program's ScoredPairs, in place of the last run's: written
    with one INSERT per thousand rows, not as model instances (bulk_create took 5 s for the
    112,000 pairs of 96,000 records, this 1.9 s)."""
    from django.db import connection

    ScoredPair.objects.filter(program=program).delete()
    table = ScoredPair._meta.db_table
    columns = ("program_id", "person_a_id", "person_b_id", "match_probability", "match_weight",
               "name_only", "evidence")  # fmt: skip
    statement = (
        f"INSERT INTO {connection.ops.quote_name(table)} "  # noqa: S608 - our own names
        f"({', '.join(connection.ops.quote_name(column) for column in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    adapt = connection.ops.adapt_json_value
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 1000):
            cursor.executemany(
                statement,
                [
                    (
                        program.pk,
                        row["a"],
                        row["b"],
                        row["match_probability"],
                        row["match_weight"],
                        row["name_only"],
                        adapt(row["evidence"], None),
                    )  # fmt: skip
                    for row in rows[start : start + 1000]
                ],
            )


def _queue_for_review(program, rows, groups, held, decisions) -> int:
    """Open a review for each uncertain pair still in two clusters, and for each unsure
    pair inside one (engine.UNSURE_LINK_BELOW: "different people" splits what the model
    made); settle the rest. ROWS: _scored_rows."""
    decided = {_ordered(a, b) for a, b, _ in decisions}
    from . import engine

    held_because = {_ordered(a, b): why for a, b, _, why in held}
    wanted: dict[tuple[int, int], dict] = {}
    for row in rows:
        a, b = row["a"], row["b"]
        if (a, b) in decided:
            continue
        probability = row["match_probability"]
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
            "match_weight": row["match_weight"],
            "evidence": row["evidence"],
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
    actor, a: Person, b: Person, *, expected_change: float | None = None, regroup: bool = False
) -> LinkEvent:
    """A reviewer says A and B are one person: B's cluster joins A's. Binding on later runs.

    Only records the reviewer may see move (ctip.accounts.access.people_for): a country
    officer's merge never moves another country's records. Those stay where they were, in
    B's former cluster, for a reviewer who sees them (a MEL officer) to join if they are
    the same person; nothing on the page tells the country officer they exist.
    EXPECTED_CHANGE: the queue's chance that the decision changes the people, kept with it
    (review.do_decide_pair). REGROUP (the review queue's answers, which are about two
    records): rather than the two people whole, their records are grouped again as the
    last linkage run would with the answer binding (_regroup): a record the model had
    joined to one of them that the other's records say is someone else leaves, and the
    link waits for a reviewer."""
    if a.pk == b.pk or a.program_id != b.program_id:
        raise ValueError("a merge needs two records of the same program")
    from ctip.accounts.access import people_for

    visible = people_for(actor).values("pk") if actor is not None else None
    now = timezone.now()
    member_a, member_b = _member(a), _member(b)
    event = LinkEvent.objects.create(
        program_id=a.program_id, kind=LinkEvent.Kind.MERGE, actor=_user(actor), at=now
    )
    decision = _decide(actor, a, b, True, event, now, expected_change)
    _settle_pair(a, b, CandidatePair.Status.ACCEPTED, now)
    summary = {"records": [a.pk, b.pk], "cluster": member_a.cluster_id}
    weights = link_run_weights(a.program_id) if regroup else None
    if weights is not None:
        moves, summary["pairs"] = _regroup(decision, member_a, member_b, visible, now, weights)
    else:
        moves = []
        if member_a.cluster_id != member_b.cluster_id:
            joining = ClusterMember.objects.select_for_update().filter(
                cluster_id=member_b.cluster_id
            )
            if visible is not None:
                joining = joining.filter(person__in=visible)
            for member in joining:
                decided_by = DecidedBy.REVIEWER if member.person_id == b.pk else member.decided_by
                moves.append(_move(member, member_a.cluster_id, decided_by, now))
        if member_a.decided_by != DecidedBy.REVIEWER:
            member_a.refresh_from_db()
            moves.append(_move(member_a, member_a.cluster_id, DecidedBy.REVIEWER, now))
    event.moves = moves
    event.summary = summary
    event.save(update_fields=["moves", "summary"])
    return event


@transaction.atomic
def do_split_people(
    actor, a: Person, b: Person, *, expected_change: float | None = None, regroup: bool = False
) -> LinkEvent:
    """A reviewer says A and B are different people: if they share a cluster, B leaves it
    for a cluster of its own. Binding on later runs. EXPECTED_CHANGE as do_merge_people's.
    REGROUP: the cluster's records are grouped again with the answer binding (_regroup), so
    the records the model joined through B leave with it."""
    if a.pk == b.pk or a.program_id != b.program_id:
        raise ValueError("a split needs two records of the same program")
    from ctip.accounts.access import people_for

    visible = people_for(actor).values("pk") if actor is not None else None
    now = timezone.now()
    member_a, member_b = _member(a), _member(b)
    event = LinkEvent.objects.create(
        program_id=a.program_id, kind=LinkEvent.Kind.SPLIT, actor=_user(actor), at=now
    )
    decision = _decide(actor, a, b, False, event, now, expected_change)
    _settle_pair(a, b, CandidatePair.Status.REJECTED, now)
    summary = {"records": [a.pk, b.pk]}
    moves = []
    weights = link_run_weights(a.program_id) if regroup else None
    if weights is not None:
        moves, summary["pairs"] = _regroup(decision, member_a, member_b, visible, now, weights)
        member_a.refresh_from_db()
        member_b.refresh_from_db()
    if member_a.cluster_id == member_b.cluster_id:
        # not regrouped, or reviewers' earlier answers bind the two together: B leaves alone
        own = Cluster.objects.create(program_id=a.program_id)
        moves.append(_move(member_b, own.pk, DecidedBy.REVIEWER, now))
    event.moves = moves
    event.summary = summary
    event.save(update_fields=["moves", "summary"])
    return event


def _decide(actor, a, b, same, event, now, expected_change) -> ReviewDecision:
    low, high = _ordered(a.pk, b.pk)
    return ReviewDecision.objects.create(
        program_id=a.program_id,
        person_a_id=low,
        person_b_id=high,
        same_person=same,
        reviewer=_user(actor),
        decided_at=now,
        link_event=event,
        expected_change=expected_change,
    )


def link_run_weights(program_id: int) -> dict | None:
    """What the last linkage run measured for regrouping (conflict weights), or None when
    it kept no scored pairs (a run before they were kept, or none yet)."""
    run = (
        LinkEvent.objects.filter(
            program_id=program_id, kind__in=[LinkEvent.Kind.LINK_RUN, LinkEvent.Kind.REBUILD]
        )
        .order_by("-at", "-id")
        .values_list("summary", flat=True)
        .first()
    )
    if not run or not run.get("pairs_kept"):
        return None
    return {"positions": run["position_weight"], "agencies": run["agency_weight"]}


def _regroup(decision, member_a, member_b, visible, now, weights) -> tuple[list, dict]:
    """Group again the records of the two clusters A and B are in (those VISIBLE), as the
    last linkage run would (engine.cluster on its scored pairs and conflict weights) with
    every reviewer decision among them binding, DECISION included. The group of A keeps A's
    cluster; another group the cluster most of its records had, if still free, or a new one.
    Then the review queue among them: a pair now between two groups is a question again if
    the model is unsure or held the link (unless a reviewer said the two groups are
    different people); a pair the decision joined is settled. Returns the moves and what
    happened to the queue ({"settled": n, "opened": m}). WEIGHTS: link_run_weights()."""
    import pandas as pd

    from . import engine

    program_id = decision.program_id
    clusters = {member_a.cluster_id, member_b.cluster_id}
    members = ClusterMember.objects.select_for_update().filter(cluster_id__in=clusters)
    if visible is not None:
        members = members.filter(person__in=visible)
    members = {member.person_id: member for member in members}
    members.setdefault(member_a.person_id, member_a)
    members.setdefault(member_b.person_id, member_b)
    scope = sorted(members)
    before = {person_id: member.cluster_id for person_id, member in members.items()}
    rows = list(
        ScoredPair.objects.filter(
            program_id=program_id, person_a__in=scope, person_b__in=scope
        ).values(
            "person_a_id",
            "person_b_id",
            "match_probability",
            "match_weight",
            "name_only",
            "evidence",
        )
    )
    pairs = pd.DataFrame(
        {
            "unique_id_l": [row["person_a_id"] for row in rows],
            "unique_id_r": [row["person_b_id"] for row in rows],
            "match_probability": [row["match_probability"] for row in rows],
            "name_only": [row["name_only"] for row in rows],
        }
    )
    decisions = list(
        active_decisions(decision.program)
        .filter(person_a__in=scope, person_b__in=scope)
        .values_list("person_a", "person_b", "same_person")
    )
    records = _records(decision.program, ids=scope)
    reached = engine.contacts(records)
    groups, applied, held = engine.cluster(
        scope,
        pairs,
        must_link=[(x, y) for x, y, same in decisions if same],
        cannot_link=[(x, y) for x, y, same in decisions if not same],
        events={record["unique_id"]: record["events"] for record in records},
        contacts=reached,
        positions=engine.positions(records, reached, conflict_weight=weights["positions"]),
        organisations=engine.organisations(records, reached, conflict_weight=weights["agencies"]),
        initials=engine.middle_names(records),
    )
    # one cluster per group: A's group keeps A's cluster
    by_group: dict[int, list[int]] = {}
    for person_id in scope:
        by_group.setdefault(groups[person_id], []).append(person_id)
    cluster_of_group = {groups[member_a.person_id]: member_a.cluster_id}
    taken = {member_a.cluster_id}
    for group, person_ids in sorted(by_group.items(), key=lambda item: -len(item[1])):
        if group in cluster_of_group:
            continue
        previous = Counter(before[person_id] for person_id in person_ids)
        chosen = next((cid for cid, _ in previous.most_common() if cid not in taken), None)
        if chosen is None:
            chosen = Cluster.objects.create(program_id=program_id).pk
        taken.add(chosen)
        cluster_of_group[group] = chosen
    attached: dict[int, float] = {}
    for x, y, probability in applied:
        for person_id in (x, y):
            attached[person_id] = max(attached.get(person_id, 0.0), probability)
    bound = {decision.person_a_id, decision.person_b_id}
    moves = []
    after = {}
    for person_id, member in members.items():
        after[person_id] = cluster_of_group[groups[person_id]]
        reviewer = person_id in bound and (decision.same_person or person_id != member_a.person_id)
        if after[person_id] == member.cluster_id and not (
            reviewer and member.decided_by != DecidedBy.REVIEWER
        ):
            continue
        if person_id in attached and not reviewer:
            member.match_probability = attached[person_id]
            member.save(update_fields=["match_probability"])
        moves.append(
            _move(
                member, after[person_id], DecidedBy.REVIEWER if reviewer else member.decided_by, now
            )
        )
    return moves, _requeue(decision, rows, before, after, held, decisions, now)


def _requeue(decision, rows, before, after, held, decisions, now) -> dict:
    """The review queue among regrouped records (see _regroup)."""
    from . import engine

    decided = {(x, y) for x, y, _ in decisions}
    apart = {frozenset((after[x], after[y])) for x, y, same in decisions if not same}
    held_because = {_ordered(x, y): why for x, y, _, why in held}
    wanted, settle = {}, set()
    for row in rows:
        key = (row["person_a_id"], row["person_b_id"])
        probability = row["match_probability"]
        if key in decided or probability < engine.REVIEW_THRESHOLD:
            continue
        x, y = key
        if after[x] != after[y]:
            why = held_because.get(key, "")
            if (probability < engine.LINK_THRESHOLD or why) and frozenset(
                (after[x], after[y])
            ) not in apart:
                wanted[key] = {
                    "held_because": why,
                    "match_probability": probability,
                    "match_weight": row["match_weight"],
                    "evidence": row["evidence"],
                }
            else:
                settle.add(key)
        elif before[x] != before[y]:
            settle.add(key)  # the decision joined them
    existing = {
        (pair.person_a_id, pair.person_b_id): pair
        for pair in CandidatePair.objects.filter(
            program_id=decision.program_id,
            person_a__in=list(after),
            person_b__in=list(after),
        )
    }
    settled = [
        existing[key].pk
        for key in settle
        if key in existing and existing[key].status == CandidatePair.Status.OPEN
    ]
    CandidatePair.objects.filter(pk__in=settled).update(
        status=CandidatePair.Status.SETTLED, decided_at=now
    )
    opened = 0
    for key, fields in wanted.items():
        pair = existing.get(key)
        if pair is None:
            CandidatePair.objects.create(
                program_id=decision.program_id, person_a_id=key[0], person_b_id=key[1], **fields
            )
        elif pair.status == CandidatePair.Status.OPEN:
            if pair.held_because != fields["held_because"]:
                pair.held_because = fields["held_because"]
                pair.save(update_fields=["held_because"])
            continue
        elif pair.status == CandidatePair.Status.SETTLED:
            pair.status, pair.decided_at = CandidatePair.Status.OPEN, None
            pair.held_because = fields["held_because"]
            pair.save(update_fields=["status", "decided_at", "held_because"])
        else:
            continue
        opened += 1
    return {"settled": len(settled), "opened": opened}


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
