"""The benchmark's always-right reviewer meets the queue as the app's reviewer does: an
answer settles the other open pairs between the same two people (review.do_decide_pair)."""

import pandas as pd

from ctip.bench.linkage import review_by_an_always_right_reviewer


def _record(unique_id, truth):
    return {"unique_id": unique_id, "truth": truth, "name": "Lan", "country": "VN",
            "events": [unique_id]}  # fmt: skip


def test_one_answer_settles_every_pair_between_the_same_two_people():
    # two people of two records each, with four unsure pairs between them, and one person
    # the model left as two records: two questions, not five
    records = [_record(1, "a"), _record(2, "a"), _record(3, "b"), _record(4, "b"),
               _record(5, "c"), _record(6, "c")]  # fmt: skip
    pairs = pd.DataFrame(
        [(1, 2, 0.99), (3, 4, 0.99), (1, 3, 0.3), (1, 4, 0.3), (2, 3, 0.3), (2, 4, 0.3),
         (5, 6, 0.45)],
        columns=["unique_id_l", "unique_id_r", "match_probability"],
    )  # fmt: skip
    review = review_by_an_always_right_reviewer(records, pairs, budget=25)
    assert review["decisions_made"] == 2
    assert review["f1_by_decisions"]["2"] == 1.0
