from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.results.actions import do_define_indicator
from ctip.results.models import Evidence, StatusRating
from ctip.results.tests.test_results import framework  # noqa: F401

FY = "?period=FY2024-25"


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_a_mel_officer_rates_an_outcome_and_an_administrator_approves_it(client, framework):  # noqa: F811
    cast, _ = framework
    _login(client, cast.mel)
    client.post(
        reverse("results-rate", args=[4]) + FY,
        {"status": "delayed", "justification": "Restructuring at the ministry"},
    )
    rating = StatusRating.objects.get()
    assert rating.state == "draft" and rating.period == "FY2024-25"
    assert client.post(reverse("results-approve", args=[4]) + FY).status_code == 403
    client.logout()
    _login(client, cast.admin)  # an administrator sees every program: name this one
    client.post(reverse("results-approve", args=[4]) + FY + "&program=test")
    rating.refresh_from_db()
    assert rating.state == "approved" and rating.approved_by == cast.admin
    page = client.get(reverse("results-overview") + FY + "&program=test").content.decode()
    assert "Some delay but will be back on track" in page


def test_a_viewer_reads_results_but_cannot_change_them(client, framework):  # noqa: F811
    cast, _ = framework
    _login(client, cast.viewer)
    page = client.get(reverse("results-overview") + FY)
    assert page.status_code == 200 and "Outcome 4" in page.content.decode()
    assert 'name="justification"' not in page.content.decode()
    response = client.post(
        reverse("results-rate", args=[4]) + FY, {"status": "on-track", "justification": "x"}
    )
    assert response.status_code == 403 and not StatusRating.objects.exists()


def test_an_outsider_sees_no_results(client, framework):  # noqa: F811
    cast, _ = framework
    _login(client, cast.outsider)
    assert client.get(reverse("results-overview") + "?program=test").status_code == 404


def test_an_entered_actual_needs_evidence_and_shows_on_the_indicator(client, framework):  # noqa: F811
    cast, ios = framework
    do_define_indicator(
        cast.program, code="IO1.1", title="Laws endorsed", level="outcome", outcome=ios[1]
    )
    _login(client, cast.mel)
    url = reverse("results-indicator", args=["IO1.1"]) + FY
    client.post(url, {"value": "2", "evidence": "Gazette notice"})
    page = client.get(url).content.decode()
    assert "Gazette notice" in page and 'data-testid="actual">2 /' in page


def test_a_quote_is_recorded_only_with_consent_to_publish(client, framework):  # noqa: F811
    cast, ios = framework
    _login(client, cast.mel)
    data = {
        "kind": "quote",
        "title": "On MERL training",
        "text": "We now track trends",
        "country": "VN",
        "date": "2025-05-01",
        "speaker": "Partner",
        "outcomes": [ios[4].pk],
    }
    response = client.post(reverse("results-add-evidence"), data)
    assert response.status_code == 200 and not Evidence.objects.exists()
    client.post(reverse("results-add-evidence"), {**data, "consent_to_publish": "on"})
    assert Evidence.objects.get().outcomes.get() == ios[4]


def test_the_admin_site_adds_a_wording_instead_of_rewriting_an_outcome(client, framework):  # noqa: F811
    cast, ios = framework
    _login(client, cast.admin)
    page = client.get(f"/admin/programs/outcome/{ios[4].pk}/change/").content.decode()
    assert 'name="title"' not in page and "wordings-0-title" in page
