"""Namesakes: a common name is weak evidence, and how common it is comes from the data
(issue 13). Plain records, no database, except where a reviewer's word is applied."""

from __future__ import annotations

import pandas as pd
import pytest

from ctip.linkage import engine


def _pairs(*links):
    return pd.DataFrame(links, columns=["unique_id_l", "unique_id_r", "match_probability"])


def _lan(unique_id, organisation="VWU", **more):
    return {
        "unique_id": unique_id,
        "name": "Nguyễn Thị Lan",
        "country": "VN",
        "sex": "female",
        "organisation_acronym": organisation,
        **more,
    }


def test_a_short_name_is_as_common_as_the_names_that_contain_it():
    # "Nguyen Anh" is written once, but every "Nguyen Van Anh" contains it: a name that
    # contains it says as little as that many records.
    records = [{"unique_id": i, "name": "Nguyen Van Anh"} for i in range(1, 11)] + [
        {"unique_id": 11, "name": "Nguyen Anh"},
        {"unique_id": 12, "name": "Ploy Srisuk"},
    ]
    prepared = engine.prepare(records)
    long, short = prepared["name_sound"][0], prepared["name_sound"][10]
    tables = engine.name_frequencies(prepared)
    within = dict(zip(*tables["name_within"].T.to_numpy(), strict=True))
    assert within[short] == pytest.approx(11 / 12)  # 11 of 12 records carry it
    assert within[long] == pytest.approx(10 / 12)


def test_how_common_a_name_is_counts_the_other_records_that_carry_it():
    # two of ten records say "Ploy Srisuk": for either of them, one other record in ten
    # carries the name (a name written once is as rare as the data can say)
    records = [{"unique_id": i, "name": f"Somchai Name{'kmpqrstw'[i]}"} for i in range(8)] + [
        {"unique_id": 8, "name": "Ploy Srisuk"},
        {"unique_id": 9, "name": "Ploy Srisuk"},
    ]
    prepared = engine.prepare(records)
    table = engine.name_frequencies(prepared)["name_sound"]
    often = dict(zip(table["name_sound"], table["tf_name_sound"], strict=True))
    assert often[prepared["name_sound"][8]] == pytest.approx(1 / 10)
    assert often[prepared["name_sound"][0]] == pytest.approx(1 / 10)


def test_in_an_agency_where_two_nguyen_thi_lan_write_two_phones_a_name_alone_links_no_one():
    # 3 and 4 write their phones: two women of that name at the Women's Union. Records 1
    # and 2 write none: either may be either woman, or a third; a reviewer decides.
    records = [
        _lan(1),
        _lan(2),
        _lan(3, phone="+84 912 345 678"),
        _lan(4, phone="0987 654 321"),
    ]
    pairs = _pairs((1, 2, 0.9))
    pairs["name_only"] = engine._name_only(engine.prepare(records), pairs)
    groups, _, held = engine.cluster([record["unique_id"] for record in records], pairs)
    assert groups[1] != groups[2]
    assert held == [(1, 2, 0.9, engine.HELD_NAME_ONLY)]


def test_a_post_only_one_of_the_namesakes_holds_tells_which_of_them_a_record_is():
    # two Lan at the Women's Union, a legal officer (phone 1) and a social worker (phone
    # 2); a sheet with no phone but "Legal Officer" is the first, not a coin toss
    records = [
        _lan(1, phone="+84 912 345 678", position="Legal Officer"),
        _lan(2, phone="0987 654 321", position="Social Worker"),
        _lan(3, position="Legal Officer"),
        _lan(4, position="Legal Staff"),
        _lan(5),
    ]
    pairs = _pairs((1, 3, 0.9), (3, 4, 0.9), (1, 5, 0.9), (2, 3, 0.9))
    # 5 says no post; 2 and 3 write posts that do not agree: held, as before
    assert engine._name_only(engine.prepare(records), pairs).tolist() == [
        False,
        False,
        True,
        True,
    ]


def test_a_post_both_namesakes_hold_tells_them_apart_no_more_than_their_name():
    # both Lan are legal officers: which of them the sheet without a phone is, only a
    # reviewer can say
    records = [
        _lan(1, phone="+84 912 345 678", position="Legal Officer"),
        _lan(2, phone="0987 654 321", position="Legal Officer"),
        _lan(3, position="Legal Officer"),
    ]
    pairs = _pairs((1, 3, 0.9))
    assert engine._name_only(engine.prepare(records), pairs).tolist() == [True]


def test_a_phone_and_an_address_written_on_one_sheet_are_one_namesake_not_two():
    # Lan the legal officer writes her phone on one sheet and her phone and address on
    # another: still one of the two people who hold posts there
    records = [
        _lan(1, phone="+84 912 345 678", position="Legal Officer"),
        _lan(2, phone="+84 912 345 678", email="lan@vwu.example", position="Legal Officer"),
        _lan(3, email="lan@vwu.example", position="Legal Officer"),
        _lan(4, phone="0987 654 321", position="Social Worker"),
        _lan(5, position="Legal Officer"),
    ]
    pairs = _pairs((1, 5, 0.9))
    assert engine._name_only(engine.prepare(records), pairs).tolist() == [False]


def test_many_records_of_one_name_with_one_phone_among_them_are_not_namesakes():
    # a count of records does not make a name common: twenty sheets, one woman's phone
    records = [_lan(i) for i in range(1, 21)]
    records[0]["phone"] = records[5]["phone"] = "+84 912 345 678"
    pairs = _pairs((1, 2, 0.9))
    assert engine._name_only(engine.prepare(records), pairs).tolist() == [False]


