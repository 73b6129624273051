"""A reviewer's answer is about two records: the two people's records are grouped again as
the last linkage run would, with the answer binding, so a record the model joined to one of
them that the other's records say is someone else does not follow it; and the queue weighs
a conflict of posts or agencies as the program's own people measure it."""

import pytest
from django.utils import timezone

from ctip.linkage import engine
from ctip.linkage.actions import do_link_people, do_merge_people, do_undo_link_event
from ctip.linkage.models import (
    CandidatePair,
    Cluster,
    ClusterMember,
    DecidedBy,
    LinkEvent,
    ReviewDecision,
    ScoredPair,
)
from ctip.linkage.review import do_decide_pair, ordered_queue, visible_pairs


def linked(program, groups, pairs, *, weights=(-8.0, -8.0)):
    """The state a linkage run leaves: GROUPS (lists of records) as people, PAIRS
    ((a, b, probability)) scored, and the run's measured conflict weights."""
    LinkEvent.objects.create(
        program=program,
        kind=LinkEvent.Kind.LINK_RUN,
        at=timezone.now(),
        summary={"pairs_kept": True, "position_weight": weights[0], "agency_weight": weights[1]},
    )
    for group in groups:
        cluster = Cluster.objects.create(program=program)
        for person in group:
            ClusterMember.objects.create(
                person=person,
                cluster=cluster,
                match_probability=0.9 if len(group) > 1 else None,
                decided_by=DecidedBy.MODEL,
                decided_at=timezone.now(),
            )
    for a, b, probability in pairs:
        low, high = sorted((a, b), key=lambda person: person.pk)
        ScoredPair.objects.create(
            program=program,
            person_a=low,
            person_b=high,
            match_probability=probability,
            match_weight=engine._log_odds(probability),
        )


def question(program, a, b, probability, evidence=()):
    low, high = sorted((a, b), key=lambda person: person.pk)
    return CandidatePair.objects.create(
        program=program, person_a=low, person_b=high, match_probability=probability,
        match_weight=engine._log_odds(probability), evidence=list(evidence),
    )  # fmt: skip


def person_of(record):
    return ClusterMember.objects.get(person=record).cluster_id


@pytest.fixture
def lans(record):
    """Four records at four events: Lan twice (one person), Lan once more, and Lam, whom the
    model joined to the third on a likely link."""
    return record(
        [
            {"name": "Nguyen Thi Lan", "country": "VN", "event": "EV-1"},
            {"name": "Nguyen Thi Lan", "country": "VN", "event": "EV-2"},
            {"name": "Nguyen T. Lan", "country": "VN", "event": "EV-3"},
            {"name": "Nguyen Thi Lam", "country": "VN", "event": "EV-4"},
        ]
    )


def test_same_joins_the_two_records_but_not_a_record_the_others_say_is_someone_else(cast, lans):
    lan, lan_again, lan_written_short, lam = lans
    linked(
        cast.program,
        [[lan, lan_again], [lan_written_short, lam]],
        [(lan, lan_again, 0.95), (lan_written_short, lam, 0.9), (lan, lan_written_short, 0.4)],
    )
    was_lams = person_of(lam)
    pair = question(cast.program, lan, lan_written_short, 0.4)

    do_decide_pair(cast.mel, pair, same=True)

    assert person_of(lan_written_short) == person_of(lan) == person_of(lan_again)
    assert person_of(lam) == was_lams != person_of(lan)
    waiting = CandidatePair.objects.get(status=CandidatePair.Status.OPEN)
    assert {waiting.person_a, waiting.person_b} == {lan_written_short, lam}
    assert waiting.held_because == engine.HELD_DISAGREE


def test_merging_the_two_people_whole_is_what_a_merge_without_regrouping_does(cast, lans):
    lan, lan_again, lan_written_short, lam = lans
    linked(
        cast.program,
        [[lan, lan_again], [lan_written_short, lam]],
        [(lan, lan_again, 0.95), (lan_written_short, lam, 0.9), (lan, lan_written_short, 0.4)],
    )

    do_merge_people(cast.mel, lan, lan_written_short)

    assert person_of(lam) == person_of(lan)


def test_a_program_linked_before_runs_kept_their_pairs_merges_the_two_people_whole(cast, lans):
    lan, lan_again, lan_written_short, lam = lans
    linked(
        cast.program,
        [[lan, lan_again], [lan_written_short, lam]],
        [(lan, lan_again, 0.95), (lan_written_short, lam, 0.9), (lan, lan_written_short, 0.4)],
    )
    LinkEvent.objects.filter(kind=LinkEvent.Kind.LINK_RUN).update(summary={})

    do_decide_pair(cast.mel, question(cast.program, lan, lan_written_short, 0.4), same=True)

    assert person_of(lam) == person_of(lan)


def test_different_takes_along_the_records_the_model_joined_through_the_other(cast, lans):
    lan, _, lan_written_short, lam = lans
    linked(
        cast.program,
        [[lan, lan_written_short, lam]],
        [(lan, lan_written_short, 0.6), (lan_written_short, lam, 0.95)],
    )
    was = person_of(lan)

    do_decide_pair(cast.mel, question(cast.program, lan, lan_written_short, 0.6), same=False)

    assert person_of(lan) == was
    assert person_of(lan_written_short) == person_of(lam) != was


