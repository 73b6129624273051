"""Namesakes in two agencies (issue 13): a record that names no agency, linked on the name
to people of two agencies, does not chain them into one person; the weight of two agencies
against one person is measured from the program's own people."""

from __future__ import annotations

import pytest

from ctip.linkage import engine

from .scoring import clustered


def _huong(unique_id, organisation="", **more):
    return {
        "unique_id": unique_id,
        "name": "Nguyễn Ngọc Hương",
        "country": "VN",
        "sex": "female",
        "organisation": organisation,
        **more,
    }


def test_the_registry_tells_each_records_agency_and_its_top_agency():
    agencies = engine.organisations(
        [
            _huong(1, "Ministry of Public Security"),
            _huong(2, "MPS"),
            _huong(3, "MOLISA"),
            _huong(4, ""),
            _huong(5, "A village savings group"),
        ]
    )
    assert agencies.of[1] == agencies.of[2] != agencies.of[3]
    assert 4 not in agencies.of and 5 not in agencies.of  # none, or one the registry lacks


def test_an_acronym_two_countries_use_is_read_in_the_country_of_its_event_if_the_record_has_none():
    # "MPS" is Laos's Ministry of Public Security and Vietnam's: a sheet from Hanoi means
    # Vietnam's, the one "Bộ Công an" is
    agencies = engine.organisations(
        [
            _huong(1, "Bộ Công an"),
            _huong(2, "MPS", country="", event_country="VN"),
            _huong(3, "MPS", country="", event_country="LA"),
            _huong(4, "MPS", country=""),
        ]
    )
    assert agencies.of[1] == agencies.of[2] != agencies.of[3]
    assert 4 not in agencies.of  # nothing says which: neither


def test_a_record_without_an_agency_does_not_chain_two_agencies_namesakes():
    # 2 names no agency and is linked on the name to both: the second link would put an
    # officer of the Ministry of Public Security and one of MOLISA in one person
    records = [_huong(1, "Ministry of Public Security"), _huong(2), _huong(3, "MOLISA")]
    groups, applied, held = clustered(records, (1, 2, 0.97), (2, 3, 0.95))
    assert groups[1] == groups[2] != groups[3]
    assert applied == [(1, 2, 0.97)]
    assert held == [(2, 3, 0.95, engine.HELD_AGENCIES)]


def test_one_agency_written_two_ways_is_one_agency():
    records = [_huong(1, "Ministry of Public Security"), _huong(2), _huong(3, "MPS")]
    groups, _, held = clustered(records, (1, 2, 0.97), (2, 3, 0.95))
    assert groups[1] == groups[2] == groups[3]
    assert held == []


def test_two_agencies_outweigh_a_likely_link_but_not_a_near_certain_one():
    # nothing here says how often people change agency: the prior, one record in twenty
    # (log2(0.05) = -4.3 bits), against a link at 0.9 (+3.2 bits) and one at 0.999 (+10)
    records = [_huong(1, "Ministry of Public Security"), _huong(2, "MOLISA")]
    assert engine.organisations(records).conflict_weight == pytest.approx(-4.3, abs=0.05)
    groups, _, held = clustered(records, (1, 2, 0.9))
    assert groups[1] != groups[2]
    assert held == [(1, 2, 0.9, engine.HELD_AGENCIES)]
    groups, _, held = clustered(records, (1, 2, 0.999))
    assert groups[1] == groups[2]
    assert held == []


def test_a_person_who_moved_agency_is_one_person_when_a_phone_says_so():
    records = [
        _huong(1, "Ministry of Public Security", phone="+84 912 345 678"),
        _huong(2),
        _huong(3, "MOLISA", phone="0912-345-678"),
    ]
    groups, _, held = clustered(records, (1, 2, 0.97), (2, 3, 0.95))
    assert groups[1] == groups[2] == groups[3]
    assert held == []


def test_a_reviewer_may_join_two_agencies_people():
    records = [_huong(1, "Ministry of Public Security"), _huong(2), _huong(3, "MOLISA")]
    groups, _, held = clustered(records, (1, 2, 0.97), (2, 3, 0.95), must_link=[(2, 3)])
    assert groups[1] == groups[2] == groups[3]


def _people_with_phones(agencies_per_person):
    records, unique_id = [], 0
    for person, agencies in enumerate(agencies_per_person):
        for agency in agencies:
            unique_id += 1
            records.append(
                {"unique_id": unique_id, "name": f"Person {person}", "country": "VN",
                 "organisation": agency, "phone": f"0912 000 {person:03d}"}
            )  # fmt: skip
    return records


def test_what_two_agencies_say_is_measured_from_people_a_phone_identifies():
    staying = _people_with_phones([["MPS", "Ministry of Public Security"], ["MOLISA"] * 2] * 20)
    moving = _people_with_phones([["MPS", "MOLISA"], ["MOLISA", "VWU"]] * 20)
    stay, move = (engine.organisations(records).conflict_weight for records in (staying, moving))
    assert stay < move
    assert stay < -3
    assert move > -1
