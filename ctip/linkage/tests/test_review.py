"""The review queue on the web: who sees which pairs, accept and reject by plain forms,
split and undo from a person's linked records."""

import pytest
from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.linkage.models import CandidatePair, ClusterMember, LinkEvent
from ctip.people.actions import do_create_person, do_record_attendance


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _pair(cast, a, b, probability=0.6):
    low, high = sorted((a, b), key=lambda person: person.pk)
    return CandidatePair.objects.create(
        program=cast.program,
        person_a=low,
        person_b=high,
        match_probability=probability,
        match_weight=0.5,
        evidence=[
            {"comparison": "name", "level": "same name as spoken", "weight": 9.1},
            {"comparison": "sex", "level": "different", "weight": -4.2},
        ],
    )


@pytest.fixture
def thai_pair(cast):
    somchay = do_create_person(
        cast.program, full_name="Somchay Srisook", sex="male", country_code="TH",
        consent_given=True,
    )  # fmt: skip
    do_record_attendance(cast.thai_event, somchay)
    return _pair(cast, cast.somchai, somchay)


@pytest.fixture
def cambodian_pair(cast):
    other = do_create_person(cast.program, full_name="Sokha Chan", consent_given=True)
    do_record_attendance(cast.cambodian_event, other)
    return _pair(cast, cast.sokha, other, probability=0.7)


def test_the_queue_shows_a_pair_side_by_side_with_evidence(client, cast, thai_pair):
    page = _login(client, cast.mel).get(reverse("linkage-review")).content.decode()
    assert "Somchai Srisuk" in page and "Somchay Srisook" in page
    assert "same name as spoken" in page and "9.1" in page and "-4.2" in page
    assert 'name="decision" value="same"' in page and 'name="decision" value="different"' in page
    assert "linkage/review.js" in page
    assert "<script>" not in page  # no inline script under the CSP


def test_a_pair_from_one_event_is_flagged_as_two_rows_on_one_sheet(client, cast, thai_pair):
    page = _login(client, cast.mel).get(reverse("linkage-review")).content.decode()
    assert "Both records attended TH-001" in page


def test_a_likely_pair_held_back_says_why_it_waits(client, cast, thai_pair):
    thai_pair.held_because = "disagree"
    thai_pair.save()
    page = _login(client, cast.mel).get(reverse("linkage-review")).content.decode()
    assert "the other records linked with each mostly say they are different people" in page


def test_a_likely_pair_held_for_positions_that_differ_says_so_in_the_reviewers_language(
    client, cast, thai_pair
):
    thai_pair.held_because = "positions"
    thai_pair.save()
    reviewer = _login(client, cast.mel)
    page = reviewer.get(reverse("linkage-review")).content.decode()
    assert "give positions that differ: namesakes in one agency" in page
    page = reviewer.get(reverse("linkage-review"), headers={"accept-language": "th"})
    assert "ระเบียนที่เชื่อมกับแต่ละฝ่ายระบุตำแหน่งงานต่างกัน" in page.content.decode()


def test_a_pair_from_different_events_is_not_flagged(client, cast, cambodian_pair):
    Attendance = cambodian_pair.person_b.attendances.model
    Attendance.objects.filter(person=cambodian_pair.person_b).update(event=cast.thai_event)
    page = _login(client, cast.mel).get(reverse("linkage-review")).content.decode()
    assert "Both records attended" not in page


def test_a_country_officer_sees_only_pairs_of_their_countries(
    client, cast, thai_pair, cambodian_pair
):
    page = _login(client, cast.thai_officer).get(reverse("linkage-review")).content.decode()
    assert "Somchay Srisook" in page and "Sokha" not in page
    answer = client.post(reverse("linkage-decide", args=[cambodian_pair.pk]), {"decision": "same"})
    assert answer.status_code == 404
    assert CandidatePair.objects.get(pk=cambodian_pair.pk).status == "open"


def test_viewers_and_outsiders_cannot_review(client, cast, thai_pair):
    assert _login(client, cast.viewer).get(reverse("linkage-review")).status_code == 403
    client.logout()
    _login(client, cast.outsider)
    assert "Somchai" not in client.get(reverse("linkage-review")).content.decode()
    assert client.get(reverse("linkage-review") + "?program=test").status_code == 404
    decide = reverse("linkage-decide", args=[thai_pair.pk])
    assert client.post(decide + "?program=test", {"decision": "same"}).status_code == 404


def test_accepting_a_pair_links_the_records(client, cast, thai_pair):
    _login(client, cast.thai_officer)
    answer = client.post(reverse("linkage-decide", args=[thai_pair.pk]), {"decision": "same"})
    assert answer.status_code == 302
    members = ClusterMember.objects.filter(person__in=[thai_pair.person_a, thai_pair.person_b])
    assert len({member.cluster_id for member in members}) == 1
    assert CandidatePair.objects.get(pk=thai_pair.pk).status == "accepted"
    assert LinkEvent.objects.get(kind="merge").actor == cast.thai_officer


def test_rejecting_a_pair_keeps_them_apart(client, cast, thai_pair):
    _login(client, cast.mel)
    client.post(reverse("linkage-decide", args=[thai_pair.pk]), {"decision": "different"})
    assert CandidatePair.objects.get(pk=thai_pair.pk).status == "rejected"
    assert "Nothing to review" in client.get(reverse("linkage-review")).content.decode()


def test_a_merge_is_split_and_undone_from_the_person_page(client, cast, thai_pair):
    _login(client, cast.mel)
    client.post(reverse("linkage-decide", args=[thai_pair.pk]), {"decision": "same"})
    a, b = thai_pair.person_a, thai_pair.person_b
    page = client.get(reverse("linkage-person", args=[a.pk])).content.decode()
    assert "Somchay Srisook" in page and "Undo" in page
    client.post(reverse("linkage-split", args=[a.pk, b.pk]))
    assert (
        ClusterMember.objects.get(person=a).cluster_id
        != ClusterMember.objects.get(person=b).cluster_id
    )
    split = LinkEvent.objects.get(kind="split")
    client.post(reverse("linkage-undo", args=[split.pk]), {"person": a.pk})
    assert (
        ClusterMember.objects.get(person=a).cluster_id
        == ClusterMember.objects.get(person=b).cluster_id
    )


def test_the_keyboard_script_is_a_static_file(client, cast):
    from django.contrib.staticfiles import finders

    script = finders.find("linkage/review.js")
    assert script and "accept" in open(script).read()


def test_the_review_queue_records_who_was_shown_which_pair(client, cast, thai_pair):
    from ctip.security.models import PersonalDataRead

    _login(client, cast.mel).get(reverse("linkage-review"))
    reads = PersonalDataRead.objects.filter(kind=PersonalDataRead.Kind.LINKAGE_REVIEW)
    assert sorted(reads.values_list("person_id", flat=True)) == sorted(
        [thai_pair.person_a_id, thai_pair.person_b_id]
    )
    assert {(read.username, read.count) for read in reads} == {("mel", 1)}