def test_namesakes_in_another_agency_do_not_hold_a_link_in_this_one():
    records = [
        _lan(1),
        _lan(2),
        _lan(3, organisation="MOLISA", phone="+84 912 345 678"),
        _lan(4, organisation="MOLISA", phone="0987 654 321"),
    ]
    pairs = _pairs((1, 2, 0.9), (3, 4, 0.9))
    assert engine._name_only(engine.prepare(records), pairs).tolist() == [False, True]


def test_two_mailboxes_at_one_domain_make_namesakes_a_work_and_a_personal_address_do_not():
    records = [
        _lan(1),
        _lan(2),
        _lan(3, email="lan.nguyen@vwu.example"),
        _lan(4, email="lannguyen@gmail.example"),
    ]
    pairs = _pairs((1, 2, 0.9))
    assert engine._name_only(engine.prepare(records), pairs).tolist() == [False]
    records.append(_lan(5, email="nguyen.lan2@vwu.example"))
    assert engine._name_only(engine.prepare(records), pairs).tolist() == [True]


def test_two_nguyen_thi_lan_in_one_agency_who_share_a_phone_are_one_person():
    records = [_lan(i) for i in range(1, 5)]
    records[2]["phone"] = "0987 654 321"  # another Lan there: the name has namesakes
    records[0]["phone"] = records[1]["phone"] = "+84 912 345 678"
    pairs = _pairs((1, 2, 0.9))
    pairs["name_only"] = engine._name_only(engine.prepare(records), pairs)
    groups, _, _ = engine.cluster([record["unique_id"] for record in records], pairs)
    assert groups[1] == groups[2]


def test_a_reviewers_different_on_a_link_inside_one_person_splits_it_on_the_next_run():
    # 1-2 and 2-3 were linked; the reviewer says 2 and 3 are two people: clustered again,
    # 3 stands apart and 1-2 stay one person.
    pairs = _pairs((1, 2, 0.99), (2, 3, 0.6), (1, 3, 0.55))
    groups, _, _ = engine.cluster([1, 2, 3], pairs)
    assert groups[1] == groups[2] == groups[3]
    groups, _, _ = engine.cluster([1, 2, 3], pairs, cannot_link=[(2, 3)])
    assert groups[1] == groups[2] != groups[3]


@pytest.mark.django_db
def test_a_different_decision_on_an_unsure_link_splits_the_person_at_once(cast):
    from ctip.linkage.actions import do_merge_people
    from ctip.linkage.models import CandidatePair, ClusterMember
    from ctip.linkage.review import do_decide_pair

    do_merge_people(cast.mel, cast.somchai, cast.sokha)
    pair = CandidatePair.objects.create(
        program=cast.program,
        person_a=min(cast.somchai, cast.sokha, key=lambda person: person.pk),
        person_b=max(cast.somchai, cast.sokha, key=lambda person: person.pk),
        match_probability=0.6,
        match_weight=0.6,
        held_because=engine.LINKED_UNSURE,
    )
    do_decide_pair(cast.mel, pair, same=False)

    def cluster(person):
        return ClusterMember.objects.get(person=person).cluster_id

    assert cluster(cast.somchai) != cluster(cast.sokha)


def _cluster_with_contacts(records, pairs, **more):
    return engine.cluster(
        [record["unique_id"] for record in records],
        pairs,
        contacts=engine.contacts(records),
        **more,
    )


def test_two_thi_women_in_one_agency_with_different_phones_stay_two_people():
    # 1 and 2 are one Nguyễn Thị Lan (her phone on 1), 3 another (her own phone); 2 has no
    # phone and is linked to both on the name: whichever link comes second would put two
    # phones in one person, and is held for a reviewer.
    records = [
        _lan(1, phone="+84 912 345 678"),
        _lan(2),
        _lan(3, phone="0987 654 321"),
    ]
    pairs = _pairs((1, 2, 0.97), (2, 3, 0.95))
    groups, applied, held = _cluster_with_contacts(records, pairs)
    assert groups[1] == groups[2] != groups[3]
    assert applied == [(1, 2, 0.97)]
    assert held == [(2, 3, 0.95, engine.HELD_CONTACTS)]


def test_two_mailboxes_at_one_domain_are_two_people_but_a_work_and_a_personal_address_are_not():
    records = [
        _lan(1, email="lan.nguyen@vwu.example"),
        _lan(2),
        _lan(3, email="nguyen.lan2@vwu.example"),
        _lan(4, email="lan.nguyen@vwu.example"),
        _lan(5),
        _lan(6, email="lannguyen@gmail.example"),
    ]
    pairs = _pairs((1, 2, 0.97), (2, 3, 0.95), (4, 5, 0.97), (5, 6, 0.95))
    groups, _, held = _cluster_with_contacts(records, pairs)
    assert groups[1] == groups[2] != groups[3]  # two mailboxes at vwu.example: two people
    assert groups[4] == groups[5] == groups[6]  # one at work, one at home: one person
    assert held == [(2, 3, 0.95, engine.HELD_CONTACTS)]


def test_the_same_phone_written_two_ways_is_one_phone():
    records = [_lan(1, phone="+84 912 345 678"), _lan(2), _lan(3, phone="0912-345-678")]
    groups, _, held = _cluster_with_contacts(records, _pairs((1, 2, 0.97), (2, 3, 0.95)))
    assert groups[1] == groups[2] == groups[3]
    assert held == []


def test_a_reviewer_may_join_two_records_with_different_phones():
    # a person who changed phone: the reviewer's word binds, the model's rule does not
    records = [_lan(1, phone="+84 912 345 678"), _lan(2, phone="0987 654 321")]
    pairs = _pairs((1, 2, 0.9))
    groups, _, _ = _cluster_with_contacts(records, pairs, must_link=[(1, 2)])
    assert groups[1] == groups[2]
