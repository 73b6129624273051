"""The frameworks on the web: a focal point lands on their report, saves, submits, reads the
reviewer's comments; a reviewer returns and approves; a viewer reads the rates."""

from __future__ import annotations

from django.urls import reverse

from ctip.frameworks.actions import do_open_round
from ctip.frameworks.models import UnitReport

FORM = {
    "value-1.1": "50",
    "value-1.1--female": "30",
    "value-1.1--male": "20",
    "value-2.3": "yes",
    "value-3.1": "40",
    "comment-3.1": "",
    "narrative-1.1": "From the national case database",
}


def test_a_focal_point_lands_on_their_frameworks_and_sees_only_their_report(partners, client):
    round_ = do_open_round(partners.framework, "2024")
    ph = UnitReport.objects.get(round=round_, unit__code="PH")
    th = UnitReport.objects.get(round=round_, unit__code="TH")
    client.force_login(partners.philippines)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("framework-list")
    page = response.content.decode()
    assert reverse("framework-report", args=[ph.pk]) in page
    assert reverse("framework-report", args=[th.pk]) not in page
    assert 'href="/events/"' not in page  # no program pages in the menu
    assert client.get(reverse("framework-report", args=[th.pk])).status_code == 404
    assert client.get(reverse("framework-report", args=[ph.pk])).status_code == 200


def test_a_focal_point_saves_a_draft_then_submits_and_reads_the_reviewers_comments(
    partners, cast, client
):
    round_ = do_open_round(partners.framework, "2024")
    report = UnitReport.objects.get(round=round_, unit__code="PH")
    url = reverse("framework-report", args=[report.pk])
    client.force_login(partners.philippines)
    wrong = {**FORM, "value-1.1--male": "25", "action": "submit"}
    response = client.post(url, wrong)
    assert response.status_code == 400
    assert "female 30 + male 25 is not the total 50" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "draft"  # the values are kept as a draft, not submitted
    assert client.post(url, {**FORM, "action": "submit"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"

    reviewer = client.__class__()
    reviewer.force_login(cast.mel)
    reviewer.post(
        reverse("framework-report-review", args=[report.pk]),
        {"action": "return", "comment": "Please add sources.", "comment-on-3.1": "Which courts?"},
    )
    report.refresh_from_db()
    assert report.status == "returned"
    page = client.get(url).content.decode()
    assert "Please add sources." in page and "Which courts?" in page
    assert 'name="value-3.1" value="40"' in page  # the values are back in the form to correct
    client.post(url, {**FORM, "comment-3.1": "Supreme Court data", "action": "submit"})
    reviewer.post(reverse("framework-report-review", args=[report.pk]), {"action": "approve"})
    report.refresh_from_db()
    assert report.status == "approved" and report.submissions.count() == 2


def test_a_viewer_reads_a_rounds_rates_and_values_but_no_report(partners, cast, client):
    round_ = do_open_round(partners.framework, "2024")
    client.force_login(cast.viewer)
    page = client.get(reverse("framework-round", args=["bohol-2", "2024"])).content.decode()
    assert "0 of 4 units submitted" in page
    report = UnitReport.objects.get(round=round_, unit__code="PH")
    assert client.get(reverse("framework-report", args=[report.pk])).status_code == 404
    csv = client.get(
        reverse("report-download", args=["reporting-rates", "csv"])
        + "?framework=bohol-2&period=2024"
    )
    assert csv.status_code == 200
    assert csv.content.decode("utf-8-sig").startswith(
        "unit,expected,submitted,on_time,approved\nPH,1,0,0,0"
    )


def test_a_manager_downloads_the_framework_file_and_loads_a_revision_on_the_web(
    partners, cast, client
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ctip.frameworks.models import Indicator

    do_open_round(partners.framework, "2024")
    client.force_login(cast.mel)
    original = client.get(reverse("framework-file", args=["bohol-2"])).content.decode()
    assert original.startswith("code: bohol-2\n")
    revised = original.replace(
        "name: Victims identified", "name: Victims of trafficking identified"
    )
    response = client.post(
        reverse("framework-load"),
        {"file": SimpleUploadedFile("bohol-2.yaml", revised.encode())},
        follow=True,
    )
    assert "Loaded: the framework was updated." in response.content.decode()
    assert Indicator.objects.get(code="1.1").name == "Victims of trafficking identified"
    # the open round keeps the wording it opened with
    assert partners.framework.rounds.get().template[0]["name"] == "Victims identified"
    broken = revised.replace("type: percentage", "type: ratio")
    response = client.post(
        reverse("framework-load"),
        {"file": SimpleUploadedFile("bohol-2.yaml", broken.encode())},
        follow=True,
    )
    assert "indicators[2].type: &#x27;ratio&#x27;: use one of" in response.content.decode()
    # a focal point neither downloads nor loads it
    client.force_login(partners.philippines)
    assert client.get(reverse("framework-file", args=["bohol-2"])).status_code == 404
    response = client.post(
        reverse("framework-load"),
        {"file": SimpleUploadedFile("bohol-2.yaml", revised.encode())},
        follow=True,
    )
    assert Indicator.objects.get(code="1.1").name == "Victims of trafficking identified"