def test_undo_puts_back_every_record_a_regrouping_moved(cast, lans):
    lan, lan_again, lan_written_short, lam = lans
    linked(
        cast.program,
        [[lan, lan_again], [lan_written_short, lam]],
        [(lan, lan_again, 0.95), (lan_written_short, lam, 0.9), (lan, lan_written_short, 0.4)],
    )
    before = {record.pk: person_of(record) for record in lans}
    do_decide_pair(cast.mel, question(cast.program, lan, lan_written_short, 0.4), same=True)
    event = LinkEvent.objects.get(kind=LinkEvent.Kind.MERGE)

    do_undo_link_event(cast.mel, event)

    assert {record.pk: person_of(record) for record in lans} == before


def test_a_linkage_run_keeps_its_scored_pairs_and_what_conflicts_say(cast, record):
    record(
        [
            {"name": "Somchai Boonma", "country": "TH", "event": "EV-1", "phone": "0812345678"},
            {"name": "Somchay Bunma", "country": "TH", "event": "EV-2", "phone": "0812345678"},
            {"name": "Wilai Sriwattana", "country": "TH", "event": "EV-3"},
        ]
    )

    report = do_link_people(cast.program)

    assert report.pairs_scored >= 1
    assert ScoredPair.objects.filter(program=cast.program).count() == report.pairs_scored
    summary = LinkEvent.objects.get(kind=LinkEvent.Kind.LINK_RUN).summary
    assert summary["pairs_kept"] is True
    assert summary["position_weight"] < 0 and summary["agency_weight"] < 0


ORGANISATIONS_DIFFER = [{"comparison": "organisation", "level": "different", "weight": -1.0}]
WEIGHTS = {engine.HELD_POSITIONS: -8.0, engine.HELD_AGENCIES: -8.0}


def test_a_pair_whose_agencies_differ_weighs_that_as_the_programs_people_measure_it():
    measured = engine.change_chance(0.4, evidence=ORGANISATIONS_DIFFER, conflict_weights=WEIGHTS)

    assert measured == pytest.approx(1 / (1 + 2 ** -(engine._log_odds(0.4) - 7.0)))
    assert engine.change_chance(0.4, evidence=(), conflict_weights=WEIGHTS) == 0.4
    assert engine.change_chance(0.4, evidence=ORGANISATIONS_DIFFER) == 0.4
    held = engine.change_chance(
        0.4, engine.HELD_AGENCIES, evidence=ORGANISATIONS_DIFFER, conflict_weights=WEIGHTS
    )
    assert held == 0.4  # its hold weighed the conflict; the reviewers' answers calibrate it


def test_the_queue_asks_later_about_namesakes_whose_agencies_differ(cast, lans):
    lan, lan_again, lan_written_short, lam = lans
    linked(cast.program, [[lan], [lan_again], [lan_written_short], [lam]], [])
    other_agencies = question(cast.program, lan, lan_again, 0.45, ORGANISATIONS_DIFFER)
    nothing_against = question(cast.program, lan_written_short, lam, 0.3)

    queue = ordered_queue(visible_pairs(cast.mel, cast.program)).pairs

    assert queue == [nothing_against, other_agencies]
    first = ordered_queue(visible_pairs(cast.mel, cast.program), limit=1)
    assert (first.pairs, first.total) == ([nothing_against], 2)
    LinkEvent.objects.filter(kind=LinkEvent.Kind.LINK_RUN).update(summary={})
    assert ordered_queue(visible_pairs(cast.mel, cast.program)).pairs == [
        other_agencies,
        nothing_against,
    ]


def test_inside_one_person_the_queue_asks_first_where_a_weak_link_joins_surely_linked_records(
    cast, record
):
    """Two namesakes' records, each pair surely one another's, joined by one likely link; and
    one person's five records, each surely linked to the next. Every record came in on a sure
    link, but only the first person's two halves may be two people."""
    anh = record(
        [{"name": "Nguyen Van Anh", "country": "VN", "event": f"EV-{n}"} for n in range(4)]
    )
    lan = record(
        [{"name": "Tran Thi Lan", "country": "VN", "event": f"EV-{n}"} for n in range(4, 9)]
    )
    linked(
        cast.program,
        [anh, lan],
        [(anh[0], anh[1], 0.99), (anh[2], anh[3], 0.99), (anh[1], anh[2], 0.85)]
        + [(lan[n], lan[n + 1], 0.99) for n in range(4)],
    )
    across_the_weak_link = question(cast.program, anh[0], anh[3], 0.6)
    along_sure_links = question(cast.program, lan[0], lan[4], 0.6)

    assert ordered_queue(visible_pairs(cast.mel, cast.program)).pairs == [
        across_the_weak_link,
        along_sure_links,
    ]
    do_decide_pair(cast.mel, across_the_weak_link, same=False)
    decision = ReviewDecision.objects.get()
    assert decision.expected_change == pytest.approx(1 - 0.85)
