"""The issue's must-show: a reviewer splits a wrong merge on the web and the reports' unique
counts change accordingly; attendance counts do not. Undo puts the unique counts back."""

import datetime as dt
import html
import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.events.actions import do_create_event
from ctip.linkage.actions import do_merge_people
from ctip.linkage.models import ClusterMember, LinkEvent
from ctip.people.actions import do_record_attendance

FY = "FY2024-25"


@pytest.fixture
def wrong_merge(cast):
    """Somchai (Thai police, at two trainings) and Sokha (Cambodian, at a meeting) are two
    people, wrongly linked into one."""
    refresher = do_create_event(
        cast.program,
        code="TH-002",
        title="Refresher",
        start_date=dt.date(2025, 1, 15),
        country_code="TH",
        event_type="training",
    )
    do_record_attendance(refresher, cast.somchai)
    do_merge_people(cast.admin, cast.somchai, cast.sokha)
    return cast


def _report(client, name, **options):
    url = reverse("report-download", args=[name, "json"])
    answer = client.get(url, {"program": "test", "period": FY, **options})
    assert answer.status_code == 200, answer.content
    return json.loads(answer.content)["rows"]


def _counts(client) -> dict:
    """What the reports say, read as a MEL officer would download them."""
    people = {row["measure"]: row for row in _report(client, "unique-people")}
    cells = ("female", "male", "other", "not_specified", "total")

    def table2(**options):
        return {
            (row["group"], row["country"], key): row[key]
            for row in _report(client, "table2", **options)
            if row["kind"] != "percentage"
            for key in cells
        }

    return {
        "unique": {
            **{measure: people[measure]["unique_people"] for measure in people},
            **{("table2", *key): n for key, n in table2(unique="1").items()},
        },
        "attendances": {
            **{measure: people[measure]["attendances"] for measure in people},
            **{("table2", *key): n for key, n in table2().items()},
            **{("table1", row["country"]): row["total"] for row in _report(client, "table1")},
        },
    }


def _post_form(client, page: str, action: str, **data):
    """Submit the page's form that posts to ACTION, with the page's CSRF token."""
    form = re.search(rf'<form method="post" action="{re.escape(action)}">(.*?)</form>', page, re.S)
    assert form, f"no form posting to {action}"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(1)).group(1)
    answer = client.post(action, {"csrfmiddlewaretoken": html.unescape(token), **data})
    assert answer.status_code == 302
    return answer


def test_a_reviewer_splits_a_wrong_merge_on_the_web_and_the_unique_counts_change_attendance_counts_do_not(  # noqa: E501
    wrong_merge,
):
    cast = wrong_merge
    reviewer = Client(enforce_csrf_checks=True)
    assert reviewer.login(username=cast.mel.username, password=PASSWORD)
    before = _counts(reviewer)
    assert before["unique"]["people-reached"] == 1  # the wrong merge: two people as one
    assert before["attendances"]["people-reached"] == 3
    assert before["unique"][("table2", "state", "Total", "total")] == 1

    person_page = reverse("linkage-person", args=[cast.somchai.pk])
    page = reviewer.get(person_page).content.decode()
    assert "Sokha Chan" in page
    _post_form(reviewer, page, reverse("linkage-split", args=[cast.somchai.pk, cast.sokha.pk]))
    assert (
        ClusterMember.objects.get(person=cast.somchai).cluster_id
        != ClusterMember.objects.get(person=cast.sokha).cluster_id
    )

    after = _counts(reviewer)
    assert after["attendances"] == before["attendances"]  # not one attendance count moves
    changed = {key for key in before["unique"] if after["unique"][key] != before["unique"][key]}
    assert changed == {
        "people-reached",  # at a Thai training and a Cambodian meeting
        "life-of-program",
        ("table2", "state", "Total", "total"),  # Thailand's and Cambodia's rows were right
    }
    for key in changed:
        assert after["unique"][key] == before["unique"][key] + 1, key
    assert after["unique"]["people-trained"] == 1  # only Somchai was trained: no change

    split = LinkEvent.objects.get(kind=LinkEvent.Kind.SPLIT)
    page = reviewer.get(person_page).content.decode()
    _post_form(
        reviewer, page, reverse("linkage-undo", args=[split.pk]), person=str(cast.somchai.pk)
    )
    assert _counts(reviewer) == before
