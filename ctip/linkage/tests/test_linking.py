"""Linking records into people: known variants link, same-name different people stay apart,
reviewer decisions bind later runs, merges and splits are reversible and audited."""

from __future__ import annotations

from io import StringIO

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.linkage.actions import (
    do_link_people,
    do_merge_people,
    do_split_people,
    do_undo_link_event,
)
from ctip.linkage.models import CandidatePair, ClusterMember, LinkEvent, ReviewDecision
from ctip.people.models import Attendance

# Each entry: one real person written several ways (at events 1-3), with the same
# organisation and country. Two "Nguyen Van Anh" who are different people close the list.
PEOPLE = [
    [
        ("Pol. Lt. Col. Somchai Boonma", "TH", "male", "Royal Thai Police", "RTP"),
        ("Somchay Bunma", "TH", "male", "RTP", ""),
        ("บุญมา สมชาย", "TH", "male", "Royal Thai Police", "RTP"),
    ],
    [
        ("Santos, Maria Cristina", "PH", "female", "Department of Justice", "DOJ"),
        ("Atty. Ma. Cristina Santos", "PH", "female", "DOJ", ""),
        ("Maria Cristina Santos", "PH", "female", "Department of Justice", "DOJ"),
    ],
    [
        ("U Aung Kyaw Zaw", "MM", "male", "Myanmar Police Force", "MPF"),
        ("Aung Kyaw Zaw", "MM", "male", "MPF", ""),
    ],
    [
        ("Dr. Budi Santoso, S.H., M.H.", "ID", "male", "Attorney General's Office", "AGO"),
        ("Budi Santoso", "ID", "male", "AGO", ""),
    ],
    [
        ("Daw Khin Myint Thu", "MM", "female", "Department of Social Welfare", "DSW"),
        ("Khin Myint Thu", "MM", "female", "Department of Social Welfare", "DSW"),
    ],
    [
        ("Nguyễn Văn Anh", "VN", "male", "Ministry of Public Security", "MPS"),
        ("Anh Nguyen Van", "VN", "male", "MPS", ""),
    ],
    [
        ("Nguyễn Văn Anh", "KH", "female", "Cambodian Women's Crisis Center", "CWCC"),
    ],
    [
        ("Judge Ana Reyes", "PH", "female", "Supreme Court", "SC"),
        ("Ana Reyes", "PH", "female", "Supreme Court", "SC"),
    ],
    [("Sophal Keo", "KH", "female", "Ministry of Interior", "MOI")],
    [("Wilai Sriwattana", "TH", "female", "Department of Special Investigation", "DSI")],
    [("Kittisak Inthanon", "TH", "male", "Office of the Attorney General", "OAG")],
    [("Siti Rahayu", "ID", "female", "Indonesian National Police", "POLRI")],
]


def _rows():
    rows = []
    for truth, writings in enumerate(PEOPLE):
        for event, (name, country, sex, organisation, acronym) in enumerate(writings, start=1):
            rows.append(
                {
                    "name": name,
                    "country": country,
                    "sex": sex,
                    "organisation": organisation,
                    "acronym": acronym,
                    "event": f"EV-{event}",
                    "truth": truth,
                }
            )
    return rows


def _cluster(person):
    return ClusterMember.objects.get(person=person).cluster_id


@pytest.fixture
def linked(record, program, cast):
    rows = _rows()
    people = record(rows)
    do_link_people(program)
    return people, rows


def _by_truth(people, rows):
    groups = {}
    for person, row in zip(people, rows, strict=True):
        groups.setdefault(row["truth"], []).append(person)
    return groups


def test_the_written_variants_of_one_person_link_into_one(linked):
    people, rows = linked
    for truth, records in _by_truth(people, rows).items():
        clusters = {_cluster(person) for person in records}
        assert len(clusters) == 1, PEOPLE[truth]


def test_same_name_different_people_stay_apart(linked):
    people, rows = linked
    groups = _by_truth(people, rows)
    vietnamese_anh, cambodian_anh = groups[5][0], groups[6][0]
    assert _cluster(vietnamese_anh) != _cluster(cambodian_anh)
    assert len({_cluster(person) for person in people}) == len(PEOPLE)


def test_linking_again_changes_nothing(linked, program):
    people, _ = linked
    before = {person.pk: _cluster(person) for person in people}
    report = do_link_people(program)
    assert report.links_made == 0
    assert {person.pk: _cluster(person) for person in people} == before


def test_a_new_record_joins_the_person_it_belongs_to(linked, record, program):
    people, _ = linked
    (new,) = record(
        [
            {
                "name": "Somchai Boonma",
                "country": "TH",
                "sex": "male",
                "organisation": "Royal Thai Police",
                "acronym": "RTP",
                "event": "EV-4",
            }
        ]
    )
    report = do_link_people(program)
    assert report.new_records == 1
    assert _cluster(new) == _cluster(people[0])


