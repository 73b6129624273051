"""A country officer's merge moves only records they may see: another country's records
linked to the same person stay where they were."""

from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.linkage.actions import do_merge_people
from ctip.linkage.models import ClusterMember
from ctip.people.actions import do_create_person, do_record_attendance

from .test_review import _pair


def _cluster(person):
    return ClusterMember.objects.get(person=person).cluster_id


def test_a_country_officers_merge_leaves_other_countries_records_where_they_were(client, cast):
    somchay = do_create_person(
        cast.program, full_name="Somchay Srisook", sex="male", country_code="TH",
        consent_given=True,
    )  # fmt: skip
    do_record_attendance(cast.thai_event, somchay)
    # the model had already linked Somchay with Cambodia's Sokha (wrongly, say)
    do_merge_people(cast.mel, somchay, cast.sokha)
    sokhas_cluster = _cluster(cast.sokha)
    assert _cluster(somchay) == sokhas_cluster
    pair = _pair(cast, cast.somchai, somchay)
    assert client.login(username=cast.thai_officer.username, password=PASSWORD)
    response = client.post(reverse("linkage-decide", args=[pair.pk]), {"decision": "same"})
    assert response.status_code == 302
    assert _cluster(somchay) == _cluster(cast.somchai)  # the Thai records are one person
    assert _cluster(cast.sokha) == sokhas_cluster != _cluster(cast.somchai)  # Sokha stayed


def test_a_mel_officers_merge_moves_the_whole_cluster(cast):
    somchay = do_create_person(
        cast.program, full_name="Somchay Srisook", sex="male", country_code="TH",
        consent_given=True,
    )  # fmt: skip
    do_record_attendance(cast.thai_event, somchay)
    do_merge_people(cast.mel, somchay, cast.sokha)
    do_merge_people(cast.mel, cast.somchai, somchay)
    assert _cluster(cast.sokha) == _cluster(cast.somchai) == _cluster(somchay)
