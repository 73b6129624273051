"""Scripted review: `ctip people review list|decide`, applied at once, settling the pairs that
depend on a decision, in the order that settles most."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.linkage import engine
from ctip.linkage.engine import change_chance as chance
from ctip.linkage.engine import queued_pair_priority
from ctip.linkage.models import CandidatePair, ReviewDecision
from ctip.people.actions import do_create_person, do_record_attendance


def people(*args, acting_as=None):
    out = io.StringIO()
    extra = ["--as", acting_as] if acting_as else []
    call_command("people", *extra, "review", "--program", "test", *args, stdout=out)
    return out.getvalue()


def exported_people(cast):
    out = io.StringIO()
    call_command("export", "--as", cast.admin.username, "attendance", "--format", "csv",
                 stdout=out)  # fmt: skip
    return {
        row["record_id"]: row["person_id"] for row in csv.DictReader(io.StringIO(out.getvalue()))
    }


def _pair(cast, a, b, probability):
    low, high = sorted((a, b), key=lambda person: person.pk)
    return CandidatePair.objects.create(
        program=cast.program, person_a=low, person_b=high, match_probability=probability,
        match_weight=0.0, evidence=[],
    )  # fmt: skip


def _somchai_again(cast, name):
    person = do_create_person(
        cast.program, full_name=name, sex="male", country_code="TH", consent_given=True
    )
    do_record_attendance(cast.thai_event, person)
    return person


@pytest.fixture
def three_somchais(cast):
    a = cast.somchai
    b = _somchai_again(cast, "Somchay Srisook")
    c = _somchai_again(cast, "Somchai Srisuk")
    return a, b, c, [_pair(cast, a, b, 0.45), _pair(cast, b, c, 0.3), _pair(cast, a, c, 0.25)]


def test_the_list_is_csv_with_pair_and_record_ids_most_settling_first(cast, three_somchais):
    a, b, c, pairs = three_somchais
    rows = list(csv.DictReader(io.StringIO(people("list", "--format", "csv"))))
    assert list(rows[0])[:4] == ["pair_id", "record_a", "record_b", "probability"]
    assert [int(row["pair_id"]) for row in rows] == [pair.pk for pair in pairs]
    assert {rows[0]["record_a"], rows[0]["record_b"]} == {str(a.pk), str(b.pk)}
    assert rows[0]["probability"] == "0.4500"
    assert len(people("list", "--format", "csv", "--limit", "1").strip().splitlines()) == 2


def priority(probability, records=(1, 1), why="", *, within=False, joined=None, rates=None):
    return queued_pair_priority(
        probability, why, rates or engine.ReviewRates(), within=within, records=records,
        joined=joined,
    )  # fmt: skip


def test_the_likelier_change_comes_first_and_of_two_as_likely_the_one_joining_more_records():
    assert priority(0.45) > priority(0.3)
    assert priority(0.45, (1, 1)) > priority(0.3, (5, 5))
    assert priority(0.3, (3, 3)) > priority(0.3, (1, 2))


def test_the_list_asks_once_about_two_people_however_many_pairs_lie_between_them(
    cast, three_somchais
):
    a, b, c, pairs = three_somchais
    people("decide", str(pairs[0].pk), "same")  # a and b are one person
    rows = list(csv.DictReader(io.StringIO(people("list", "--format", "csv"))))
    # b–c and a–c both ask whether c is that person: one question
    assert len(rows) == 1
    assert {rows[0]["record_a"], rows[0]["record_b"]} in ({str(b.pk), str(c.pk)},
                                                          {str(a.pk), str(c.pk)})  # fmt: skip


def test_a_decision_is_applied_at_once_and_the_next_export_shows_it(cast, three_somchais):
    a, b, _c, pairs = three_somchais
    before = exported_people(cast)
    assert before[str(a.pk)] != before[str(b.pk)]
    out = people("decide", str(pairs[0].pk), "same")
    assert "1 decisions applied" in out
    after = exported_people(cast)
    assert after[str(a.pk)] == after[str(b.pk)]
    assert ReviewDecision.objects.get().same_person is True


def test_a_decision_settles_the_pairs_that_depend_on_it(cast, three_somchais, tmp_path):
    a, b, c, pairs = three_somchais
    path = tmp_path / "decisions.csv"
    path.write_text(f"pair_id,decision\n{pairs[0].pk},same\n{pairs[1].pk},same\n")
    out = people("decide", "--file", str(path))
    assert "2 decisions applied; 1 other pairs settled" in out
    pairs[2].refresh_from_db()
    assert pairs[2].status == CandidatePair.Status.SETTLED
    exported = exported_people(cast)
    assert exported[str(a.pk)] == exported[str(b.pk)] == exported[str(c.pk)]


def test_different_settles_the_pairs_between_the_two_people(cast, three_somchais):
    a, b, c, pairs = three_somchais
    people("decide", str(pairs[1].pk), "same")  # b and c are one person
    people("decide", str(pairs[0].pk), "different")  # a is not b: so not c either
    pairs[2].refresh_from_db()
    assert pairs[2].status == CandidatePair.Status.SETTLED
    assert people("list", "--format", "csv").strip().count("\n") == 0


def test_a_decisions_file_with_a_bad_row_applies_nothing(cast, three_somchais, tmp_path):
    _a, _b, _c, pairs = three_somchais
    path = tmp_path / "decisions.csv"
    path.write_text(f"pair_id,decision\n{pairs[0].pk},same\n{pairs[1].pk},maybe\n")
    with pytest.raises(CommandError, match=r'row 3, column "decision": \'maybe\''):
        people("decide", "--file", str(path))
    assert not ReviewDecision.objects.exists()


def test_a_country_officer_decides_only_pairs_they_may_see(cast, three_somchais):
    _a, _b, _c, pairs = three_somchais
    sokha_twin = do_create_person(cast.program, full_name="Sokha Chan", consent_given=True)
    do_record_attendance(cast.cambodian_event, sokha_twin)
    cambodian = _pair(cast, cast.sokha, sokha_twin, 0.4)
    listed = people("list", "--format", "csv", acting_as=cast.thai_officer.username)
    assert str(pairs[0].pk) in listed and f"\n{cambodian.pk}," not in listed
    with pytest.raises(CommandError, match="no open pair"):
        people("decide", str(cambodian.pk), "same", acting_as=cast.thai_officer.username)


@pytest.mark.parametrize("role", ["viewer"])
def test_viewers_may_not_review(cast, three_somchais, role):
    with pytest.raises(CommandError, match="aggregate numbers only"):
        people("list", acting_as=getattr(cast, role).username)


def test_a_link_held_for_a_common_name_alone_is_a_coin_toss():
    # 0.99 on the name alone says little: it is as open as a pair at 0.5
    assert chance(0.99, engine.HELD_NAME_ONLY) == chance(0.99, engine.HELD_DISAGREE) == 0.5
    assert priority(0.99, (2, 2), engine.HELD_NAME_ONLY) == priority(0.5, (2, 2))
    assert priority(0.99, (2, 2), engine.HELD_NAME_ONLY) < priority(0.7, (2, 2), "positions")


def test_links_held_because_the_records_say_two_people_come_after_every_open_pair():
    # one event, or other phones: a reviewer sees them last, the likelier and larger first
    for why in (engine.HELD_SAME_EVENT, engine.HELD_CONTACTS):
        assert priority(0.9, (6, 6), why) < priority(0.21) < priority(0.5)
        assert priority(0.9, (1, 1), why) > priority(0.6, (6, 6), why)
        assert priority(0.6, (6, 6), why) > priority(0.6, (1, 1), why)


def test_a_pair_inside_one_person_asks_how_firmly_its_two_records_are_held_together():
    # both pairs are unsure (0.6); the first's records are joined by a chain of sure links
    # (0.99 at its weakest): "different" would hardly change anything. The second's by a
    # chain with a coin toss in it.
    assert chance(0.6, within=True, joined=0.99) == pytest.approx(0.01)
    assert chance(0.6, within=True, joined=0.55) == pytest.approx(0.45)
    assert chance(0.6, within=True) == pytest.approx(0.4)
    assert priority(0.6, (4, 4), within=True, joined=0.99) < priority(
        0.6, (4, 4), within=True, joined=0.55
    )


def test_what_holds_two_records_together_is_the_weakest_link_of_their_strongest_chain():
    # two namesakes' records: 1-2 and 3-4 surely one another's, 2-3 a likely link between
    links = [(1, 2, 0.99), (3, 4, 0.995), (2, 3, 0.7), (1, 4, 0.55)]

    joined = engine.joined_strength(links, [(1, 2), (1, 4), (2, 4), (1, 5)])

    assert joined[(1, 2)] == 0.99
    assert joined[(1, 4)] == joined[(2, 4)] == 0.7  # through 2-3, stronger than 1-4 itself
    assert (1, 5) not in joined  # no chain: the pair's own probability answers


def test_a_kind_of_question_whose_answers_change_less_than_the_model_expects_comes_later():
    rates = engine.ReviewRates()
    assert rates.calibration("positions") == rates.calibration(engine.REVIEW_BETWEEN) == 0.5
    rates.record("positions", changed=False, expected=0.9)
    rates.record("positions", changed=False, expected=0.9)
    rates.record(engine.REVIEW_BETWEEN, changed=True, expected=0.3)
    assert rates.calibration("positions") == pytest.approx(1 / 3.8)
    assert rates.calibration(engine.REVIEW_BETWEEN) == pytest.approx(2 / 2.3)
    # the model thought the held link likelier; the reviewers' answers say otherwise
    assert priority(0.6, (1, 1), "positions", rates=rates) < priority(0.3, rates=rates)


def test_the_queue_learns_from_the_programs_decisions_which_questions_change_people(cast):
    # a link held back for positions that differ (0.6) comes before a pair the model is
    # unsure of (0.4); after the reviewer has twice answered such links "different" (two
    # people, as the model had them: nothing changed, where the model gave each a chance of
    # 0.7) the unsure pair comes first
    from ctip.linkage.review import ordered_queue, review_rates

    somchais = [_somchai_again(cast, f"Somchai Srisuk {i}") for i in range(6)]
    held = _pair(cast, somchais[0], somchais[1], 0.6)
    unsure = _pair(cast, somchais[2], somchais[3], 0.4)
    answered = [
        _pair(cast, cast.somchai, somchais[4], 0.7),
        _pair(cast, cast.somchai, somchais[5], 0.7),
    ]
    for pair in (held, *answered):
        pair.held_because = engine.HELD_POSITIONS
        pair.save()
    open_pairs = CandidatePair.objects.filter(pk__in=[held.pk, unsure.pk])
    assert ordered_queue(open_pairs).pairs == [held, unsure]
    for pair in answered:
        people("decide", str(pair.pk), "different")
    assert [d.expected_change for d in ReviewDecision.objects.all()] == [0.7, 0.7]
    rates = review_rates(cast.program.pk)
    assert rates.decisions[engine.HELD_POSITIONS] == 2
    assert rates.changed[engine.HELD_POSITIONS] == 0
    assert rates.expected[engine.HELD_POSITIONS] == pytest.approx(1.4)
    assert ordered_queue(open_pairs).pairs == [unsure, held]
    # a merge that joins two people counts as a change of its kind
    people("decide", str(unsure.pk), "same")
    assert review_rates(cast.program.pk).changed[engine.REVIEW_BETWEEN] == 1


def test_a_decision_made_before_the_queue_kept_its_chance_counts_the_pairs_own(cast):
    from ctip.linkage.review import review_rates

    pair = _pair(cast, cast.somchai, _somchai_again(cast, "Somchai Srisuk"), 0.35)
    people("decide", str(pair.pk), "different")
    ReviewDecision.objects.update(expected_change=None)
    assert review_rates(cast.program.pk).expected[engine.REVIEW_BETWEEN] == pytest.approx(0.35)
