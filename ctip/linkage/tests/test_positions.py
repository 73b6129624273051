"""Positions as sheets write them (issue 13): one position written many ways compares as
one, and namesakes in one agency whose positions differ are not merged on a name alone."""

from __future__ import annotations

import pandas as pd
import pytest

from ctip.linkage import engine
from ctip.linkage.names import position_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("SW", "Social Worker"),  # initials
        ("DD", "Deputy Dir."),
        ("PO", "Programme Officer"),
        ("Invest.", "Investigator"),  # cut short
        ("Tech. Officer", "Technical Officer"),
        ("Unit Head", "Head of Unit"),  # words in another order
        ("Case Worker", "CASEWORKER"),  # run together
        ("Labour Inspector", "Labor Inspector"),  # British and American spelling
        ("Prosecutor", "Public Prosecutor"),  # one within the other
        ("Deputy Director", "Director"),
        ("Legal Officer", "Legal Staff"),  # a word that only says "works here"
        ("Immigration Officer", "Immigration Personnel"),
        # in the region's languages (data/positions.csv)
        ("Penyidik", "Investigator"),
        ("Jaksa Penuntut Umum", "Prosecutor"),
        ("Thẩm phán", "Judge"),
        ("Tham phan", "Judge"),  # without its marks
        ("พนักงานสอบสวน", "Investigator"),
        ("นักสังคมสงเคราะห์", "Social Worker"),
    ],
)
def test_one_position_written_two_ways_agrees(a, b):
    assert engine.positions_agree(position_key(a), position_key(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Investigator", "Social Worker"),
        ("Judge", "Prosecutor"),
        ("Police Captain", "Police Major"),
        ("Case Manager", "Shelter Manager"),
        ("Programme Officer", "Technical Officer"),
        ("Legal Officer", "Police Officer"),
        ("Hakim", "Prosecutor"),  # a judge
        ("Kiểm sát viên", "Investigator"),  # a procurator
    ],
)
def test_different_positions_do_not_agree(a, b):
    assert not engine.positions_agree(position_key(a), position_key(b))


def _thi_lan(unique_id, position, **more):
    return {
        "unique_id": unique_id,
        "name": "Nguyễn Thị Lan",
        "country": "VN",
        "sex": "female",
        "organisation_acronym": "VWU",
        "position": position,
        **more,
    }


def _cluster(records, *links):
    pairs = pd.DataFrame(links, columns=["unique_id_l", "unique_id_r", "match_probability"])
    return engine.cluster(
        [record["unique_id"] for record in records],
        pairs,
        contacts=engine.contacts(records),
        positions=engine.positions(records),
    )


def test_two_thi_lan_in_one_agency_with_different_positions_and_no_contact_stay_two_people():
    # 2 wrote no position and is linked on the name to both: the second link would put a
    # social worker and an investigator in one person on the name alone
    records = [
        _thi_lan(1, "Social Worker"),
        _thi_lan(2, ""),
        _thi_lan(3, "Investigator"),
    ]
    groups, applied, held = _cluster(records, (1, 2, 0.97), (2, 3, 0.95))
    assert groups[1] == groups[2] != groups[3]
    assert applied == [(1, 2, 0.97)]
    assert held == [(2, 3, 0.95, engine.HELD_POSITIONS)]


def test_a_position_written_another_way_is_the_same_position():
    records = [_thi_lan(1, "Social Worker"), _thi_lan(2, ""), _thi_lan(3, "SW")]
    groups, _, held = _cluster(records, (1, 2, 0.97), (2, 3, 0.95))
    assert groups[1] == groups[2] == groups[3]
    assert held == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"phone": "+84 912 345 678"}, {"phone": "0912-345-678"}),
        # one mailbox at work, the same name at home
        ({"email": "lan.nguyen@vwu.example"}, {"email": "lan.nguyen@gmail.example"}),
    ],
)
def test_a_person_who_changed_post_is_one_person_when_a_contact_says_so(first, second):
    records = [
        _thi_lan(1, "Social Worker", **first),
        _thi_lan(2, ""),
        _thi_lan(3, "Investigator", **second),
    ]
    groups, _, held = _cluster(records, (1, 2, 0.97), (2, 3, 0.95))
    assert groups[1] == groups[2] == groups[3]
    assert held == []


def test_a_reviewer_may_join_two_posts_of_one_person():
    records = [_thi_lan(1, "Social Worker"), _thi_lan(2, "Investigator")]
    groups, _, held = engine.cluster(
        [1, 2],
        pd.DataFrame([(1, 2, 0.9)], columns=["unique_id_l", "unique_id_r", "match_probability"]),
        must_link=[(1, 2)],
        contacts=engine.contacts(records),
        positions=engine.positions(records),
    )
    assert groups[1] == groups[2]


def _people_with_phones(posts_per_person):
    """Records of people who write their phone on each sheet; each person's posts."""
    records, unique_id = [], 0
    for person, posts in enumerate(posts_per_person):
        for post in posts:
            unique_id += 1
            records.append(
                {"unique_id": unique_id, "name": f"Person {person}", "position": post,
                 "phone": f"0912 000 {person:03d}"}
            )  # fmt: skip
    return records


def test_what_a_conflict_of_positions_says_is_measured_from_people_a_phone_identifies():
    steady = _people_with_phones([["Judge", "Judge"], ["Social Worker", "SW"]] * 20)
    moving = _people_with_phones([["Judge", "Investigator"], ["Social Worker", "Judge"]] * 20)
    assert engine.positions(steady).conflict_weight < engine.positions(moving).conflict_weight
    assert engine.positions(steady).conflict_weight < -3
    assert engine.positions(moving).conflict_weight > -1