def test_an_incremental_run_does_not_undo_a_reviewers_split(linked, record, program, cast):
    people, _ = linked
    somchai, somchay = people[0], people[1]
    do_split_people(cast.mel, somchai, somchay)
    assert _cluster(somchai) != _cluster(somchay)
    record([{"name": "Somchai Bunma", "country": "TH", "sex": "male", "event": "EV-5"}])
    do_link_people(program)
    assert _cluster(somchai) != _cluster(somchay)
    do_link_people(program, rebuild=True)
    assert _cluster(somchai) != _cluster(somchay)


def test_a_rebuild_keeps_a_reviewers_merge(linked, program, cast):
    people, rows = linked
    groups = _by_truth(people, rows)
    vietnamese_anh, cambodian_anh = groups[5][0], groups[6][0]
    do_merge_people(cast.mel, vietnamese_anh, cambodian_anh)
    do_link_people(program, rebuild=True)
    assert _cluster(vietnamese_anh) == _cluster(cambodian_anh)


def test_a_merge_can_be_undone_and_is_audited(linked, cast):
    people, rows = linked
    groups = _by_truth(people, rows)
    a, b = groups[9][0], groups[10][0]
    before = {person.pk: _cluster(person) for person in people}
    attendances = list(Attendance.objects.order_by("pk").values_list("pk", "person_id", "event"))
    with set_actor(cast.mel):
        event = do_merge_people(cast.mel, a, b)
    assert _cluster(a) == _cluster(b)
    assert ReviewDecision.objects.get(link_event=event).same_person
    assert LogEntry.objects.get_for_model(ClusterMember).filter(actor=cast.mel).exists()
    do_undo_link_event(cast.mel, event)
    assert {person.pk: _cluster(person) for person in people} == before
    assert ReviewDecision.objects.get(link_event=event).withdrawn_at is not None
    assert list(Attendance.objects.order_by("pk").values_list("pk", "person_id", "event")) == (
        attendances
    )
    assert LogEntry.objects.get_for_model(ClusterMember).exists()
    assert LinkEvent.objects.filter(kind=LinkEvent.Kind.UNDO).count() == 1


def test_a_split_can_be_undone(linked, cast):
    people, _ = linked
    event = do_split_people(cast.mel, people[0], people[1])
    assert _cluster(people[0]) != _cluster(people[1])
    do_undo_link_event(cast.mel, event)
    assert _cluster(people[0]) == _cluster(people[1])
    with pytest.raises(ValueError, match="undone"):
        do_undo_link_event(cast.mel, event)


def test_uncertain_pairs_wait_for_review_with_evidence(record, program):
    record(
        [
            {"name": "Wichai Thongdee", "country": "TH", "sex": "male", "event": "EV-1"},
            {"name": "Wichai Thongdi", "country": "", "sex": "", "event": "EV-2"},
            {"name": "Ana Reyes", "country": "PH", "sex": "female", "event": "EV-1"},
            {"name": "Sokha Chan", "country": "KH", "sex": "female", "event": "EV-1"},
        ]
    )
    do_link_people(program)
    pair = CandidatePair.objects.get()
    assert pair.status == CandidatePair.Status.OPEN
    assert {item["comparison"] for item in pair.evidence} >= {"name", "country", "sex"}


def test_a_likely_pair_from_one_event_waits_for_review_and_says_why(record, program):
    record(
        [
            {"name": "Wichai Thongdee", "country": "TH", "sex": "male", "event": "EV-1"},
            {"name": "Wichai Thongdee", "country": "TH", "sex": "male", "event": "EV-1"},
        ]
    )
    do_link_people(program)
    pair = CandidatePair.objects.get()
    assert pair.match_probability >= 0.5
    assert pair.held_because == "same-event"
    assert ClusterMember.objects.values("cluster").distinct().count() == 2


def test_the_link_command_prints_what_it_did(linked, cast):
    out = StringIO()
    call_command("people", "--as", cast.mel.username, "link", stdout=out)
    text = out.getvalue()
    assert "incremental" in text and "unique people" in text
    call_command("people", "link", "--rebuild", "--program", "test", stdout=out)
    assert "rebuilt from scratch" in out.getvalue()


def test_a_country_officer_cannot_run_the_linkage(cast):
    with pytest.raises(CommandError, match="administrator or MEL officer"):
        call_command("people", "--as", cast.thai_officer.username, "link")


_LAN_OF_THE_WOMENS_UNION = {
    "name": "Nguyễn Thị Lan",
    "country": "VN",
    "sex": "female",
    "organisation": "Vietnam Women's Union",
    "acronym": "VWU",
}


def _joins_one_and_queues_the_other(program, first, second, third, *, held_because):
    """After a run, THIRD joins FIRST or SECOND, who stay two people, and the link to the
    other waits for a reviewer, held for HELD_BECAUSE."""
    do_link_people(program)
    assert _cluster(first) != _cluster(second)
    assert _cluster(third) in {_cluster(first), _cluster(second)}
    assert CandidatePair.objects.filter(
        program=program, status=CandidatePair.Status.OPEN, held_because=held_because
    ).exists()


def test_a_record_without_a_phone_between_two_namesakes_with_phones_waits_for_a_reviewer(
    record, program
):
    # Two Nguyễn Thị Lan at the Women's Union, each with her own phone; a third sheet
    # writes the name without one. Either woman may have written it: the model links it to
    # neither, and its links to both wait for a reviewer, who is told why.
    lan = _LAN_OF_THE_WOMENS_UNION
    first, second, third = record(
        [
            {**lan, "phone": "+84 912 345 678", "event": "EV-1"},
            {**lan, "phone": "+84 987 654 321", "event": "EV-2"},
            {**lan, "event": "EV-3"},
        ]
    )
    do_link_people(program)
    assert len({_cluster(first), _cluster(second), _cluster(third)}) == 3
    waiting = CandidatePair.objects.filter(program=program, status=CandidatePair.Status.OPEN)
    assert {
        frozenset((pair.person_a_id, pair.person_b_id))
        for pair in waiting.filter(held_because="name-only")
    } == {frozenset((first.pk, third.pk)), frozenset((second.pk, third.pk))}


def test_a_record_without_an_organisation_joins_one_of_two_namesakes_and_queues_the_other(
    record, program
):
    # Lan of the Women's Union and Lan of MOLISA, each with her phone; a sheet without an
    # organisation or a phone is linked to both by the model: it joins one, and the link
    # that would put two phones in one person waits for a reviewer.
    lan = {"name": "Nguyễn Thị Lan", "country": "VN", "sex": "female"}
    first, second, third = record(
        [
            {**lan, "organisation": "Vietnam Women's Union", "acronym": "VWU",
             "phone": "+84 912 345 678", "event": "EV-1"},
            {**lan, "organisation": "Ministry of Labour, Invalids and Social Affairs",
             "acronym": "MOLISA", "phone": "+84 987 654 321", "event": "EV-2"},
            {**lan, "event": "EV-3"},
        ]
    )  # fmt: skip
    _joins_one_and_queues_the_other(program, first, second, third, held_because="contacts")


def test_a_record_without_a_position_joins_one_of_two_namesakes_and_queues_the_other(
    record, program
):
    # two Lan at the Women's Union, a social worker and an investigator, no phone or email;
    # a sheet that gives only the name and country is linked to both: it joins one, and
    # the link that would make a social worker and an investigator one person waits
    lan = _LAN_OF_THE_WOMENS_UNION
    first, second, third = record(
        [
            {**lan, "position": "Social Worker", "event": "EV-1"},
            {**lan, "position": "Investigator", "event": "EV-2"},
            {"name": "Nguyễn Thị Lan", "country": "VN", "event": "EV-3"},
        ]
    )  # fmt: skip
    _joins_one_and_queues_the_other(program, first, second, third, held_because="positions")


def test_a_record_without_an_agency_joins_one_of_two_agencies_namesakes_and_queues_the_other(
    record, program
):
    # Lan of the Women's Union and Lan of MOLISA, each with her work mailbox (no phone); a
    # sheet that gives only the name and country is linked to both: it joins one, and the
    # link that would make people of two agencies one person waits for a reviewer
    lan = {"name": "Nguyễn Thị Lan", "country": "VN", "sex": "female"}
    first, second, third = record(
        [
            {**lan, "organisation": "Vietnam Women's Union", "acronym": "VWU",
             "email": "lan@vwu.example", "event": "EV-1"},
            {**lan, "organisation": "Ministry of Labour, Invalids and Social Affairs",
             "acronym": "MOLISA", "email": "ntlan@molisa.example", "event": "EV-2"},
            {"name": "Nguyễn Thị Lan", "country": "VN", "event": "EV-3"},
        ]
    )  # fmt: skip
    _joins_one_and_queues_the_other(program, first, second, third, held_because="agencies")


def test_a_program_with_no_people_yet_links_nothing_and_says_so(program):
    report = do_link_people(program)
    assert report.records == 0
    assert report.people_after == 0
    assert report.links_made == 0


def test_a_program_with_one_person_links_nothing(record, program):
    record([{"name": "Siti Rahayu", "country": "ID", "sex": "female", "event": "EV-1"}])
    report = do_link_people(program)
    assert (report.records, report.people_after, report.links_made) == (1, 1, 0)
